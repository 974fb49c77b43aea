import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import type { EngineOptions } from '../create-engine';
import { lineChunks } from '../node/line-chunks';
import { defaultWorkerScript, inOrder } from '../node/pool';
import { openInput, withoutGz, type ByteCounter } from './io';
import type { RowsResult } from '../records/decide-rows';
import type { EvaluateFlags } from '../records/rows';

/** Lines per chunk sent to a worker. */
const CHUNK_LINES = 1000;
/** A row longer than this is not read (an error row), so memory stays bounded. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;

/**
 * `zhengdi evaluate FILE.jsonl --workers N`: the rows of a JSONL file decided on N worker
 * threads, yielded chunk by chunk in file order. This thread only splits bytes at newlines;
 * the workers parse, decide and write the records (the same bytes as without `--workers`).
 */
export async function* evaluateRowsInWorkers(file: string, engine: EngineOptions, flags: EvaluateFlags, workers: number, counter: ByteCounter, skipLines = 0): AsyncGenerator<RowsResult & { end: number }, void, undefined> {
  const count = Math.max(1, Math.min(workers, availableParallelism() * 4));
  const stream = openInput(file, counter, 1 << 20); // `-` is stdin, `.gz` is gunzipped, as on one thread
  const ends: number[] = [];
  async function* jobs() {
    for await (const c of lineChunks(stream as AsyncIterable<Uint8Array>, CHUNK_LINES, MAX_LINE_BYTES)) {
      if (c.start + c.lines <= skipLines) continue; // decided before (--resume): chunks start at the same lines in every run
      ends.push(c.start + c.lines);
      const label = `lines ${c.start + 1}–${c.start + c.lines} of ${file}`;
      yield { request: { type: 'rows' as const, start: c.start, bytes: c.bytes, longLines: c.longLines }, transfer: [c.bytes.buffer as ArrayBuffer], label };
    }
  }
  const data = { engine, options: {}, rows: { name: file === '-' ? 'stdin' : basename(withoutGz(file)), file, flags } };
  // ZHENGDI_WORKER_SCRIPT: another worker script (the tests use one that dies mid-run).
  const script = process.env.ZHENGDI_WORKER_SCRIPT ?? defaultWorkerScript();
  yield* inOrder(count, script, data, jobs(), (reply) => {
    if (reply.type !== 'rows') throw new Error(`unexpected reply ${reply.type} from a worker`);
    return { bytes: reply.bytes, hashes: reply.hashes, ids: reply.ids, errors: reply.errors, rows: reply.rows, records: reply.records, end: ends[reply.chunk]! }; // replies come as workers finish: by chunk number, not in order
  });
}
