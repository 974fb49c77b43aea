/**
 * Sealed record files: every record line carries its place and the chain hash up to it, and a
 * final seal line gives the count, the first and last record ids and the chain head. Pure (no
 * Node APIs); the SHA-256 is injectable so Node can use its native one (the same bytes).
 *
 * The format (docs/auditors.md, "Sealed record files"):
 * - record line n: `{"chain":{"hash":H(n),"n":n},…the record's other fields…}` (canonical JSON,
 *   `chain` sorts first), where H(0) = {@link GENESIS} and
 *   H(n) = SHA-256 of the ASCII text H(n−1) followed by record n's `recordHash`;
 * - the seal, last: `{"count":N,"first":id|null,"format":"zhengdi-seal/1","head":H(N),"last":id|null}`;
 * - after the seal, zero or more signature lines (`sign.ts`).
 */
import type { Sha256Hex } from '../audit/record';
import { canonicalJson, sha256Hex } from '../engine/canonical-json';

/**
 * The format tag of a seal line.
 *
 * @example
 * ```ts
 * JSON.parse(lastLine).format === SEAL_FORMAT; // the file is sealed
 * ```
 */
export const SEAL_FORMAT = 'zhengdi-seal/1' as const;

/**
 * The name of the chain rule, hashed to give {@link GENESIS}.
 *
 * @example
 * ```ts
 * sha256Hex(CHAIN_RULE) === GENESIS; // true
 * ```
 */
export const CHAIN_RULE = 'zhengdi-chain/1' as const;

/**
 * The chain hash before the first record: SHA-256 of the ASCII text `zhengdi-chain/1`.
 *
 * @example
 * ```ts
 * chainHash(GENESIS, firstRecord.recordHash) === firstRecord.chain.hash; // true in a sealed file
 * ```
 */
export const GENESIS = 'c9616f4e4252d77fc60d358fb71fb1b190602635b4bdbae8ba996130bb47ec83' as string;

/**
 * The seal: the last line of a sealed record file.
 *
 * @example
 * ```ts
 * const seal: Seal = { format: 'zhengdi-seal/1', count: 8, first: 'TJ-01', last: 'TJ-08', head: 'c0…' };
 * ```
 */
export interface Seal {
  format: typeof SEAL_FORMAT;
  /** How many records the file holds. */
  count: number;
  /** The id of the first record (null when it has none, or the file has no record). */
  first: string | null;
  /** The id of the last record. */
  last: string | null;
  /** The chain hash of the last record ({@link GENESIS} for an empty file). */
  head: string;
}

/**
 * The chain hash of a record: SHA-256 of the previous chain hash followed by its `recordHash`.
 *
 * @example
 * ```ts
 * chainHash(GENESIS, record.recordHash); // the chain hash of record 1
 * ```
 */
export function chainHash(previous: string, recordHash: string, sha256: Sha256Hex = sha256Hex): string {
  return sha256(previous + recordHash);
}

/**
 * The seal's line (canonical JSON, no newline): the bytes a signature covers.
 *
 * @example
 * ```ts
 * sealText({ format: SEAL_FORMAT, count: 0, first: null, last: null, head: GENESIS });
 * ```
 */
export function sealText(seal: Seal): string {
  return canonicalJson({ count: seal.count, first: seal.first, format: SEAL_FORMAT, head: seal.head, last: seal.last });
}

/**
 * Where a chain stands: enough to go on writing it (`--resume`).
 *
 * @example
 * ```ts
 * const state: ChainState = { count: 0, head: GENESIS, first: null, last: null };
 * ```
 */
export interface ChainState {
  count: number;
  head: string;
  first: string | null;
  last: string | null;
}

