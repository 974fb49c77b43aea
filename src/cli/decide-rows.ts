/**
 * `zhengdi evaluate --workers`: one chunk of JSONL rows to record lines and error lines, the
 * same bytes the single-threaded command writes for those rows. Runs in the worker threads. No
 * Node APIs.
 */
import type { Engine } from '../create-engine';
import type { LongLine } from '../node/jsonl-decide';
import { jsonlItem, recordLine, type EvaluateFlags } from './record-line';

// As the single-threaded command reads lines (readline over a UTF-8 stream): bad bytes become
// U+FFFD, a byte order mark is kept.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

/** The outcome of one chunk of rows. */
export interface RowsResult {
  /** Record lines (UTF-8 JSONL), in row order. */
  bytes: Uint8Array;
  /** `FILE: line N: reason` for each row that failed, in row order. */
  errors: string[];
  rows: number;
  records: number;
}

/**
 * Decides the rows of one chunk (UTF-8 bytes whose first line is line `start`, 0-based) as
 * `zhengdi evaluate` does: blank lines are skipped, each other line is an input or an envelope.
 */
export function decideRows(engine: Pick<Engine, 'evaluate'>, bytes: Uint8Array, start: number, longLines: readonly LongLine[], name: string, file: string, flags: EvaluateFlags): RowsResult {
  const lines = decoder.decode(bytes).split('\n');
  const long = new Map(longLines.map((l) => [l.line, l]));
  const out: string[] = [];
  const errors: string[] = [];
  let rows = 0;
  for (let i = 0; i < lines.length; i++) {
    let text = lines[i]!;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    const line = start + i + 1;
    const tooLong = long.get(start + i);
    if (!tooLong && text.trim() === '') continue;
    rows++;
    const result = tooLong ? { error: `longer than ${tooLong.limit} bytes, not read (${tooLong.bytes} bytes)` } : recordLine(engine, jsonlItem(name, line, text), flags);
    if ('line' in result) out.push(result.line);
    else errors.push(`${file}: line ${line}: ${result.error}\n`);
  }
  return { bytes: encoder.encode(out.join('')), errors, rows, records: out.length };
}
