/**
 * Checks a record file line by line: each record's own hash, the hash chain, the seal and the
 * signatures. Reports every deleted, inserted, reordered, duplicated or edited record, a file
 * cut short, and a missing or wrong seal, each with its line number. Streams in bounded memory
 * (besides a set of chain-hash prefixes, to name duplicates). Pure.
 */
import { recordHashOf, type Sha256Hex } from '../audit/record';
import { sha256Hex } from '../engine/canonical-json';
import { GENESIS, SEAL_FORMAT, type Seal } from './chain';
import { SIGNATURE_FORMAT, verifySignature } from './sign';

/**
 * What is wrong at a line (`code` is stable):
 * `HASH_MISMATCH` (the record no longer matches its own `recordHash`: edited), `EDITED` (its
 * hash was recomputed, but it no longer follows the previous record), `DELETED`, `INSERTED`, `REORDERED`, `DUPLICATED`, `TRUNCATED`
 * (the last line is cut off), `SEAL_MISSING`, `SEAL_MISMATCH`, `NOT_A_RECORD`,
 * `SIGNATURE_INVALID`, `SIGNATURE_MISSING` (no valid signature by a key the verifier was given).
 *
 * @example
 * ```ts
 * const code: FileProblemCode = 'DELETED';
 * ```
 */
export type FileProblemCode =
  | 'HASH_MISMATCH' | 'EDITED' | 'DELETED' | 'INSERTED' | 'REORDERED' | 'DUPLICATED' | 'TRUNCATED'
  | 'SEAL_MISSING' | 'SEAL_MISMATCH' | 'NOT_A_RECORD' | 'SIGNATURE_INVALID' | 'SIGNATURE_MISSING';

/**
 * One problem of a record file.
 *
 * @example
 * ```ts
 * const p: FileProblem = { line: 4, code: 'DELETED', message: 'record 4 is missing: it came before line 4' };
 * ```
 */
export interface FileProblem {
  /** 1-based line of the file (for a missing seal: the line after the last). */
  line: number;
  code: FileProblemCode;
  message: string;
}

/**
 * What {@link RecordFileVerifier.end} reports. `status`: `intact` (sealed, chain and seal hold,
 * signatures valid), `unsealed` (a file from before sealed files: no chain, no seal; each
 * record's own hash was still checked), `broken` (see `problems`).
 *
 * @example
 * ```ts
 * if (report.status !== 'intact') for (const p of report.problems) console.log(p.line, p.code);
 * ```
 */
export interface FileVerification {
  status: 'intact' | 'unsealed' | 'broken';
  /** Record lines read. */
  records: number;
  seal?: Seal & { line: number };
  signatures: Array<{ line: number; publicKey: string; valid: boolean; trusted: boolean }>;
  problems: FileProblem[];
}

/**
 * Options of {@link RecordFileVerifier}.
 *
 * @example
 * ```ts
 * const options: VerifyOptions = { publicKeys: ['d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'] };
 * ```
 */
export interface VerifyOptions {
  sha256?: Sha256Hex;
  /** Public keys (hex) whose valid signature the file must carry (`zhengdi verify --public-key`). */
  publicKeys?: readonly string[];
}

/**
 * What a line of a record file is.
 *
 * @example
 * ```ts
 * if (verifier.line(n, text) === 'record') replay(text);
 * ```
 */
export type LineKind = 'record' | 'seal' | 'signature' | 'blank' | 'invalid';

interface Gap {
  from: number;
  to: number;
  line: number;
}

const MAX_SEEN = 2_000_000;
const HEX64 = /^[0-9a-f]{64}$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Feed it the lines of a record file in order ({@link RecordFileVerifier.line}), then call
 * {@link RecordFileVerifier.end}.
 *
 * @example
 * ```ts
 * const v = new RecordFileVerifier();
 * lines.forEach((text, i) => v.line(i + 1, text));
 * const report = v.end();
 * ```
 */
