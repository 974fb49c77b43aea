import { Readable } from 'node:stream';
import { fc, test as fcTest } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, evaluateBatch } from '../../src';
import type * as NodeEntry from '../../src/node';
import { evaluateJsonLines } from '../../src/node';
import { decideJsonLines } from '../../src/node/jsonl-decide';
import { lineChunks, type LineChunk } from '../../src/node/line-chunks';
import { households } from '../analysis/generate';
import { runs } from '../property-runs';

// JSONL batches (issue 8): the calling thread only splits bytes at newlines; workers parse,
// decide and write JSON. The worker half runs the BUILT package (dist/); the splitting and the
// per-chunk deciding are tested here in-process, from the sources.

const root = new URL('../../', import.meta.url);
const enc = new TextEncoder();
const dec = new TextDecoder();
let node: typeof NodeEntry;

beforeAll(async () => {
  node = (await import(new URL('dist/node.js', root).href)) as typeof NodeEntry;
});

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const text = (chunks: Uint8Array[]) => chunks.map((b) => dec.decode(b)).join('');

/** Cuts `s` into pieces at the given UTF-16 positions (as bytes, like a file stream's pieces). */
function pieces(s: string, cuts: number[]): Uint8Array[] {
  const bytes = enc.encode(s);
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const c of [...at, bytes.length]) {
    out.push(bytes.subarray(from, c));
    from = c;
  }
  return out;
}

/**
 * The results `evaluateBatch` gives for these lines, one JSON line each, `index` = line number;
 * a line that is not JSON is the documented INVALID_INPUT error at its line.
 */
function expectedJsonl(lines: string[], fields?: string[]): string {
  const engine = createEngine();
  const out: string[] = [];
  lines.forEach((l, i) => {
    if (l.trim() === '') return;
    let input: unknown;
    try {
      input = JSON.parse(l);
    } catch (e) {
      const message = `not JSON (${(e as Error).message})`;
      out.push(JSON.stringify({ index: i, error: { code: 'INVALID_INPUT', message: `line ${i + 1}: ${message}`, issues: [{ path: [], message }] } }));
      return;
    }
    const [r] = [...evaluateBatch(engine, 'eligibility', [input])];
    const withIndex = { ...r!, index: i } as Record<string, unknown>;
    if (fields && 'decision' in r!) withIndex.decision = Object.fromEntries(fields.map((f) => [f, (r!.decision as unknown as Record<string, unknown>)[f]]));
    out.push(JSON.stringify(withIndex));
  });
  return out.map((l) => l + '\n').join('');
}

describe('lineChunks: splitting a byte stream into whole lines', () => {
  fcTest.prop(
    [fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replace(/\n/g, ' ')), { maxLength: 40 }), fc.array(fc.nat(2000), { maxLength: 12 }), fc.integer({ min: 1, max: 7 }), fc.boolean()],
    { numRuns: runs(200) },
  )('whatever the pieces, the chunks hold every byte, in order, in whole lines', async (lines, cuts, perChunk, finalNewline) => {
    const source = lines.join('\n') + (finalNewline && lines.length > 0 ? '\n' : '');
    const chunks: LineChunk[] = await collect(lineChunks(pieces(source, cuts), perChunk, 1_000));
    expect(text(chunks.map((c) => c.bytes))).toBe(source);
    let next = 0;
    for (const c of chunks) {
      expect(c.start).toBe(next);
      expect(c.lines).toBeGreaterThan(0);
      expect(c.lines).toBeLessThanOrEqual(perChunk);
      const body = dec.decode(c.bytes);
      // whole lines: every chunk but the last ends with a newline; lines = newlines (+1 for an unterminated last line)
      const newlines = body.split('\n').length - 1;
      expect(c.lines).toBe(newlines + (body.endsWith('\n') ? 0 : 1));
      next += c.lines;
    }
    expect(next).toBe(source === '' ? 0 : source.split('\n').length - (source.endsWith('\n') ? 1 : 0));
  });

  fcTest.prop(
    [fc.array(fc.string({ unit: 'binary-ascii', maxLength: 12 }).map((s) => s.replace(/\n/g, '.')), { minLength: 1, maxLength: 30 }), fc.array(fc.nat(400), { maxLength: 10 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 10 })],
    { numRuns: runs(300) },
  )('whatever the pieces, exactly the lines longer than maxLineBytes are dropped and reported', async (lines, cuts, perChunk, max) => {
    const source = lines.join('\n') + '\n';
    const chunks = await collect(lineChunks(pieces(source, cuts), perChunk, max));
    expect(text(chunks.map((c) => c.bytes))).toBe(lines.map((l) => (enc.encode(l).length > max ? '' : l) + '\n').join(''));
    expect(chunks.flatMap((c) => c.longLines)).toEqual(lines.flatMap((l, i) => (enc.encode(l).length > max ? [{ line: i, bytes: enc.encode(l).length, limit: max }] : [])));
    expect(chunks.reduce((n, c) => n + c.lines, 0)).toBe(lines.length);
  });

  it('a line longer than maxLineBytes is dropped (an empty line stands in) and reported with its number and size', async () => {
    const long = 'x'.repeat(50);
    const source = `{"a":1}\n${long}\n{"b":2}\n${long}x`;
    for (const cuts of [[], [3, 9, 20, 40, 61], [8, 9, 10, 11]]) {
      const chunks = await collect(lineChunks(pieces(source, cuts), 2, 20));
      expect(text(chunks.map((c) => c.bytes))).toBe('{"a":1}\n\n{"b":2}\n\n');
      expect(chunks.flatMap((c) => c.longLines)).toEqual([
        { line: 1, bytes: 50, limit: 20 },
        { line: 3, bytes: 51, limit: 20 },
      ]);
    }
  });

  it('exactly maxLineBytes is kept (the newline does not count)', async () => {
    const chunks = await collect(lineChunks(['1234\n12345\n'], 10, 4));
    expect(text(chunks.map((c) => c.bytes))).toBe('1234\n\n');
    expect(chunks[0]!.longLines).toEqual([{ line: 1, bytes: 5, limit: 4 }]);
  });

  it('strings are read as UTF-8, and every chunk is a fresh buffer (safe to transfer)', async () => {
    const src = enc.encode('{"名":"张三"}\n{"名":"李四"}\n');
    const chunks = await collect(lineChunks([src], 1, 100));
    expect(chunks.map((c) => dec.decode(c.bytes))).toEqual(['{"名":"张三"}\n', '{"名":"李四"}\n']);
    for (const c of chunks) expect(c.bytes.buffer).not.toBe(src.buffer);
    expect(text((await collect(lineChunks(['{"名":', '"张三"}\n'], 5, 100))).map((c) => c.bytes))).toBe('{"名":"张三"}\n');
  });
});

