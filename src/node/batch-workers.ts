import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { evaluateOne, type BatchFailure, type BatchOptions, type BatchResult } from '../batch';
import { createEngine, type Decision, type Engine, type EngineOptions } from '../engine/engine';
import type { Kind, KindInput } from '../kinds';
import { projectResult } from './project';
import type { WorkerData, WorkerReply, WorkerRequest } from './protocol';

/**
 * Options of {@link evaluateBatchInWorkers}: the batch options (`jurisdiction`, `asOf`,
 * `parameters`), the engine options each worker builds its engine from, and how to split
 * the work.
 *
 * @example
 * ```ts
 * const options: WorkerBatchOptions = {
 *   workers: 2, chunkSize: 1000,
 *   engine: { parameters: [myParameterFile] },
 *   parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': '0.4' },
 * };
 * ```
 */
export interface WorkerBatchOptions extends BatchOptions {
  /** Options given to `createEngine` in every worker (custom rulesets and parameter files). */
  engine?: EngineOptions;
  /** How many worker threads (default: the available parallelism, at least 1). */
  workers?: number;
  /** Inputs sent to a worker at a time (default 500). */
  chunkSize?: number;
  /**
   * The worker script. Defaults to `batch-worker.js` (ESM) or `batch-worker.cjs` (CommonJS)
   * next to this module in the built package; set it only to run from another layout.
   */
  workerScript?: string | URL;
  /**
   * Send back only these fields of each decision (say `['outcome']`). Every decision is copied
   * from its worker to the calling thread, and a full one (reasons in two languages, parameters
   * with sources, warnings) costs more to copy than to decide; dropping what the caller does
   * not read in the worker is what lets several workers beat one thread. Errors always come
   * whole. Default: the whole decision.
   */
  fields?: readonly DecisionField[];
}

/**
 * A top-level field of a decision, for {@link WorkerBatchOptions.fields}.
 *
 * @example
 * ```ts
 * const fields: DecisionField[] = ['outcome', 'warnings'];
 * ```
 */
export type DecisionField = 'kind' | 'jurisdiction' | 'asOf' | 'ruleset' | 'outcome' | 'reasons' | 'parameters' | 'warnings';

/**
 * A result of {@link evaluateBatchInWorkers} called with `fields`: the decision holds only
 * those fields.
 *
 * @example
 * ```ts
 * for await (const r of evaluateBatchInWorkers('payout', people, { fields: ['outcome'] })) {
 *   if ('decision' in r) console.log(r.decision.outcome.totals.amount);
 * }
 * ```
 */
export type SelectedBatchResult<K extends Kind, F extends DecisionField> = { index: number; decision: Pick<Decision<K>, F> } | BatchFailure;

const DECISION_FIELDS: readonly DecisionField[] = ['kind', 'jurisdiction', 'asOf', 'ruleset', 'outcome', 'reasons', 'parameters', 'warnings'];

function defaultWorkerScript(): URL {
  const here = import.meta.url;
  if (/\.ts$/.test(here)) {
    // Running from the TypeScript sources (tests, tsx): Node cannot run the TS worker itself,
    // so use the built one. `npm run build` first.
    return new URL('../../dist/batch-worker.js', here);
  }
  return new URL(here.endsWith('.cjs') ? './batch-worker.cjs' : './batch-worker.js', here);
}

