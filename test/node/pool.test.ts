import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inOrder, type Job } from '../../src/node/pool';
import type { WorkerData } from '../../src/node/protocol';

// The worker pool of zhengdi-rules/node, in-process, with small stand-in worker scripts: results
// come back in job order whatever order the workers finish in; at most two jobs per worker are
// in flight; a worker that cannot start its engine, or dies, fails the run with its reason.

const dir = mkdtempSync(join(tmpdir(), 'zhengdi-pool-'));
function script(name: string, body: string): URL {
  const file = join(dir, name);
  writeFileSync(file, `import { parentPort, workerData, threadId } from 'node:worker_threads';\n${body}\n`);
  return pathToFileURL(file);
}

// Answers each chunk with its `start` and the thread that did it, later for even chunks, so
// replies arrive out of order.
const echo = script('echo.mjs', `
parentPort.on('message', (m) => {
  const reply = () => parentPort.postMessage({ type: 'chunk', chunk: m.chunk, results: [{ index: m.start, thread: threadId }] });
  if (m.chunk % 2 === 0) setTimeout(reply, 15); else reply();
});`);
const data: WorkerData = { kind: 'eligibility', engine: {}, options: {} };

async function* jobs(n: number, pulled: { count: number } = { count: 0 }): AsyncGenerator<Job<unknown[]>> {
  for (let i = 0; i < n; i++) {
    pulled.count++;
    yield { request: { type: 'inputs', start: i * 10, inputs: [] } };
  }
}
const unwrap = (r: { type: string; results?: unknown[] }) => r.results ?? [];

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('inOrder (the worker pool)', () => {
  it('yields the replies in job order though workers finish out of order, and uses every worker', async () => {
    const got = (await collect(inOrder(3, echo, data, jobs(20), unwrap as never))) as Array<Array<{ index: number; thread: number }>>;
    expect(got.map((r) => r[0]!.index)).toEqual(Array.from({ length: 20 }, (_, i) => i * 10));
    expect(new Set(got.map((r) => r[0]!.thread)).size).toBe(3);
  });

  it('starts each worker with a young generation of 64 MiB (the default made the scavenger a fifth of a worker\'s time)', async () => {
    const limits = script('limits.mjs', `
import { resourceLimits } from 'node:worker_threads';
parentPort.on('message', (m) => parentPort.postMessage({ type: 'chunk', chunk: m.chunk, results: [resourceLimits] }));`);
    const got = (await collect(inOrder(2, limits, data, jobs(2), unwrap as never))) as Array<Array<{ maxYoungGenerationSizeMb: number }>>;
    expect(got.map((r) => r[0]!.maxYoungGenerationSizeMb)).toEqual([64, 64]);
  });

  it('reads the next job only when fewer than 2 per worker are in flight, and stops reading when abandoned', async () => {
    const pulled = { count: 0 };
    let seen = 0;
    for await (const _ of inOrder(2, echo, data, jobs(1000, pulled), unwrap as never)) {
      seen++;
      expect(pulled.count).toBeLessThanOrEqual(seen + 2 * 2);
      if (seen === 7) break;
    }
    expect(pulled.count).toBeLessThanOrEqual(7 + 2 * 2);
  });

  it('a job that cannot be posted is done by its local fallback, in its place', async () => {
    async function* odd(): AsyncGenerator<Job<unknown[]>> {
      yield { request: { type: 'inputs', start: 0, inputs: [] } };
      yield { request: { type: 'inputs', start: 10, inputs: [() => 1] }, local: () => [{ index: 10, local: true }] };
      yield { request: { type: 'inputs', start: 20, inputs: [] } };
    }
    const got = await collect(inOrder(1, echo, data, odd(), unwrap as never));
    expect(got).toEqual([[{ index: 0, thread: expect.any(Number) }], [{ index: 10, local: true }], [{ index: 20, thread: expect.any(Number) }]]);
    async function* noFallback(): AsyncGenerator<Job<unknown[]>> {
      yield { request: { type: 'inputs', start: 0, inputs: [() => 1] } };
    }
    await expect(collect(inOrder(1, echo, data, noFallback(), unwrap as never))).rejects.toThrow(/could not be cloned/);
  });

  it('a worker that cannot build its engine fails the run with the reason and its code', async () => {
    const fatal = script('fatal.mjs', `parentPort.postMessage({ type: 'fatal', error: { code: 'INVALID_RULESET', message: 'bad file' } });`);
    await expect(collect(inOrder(2, fatal, data, jobs(5), unwrap as never))).rejects.toMatchObject({ message: 'worker could not build its engine: bad file', code: 'INVALID_RULESET' });
  });

  it('a worker that stops with work in progress fails the run (never hangs)', async () => {
    const dies = script('dies.mjs', `parentPort.on('message', () => process.exit(3));`);
    await expect(collect(inOrder(1, dies, data, jobs(3), unwrap as never))).rejects.toThrow('batch worker stopped (exit code 3) with work in progress');
    const throws = script('throws.mjs', `parentPort.on('message', () => { throw new Error('boom in worker'); });`);
    await expect(collect(inOrder(2, throws, data, jobs(3), unwrap as never))).rejects.toThrow('boom in worker');
  });

  it('the workers get the worker data', async () => {
    const reads = script('reads.mjs', `parentPort.on('message', (m) => parentPort.postMessage({ type: 'chunk', chunk: m.chunk, results: [workerData.kind, workerData.fields] }));`);
    expect(await collect(inOrder(1, reads, { ...data, kind: 'payout', fields: ['outcome'] }, jobs(1), unwrap as never))).toEqual([['payout', ['outcome']]]);
  });
});