describe('decideJsonLines: one chunk of lines to one chunk of results', () => {
  const engine = createEngine();
  const sample = [...households(6, 41)].map((h) => JSON.stringify(h));

  it('each non-blank line gives its evaluateBatch result, indexed by line number (blank lines give nothing)', () => {
    const lines = [sample[0]!, '', sample[1]!, '   ', sample[2]!];
    const out = dec.decode(decideJsonLines(engine, 'eligibility', enc.encode(lines.join('\n') + '\n'), 0, {}, undefined));
    expect(out).toBe(expectedJsonl(lines));
    expect(out.split('\n').filter(Boolean).map((l) => JSON.parse(l).index)).toEqual([0, 2, 4]);
  });

  it('`start` offsets the line numbers; CRLF line ends and a byte order mark on line 0 are read', () => {
    const crlf = enc.encode(`\uFEFF${sample[0]}\r\n${sample[1]}\r\n`);
    const out = dec.decode(decideJsonLines(engine, 'eligibility', crlf, 0, {}, undefined));
    expect(out).toBe(expectedJsonl([sample[0]!, sample[1]!]));
    const later = dec.decode(decideJsonLines(engine, 'eligibility', enc.encode(`${sample[0]}\n`), 41, {}, undefined));
    expect(JSON.parse(later).index).toBe(41);
  });

  it('a line that is not JSON, not UTF-8 or too long is an INVALID_INPUT error at its line; the other lines are decided', () => {
    const bad = new Uint8Array([...enc.encode(`${sample[0]}\n{"noticeDate":\n`), 0xff, 0xfe, 10, ...enc.encode(`\n${sample[1]}\n`)]);
    const results = dec
      .decode(decideJsonLines(engine, 'eligibility', bad, 10, {}, ['outcome'], [{ line: 13, bytes: 99, limit: 20 }]))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(results.map((r) => r.index)).toEqual([10, 11, 12, 13, 14]);
    expect(results[1].error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/^line 12: not JSON \(/), issues: [{ path: [] }] });
    expect(results[2].error).toEqual({ code: 'INVALID_INPUT', message: 'line 13: not valid UTF-8', issues: [{ path: [], message: 'not valid UTF-8' }] });
    expect(results[3].error.message).toBe('line 14: longer than 20 bytes (maxLineBytes), not read (99 bytes)');
    expect(Object.keys(results[0].decision)).toEqual(['outcome']);
    expect(Object.keys(results[4].decision)).toEqual(['outcome']);
  });

  it('a chunk that is not UTF-8 somewhere and starts or ends with a blank line: every line is still read at its number', () => {
    const bytes = new Uint8Array([10, 0xff, 10, ...enc.encode(`${sample[0]}\n\n`)]);
    const results = dec
      .decode(decideJsonLines(engine, 'eligibility', bytes, 0, {}, ['outcome']))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(results.map((r) => r.index)).toEqual([1, 2]);
    expect(results[0].error.message).toBe('line 2: not valid UTF-8');
    expect(Object.keys(results[1].decision)).toEqual(['outcome']);
  });

  it('a byte order mark is only ignored on line 0', () => {
    const out = JSON.parse(dec.decode(decideJsonLines(engine, 'eligibility', enc.encode(`\uFEFF${sample[0]}\n`), 5, {}, undefined)));
    expect(out.error.code).toBe('INVALID_INPUT');
  });
});

