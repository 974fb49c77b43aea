import type { LongLine } from './jsonl-decide';

/** A run of whole lines of a JSONL source, as its own UTF-8 bytes. @internal */
export interface LineChunk {
  /** 0-based number of the first line. */
  start: number;
  /** Number of lines in the chunk (a too-long line counts, as an empty line in `bytes`). */
  lines: number;
  /** The lines, each ending in `\n` except perhaps the last line of the source. A fresh buffer (a copy): safe to transfer. */
  bytes: Uint8Array;
  /** Lines longer than the limit: their bytes are not in `bytes`, an empty line stands in. */
  longLines: LongLine[];
}

const NEWLINE = 10;
const encoder = new TextEncoder();

/**
 * Splits a JSONL source (a file stream, stdin, strings) into chunks of `linesPerChunk` whole
 * lines without decoding or parsing anything: the calling thread only looks for newline bytes
 * and copies bytes, so that workers do all the parsing and deciding. A line longer than
 * `maxLineBytes` is not kept (memory stays bounded whatever the file holds); it is reported in
 * `longLines` and an empty line takes its place. Byte pieces are held (as views) until their
 * chunk is copied out, so the source must not reuse a buffer it has yielded (Node streams do
 * not). @internal
 */
export async function* lineChunks(source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, linesPerChunk: number, maxLineBytes: number): AsyncGenerator<LineChunk> {
  let parts: Uint8Array[] = []; // whole lines of the current chunk
  let size = 0;
  let lines = 0;
  let start = 0;
  let longLines: LongLine[] = [];
  let line: Uint8Array[] = []; // the unfinished line (bytes before its newline, from earlier pieces)
  let lineBytes = 0;

  const take = (): LineChunk => {
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.length;
    }
    const chunk = { start, lines, bytes, longLines };
    start += lines;
    parts = [];
    size = 0;
    lines = 0;
    longLines = [];
    return chunk;
  };
  const push = (p: Uint8Array) => {
    if (p.length === 0) return;
    parts.push(p);
    size += p.length;
  };
  /** Ends the current line with `tail`, the bytes of this piece up to and including its newline. */
  const endLine = (tail: Uint8Array) => {
    const total = lineBytes + tail.length - (tail[tail.length - 1] === NEWLINE ? 1 : 0);
    if (total > maxLineBytes) {
      longLines.push({ line: start + lines, bytes: total, limit: maxLineBytes });
      push(Uint8Array.of(NEWLINE));
    } else {
      for (const p of line) push(p);
      push(tail);
    }
    line = [];
    lineBytes = 0;
    lines++;
  };

  for await (const piece of source) {
    const buf = typeof piece === 'string' ? encoder.encode(piece) : piece;
    let pos = 0;
    while (pos < buf.length) {
      const nl = buf.indexOf(NEWLINE, pos);
      if (nl < 0) {
        // The rest starts a line that ends in a later piece; once it is too long, stop keeping it.
        const rest = buf.subarray(pos);
        lineBytes += rest.length;
        if (lineBytes <= maxLineBytes) line.push(rest);
        else line = [];
        break;
      }
      if (lineBytes === 0 && nl - pos <= maxLineBytes) {
        // Whole lines inside this piece: as many as the chunk takes, in one view.
        let end = nl + 1;
        let count = 1;
        while (lines + count < linesPerChunk) {
          const next = buf.indexOf(NEWLINE, end);
          if (next < 0 || next - end > maxLineBytes) break;
          end = next + 1;
          count++;
        }
        push(buf.subarray(pos, end));
        lines += count;
        pos = end;
      } else {
        endLine(buf.subarray(pos, nl + 1));
        pos = nl + 1;
      }
      if (lines >= linesPerChunk) yield take();
    }
  }
  if (lineBytes > 0) endLine(new Uint8Array(0));
  if (lines > 0) yield take();
}