async function* chunksOf(inputs: Iterable<unknown> | AsyncIterable<unknown>, size: number): AsyncGenerator<unknown[]> {
  let chunk: unknown[] = [];
  for await (const input of inputs) {
    chunk.push(input);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

interface Pending {
  resolve: (r: BatchResult[]) => void;
  reject: (e: unknown) => void;
  promise: Promise<BatchResult[]>;
}

function deferred(): Pending {
  let resolve!: (r: BatchResult[]) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<BatchResult[]>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // handled when awaited in order
  return { resolve, reject, promise };
}

/**
 * Decides a large batch on several cores with `worker_threads`: the same results, in the same
 * order, as `evaluateBatch` (from `zhengdi-rules`) with an engine built from `options.engine`. Inputs are sent
 * in chunks; results are yielded in input order as soon as they are ready. Each worker builds
 * its own engine from `options.engine` (so custom rulesets and parameter files work); an
 * invalid engine option throws its `RulesetError` before any worker starts. An input that
 * cannot be sent to a worker (not structured-cloneable) is decided on the calling thread.
 *
 * Node only: import it from `zhengdi-rules/node`.
 *
 * @example
 * ```ts
 * import { evaluateBatchInWorkers } from 'zhengdi-rules/node';
 * for await (const r of evaluateBatchInWorkers('eligibility', households, { workers: 2 })) {
 *   if ('error' in r) console.error(r.index, r.error.message);
 * }
 * ```
 */
export function evaluateBatchInWorkers<K extends Kind, F extends DecisionField>(
  kind: K,
  inputs: Iterable<KindInput<K> | unknown> | AsyncIterable<KindInput<K> | unknown>,
  options: WorkerBatchOptions & { fields: readonly F[] },
): AsyncGenerator<SelectedBatchResult<K, F>, void, undefined>;
export function evaluateBatchInWorkers<K extends Kind>(
  kind: K,
  inputs: Iterable<KindInput<K> | unknown> | AsyncIterable<KindInput<K> | unknown>,
  options?: WorkerBatchOptions,
): AsyncGenerator<BatchResult<K>, void, undefined>;
export async function* evaluateBatchInWorkers<K extends Kind>(
  kind: K,
  inputs: Iterable<KindInput<K> | unknown> | AsyncIterable<KindInput<K> | unknown>,
  options: WorkerBatchOptions = {},
): AsyncGenerator<BatchResult<K>, void, undefined> {
  const { engine: engineOptions = {}, workers: wanted, chunkSize = 500, workerScript, fields, ...batchOptions } = options;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError('chunkSize must be a positive integer');
  if (fields !== undefined && (!Array.isArray(fields) || fields.some((f) => !DECISION_FIELDS.includes(f)))) {
    throw new RangeError(`fields must list decision fields (${DECISION_FIELDS.join(', ')})`);
  }
  // Validates the engine options here, once, with the real error; also decides what cannot be cloned.
  const local: Engine = createEngine(engineOptions);
  const count = Math.max(1, Math.floor(wanted ?? availableParallelism()));
  const data: WorkerData = { kind, engine: engineOptions, options: batchOptions, ...(fields ? { fields: [...fields] } : {}) };
  const pending = new Map<number, Pending>();
  const assigned = new Map<Worker, Set<number>>();
  let fatal: unknown;
  const failAll = (e: unknown) => {
    fatal ??= e;
    for (const p of pending.values()) p.reject(fatal);
  };
  const workers: Worker[] = [];
  for (let i = 0; i < count; i++) {
    const w = new Worker(workerScript ?? defaultWorkerScript(), { workerData: data });
    assigned.set(w, new Set());
    w.on('message', (msg: WorkerReply) => {
      if (msg.type === 'fatal') return failAll(Object.assign(new Error(`worker could not build its engine: ${msg.error.message}`), { code: msg.error.code }));
      assigned.get(w)!.delete(msg.chunk);
      pending.get(msg.chunk)?.resolve(msg.results);
    });
    w.on('error', failAll);
    w.on('exit', (code) => {
      if (assigned.get(w)!.size > 0) failAll(new Error(`batch worker stopped (exit code ${code}) with work in progress`));
    });
    workers.push(w);
  }
  const maxInFlight = count * 2;
  let next = 0; // next chunk to yield
  let sent = 0; // chunks sent so far
  let start = 0;
  const chunks = chunksOf(inputs, chunkSize);
  try {
    let done = false;
    while (!done || next < sent) {
      while (!done && sent - next < maxInFlight) {
        const step = await chunks.next();
        if (step.done) {
          done = true;
          break;
        }
        const chunk = sent++;
        const p = deferred();
        pending.set(chunk, p);
        const request: WorkerRequest = { chunk, start, inputs: step.value };
        const w = workers.reduce((a, b) => (assigned.get(b)!.size < assigned.get(a)!.size ? b : a));
        try {
          w.postMessage(request);
          assigned.get(w)!.add(chunk);
          if (fatal) p.reject(fatal);
        } catch {
          // Not structured-cloneable (e.g. an input holding a function): decide it here.
          p.resolve(step.value.map((input, i) => projectResult(evaluateOne(local, kind, input, start + i, batchOptions), fields)));
        }
        start += step.value.length;
      }
      if (next < sent) {
        const results = await pending.get(next)!.promise;
        pending.delete(next++);
        for (const r of results) yield r as BatchResult<K>;
      }
    }
  } finally {
    for (const w of workers) assigned.get(w)!.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * Collects {@link evaluateBatchInWorkers} into an array in input order.
 *
 * @example
 * ```ts
 * import { collectBatchInWorkers } from 'zhengdi-rules/node';
 * const results = await collectBatchInWorkers('eligibility', households, { workers: 2 });
 * ```
 */
export function collectBatchInWorkers<K extends Kind, F extends DecisionField>(
  kind: K,
  inputs: Iterable<KindInput<K> | unknown> | AsyncIterable<KindInput<K> | unknown>,
  options: WorkerBatchOptions & { fields: readonly F[] },
): Promise<Array<SelectedBatchResult<K, F>>>;
export function collectBatchInWorkers<K extends Kind>(
  kind: K,
  inputs: Iterable<KindInput<K> | unknown> | AsyncIterable<KindInput<K> | unknown>,
  options?: WorkerBatchOptions,
): Promise<Array<BatchResult<K>>>;
export async function collectBatchInWorkers<K extends Kind>(
  kind: K,
  inputs: Iterable<KindInput<K> | unknown> | AsyncIterable<KindInput<K> | unknown>,
  options: WorkerBatchOptions = {},
): Promise<Array<BatchResult<K>>> {
  const out: Array<BatchResult<K>> = [];
  for await (const r of evaluateBatchInWorkers(kind, inputs, options)) out.push(r);
  return out;
}
