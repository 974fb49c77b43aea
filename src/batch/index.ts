import type { Decision, EngineCore, EvaluateOptions, EvaluateRequest } from '../create-engine';
import { ZhengdiError, type Issue } from '../engine/errors';
import type { Kind, KindInput } from '../kinds';

/**
 * Why one input of a batch could not be decided. `code` is the engine error's stable code
 * (`INVALID_INPUT`, `NO_RULESET_IN_FORCE`, `MISSING_PARAMETER`, …) or `INTERNAL` for an
 * unexpected exception. `issues` lists the problems of an `InputError` (or `RulesetError`).
 *
 * @example
 * ```ts
 * const e: BatchError = { code: 'INVALID_INPUT', message: 'Invalid input (1 problem) …',
 *   issues: [{ path: ['input', 'noticeDate'], message: 'expected YYYY-MM-DD' }] };
 * ```
 */
export interface BatchError {
  code: string;
  message: string;
  issues?: Issue[];
}

/**
 * The result for one input of a batch: its position in the input and either the decision or
 * the error. Results come in input order.
 *
 * @example
 * ```ts
 * for (const r of evaluateBatch(engine, 'eligibility', inputs)) {
 *   if ('error' in r) console.log(r.index, r.error.code);
 *   else console.log(r.index, r.decision.outcome.eligibleCount);
 * }
 * ```
 */
export type BatchResult<K extends Kind = Kind> = BatchSuccess<K> | BatchFailure;

/**
 * A decided input of a batch.
 *
 * @example
 * ```ts
 * const ok = results.filter(isBatchSuccess); // BatchSuccess[]
 * ```
 */
export interface BatchSuccess<K extends Kind = Kind> {
  index: number;
  decision: Decision<K>;
}

/**
 * An input of a batch that could not be decided.
 *
 * @example
 * ```ts
 * const failed = results.filter((r): r is BatchFailure => 'error' in r);
 * ```
 */
export interface BatchFailure {
  index: number;
  error: BatchError;
}

/**
 * Options of a batch: the same for every input (`jurisdiction`, `asOf`, parameter overrides).
 *
 * @example
 * ```ts
 * const options: BatchOptions = { parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': '0.4' } };
 * ```
 */
export type BatchOptions = EvaluateOptions;

/**
 * Turns anything thrown while deciding one input into a plain, serialisable {@link BatchError}.
 * Engine errors keep their code (and issues); anything else becomes `INTERNAL`.
 *
 * @example
 * ```ts
 * try { engine.evaluate(request) } catch (e) { const err = toBatchError(e); console.log(err.code) }
 * ```
 */
export function toBatchError(e: unknown): BatchError {
  if (e instanceof ZhengdiError) {
    const out: BatchError = { code: e.code, message: e.message };
    const issues = (e as { issues?: readonly Issue[] }).issues;
    if (Array.isArray(issues)) out.issues = issues.map((i) => ({ path: [...i.path], message: i.message }));
    return out;
  }
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return { code: 'INTERNAL', message };
}

/**
 * Decides one input of a batch, never throwing: the decision or the error.
 *
 * @example
 * ```ts
 * const r = evaluateOne(engine, 'eligibility', input, 0);
 * if ('decision' in r) console.log(r.decision.outcome);
 * ```
 */
export function evaluateOne<K extends Kind>(engine: Pick<EngineCore, 'evaluate'>, kind: K, input: unknown, index: number, options: BatchOptions = {}): BatchResult<K> {
  try {
    const request = { ...options, kind, input } as unknown as EvaluateRequest<K>;
    return { index, decision: engine.evaluate(request) };
  } catch (e) {
    return { index, error: toBatchError(e) };
  }
}

function isAsyncIterable(x: unknown): x is AsyncIterable<unknown> {
  return x !== null && typeof x === 'object' && typeof (x as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

function* syncBatch<K extends Kind>(engine: Pick<EngineCore, 'evaluate'>, kind: K, inputs: Iterable<unknown>, options: BatchOptions): Generator<BatchResult<K>, void, undefined> {
  let index = 0;
  for (const input of inputs) yield evaluateOne(engine, kind, input, index++, options);
}

async function* asyncBatch<K extends Kind>(engine: Pick<EngineCore, 'evaluate'>, kind: K, inputs: AsyncIterable<unknown> | Iterable<unknown>, options: BatchOptions): AsyncGenerator<BatchResult<K>, void, undefined> {
  let index = 0;
  for await (const input of inputs) yield evaluateOne(engine, kind, input, index++, options);
}

/**
 * Decides every input of one kind, lazily and in order. An input that cannot be decided gives
 * `{ index, error }` and the batch goes on; the batch itself never throws for a bad item.
 *
 * With an array or any iterable it returns a generator (use `for … of` or {@link collectBatch});
 * with an async iterable (a stream of lines, a database cursor) an async generator
 * (`for await … of`).
 *
 * @example
 * ```ts
 * import { createEngine, evaluateBatch } from 'zhengdi-rules';
 * const engine = createEngine();
 * for (const r of evaluateBatch(engine, 'eligibility', households)) {
 *   if ('error' in r) console.error(`#${r.index}: ${r.error.code} ${r.error.message}`);
 *   else console.log(r.index, r.decision.outcome.eligibleCount);
 * }
 * ```
 */
export function evaluateBatch<K extends Kind>(engine: Pick<EngineCore, 'evaluate'>, kind: K, inputs: Iterable<KindInput<K> | unknown>, options?: BatchOptions): Generator<BatchResult<K>, void, undefined>;
export function evaluateBatch<K extends Kind>(engine: Pick<EngineCore, 'evaluate'>, kind: K, inputs: AsyncIterable<KindInput<K> | unknown>, options?: BatchOptions): AsyncGenerator<BatchResult<K>, void, undefined>;
export function evaluateBatch<K extends Kind>(
  engine: Pick<EngineCore, 'evaluate'>,
  kind: K,
  inputs: Iterable<unknown> | AsyncIterable<unknown>,
  options: BatchOptions = {},
): Generator<BatchResult<K>, void, undefined> | AsyncGenerator<BatchResult<K>, void, undefined> {
  return isAsyncIterable(inputs) ? asyncBatch(engine, kind, inputs, options) : syncBatch(engine, kind, inputs, options);
}

/**
 * Collects a batch into an array (in input order). Accepts the generator of
 * {@link evaluateBatch} or any (async) iterable of results; always returns a promise.
 *
 * @example
 * ```ts
 * const results = await collectBatch(evaluateBatch(engine, 'eligibility', households));
 * console.log(results.filter((r) => 'error' in r).length, 'failed');
 * ```
 */
export async function collectBatch<R>(results: Iterable<R> | AsyncIterable<R>): Promise<R[]> {
  const out: R[] = [];
  for await (const r of results) out.push(r);
  return out;
}

/**
 * Whether a batch result is a decision (a type guard for `filter`).
 *
 * @example
 * ```ts
 * const decisions = results.filter(isBatchSuccess).map((r) => r.decision);
 * ```
 */
export function isBatchSuccess<K extends Kind>(r: BatchResult<K>): r is BatchSuccess<K> {
  return 'decision' in r;
}