const PREFIX_OK = /^\{"(?:[d-z]|c[i-z])/; // the record's first key must sort after "chain"
const NEWLINE = 10;
const encoder = new TextEncoder();

/**
 * Writes a sealed record file: {@link RecordChain.link} turns each record's canonical text (as
 * written by `recordText`) into its chained line, {@link RecordChain.seal} gives the seal line.
 * The per-line cost is one SHA-256 of 128 ASCII characters and a string concatenation: the
 * record itself is not parsed or hashed again.
 *
 * @example
 * ```ts
 * const chain = new RecordChain();
 * for (const r of records) out.write(chain.link(r.text, r.recordHash, r.id));
 * out.write(chain.seal());
 * ```
 */
export class RecordChain {
  private readonly sha256: Sha256Hex;
  private s: ChainState;

  constructor(options: { sha256?: Sha256Hex; state?: ChainState } = {}) {
    this.sha256 = options.sha256 ?? sha256Hex;
    this.s = options.state ? { ...options.state } : { count: 0, head: GENESIS, first: null, last: null };
  }

  /** Where the chain stands (after the records linked so far). */
  get state(): ChainState {
    return { ...this.s };
  }

  private next(recordHash: string, id: string | null): string {
    const n = this.s.count + 1;
    const hash = this.sha256(this.s.head + recordHash);
    this.s = { count: n, head: hash, first: n === 1 ? id : this.s.first, last: id };
    return `{"chain":{"hash":"${hash}","n":${n}},`;
  }

  /** Record `text` (canonical JSON, `{…}`, no newline) as the next line of the file, with `\n`. */
  link(text: string, recordHash: string, id: string | null): string {
    if (!PREFIX_OK.test(text)) throw new Error('a record line must be canonical JSON whose first key sorts after "chain"');
    return this.next(recordHash, id) + text.slice(1) + '\n';
  }

  /**
   * Record lines as text (each `{…}\n`, as `decideRowLines` gives them) to their chained
   * lines, one string: the same text as {@link link} line by line.
   */
  linkLines(lines: readonly string[], recordHashes: readonly string[], ids: readonly (string | null)[]): string {
    if (lines.length !== recordHashes.length) throw new Error('one record hash per record line');
    let out = '';
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (!PREFIX_OK.test(line) || !line.endsWith('\n')) throw new Error('a record line must be canonical JSON whose first key sorts after "chain", with its newline');
      out += this.next(recordHashes[i]!, ids[i] ?? null) + line.slice(1);
    }
    return out;
  }

  /**
   * Record lines as UTF-8 bytes (each `{…}\n`, as a worker writes them) to their chained lines:
   * the same bytes as {@link link} line by line, without decoding the records.
   */
  linkBytes(bytes: Uint8Array, recordHashes: readonly string[], ids: readonly (string | null)[]): Uint8Array {
    // Each prefix is ASCII (hex digits, digits and punctuation): one byte a character, written
    // straight into the output, which is made once at its final size.
    const prefixes: string[] = new Array<string>(recordHashes.length);
    let size = bytes.length;
    for (let i = 0; i < recordHashes.length; i++) {
      const p = this.next(recordHashes[i]!, ids[i] ?? null);
      prefixes[i] = p;
      size += p.length - 1;
    }
    const out = new Uint8Array(size);
    let from = 0;
    let at = 0;
    for (let i = 0; i < prefixes.length; i++) {
      const nl = bytes.indexOf(NEWLINE, from);
      if (nl < 0 || bytes[from] !== 0x7b) throw new Error('record bytes must be lines of JSON objects, one per record hash');
      const p = prefixes[i]!;
      const { written } = encoder.encodeInto(p, out.subarray(at, at + p.length));
      if (written !== p.length) throw new Error('a chain hash must be hex digits');
      at += p.length;
      out.set(bytes.subarray(from + 1, nl + 1), at);
      at += nl - from;
      from = nl + 1;
    }
    if (from !== bytes.length) throw new Error('more record lines than record hashes');
    return out;
  }

  /** The seal as the file's last line (with `\n`). */
  seal(): string {
    return sealText(this.sealValue()) + '\n';
  }

  /** The seal as a value. */
  sealValue(): Seal {
    return { format: SEAL_FORMAT, count: this.s.count, first: this.s.first, last: this.s.last, head: this.s.head };
  }
}
