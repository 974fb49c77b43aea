import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import type { EngineOptions } from '../create-engine';
import { lineChunks } from '../node/line-chunks';
import { defaultWorkerScript, inOrder } from '../node/pool';
import { openInput, withoutGz, type ByteCounter } from './io';
import type { RowsResult } from './decide-rows';
import type { EvaluateFlags } from './record-line';

/** Lines per chunk sent to a worker. */
const CHUNK_LINES = 1000;
/** A row longer than this is not read (an error row), so memory stays bounded. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;

/**
 * `zhengdi evaluate FILE.jsonl --workers N`: the rows of a JSONL file decided on N worker
 * threads, yielded chunk by chunk in file order. This thread only splits bytes at newlines;
 * the workers parse, decide and write the records (the same bytes as without `--workers`).
 */
export async function* evaluateRowsInWorkers(file: string, engine: EngineOptions, flags: EvaluateFlags, workers: number, counter: ByteCounter): AsyncGenerator<RowsResult, void, undefined> {
  const count = Math.max(1, Math.min(workers, availableParallelism() * 4));
  const stream = openInput(file, counter, 1 << 20); // `-` is stdin, `.gz` is gunzipped, as on one thread
  async function* jobs() {
    for await (const c of lineChunks(stream as AsyncIterable<Uint8Array>, CHUNK_LINES, MAX_LINE_BYTES)) {
      yield { request: { type: 'rows' as const, start: c.start, bytes: c.bytes, longLines: c.longLines }, transfer: [c.bytes.buffer as ArrayBuffer] };
    }
  }
  const data = { engine, options: {}, rows: { name: file === '-' ? 'stdin' : basename(withoutGz(file)), file, flags } };
  yield* inOrder(count, defaultWorkerScript(), data, jobs(), (reply) => {
    if (reply.type !== 'rows') throw new Error(`unexpected reply ${reply.type} from a worker`);
    return { bytes: reply.bytes, errors: reply.errors, rows: reply.rows, records: reply.records };
  });
}
