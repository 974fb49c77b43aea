/**
 * The worker script of {@link evaluateBatchInWorkers}: builds one engine from the options it
 * receives and decides the chunks it is sent, in order: inputs as objects, or JSONL as bytes
 * (answered with JSONL bytes), or the rows of `zhengdi evaluate --workers` (as bytes, or as a
 * byte range of the file that the worker reads itself). Built to
 * `dist/batch-worker.js` (ESM) and `dist/batch-worker.cjs` (CommonJS).
 *
 * @internal
 * @module
 */
import { openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { evaluateOne, toBatchError } from '../batch';
import { decideRows } from '../records/decide-rows';
import { decideJsonLines } from './jsonl-decide';
import { readRange } from './line-ranges';
import { nodeSha256Hex } from './sha256';
import { projectResult } from './project';
import { createEngine, type Engine } from '../create-engine';
import type { WorkerData, WorkerReply, WorkerRequest } from './protocol';

const port = parentPort;
if (!port) throw new Error('zhengdi-rules batch-worker must run in a worker thread');
const data = workerData as WorkerData;
let engine: Engine | undefined;
try {
  engine = createEngine(data.engine);
} catch (e) {
  port.postMessage({ type: 'fatal', error: toBatchError(e) } satisfies WorkerReply);
}
/** Files this worker reads ranges of, open for as long as it runs. */
const files = new Map<string, number>();
port.on('message', (msg: WorkerRequest) => {
  if (!engine) return;
  if (msg.type === 'range') {
    const rows = data.rows!;
    let fd = files.get(msg.path);
    if (fd === undefined) files.set(msg.path, (fd = openSync(msg.path, 'r')));
    const bytes = readRange(fd, { start: msg.from, end: msg.to, longLines: msg.longLines });
    const r = decideRows(engine, bytes, msg.start, msg.longLines, rows.name, rows.file, rows.flags, nodeSha256Hex);
    port.postMessage({ type: 'rows', chunk: msg.chunk, ...r } satisfies WorkerReply, [r.bytes.buffer as ArrayBuffer]);
    return;
  }
  if (msg.type === 'rows') {
    const rows = data.rows!;
    const r = decideRows(engine, msg.bytes, msg.start, msg.longLines, rows.name, rows.file, rows.flags, nodeSha256Hex);
    port.postMessage({ type: 'rows', chunk: msg.chunk, ...r } satisfies WorkerReply, [r.bytes.buffer as ArrayBuffer]);
    return;
  }
  if (msg.type === 'jsonl') {
    const bytes = decideJsonLines(engine, data.kind!, msg.bytes, msg.start, data.options, data.fields, msg.longLines);
    port.postMessage({ type: 'jsonl', chunk: msg.chunk, bytes } satisfies WorkerReply, [bytes.buffer as ArrayBuffer]);
    return;
  }
  const results = msg.inputs.map((input, i) => projectResult(evaluateOne(engine!, data.kind!, input, msg.start + i, data.options), data.fields));
  port.postMessage({ type: 'chunk', chunk: msg.chunk, results } satisfies WorkerReply);
});
