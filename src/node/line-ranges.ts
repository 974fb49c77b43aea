import { readSync } from 'node:fs';
import type { LongLine } from './jsonl-decide';

/**
 * A run of whole lines of a JSONL file, by byte offsets: what `zhengdi evaluate --workers` sends
 * a worker instead of the bytes, so that the worker reads its own shard of the file. @internal
 */
export interface LineRange {
  /** Byte offset of the range's first line. */
  start: number;
  /** Byte offset just after the range: after a `\n`, or the end of the file. */
  end: number;
  /** 0-based number of the first line. */
  firstLine: number;
  /** Lines in the range (a line without a final newline at the end of the file counts). */
  lines: number;
  /**
   * Lines longer than the limit, with the bytes they span (`from` to `to`, the newline
   * included): a worker does not read them; an empty line takes their place, as in `lineChunks`.
   */
  longLines: SkippedLine[];
}

/** A too-long line of a {@link LineRange}: its number and length, and where its bytes are. @internal */
export interface SkippedLine extends LongLine {
  from: number;
  to: number;
}

/** How {@link lineRanges} cuts a file. @internal */
export interface LineRangeOptions {
  /** At most this many lines a range. */
  maxLines: number;
  /** A range ends at the first line end at or after this many bytes (the bytes a worker reads). */
  maxBytes: number;
  /** A line longer than this (without its newline) is not read: see {@link LineRange.longLines}. */
  maxLineBytes: number;
  /** Lines before this one (0-based) are skipped: the first range starts with it (`--resume`). */
  fromLine?: number;
  /** Bytes read at a time while looking for newlines (default 1 MiB). */
  blockBytes?: number;
}

const NEWLINE = 10;

/**
 * Cuts the first `size` bytes of an open file into ranges of whole lines. The calling thread
 * reads each byte once, in blocks, only to find its newlines (so each range knows the number of
 * its first line, which record ids and error messages need); it copies nothing. Ranges are
 * yielded as they are found, so workers start on the first while the rest is scanned. The same
 * file and options always give the same ranges, and a range boundary never depends on how many
 * workers read them. @internal
 */
export function* lineRanges(fd: number, size: number, options: LineRangeOptions): Generator<LineRange, void, undefined> {
  const { maxLines, maxBytes, maxLineBytes, fromLine = 0 } = options;
  if (!(maxLines >= 1) || !(maxBytes >= 1)) throw new RangeError('maxLines and maxBytes must be at least 1');
  const buf = Buffer.allocUnsafe(Math.max(1, Math.min(options.blockBytes ?? 1 << 20, size || 1)));
  let line = 0; // number of the line being scanned
  let lineStart = 0; // its first byte
  let start = 0; // the current range's first byte
  let firstLine = 0;
  let lines = 0;
  let kept = 0; // bytes a worker reads for the current range
  let longLines: SkippedLine[] = [];
  const ranges: LineRange[] = [];

  /** The line that started at `lineStart` has `length` bytes before its newline; the next starts at `next`. */
  const endLine = (length: number, next: number) => {
    if (line < fromLine) {
      line++;
      lineStart = start = next;
      firstLine = line;
      return;
    }
    if (length > maxLineBytes) {
      longLines.push({ line, bytes: length, limit: maxLineBytes, from: lineStart, to: next });
      kept += 1; // the newline that stands in for it
    } else kept += next - lineStart;
    line++;
    lines++;
    lineStart = next;
    if (lines >= maxLines || kept >= maxBytes) {
      ranges.push({ start, end: next, firstLine, lines, longLines });
      start = next;
      firstLine = line;
      lines = 0;
      kept = 0;
      longLines = [];
    }
  };

  let offset = 0;
  while (offset < size) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, size - offset), offset);
    if (n === 0) throw new Error(`the file ended at byte ${offset}, before its size when the run began (${size} bytes)`);
    const block = n === buf.length ? buf : buf.subarray(0, n);
    let at = block.indexOf(NEWLINE);
    while (at >= 0) {
      endLine(offset + at - lineStart, offset + at + 1);
      at = block.indexOf(NEWLINE, at + 1);
    }
    offset += n;
    yield* ranges;
    ranges.length = 0;
  }
  if (lineStart < size) endLine(size - lineStart, size);
  if (lines > 0) ranges.push({ start, end: size, firstLine, lines, longLines });
  yield* ranges;
}

/**
 * Reads a {@link LineRange} of an open file: its bytes, each too-long line replaced by a lone
 * newline. These are the bytes `lineChunks` gives for the same lines (a chunk of a stream).
 * @internal
 */
export function readRange(fd: number, range: Pick<LineRange, 'start' | 'end' | 'longLines'>): Uint8Array {
  let length = range.end - range.start;
  for (const l of range.longLines) length -= l.to - l.from - 1;
  const out = new Uint8Array(length);
  let at = 0;
  const copy = (from: number, to: number) => {
    while (from < to) {
      const n = readSync(fd, out, at, to - from, from);
      if (n === 0) throw new Error(`the file ended at byte ${from}, before byte ${to} (was it changed during the run?)`);
      at += n;
      from += n;
    }
  };
  let pos = range.start;
  for (const l of range.longLines) {
    copy(pos, l.from);
    out[at++] = NEWLINE;
    pos = l.to;
  }
  copy(pos, range.end);
  return out;
}
