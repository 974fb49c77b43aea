import { closeSync, fstatSync, openSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, resolve } from 'node:path';
import type { EngineOptions } from '../create-engine';
import { lineChunks } from '../node/line-chunks';
import { lineRanges, readRange } from '../node/line-ranges';
import { nodeSha256Hex } from '../node/sha256';
import type { Engine } from '../create-engine';
import { decideRowLines, type RowLines } from '../records/decide-rows';
import { defaultWorkerScript, inOrder, type Job } from '../node/pool';
import type { WorkerReply } from '../node/protocol';
import { isGzip, openInput, withoutGz, type ByteCounter } from './io';
import type { RowsResult } from '../records/decide-rows';
import type { EvaluateFlags } from '../records/rows';

/** Lines per chunk sent to a worker. */
const CHUNK_LINES = 1000;
/** Lines and bytes per chunk decided on this thread (a signal is seen between chunks). */
const HERE_LINES = 256;
const HERE_BYTES = 256 * 1024;
/** A range a worker reads ends at the first line end after this many bytes (if 1000 lines come later). */
const RANGE_BYTES = 1 << 20;
/** A row longer than this is not read (an error row), so memory stays bounded. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;

type Chunk = RowsResult & { end: number };
/** A chunk decided on this thread: its record lines as text (see `decideRowLines`). */
type TextChunk = RowLines & { end: number };

/**
 * `zhengdi evaluate FILE.jsonl --workers N`: the rows of a JSONL file decided on N worker
 * threads, yielded chunk by chunk in file order (the same bytes as without `--workers`). A plain
 * file is cut into byte ranges of whole lines and each worker reads its own ranges: this thread
 * only looks for newlines (to number the lines), then links and writes what the workers return.
 * Standard input and `.gz` files cannot be read at an offset: this thread reads them and posts
 * chunks of lines to the workers.
 */
export async function* evaluateRowsInWorkers(file: string, engine: EngineOptions, flags: EvaluateFlags, workers: number, counter: ByteCounter, skipLines = 0): AsyncGenerator<Chunk, void, undefined> {
  const count = Math.max(1, Math.min(workers, availableParallelism() * 4));
  const data = { engine, options: {}, rows: { name: file === '-' ? 'stdin' : basename(withoutGz(file)), file, flags } };
  // ZHENGDI_WORKER_SCRIPT: another worker script (the tests use one that dies mid-run).
  const script = process.env.ZHENGDI_WORKER_SCRIPT ?? defaultWorkerScript();
  const ends: Array<{ line: number; byte?: number }> = []; // by chunk number
  const unwrap = (reply: Exclude<WorkerReply, { type: 'fatal' }>): Chunk => {
    if (reply.type !== 'rows') throw new Error(`unexpected reply ${reply.type} from a worker`);
    const end = ends[reply.chunk]!; // replies come as workers finish: by chunk number, not in order
    return { bytes: reply.bytes, hashes: reply.hashes, ids: reply.ids, errors: reply.errors, rows: reply.rows, records: reply.records, end: end.line };
  };
  if (file === '-' || isGzip(file)) {
    const stream = openInput(file, counter, 1 << 20); // `-` is stdin, `.gz` is gunzipped, as on one thread
    async function* jobs(): AsyncGenerator<Job<Chunk>> {
      for await (const c of lineChunks(stream as AsyncIterable<Uint8Array>, CHUNK_LINES, MAX_LINE_BYTES)) {
        if (c.start + c.lines <= skipLines) continue; // decided before (--resume): chunks start at the same lines in every run
        ends.push({ line: c.start + c.lines });
        yield { request: { type: 'rows', start: c.start, bytes: c.bytes, longLines: c.longLines }, transfer: [c.bytes.buffer as ArrayBuffer], label: `lines ${c.start + 1}–${c.start + c.lines} of ${file}` };
      }
    }
    yield* inOrder(count, script, data, jobs(), unwrap);
    return;
  }
  const path = resolve(file);
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    counter.total = size;
    function* jobs(): Generator<Job<Chunk>> {
      // --resume: the first range starts at the first line not decided before.
      for (const r of lineRanges(fd, size, { maxLines: CHUNK_LINES, maxBytes: RANGE_BYTES, maxLineBytes: MAX_LINE_BYTES, fromLine: skipLines })) {
        ends.push({ line: r.firstLine + r.lines, byte: r.end });
        yield { request: { type: 'range', start: r.firstLine, path, from: r.start, to: r.end, longLines: r.longLines }, label: `lines ${r.firstLine + 1}–${r.firstLine + r.lines} of ${file}` };
      }
    }
    async function* asyncJobs() {
      yield* jobs();
    }
    let chunk = 0;
    for await (const c of inOrder(count, script, data, asyncJobs(), unwrap)) {
      counter.read = ends[chunk++]!.byte!;
      yield c;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * `zhengdi evaluate FILE.jsonl` without `--workers` on a plain file: the same byte ranges of
 * whole lines as the workers read, decided on this thread, chunk by chunk (the same bytes as
 * with any number of workers, and as the rows of standard input). One read and one decode a
 * range instead of a line-reader's promise per line.
 */
export function* evaluateRowsHere(file: string, engine: Engine, flags: EvaluateFlags, counter: ByteCounter, skipLines = 0): Generator<TextChunk, void, undefined> {
  const name = basename(file);
  const fd = openSync(resolve(file), 'r');
  try {
    const size = fstatSync(fd).size;
    counter.total = size;
    for (const r of lineRanges(fd, size, { maxLines: HERE_LINES, maxBytes: HERE_BYTES, maxLineBytes: MAX_LINE_BYTES, fromLine: skipLines })) {
      const result = decideRowLines(engine, readRange(fd, r), r.firstLine, r.longLines, name, file, flags, nodeSha256Hex);
      counter.read = r.end;
      yield { ...result, end: r.firstLine + r.lines };
    }
  } finally {
    closeSync(fd);
  }
}
