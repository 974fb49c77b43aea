/**
 * A 100,000-line JSON Lines batch streamed through the service: the answer has the same bytes
 * as `evaluateJsonLines` (what `zhengdi-rules/node` and the CLI's JSONL path write), one result
 * per non-blank line (count in = decisions + errors), and the heap does not grow with the
 * size of the stream (neither the body nor the answer is held whole).
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { evaluateJsonLines } from '../../src/node/jsonl-workers';
import { eligibilityInput, engine, start, stream, type Running } from './helpers';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const LINES = 100_000;

/** Line i of the batch (1 in 1000 is not JSON, 1 in 1000 has a date that does not exist, 1 in 500 is blank). */
function line(i: number): string {
  if (i % 1000 === 7) return '{"noticeDate": ';
  if (i % 500 === 3) return '';
  const a = eligibilityInput.applicants[0];
  const birth = `${1950 + (i % 60)}-0${1 + (i % 9)}-1${i % 10}`;
  const input = { ...eligibilityInput, noticeDate: i % 1000 === 11 ? '2023-02-30' : '2023-05-10', applicants: [{ ...a, id: `P${i}`, birthDate: birth }] };
  return JSON.stringify(input);
}

/** The body in pieces of about 64 KB that split lines anywhere, made as they are read. */
function* pieces(): Generator<Buffer> {
  let buf = '';
  for (let i = 0; i < LINES; i++) {
    buf += line(i) + '\n';
    if (buf.length >= 65_000) {
      const cut = 40_000 + (i % 997); // split inside a line
      yield Buffer.from(buf.slice(0, cut));
      buf = buf.slice(cut);
    }
  }
  if (buf) yield Buffer.from(buf);
}

let s: Running;
beforeAll(async () => {
  s = await start();
});
afterAll(async () => {
  await s.close();
});

it('streams 100,000 lines with the bytes of evaluateJsonLines, in bounded memory', { timeout: 300_000 }, async () => {
  // The reference, hashed as it is made (never held).
  const ref = createHash('sha256');
  let refBytes = 0;
  for await (const b of evaluateJsonLines(engine(), 'eligibility', pieces())) {
    ref.update(b);
    refBytes += b.length;
  }

  gc();
  // The heap and the buffers outside it (the stream's byte chunks live there).
  const live = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const base = live();
  let peak = base;
  // The live heap: collected first, so garbage not yet collected does not count.
  const sampler = setInterval(() => {
    gc();
    peak = Math.max(peak, live());
  }, 1000);

  const got = createHash('sha256');
  let gotBytes = 0;
  let results = 0;
  let errors = 0;
  let tail = '';
  const res = await stream(s.url, '/v1/evaluate/batch?kind=eligibility', Readable.from(pieces()), (chunk) => {
    got.update(chunk);
    gotBytes += chunk.length;
    const text = tail + chunk.toString('latin1');
    let at = text.indexOf('\n');
    let from = 0;
    while (at >= 0) {
      results++;
      // An error line starts {"index":N,"error":…; a decision line {"index":N,"decision":…
      if (text.slice(from, Math.min(at, from + 30)).includes(',"error":')) errors++;
      from = at + 1;
      at = text.indexOf('\n', from);
    }
    tail = text.slice(from);
  });
  clearInterval(sampler);

  expect(res.status).toBe(200);
  expect(gotBytes).toBe(refBytes);
  expect(got.digest('hex')).toBe(ref.digest('hex'));
  // 100,000 lines, 200 blank (i % 500 === 3): 99,800 results; 100 not JSON, 100 impossible dates.
  expect(results).toBe(99_800);
  expect(errors).toBe(200);
  // Hundreds of MB went through; the heap grew by a small fraction of that (64 MiB: the prepared
  // evaluator keeps up to 256 parameter environments per engine, and a loaded machine collects late).
  const growth = peak - base;
  expect(refBytes).toBeGreaterThan(200 * 1024 * 1024);
  expect(growth).toBeLessThan(64 * 1024 * 1024);
  console.log(`streamed ${(refBytes / 2 ** 20).toFixed(0)} MiB out; heap and buffers grew at most ${(growth / 2 ** 20).toFixed(1)} MiB`);
});
