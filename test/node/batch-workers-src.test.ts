import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEngine, evaluateBatch, type BatchResult } from '../../src';
import { collectBatchInWorkers, evaluateBatchInWorkers, evaluateJsonLines, evaluateJsonLinesInWorkers } from '../../src/node';
import { projectResult } from '../../src/node/project';
import { households } from '../analysis/generate';

// The calling-thread side of `zhengdi-rules/node` run from the sources (src/node/batch-workers.ts):
// chunking, ordering, option checks, local fallback, failures of a worker. The workers run the
// built script dist/batch-worker.js (Node cannot start a TypeScript worker), so `npm run build`
// first; test/node/batch-workers.test.ts runs the whole built package.

const tmp = mkdtempSync(join(tmpdir(), 'zhengdi-workers-src-'));
const script = (name: string, body: string) => {
  const file = join(tmp, name);
  writeFileSync(file, body);
  return pathToFileURL(file);
};
const single = (inputs: unknown[]) => [...evaluateBatch(createEngine(), 'eligibility', inputs)];

describe('evaluateBatchInWorkers from src/node (calling thread)', () => {
  it('results in input order across chunks and workers, each the decision of its own input', async () => {
    const inputs = [...households(23, 7)] as Array<{ applicants?: Array<{ id: string }> }>; // 7 chunks of 3, one of 2
    const got = await collectBatchInWorkers('eligibility', inputs, { workers: 2, chunkSize: 3 });
    expect(got.map((r) => r.index)).toEqual([...Array(23).keys()]);
    for (const r of got) {
      if ('decision' in r) expect(r.decision.outcome.applicants.map((a) => a.id)).toEqual(inputs[r.index]!.applicants!.map((a) => a.id));
    }
    expect(got.filter((r) => 'decision' in r).length).toBeGreaterThan(20);
  });

  it('takes an async iterable; the batch options (parameters) reach every input', async () => {
    const inputs = [...households(5, 3)];
    async function* gen() {
      for (const i of inputs) yield i;
    }
    const got = await collectBatchInWorkers('eligibility', gen(), { workers: 1, chunkSize: 2, parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': '0.5' } });
    expect(got.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
    for (const r of got) {
      if ('decision' in r) expect(r.decision.parameters.find((p) => p.id === 'cn.hunan.shaoyang.max-per-capita-mu')).toMatchObject({ value: '0.5', overridden: true });
    }
  });

  it('an empty batch yields nothing', async () => {
    expect(await collectBatchInWorkers('eligibility', [], { workers: 1 })).toEqual([]);
  });

  it('chunkSize must be a positive integer; fields must be decision fields (RangeError, before any worker)', async () => {
    for (const chunkSize of [0, -1, 1.5, Number.NaN]) {
      await expect(collectBatchInWorkers('eligibility', [], { chunkSize })).rejects.toThrow(new RangeError('chunkSize must be a positive integer'));
    }
    const msg = 'fields must list decision fields (kind, jurisdiction, asOf, ruleset, outcome, reasons, parameters, warnings)';
    await expect(collectBatchInWorkers('eligibility', [], { fields: ['nope' as 'outcome'] })).rejects.toThrow(new RangeError(msg));
    await expect(collectBatchInWorkers('eligibility', [], { fields: 'outcome' as unknown as ['outcome'] })).rejects.toThrow(new RangeError(msg));
    // one unknown field among known ones is enough
    await expect(collectBatchInWorkers('eligibility', [], { fields: ['outcome', 'nope' as 'outcome'] })).rejects.toThrow(new RangeError(msg));
  });

  it('workers must be a finite number (RangeError, before any worker); a fraction is allowed', async () => {
    const msg = 'workers must be a finite number (at least 1 worker is used)';
    for (const workers of [Number.NaN, Number.POSITIVE_INFINITY, '2' as unknown as number]) {
      await expect(collectBatchInWorkers('eligibility', [], { workers })).rejects.toThrow(new RangeError(msg));
    }
    expect(await collectBatchInWorkers('eligibility', [], { workers: 1.5 })).toEqual([]);
  });

  it('an invalid engine option throws its RulesetError', async () => {
    await expect(collectBatchInWorkers('eligibility', [], { engine: { parameters: [{ nope: 1 }] } })).rejects.toMatchObject({ code: 'INVALID_RULESET' });
  });

  it('an input that cannot be cloned is decided on the calling thread, at its own index, with the fields asked for', async () => {
    const inputs = [...households(6, 5)] as Array<Record<string, unknown>>;
    const odd = { ...inputs[4]!, extra: () => 1 }; // in the third chunk of 2: index 4
    const got = await collectBatchInWorkers('eligibility', [...inputs.slice(0, 4), odd, inputs[5]], { workers: 1, chunkSize: 2 });
    expect(got.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(got[4]).toMatchObject({ index: 4, error: { code: 'INVALID_INPUT' } });
    expect(got[5]).toEqual(single(inputs)[5]);
    const fielded = await collectBatchInWorkers('eligibility', [{ ...inputs[0]!, f: () => 0 }, inputs[1]], { workers: 1, chunkSize: 1, fields: ['outcome'] });
    expect(fielded[0]).toMatchObject({ index: 0, error: { code: 'INVALID_INPUT' } });
  });

  it('fields: each decision holds only those fields; errors come whole', async () => {
    const inputs = [...households(100, 13)];
    const all = single(inputs);
    const got = await collectBatchInWorkers('eligibility', inputs, { workers: 1, chunkSize: 50, fields: ['outcome', 'warnings'] });
    expect(got).toEqual(all.map((r) => ('decision' in r ? { index: r.index, decision: { outcome: r.decision.outcome, warnings: r.decision.warnings } } : r)));
    expect(got.some((r) => 'error' in r)).toBe(true); // every 97th generated input is invalid
  });

  it('workers: that many threads share the chunks (fractions rounded down, at least one; by default the available parallelism)', async () => {
    // A stand-in worker that answers each chunk with its thread id, so the threads can be counted.
    const echo = script('echo.mjs', `import { parentPort, threadId } from 'node:worker_threads';
parentPort.on('message', (m) => parentPort.postMessage({ type: 'chunk', chunk: m.chunk, results: m.inputs.map((x, i) => ({ index: m.start + i, decision: { tid: threadId, x } })) }));`);
    const threads = async (workers: number | undefined) => {
      const got = (await collectBatchInWorkers('eligibility', [...Array(24).keys()], { workers, chunkSize: 1, workerScript: echo })) as unknown as Array<{ index: number; decision: { tid: number; x: number } }>;
      expect(got.map((r) => [r.index, r.decision.x])).toEqual([...Array(24).keys()].map((i) => [i, i])); // in order, each its own input
      return new Set(got.map((r) => r.decision.tid)).size;
    };
    expect(await threads(3)).toBe(3);
    expect(await threads(2.9)).toBe(2);
    expect(await threads(0)).toBe(1);
    expect(await threads(undefined)).toBe(Math.min(24, availableParallelism()));
  });

  it('a worker that cannot build its engine fails the batch with its error and code', async () => {
    const fatal = script('fatal.mjs', `import { parentPort } from 'node:worker_threads';
parentPort.postMessage({ type: 'fatal', error: { code: 'X_CODE', message: 'no engine here' } });
parentPort.on('message', () => {});`);
    await expect(collectBatchInWorkers('eligibility', [...households(3, 1)], { workers: 1, chunkSize: 1, workerScript: fatal })).rejects.toMatchObject({
      message: 'worker could not build its engine: no engine here',
      code: 'X_CODE',
    });
  });

  it('a worker that stops with work in progress fails the batch with its exit code', async () => {
    const quits = script('quits.mjs', `import { parentPort } from 'node:worker_threads';
parentPort.on('message', () => process.exit(3));`);
    await expect(collectBatchInWorkers('eligibility', [...households(3, 1)], { workers: 1, chunkSize: 1, workerScript: quits })).rejects.toThrow('batch worker stopped (exit code 3) with work in progress');
  });

  it('a worker that throws fails the batch with that error', async () => {
    const throws = script('throws.mjs', `import { parentPort } from 'node:worker_threads';
parentPort.on('message', () => { throw new Error('worker broke'); });`);
    await expect(collectBatchInWorkers('eligibility', [...households(3, 1)], { workers: 1, chunkSize: 1, workerScript: throws })).rejects.toThrow('worker broke');
  });

  it('stopping early (break) ends the workers and yields nothing more', async () => {
    const inputs = [...households(40, 2)];
    const seen: number[] = [];
    for await (const r of evaluateBatchInWorkers('eligibility', inputs, { workers: 2, chunkSize: 5 })) {
      seen.push(r.index);
      if (seen.length === 7) break;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe('projectResult (what a worker sends back with `fields`)', () => {
  const decision = { kind: 'eligibility', outcome: { eligibleCount: 1 }, warnings: [], reasons: [1] };
  const ok = { index: 3, decision } as unknown as BatchResult;
  it('without fields: the result itself', () => {
    expect(projectResult(ok, undefined)).toBe(ok);
  });
  it('with fields: a new result with only those of the decision’s own fields (absent ones are left out)', () => {
    expect(projectResult(ok, ['outcome', 'asOf'])).toEqual({ index: 3, decision: { outcome: { eligibleCount: 1 } } });
    expect(projectResult(ok, [])).toEqual({ index: 3, decision: {} });
    expect(projectResult(ok, ['toString'])).toEqual({ index: 3, decision: {} }); // inherited, not own
  });
  it('an error passes unchanged', () => {
    const err = { index: 1, error: { code: 'INVALID_INPUT', message: 'm' } } as BatchResult;
    expect(projectResult(err, ['outcome'])).toBe(err);
  });
});

describe('evaluateJsonLinesInWorkers from src/node (calling thread)', () => {
  const collect = async (it: AsyncIterable<Uint8Array>) => {
    const parts: Uint8Array[] = [];
    for await (const b of it) parts.push(b);
    return Buffer.concat(parts).toString('utf8');
  };
  const file = [...households(9, 5)].map((h) => JSON.stringify(h)).join('\n') + '\n\n{"not json\n';

  it('the same bytes as evaluateJsonLines on this thread, over several chunks and two workers', async () => {
    const one = await collect(evaluateJsonLines(createEngine(), 'eligibility', [file]));
    expect(one.split('\n').filter(Boolean)).toHaveLength(10); // 9 households and the broken line; the blank line gives nothing
    expect(await collect(evaluateJsonLinesInWorkers('eligibility', [file], { workers: 2, chunkSize: 4 }))).toBe(one);
  });

  it('maxLineBytes must be a positive integer (RangeError, before any worker); 1 is allowed', async () => {
    for (const maxLineBytes of [0, -1, 1.5, Number.NaN]) {
      await expect(collect(evaluateJsonLinesInWorkers('eligibility', [], { maxLineBytes }))).rejects.toThrow(new RangeError('maxLineBytes must be a positive integer'));
    }
    expect(await collect(evaluateJsonLinesInWorkers('eligibility', [], { maxLineBytes: 1, workers: 1 }))).toBe('');
  });
});
