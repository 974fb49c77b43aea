import { availableParallelism } from 'node:os';
import { evaluateOne, type BatchFailure, type BatchOptions, type BatchResult } from '../batch';
import { createEngine, type Decision, type Engine, type EngineOptions } from '../create-engine';
import type { Kind, KindInput } from '../kinds';
import { projectResult } from './project';
import { defaultWorkerScript, inOrder, type Job } from './pool';
import type { WorkerData } from './protocol';

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

/** Throws `RangeError` unless `chunkSize` is a positive integer and `fields` lists decision fields. @internal */
export function checkChunkAndFields(chunkSize: number, fields: readonly DecisionField[] | undefined): void {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError('chunkSize must be a positive integer');
  if (fields !== undefined && (!Array.isArray(fields) || fields.some((f) => !DECISION_FIELDS.includes(f)))) {
    throw new RangeError(`fields must list decision fields (${DECISION_FIELDS.join(', ')})`);
  }
}

/**
 * Checks and splits the options shared by the worker functions; throws `RangeError` for a bad
 * `workers`, `chunkSize` or `fields`, and the engine's `RulesetError` for bad engine options,
 * before any worker starts. @internal
 */
export function workerSetup<K extends Kind>(kind: K, options: WorkerBatchOptions, defaultChunk: number) {
  const { engine: engineOptions = {}, workers: wanted, chunkSize = defaultChunk, workerScript, fields, ...batchOptions } = options;
  checkChunkAndFields(chunkSize, fields);
  if (wanted !== undefined && !(typeof wanted === 'number' && Number.isFinite(wanted))) throw new RangeError('workers must be a finite number (at least 1 worker is used)');
  // Validates the engine options here, once, with the real error; also decides what cannot be cloned.
  const local: Engine = createEngine(engineOptions);
  const count = Math.max(1, Math.floor(wanted ?? availableParallelism()));
  const data: WorkerData = { kind, engine: engineOptions, options: batchOptions, ...(fields ? { fields: [...fields] } : {}) };
  return { local, count, data, chunkSize, batchOptions, fields, script: workerScript ?? defaultWorkerScript() };
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
  const { local, count, data, chunkSize, batchOptions, fields, script } = workerSetup(kind, options, 500);
  let start = 0;
  async function* jobs(): AsyncGenerator<Job<BatchResult[]>> {
    for await (const chunk of chunksOf(inputs, chunkSize)) {
      const first = start;
      start += chunk.length;
      yield {
        request: { type: 'inputs', start: first, inputs: chunk },
        local: () => chunk.map((input, i) => projectResult(evaluateOne(local, kind, input, first + i, batchOptions), fields)),
      };
    }
  }
  for await (const results of inOrder(count, script, data, jobs(), (reply) => (reply.type === 'chunk' ? reply.results : []))) {
    for (const r of results) yield r as BatchResult<K>;
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
