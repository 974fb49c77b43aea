/**
 * `zhengdi evaluate --workers`: one chunk of JSONL rows to record lines and error lines, the
 * same bytes the single-threaded command writes for those rows. Runs in the worker threads. No
 * Node APIs.
 */
import type { Sha256Hex } from '../audit/record';
import { jsonlItem, recordLine, type EvaluateFlags } from './rows';

/** A line of a JSONL chunk that was too long to read (its bytes were dropped). @internal */
export interface LongLine {
  /** 0-based line number. */
  line: number;
  bytes: number;
  limit: number;
}

// As the single-threaded command reads lines (readline over a UTF-8 stream): bad bytes become
// U+FFFD, a byte order mark is kept (and skipped by jsonlItem when it opens line 1).
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

/** The outcome of one chunk of rows. */
export interface RowsResult {
  /** Record lines (UTF-8 JSONL, without chain links), in row order. */
  bytes: Uint8Array;
  /** Each record's `recordHash` and id, in the same order (for `RecordChain.linkBytes`). */
  hashes: string[];
  ids: Array<string | null>;
  /** `FILE: line N: reason` for each row that failed, in row order. */
  errors: string[];
  rows: number;
  records: number;
}

/** The outcome of one chunk of rows with its record lines as text, before they are encoded. */
export interface RowLines extends Omit<RowsResult, 'bytes'> {
  /** Record lines (each `{…}\n`, without chain links), in row order. */
  lines: string[];
}

/**
 * Decides the rows of one chunk (UTF-8 bytes whose first line is line `start`, 0-based) as
 * `zhengdi evaluate` does: blank lines are skipped, each other line is an input or an envelope.
 * The record lines as one block of UTF-8 bytes, as a worker returns them.
 */
export function decideRows(engine: Parameters<typeof recordLine>[0], bytes: Uint8Array, start: number, longLines: readonly LongLine[], name: string, file: string, flags: EvaluateFlags, sha256?: Sha256Hex): RowsResult {
  const { lines, ...rest } = decideRowLines(engine, bytes, start, longLines, name, file, flags, sha256);
  return { bytes: encoder.encode(lines.join('')), ...rest };
}

/**
 * {@link decideRows} with the record lines as text: for the thread that links and writes them
 * itself (`zhengdi evaluate FILE.jsonl` without `--workers`), which then encodes each line once,
 * when it writes it, instead of encoding, scanning and copying the block.
 */
export function decideRowLines(engine: Parameters<typeof recordLine>[0], bytes: Uint8Array, start: number, longLines: readonly LongLine[], name: string, file: string, flags: EvaluateFlags, sha256?: Sha256Hex): RowLines {
  const lines = decoder.decode(bytes).split('\n');
  const long = new Map(longLines.map((l) => [l.line, l]));
  const out: string[] = [];
  const hashes: string[] = [];
  const ids: Array<string | null> = [];
  const errors: string[] = [];
  let rows = 0;
  for (let i = 0; i < lines.length; i++) {
    let text = lines[i]!;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    const line = start + i + 1;
    const tooLong = long.get(start + i);
    if (!tooLong && text.trim() === '') continue;
    rows++;
    const result = tooLong ? { error: `longer than ${tooLong.limit} bytes, not read (${tooLong.bytes} bytes)` } : recordLine(engine, jsonlItem(name, line, text), flags, sha256);
    if ('line' in result) {
      out.push(result.line);
      hashes.push(result.recordHash);
      ids.push(result.id);
    }
    else errors.push(`${file}: line ${line}: ${result.error}\n`);
  }
  return { lines: out, hashes, ids, errors, rows, records: out.length };
}