export class RecordFileVerifier {
  private readonly sha256: Sha256Hex;
  private readonly keys: readonly string[];
  private readonly problems: FileProblem[] = [];
  private records = 0;
  private unchained = 0;
  private chained = 0;
  private expect = 1;
  private prev = GENESIS;
  private last?: { line: number; n: number; before: string; broken?: FileProblem };
  private jump?: { line: number; n: number; id: string | null; from: number; before: string; recordHash: string; hash: string };
  private strays: Array<{ line: number; n: number; id: string | null; recordHash: string; hash: string; problem: FileProblem }> = [];
  private gaps: Gap[] = [];
  private readonly seen = new Map<string, number>();
  private ids: { first: string | null; last: string | null } = { first: null, last: null };
  private seal?: Seal & { line: number };
  private readonly signatures: FileVerification['signatures'] = [];
  private lastLine = 0;
  private lastBad?: FileProblem;

  constructor(options: VerifyOptions = {}) {
    this.sha256 = options.sha256 ?? sha256Hex;
    this.keys = (options.publicKeys ?? []).map((k) => k.toLowerCase());
  }

  private problem(line: number, code: FileProblemCode, message: string): FileProblem {
    const p = { line, code, message };
    this.problems.push(p);
    return p;
  }

  /** Reads line `line` (1-based) of the file; says what it was. */
  line(line: number, text: string): LineKind {
    if (text.trim() === '') return 'blank';
    this.lastLine = line;
    this.lastBad = undefined;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      this.lastBad = this.problem(line, 'NOT_A_RECORD', `not JSON: ${(e as Error).message}`);
      return 'invalid';
    }
    if (!isObject(v)) {
      this.lastBad = this.problem(line, 'NOT_A_RECORD', 'not a JSON object');
      return 'invalid';
    }
    if (v.format === SEAL_FORMAT) return this.sealLine(line, v);
    if (v.format === SIGNATURE_FORMAT) return this.signatureLine(line, v);
    if (typeof v.recordHash !== 'string') {
      this.lastBad = this.problem(line, 'NOT_A_RECORD', `not a record, a seal or a signature (format ${JSON.stringify(v.format)})`);
      return 'invalid';
    }
    this.record(line, v);
    return 'record';
  }

  private sealLine(line: number, v: Record<string, unknown>): LineKind {
    const ok = Number.isInteger(v.count) && (v.count as number) >= 0 && typeof v.head === 'string' && HEX64.test(v.head)
      && (v.first === null || typeof v.first === 'string') && (v.last === null || typeof v.last === 'string');
    if (!ok) {
      this.problem(line, 'SEAL_MISMATCH', 'a seal line without a valid count, head, first and last');
      return 'invalid';
    }
    if (this.seal) {
      this.problem(line, 'SEAL_MISMATCH', `a second seal (the first is on line ${this.seal.line})`);
      return 'seal';
    }
    if (Number.isInteger(v.count)) this.fillFromStrays((v.count as number) + 1, `the seal (line ${line})`);
    this.seal = { format: SEAL_FORMAT, count: v.count as number, first: v.first as string | null, last: v.last as string | null, head: v.head as string, line };
    const s = this.seal;
    const count = this.expect - 1;
    if (s.count > count) {
      this.problem(line, 'DELETED', `the seal counts ${s.count} records; the file holds ${count} in sequence: record${s.count - count > 1 ? `s ${count + 1}–${s.count} are` : ` ${s.count} is`} missing at the end`);
    } else if (s.count < count) {
      this.problem(line, 'SEAL_MISMATCH', `the seal counts ${s.count} records, the file holds ${count}`);
    } else if (s.head !== this.prev) {
      this.problem(line, 'SEAL_MISMATCH', `the seal's chain head ${s.head.slice(0, 12)}… is not the last record's chain hash ${this.prev.slice(0, 12)}…`);
    }
    if (s.count <= count && (s.first !== this.ids.first || s.last !== this.ids.last)) {
      this.problem(line, 'SEAL_MISMATCH', `the seal names records ${JSON.stringify(s.first)} to ${JSON.stringify(s.last)}, the file holds ${JSON.stringify(this.ids.first)} to ${JSON.stringify(this.ids.last)}`);
    }
    return 'seal';
  }

  private signatureLine(line: number, v: Record<string, unknown>): LineKind {
    if (!this.seal) {
      this.problem(line, 'SIGNATURE_INVALID', 'a signature before any seal');
      return 'signature';
    }
    const valid = verifySignature(this.seal, v);
    const publicKey = typeof v.publicKey === 'string' ? v.publicKey : '';
    this.signatures.push({ line, publicKey, valid, trusted: valid && this.keys.includes(publicKey) });
    if (!valid) this.problem(line, 'SIGNATURE_INVALID', `the signature${publicKey ? ` by key ${publicKey.slice(0, 16)}…` : ''} does not verify against the seal: the records or the seal were changed after signing`);
    return 'signature';
  }

  private inGap(n: number): Gap | undefined {
    return this.gaps.find((g) => g.from <= n && n <= g.to);
  }

  private removeFromGap(n: number): void {
    const i = this.gaps.findIndex((g) => g.from <= n && n <= g.to);
    if (i < 0) return;
    const g = this.gaps[i]!;
    const parts: Gap[] = [];
    if (g.from < n) parts.push({ ...g, to: n - 1 });
    if (n < g.to) parts.push({ ...g, from: n + 1 });
    this.gaps.splice(i, 1, ...parts);
  }

  private record(line: number, v: Record<string, unknown>): void {
    this.records++;
    const recordHash = v.recordHash as string;
    const id = typeof v.id === 'string' ? v.id : null;
    let computed: string | undefined;
    try {
      computed = recordHashOf(v as never, this.sha256);
    } catch {
      computed = undefined;
    }
    if (computed !== recordHash) this.problem(line, 'HASH_MISMATCH', 'the record does not match its recordHash: it was changed after it was made');
    if (this.seal) {
      this.problem(line, 'INSERTED', `a record after the seal (line ${this.seal.line})`);
      return;
    }
    const link = v.chain;
    if (!isObject(link) || typeof link.hash !== 'string' || !HEX64.test(link.hash) || !Number.isInteger(link.n) || (link.n as number) < 1) {
      this.unchained++;
      if (link !== undefined) this.problem(line, 'EDITED', 'the record\'s chain link is malformed');
      else if (this.chained > 0) this.problem(line, 'INSERTED', 'a record without a chain link in a sealed file');
      return;
    }
    if (this.chained === 0 && this.unchained > 0) this.problem(line, 'INSERTED', `the file starts with ${this.unchained} record(s) without a chain link`);
    this.chained++;
    const n = link.n as number;
    const hash = link.hash;
    const key = hash.slice(0, 24);
    const jump = this.jump;
    this.jump = undefined;
    const dup = this.seen.get(key);
    if (dup !== undefined) {
      this.problem(line, 'DUPLICATED', `a copy of record ${n} (line ${dup})`);
      return;
    }
    if (this.seen.size < MAX_SEEN) this.seen.set(key, line);
    const follows = (before: string) => this.sha256(before + recordHash) === hash;

    if (jump && n === jump.from && follows(jump.before)) {
      // The line before jumped ahead, and this one continues from before it.
      this.removeFromGap(n);
      if (this.sha256(hash + jump.recordHash) === jump.hash) {
        this.problem(line, 'REORDERED', `record ${n} comes after record ${n + 1} (line ${jump.line}): the two lines are swapped`);
        return;
      }
      // The line before belongs elsewhere (moved from later, or inserted): decided when a gap shows where it fits.
      this.gaps = this.gaps.filter((g) => g.line !== jump.line);
      this.strays.push({ line: jump.line, n: jump.n, recordHash: jump.recordHash, hash: jump.hash,
        id: jump.id, problem: this.problem(jump.line, 'INSERTED', `record ${jump.n} does not continue the chain here (line ${line} does): inserted, or moved from its place`) });
      this.accept(line, n, hash, id);
      return;
    }
    if (n > this.expect) this.fillFromStrays(n, `line ${line}`);
    if (n === this.expect) {
      const before = this.prev;
      let broken: FileProblem | undefined;
      if (!follows(before)) broken = this.problem(line, 'EDITED', `record ${n} does not follow ${n > 1 ? `record ${n - 1}` : 'the start of the chain'}: it was changed and re-hashed, or inserted`);
      this.accept(line, n, hash, id, broken);
      return;
    }
    if (n === this.expect - 1 && this.last && this.last.n === n && follows(this.last.before)) {
      // This line and the one before both claim number n; this one is the chain's: the one before was inserted.
      const message = `a record inserted before record ${n} (line ${line}), which continues the chain`;
      if (this.last.broken) Object.assign(this.last.broken, { code: 'INSERTED', message });
      else this.problem(this.last.line, 'INSERTED', message);
      this.prev = hash;
      this.last = { line, n, before: this.last.before };
      if (n === 1) this.ids.first = id;
      this.ids.last = id;
      return;
    }
    if (n > this.expect) {
      this.gaps.push({ from: this.expect, to: n - 1, line });
      this.jump = { line, n, id, from: this.expect, before: this.prev, recordHash, hash };
      this.accept(line, n, hash, id);
      return;
    }
    const gap = this.inGap(n);
    if (gap) {
      this.removeFromGap(n);
      this.problem(line, 'REORDERED', `record ${n} is out of place: it belongs before line ${gap.line}`);
      return;
    }
    this.problem(line, 'INSERTED', `record number ${n} again (record ${this.expect} was expected): a record inserted`);
  }

  /** Out-of-place records seen earlier that fill the chain from `expect` on (up to `until`): they were moved. */
  private fillFromStrays(until: number, where: string): void {
    while (this.expect < until) {
      const stray = this.strays.find((s) => s.n === this.expect && this.sha256(this.prev + s.recordHash) === s.hash);
      if (!stray) return;
      stray.problem.code = 'REORDERED';
      stray.problem.message = `record ${stray.n} is out of place: it belongs before ${where}`;
      this.strays.splice(this.strays.indexOf(stray), 1);
      this.accept(stray.line, stray.n, stray.hash, stray.id);
    }
  }

  private accept(line: number, n: number, hash: string, id: string | null, broken?: FileProblem): void {
    this.last = { line, n, before: this.prev, ...(broken ? { broken } : {}) };
    this.prev = hash;
    this.expect = n + 1;
    if (n === 1) this.ids.first = id;
    this.ids.last = id;
  }

  /** The report, once every line was read. */
  end(): FileVerification {
    if (this.lastBad && this.lastBad.line === this.lastLine && this.lastBad.code === 'NOT_A_RECORD') {
      this.lastBad.code = 'TRUNCATED';
      this.lastBad.message = `the last line is incomplete (${this.lastBad.message}): the file was cut short`;
    }
    for (const g of this.gaps) {
      this.problem(g.line, 'DELETED', g.from === g.to ? `record ${g.from} is missing: it came before line ${g.line}` : `records ${g.from}–${g.to} are missing: they came before line ${g.line}`);
    }
    const sealed = this.chained > 0 || this.seal !== undefined;
    if (sealed && !this.seal) {
      this.problem(this.lastLine + 1, 'SEAL_MISSING', `no seal line: the file ends after line ${this.lastLine} (record ${this.expect - 1}); it was cut short or its run did not finish`);
    }
    for (const k of this.keys) {
      if (!this.signatures.some((s) => s.valid && s.publicKey === k)) {
        this.problem(this.lastLine + 1, 'SIGNATURE_MISSING', `no valid signature by the public key ${k.slice(0, 16)}…`);
      }
    }
    this.problems.sort((a, b) => a.line - b.line);
    const status = this.problems.length > 0 ? 'broken' : sealed ? 'intact' : 'unsealed';
    return { status, records: this.records, ...(this.seal ? { seal: this.seal } : {}), signatures: this.signatures, problems: this.problems };
  }
}

/**
 * Verifies a whole record file given as text or lines.
 *
 * @example
 * ```ts
 * verifyRecordFile(text).status; // 'intact' | 'unsealed' | 'broken'
 * ```
 */
export function verifyRecordFile(file: string | Iterable<string>, options: VerifyOptions = {}): FileVerification {
  const v = new RecordFileVerifier(options);
  const lines = typeof file === 'string' ? file.split('\n') : file;
  let i = 0;
  for (const l of lines) v.line(++i, l.endsWith('\r') ? l.slice(0, -1) : l);
  return v.end();
}
