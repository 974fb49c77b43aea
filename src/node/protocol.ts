import type { BatchError, BatchOptions, BatchResult } from '../batch';
import type { EngineOptions } from '../create-engine';
import type { Kind } from '../kinds';
import type { EvaluateFlags } from '../records/rows';
import type { LongLine } from './jsonl-decide';
import type { SkippedLine } from './line-ranges';

/** What each worker is started with. @internal */
export interface WorkerData {
  /** The kind of every input (object and JSONL chunks); rows name their own kind. */
  kind?: Kind;
  engine: EngineOptions;
  options: BatchOptions;
  /** When set, only these fields of each decision are sent back (see `WorkerBatchOptions.fields`). */
  fields?: readonly string[];
  /** For `rows` chunks (`zhengdi evaluate --workers`): the file's name (default ids), how to name it in errors, the flags. */
  rows?: { name: string; file: string; flags: EvaluateFlags };
}

/**
 * A chunk of work sent to a worker: inputs as objects (structured-cloned), or JSONL as UTF-8
 * bytes (transferred; the worker parses the lines and answers with UTF-8 JSONL bytes), or a
 * byte range of a file the worker reads itself (`zhengdi evaluate --workers` on a plain file).
 * `start` is the batch index (objects) or the 0-based line number (JSONL) of the chunk's first
 * element. @internal
 */
export type WorkerRequest =
  | { type: 'inputs'; chunk: number; start: number; inputs: unknown[] }
  | { type: 'jsonl'; chunk: number; start: number; bytes: Uint8Array; longLines: LongLine[] }
  | { type: 'rows'; chunk: number; start: number; bytes: Uint8Array; longLines: LongLine[] }
  /** Rows the worker reads itself: bytes `from` to `to` of the file at `path`, whose first line is line `start` (0-based). */
  | { type: 'range'; chunk: number; start: number; path: string; from: number; to: number; longLines: SkippedLine[] };

/** A worker's reply. @internal */
export type WorkerReply =
  | { type: 'chunk'; chunk: number; results: BatchResult[] }
  | { type: 'jsonl'; chunk: number; bytes: Uint8Array }
  | { type: 'rows'; chunk: number; bytes: Uint8Array; hashes: string[]; ids: Array<string | null>; errors: string[]; rows: number; records: number }
  | { type: 'fatal'; error: BatchError };
