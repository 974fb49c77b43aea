import type { BatchResult } from '../batch';

/**
 * Keeps only the named fields of a batch result's decision (errors pass unchanged). Run in the
 * worker, before the result is copied to the calling thread: copying is what a full decision
 * costs most (issue 8).
 *
 * @internal
 */
export function projectResult(r: BatchResult, fields: readonly string[] | undefined): BatchResult {
  if (fields === undefined || !('decision' in r)) return r;
  const full = r.decision as unknown as Record<string, unknown>;
  const decision: Record<string, unknown> = {};
  for (const f of fields) if (Object.prototype.hasOwnProperty.call(full, f)) decision[f] = full[f];
  return { index: r.index, decision } as unknown as BatchResult;
}
