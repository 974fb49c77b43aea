import type { BatchError, BatchOptions, BatchResult } from '../batch';
import type { EngineOptions } from '../engine/engine';
import type { Kind } from '../kinds';

/** What each worker is started with. @internal */
export interface WorkerData {
  kind: Kind;
  engine: EngineOptions;
  options: BatchOptions;
  /** When set, only these fields of each decision are sent back (see `WorkerBatchOptions.fields`). */
  fields?: readonly string[];
}

/** A chunk of inputs sent to a worker. @internal */
export interface WorkerRequest {
  chunk: number;
  start: number;
  inputs: unknown[];
}

/** A worker's reply. @internal */
export type WorkerReply = { type: 'chunk'; chunk: number; results: BatchResult[] } | { type: 'fatal'; error: BatchError };
