/**
 * The one place the service turns a decision into a record line. Today it is the library's
 * `toRecord` as canonical JSON (a record with its own `recordHash`); sealed, hash-chained record
 * files (src/records) can be swapped in here without touching the routes.
 */
import { toRecord, type DecisionRecord, type RequestLike } from '../audit/record';
import type { Decision } from '../create-engine';

/** Makes the record of a decision, transformed by `map` (pseudonymisation) when given. */
export function recordOf(decision: Decision, request: RequestLike, id: string | undefined, map?: (r: DecisionRecord) => DecisionRecord): DecisionRecord {
  const record = toRecord(decision, request, id !== undefined ? { id } : {});
  return map ? map(record) : record;
}

/** A record as one JSON line without its newline (`JSON.stringify` of a record is its canonical JSON). */
export function recordText(record: DecisionRecord): string {
  return JSON.stringify(record);
}
