import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test as fcTest } from '@fast-check/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { lineChunks } from '../../src/node/line-chunks';
import { lineRanges, readRange, type LineRange, type LineRangeOptions } from '../../src/node/line-ranges';
import { runs } from '../property-runs';

// `zhengdi evaluate --workers` on a plain file (issue 21): the main thread cuts the file into
// byte ranges of whole lines and numbers their first lines; each worker reads its own ranges.
// A worker must see the bytes (and too-long lines) that the streaming splitter, lineChunks,
// gives for the same lines.

const tmp = mkdtempSync(join(tmpdir(), 'zhengdi-ranges-'));
const dec = new TextDecoder();
let fds: number[] = [];
afterEach(() => {
  for (const fd of fds) closeSync(fd);
  fds = [];
});

let n = 0;
function opened(content: string | Uint8Array): { fd: number; size: number } {
  const file = join(tmp, `f${n++}.jsonl`);
  writeFileSync(file, content);
  const fd = openSync(file, 'r');
  fds.push(fd);
  return { fd, size: typeof content === 'string' ? Buffer.byteLength(content) : content.length };
}

function ranges(content: string, options: Partial<LineRangeOptions> = {}): { ranges: LineRange[]; texts: string[] } {
  const { fd, size } = opened(content);
  const rs = [...lineRanges(fd, size, { maxLines: 1000, maxBytes: 1 << 20, maxLineBytes: 1 << 20, ...options })];
  return { ranges: rs, texts: rs.map((r) => dec.decode(readRange(fd, r))) };
}

const spans = (rs: LineRange[]) => rs.map((r) => [r.start, r.end, r.firstLine, r.lines]);

describe('lineRanges: byte ranges of whole lines', () => {
  it('an empty file has no ranges', () => {
    expect(ranges('').ranges).toEqual([]);
  });

  it('cuts after the newline that reaches the line or byte limit, numbering each range\'s first line', () => {
    // "a\n" is bytes 0–1, "bb\n" 2–4, "ccc\n" 5–8, "d\n" 9–10.
    expect(spans(ranges('a\nbb\nccc\nd\n', { maxLines: 2 }).ranges)).toEqual([[0, 5, 0, 2], [5, 11, 2, 2]]);
    // maxBytes 5 is reached exactly at the newline ending "bb" (byte 4): the range ends there, not one line later.
    expect(spans(ranges('a\nbb\nccc\nd\n', { maxBytes: 5 }).ranges)).toEqual([[0, 5, 0, 2], [5, 11, 2, 2]]);
    // A newline that is the last byte of a block read, and one that is the first.
    for (const blockBytes of [1, 2, 3, 5]) {
      expect(spans(ranges('a\nbb\nccc\nd\n', { maxLines: 1, blockBytes }).ranges)).toEqual([[0, 2, 0, 1], [2, 5, 1, 1], [5, 9, 2, 1], [9, 11, 3, 1]]);
    }
  });

  it('a CRLF file: the carriage return stays with its line, the range ends after the line feed', () => {
    const r = ranges('{"a":1}\r\n{"b":2}\r\n', { maxLines: 1 });
    expect(spans(r.ranges)).toEqual([[0, 9, 0, 1], [9, 18, 1, 1]]);
    expect(r.texts).toEqual(['{"a":1}\r\n', '{"b":2}\r\n']);
  });

  it('a file without a final newline: its last line ends the last range', () => {
    const r = ranges('x\ny', { maxLines: 1 });
    expect(spans(r.ranges)).toEqual([[0, 2, 0, 1], [2, 3, 1, 1]]);
    expect(r.texts).toEqual(['x\n', 'y']);
  });

  it('a line longer than a range\'s byte limit is a range of its own, whole', () => {
    const long = 'L'.repeat(50);
    const r = ranges(`a\n${long}\nb\n`, { maxBytes: 10 });
    expect(spans(r.ranges)).toEqual([[0, 53, 0, 2], [53, 55, 2, 1]]);
    expect(r.texts).toEqual([`a\n${long}\n`, 'b\n']);
  });

  it('a line longer than the line limit is not read: a lone newline stands in, and it is reported with its length', () => {
    const r = ranges('ok\n123456\r\nfine\n1234567', { maxLineBytes: 5 });
    expect(r.texts).toEqual(['ok\n\nfine\n\n']);
    // "123456\r" is 7 bytes before its newline (the carriage return counts, as in lineChunks).
    expect(r.ranges[0]!.longLines).toEqual([
      { line: 1, bytes: 7, limit: 5, from: 3, to: 11 },
      { line: 3, bytes: 7, limit: 5, from: 16, to: 23 },
    ]);
  });

  it('fromLine (--resume) starts the first range at that line, numbered as in the whole file', () => {
    const r = ranges('a\nb\nc\nd\n', { maxLines: 2, fromLine: 1 });
    expect(spans(r.ranges)).toEqual([[2, 6, 1, 2], [6, 8, 3, 1]]);
    expect(r.texts).toEqual(['b\nc\n', 'd\n']);
  });

  const line = fc.oneof(fc.string({ maxLength: 12 }), fc.constant(''), fc.constant('\r'), fc.string({ minLength: 20, maxLength: 40 }));
  fcTest.prop([fc.array(line, { maxLength: 40 }), fc.boolean(), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 50 })], { numRuns: runs(200) })(
    'the lines, line numbers and too-long lines are those of lineChunks, however the file is cut',
    async (lines, finalNewline, maxLines, maxBytes, blockBytes) => {
      const content = lines.join('\n') + (finalNewline && lines.length > 0 ? '\n' : '');
      const maxLineBytes = 16;
      const r = ranges(content, { maxLines, maxBytes, maxLineBytes, blockBytes });
      const chunks = [];
      for await (const c of lineChunks([content], 1_000_000, maxLineBytes)) chunks.push(c);
      const all = chunks[0];
      expect(r.texts.join('')).toBe(all ? dec.decode(all.bytes) : '');
      expect(r.ranges.flatMap((x) => x.longLines.map(({ line, bytes, limit }) => ({ line, bytes, limit })))).toEqual(all?.longLines ?? []);
      // Ranges are contiguous, cover the file, and each starts at the line after the last one's.
      let at = 0;
      let first = 0;
      for (const x of r.ranges) {
        expect([x.start, x.firstLine]).toEqual([at, first]);
        expect(x.lines).toBeLessThanOrEqual(maxLines);
        at = x.end;
        first += x.lines;
      }
      expect(at).toBe(Buffer.byteLength(content));
      expect(first).toBe(all?.lines ?? 0);
    },
  );
});