describe('evaluateJsonLinesInWorkers (zhengdi-rules/node)', () => {
  const N = 5_000;
  // every 97th generated household is invalid; add a blank line, a broken line and CRLF ends
  const lines = [...households(N, 7)].map((h) => JSON.stringify(h));
  lines.splice(100, 0, '');
  lines.splice(2000, 0, '{"not json');
  const file = lines.join('\n') + '\n';

  it(`${N} households: byte-identical to evaluateJsonLines on one thread and to evaluateBatch, for any workers and chunk size`, async () => {
    const expected = expectedJsonl(lines);
    const single = text(await collect(evaluateJsonLines(createEngine(), 'eligibility', pieces(file, [1, 777, 65_536, 200_000]))));
    expect(single).toBe(expected);
    for (const [workers, chunkSize] of [[2, 1000], [1, 333], [3, 1]] as const) {
      const got = text(await collect(node.evaluateJsonLinesInWorkers('eligibility', Readable.from(pieces(file, [5, 9, 100_000])), { workers, chunkSize })));
      expect(got).toBe(expected);
    }
  }, 120_000);

  it('fields and batch options reach the workers; the engine options build each worker\'s engine', async () => {
    const custom = {
      jurisdiction: 'cn.hunan.shaoyang',
      parameters: {
        'cn.hunan.shaoyang.max-per-capita-mu': { description: { zh: '测试', en: 'test' }, unit: 'mu', values: [{ value: '0.8', from: '2020-01-01', to: null, source: 'test', verified: false }] },
      },
    };
    const some = lines.slice(0, 300).join('\n');
    const want = text(await collect(evaluateJsonLines(createEngine({ parameters: [custom] }), 'eligibility', [some], { fields: ['outcome', 'parameters'], asOf: '2024-01-01' })));
    const got = text(await collect(node.evaluateJsonLinesInWorkers('eligibility', [some], { workers: 2, chunkSize: 50, fields: ['outcome', 'parameters'], asOf: '2024-01-01', engine: { parameters: [custom] } })));
    expect(got).toBe(want);
    expect(got).toContain('"value":"0.8"');
    expect(JSON.parse(got.split('\n')[0]!).decision).toHaveProperty('parameters');
  });

  it('bad options throw before any worker starts: RangeError for chunkSize, fields or maxLineBytes; RulesetError for the engine', async () => {
    await expect(collect(node.evaluateJsonLinesInWorkers('eligibility', [], { chunkSize: 0 }))).rejects.toThrow(RangeError);
    await expect(collect(node.evaluateJsonLinesInWorkers('eligibility', [], { fields: ['nope' as 'outcome'] }))).rejects.toThrow(/fields must list decision fields/);
    await expect(collect(node.evaluateJsonLinesInWorkers('eligibility', [], { maxLineBytes: 0.5 }))).rejects.toThrow(/maxLineBytes/);
    await expect(collect(node.evaluateJsonLinesInWorkers('eligibility', [], { workers: Number.NaN }))).rejects.toThrow(/workers must be a finite number/);
    await expect(collect(node.evaluateJsonLinesInWorkers('eligibility', [], { engine: { parameters: [{ nope: 1 }] } }))).rejects.toMatchObject({ code: 'INVALID_RULESET' });
    await expect(collect(evaluateJsonLines(createEngine(), 'eligibility', [], { chunkSize: 1.5 }))).rejects.toThrow(RangeError);
  });

  it('an empty source gives nothing; stopping early stops the workers and reads no further', async () => {
    expect(await collect(node.evaluateJsonLinesInWorkers('eligibility', [], { workers: 1 }))).toEqual([]);
    let pulled = 0;
    function* endless() {
      for (;;) {
        pulled++;
        yield `${lines[0]}\n`;
      }
    }
    let got = 0;
    for await (const bytes of node.evaluateJsonLinesInWorkers('eligibility', endless(), { workers: 2, chunkSize: 10 })) {
      got += dec.decode(bytes).split('\n').filter(Boolean).length;
      if (got >= 30) break;
    }
    expect(got).toBe(30);
    // at most 2 chunks per worker in flight beyond what was consumed
    expect(pulled).toBeLessThanOrEqual(30 + 2 * 2 * 10 + 10);
  });
});
