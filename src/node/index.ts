/**
 * `zhengdi-rules/node`: helpers that need Node.js (worker threads). The main entry
 * `zhengdi-rules` stays free of Node APIs and runs in browsers.
 *
 * @example
 * ```ts
 * import { collectBatchInWorkers } from 'zhengdi-rules/node';
 * const results = await collectBatchInWorkers('eligibility', inputs, { workers: 2 });
 * ```
 *
 * @packageDocumentation
 * @module zhengdi-rules/node
 */
export { evaluateJsonLines, evaluateJsonLinesInWorkers, type JsonLinesOptions, type JsonLinesSource, type JsonLinesWorkerOptions } from './jsonl-workers';
export { collectBatchInWorkers, evaluateBatchInWorkers, type DecisionField, type SelectedBatchResult, type WorkerBatchOptions } from './batch-workers';
