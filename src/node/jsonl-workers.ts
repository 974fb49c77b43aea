import type { BatchOptions } from '../batch';
import type { EngineCore } from '../engine/engine';
import type { Kind } from '../kinds';
import { checkChunkAndFields, workerSetup, type DecisionField, type WorkerBatchOptions } from './batch-workers';
import { decideJsonLines } from './jsonl-decide';
import { lineChunks } from './line-chunks';
import { inOrder } from './pool';

/**
 * A JSONL source: a file or stdin stream (`fs.createReadStream(path)`, `process.stdin`), or any
 * iterable of UTF-8 byte pieces or strings. Pieces may split lines anywhere.
 *
 * @example
 * ```ts
 * const source: JsonLinesSource = createReadStream('people.jsonl');
 * ```
 */
export type JsonLinesSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/**
 * Options of {@link evaluateJsonLinesInWorkers}: those of `evaluateBatchInWorkers` (the batch
 * options, `engine`, `workers`, `chunkSize` in lines, `fields`) and the longest line read.
 *
 * @example
 * ```ts
 * const options: JsonLinesWorkerOptions = { workers: 4, chunkSize: 1000, fields: ['outcome'] };
 * ```
 */
export interface JsonLinesWorkerOptions extends WorkerBatchOptions {
  /**
   * A line longer than this many bytes is not read; its result is an `INVALID_INPUT` error
   * (default 16 MiB). It bounds memory whatever the file holds.
   */
  maxLineBytes?: number;
}

/**
 * Options of {@link evaluateJsonLines}: the batch options, `chunkSize` (lines decided per step)
 * `fields` and `maxLineBytes`, as for {@link evaluateJsonLinesInWorkers}.
 *
 * @example
 * ```ts
 * const options: JsonLinesOptions = { fields: ['outcome'], asOf: '2024-06-30' };
 * ```
 */
export interface JsonLinesOptions extends BatchOptions {
  chunkSize?: number;
  fields?: readonly DecisionField[];
  maxLineBytes?: number;
}

const DEFAULT_MAX_LINE = 16 * 1024 * 1024;

function maxLineOf(value: number | undefined): number {
  const max = value ?? DEFAULT_MAX_LINE;
  if (!Number.isInteger(max) || max < 1) throw new RangeError('maxLineBytes must be a positive integer');
  return max;
}

/**
 * Decides every line of a JSONL source on several cores and yields the results as UTF-8 JSONL
 * bytes, in line order — ready to write to a file. Each non-blank input line is one input of
 * `kind` (as for `evaluateBatch`); each output line is that line's `BatchResult` as JSON,
 * `{"index":…,"decision":{…}}` or `{"index":…,"error":{…}}`, where `index` is the 0-based line
 * number. A line that is not UTF-8, not JSON or longer than `maxLineBytes` gives an
 * `INVALID_INPUT` error line; blank lines give nothing.
 *
 * This is the fast way to decide a province: the calling thread only finds newlines and
 * copies bytes; reading JSON, deciding and writing JSON happen in the workers, and both the
 * input and the output bytes are transferred, not cloned. Where `evaluateBatchInWorkers` must
 * rebuild every decision object on the calling thread (which caps it at one core's worth of
 * work), this scales with the workers (docs/performance.md). The output is byte-identical to
 * {@link evaluateJsonLines} on one thread, whatever `workers` and `chunkSize` are.
 *
 * Memory stays flat: at most two chunks per worker are in flight, and the next input is read
 * only as the output is consumed.
 *
 * Node only: import it from `zhengdi-rules/node`.
 *
 * @example
 * ```ts
 * import { createReadStream, createWriteStream } from 'node:fs';
 * import { Readable } from 'node:stream';
 * import { pipeline } from 'node:stream/promises';
 * import { evaluateJsonLinesInWorkers } from 'zhengdi-rules/node';
 *
 * const results = evaluateJsonLinesInWorkers('payout', createReadStream('people.jsonl'), { workers: 4, fields: ['outcome'] });
 * await pipeline(Readable.from(results), createWriteStream('results.jsonl'));
 * ```
 */
export async function* evaluateJsonLinesInWorkers(kind: Kind, source: JsonLinesSource, options: JsonLinesWorkerOptions = {}): AsyncGenerator<Uint8Array, void, undefined> {
  const { maxLineBytes, ...rest } = options;
  const maxLine = maxLineOf(maxLineBytes);
  const { count, data, chunkSize, script } = workerSetup(kind, rest, 1000);
  async function* jobs() {
    for await (const c of lineChunks(source, chunkSize, maxLine)) {
      yield { request: { type: 'jsonl' as const, start: c.start, bytes: c.bytes, longLines: c.longLines }, transfer: [c.bytes.buffer as ArrayBuffer] };
    }
  }
  yield* inOrder(count, script, data, jobs(), (reply) => (reply.type === 'jsonl' ? reply.bytes : new Uint8Array(0)));
}

/**
 * {@link evaluateJsonLinesInWorkers} on the calling thread, with an engine you give: the same
 * output bytes. For small files, and the reference the worker version is tested against.
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * import { createEngine } from 'zhengdi-rules';
 * import { evaluateJsonLines } from 'zhengdi-rules/node';
 *
 * for await (const bytes of evaluateJsonLines(createEngine(), 'eligibility', createReadStream('households.jsonl'))) {
 *   process.stdout.write(bytes);
 * }
 * ```
 */
export async function* evaluateJsonLines(engine: Pick<EngineCore, 'evaluate'>, kind: Kind, source: JsonLinesSource, options: JsonLinesOptions = {}): AsyncGenerator<Uint8Array, void, undefined> {
  const { chunkSize = 1000, fields, maxLineBytes, ...batchOptions } = options;
  const maxLine = maxLineOf(maxLineBytes);
  checkChunkAndFields(chunkSize, fields);
  for await (const c of lineChunks(source, chunkSize, maxLine)) {
    yield decideJsonLines(engine, kind, c.bytes, c.start, batchOptions, fields, c.longLines);
  }
}
