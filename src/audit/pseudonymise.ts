/**
 * Pseudonymised records: a decision record whose person ids and names are replaced by a keyed
 * hash, so that a record file can be handed to an auditor without the names. Pure and
 * browser-safe (HMAC-SHA-256 from @noble/hashes).
 */
import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { sealRecord, type DecisionRecord } from './record';

/**
 * Where each kind's input names a person: these string fields (and string arrays) are
 * pseudonymised. Household ids of `allocation` are not: they are no persons, and they break
 * ties between equal remainders (a new id could change the allocation).
 *
 * @example
 * ```ts
 * PERSON_FIELDS.eligibility; // ['applicants[].id']
 * ```
 */
export const PERSON_FIELDS: Readonly<Record<string, readonly string[]>> = {
  eligibility: ['applicants[].id'],
  screening: ['enrollees[].id', 'enrollees[].name'],
  payout: ['person.id'],
  'later-subsidy': ['personId'],
  enrollment: ['nominees[].id'],
  reallocation: ['candidates[].id'],
  procedure: ['events[].applicant', 'events[].representatives[]'],
};

/**
 * The pseudonym of a person id under a key: `P-` and the first 20 hex digits (80 bits) of
 * HMAC-SHA-256(key, id). The same key gives the same pseudonym in every record, so a person's
 * records can still be linked; without the key the id cannot be recovered or confirmed.
 *
 * @example
 * ```ts
 * pseudonymOf('TJ-01-1 刘建国', key); // 'P-…' (20 hex digits)
 * ```
 */
export function pseudonymOf(id: string, key: Uint8Array | string): string {
  const k = typeof key === 'string' ? utf8ToBytes(key) : key;
  return `P-${bytesToHex(hmac(sha256, k, utf8ToBytes(id))).slice(0, 20)}`;
}

function collect(value: unknown, path: readonly string[], out: Set<string>): void {
  if (path.length === 0) {
    if (typeof value === 'string' && value.length > 0) out.add(value);
    return;
  }
  const [head, ...rest] = path;
  if (head!.endsWith('[]')) {
    const name = head!.slice(0, -2);
    const arr = name === '' ? value : value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
    if (Array.isArray(arr)) for (const item of arr) collect(item, rest, out);
    return;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, head!)) collect((value as Record<string, unknown>)[head!], rest, out);
}

/**
 * The person ids and names a record's request names (by {@link PERSON_FIELDS}).
 *
 * @example
 * ```ts
 * personIdsOf(record); // ['TJ-01-1 刘建国', 'TJ-01-2 王秀英', …]
 * ```
 */
export function personIdsOf(record: Pick<DecisionRecord, 'request'>): string[] {
  const fields = PERSON_FIELDS[record.request.kind] ?? [];
  const out = new Set<string>();
  for (const f of fields) collect(record.request.input, f.split('.'), out);
  return [...out];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Keys whose values are the rules' and the law's, never a person's: left as they are. */
const SKIP = new Set(['ruleset', 'citation', 'parameters', 'format', 'engineVersion', 'recordHash', 'hash', 'kind', 'jurisdiction', 'asOf', 'rule']);

function replaceIn(value: unknown, exact: Map<string, string>, pattern: RegExp | undefined): unknown {
  if (typeof value === 'string') {
    const hit = exact.get(value);
    if (hit !== undefined) return hit;
    return pattern ? value.replace(pattern, (m) => exact.get(m)!) : value;
  }
  if (Array.isArray(value)) return value.map((v) => replaceIn(v, exact, pattern));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SKIP.has(k) ? v : replaceIn(v, exact, pattern);
    return out;
  }
  return value;
}

/**
 * A copy of a record with every person id and name of its request (see {@link PERSON_FIELDS})
 * replaced by its keyed pseudonym wherever it appears in the request and the decision (outcome,
 * subjects, rule values and the messages that quote it), sealed again (a new `recordHash`). The
 * decision is otherwise unchanged: replaying the copy gives the same decision (the engine
 * decides by dates and figures, never by a person's id). Birth dates, sex and figures stay:
 * the decision needs them. Ids shorter than 2 characters are replaced only where a whole value
 * equals them, never inside a text.
 *
 * @example
 * ```ts
 * const forAuditor = pseudonymiseRecord(record, key);
 * engine.replay([forAuditor]).matched; // 1
 * ```
 */
export function pseudonymiseRecord(record: DecisionRecord, key: Uint8Array | string): DecisionRecord {
  if ((typeof key === 'string' ? key.length : key.byteLength) < 16) throw new RangeError('a pseudonymisation key has at least 16 bytes');
  const ids = personIdsOf(record);
  if (ids.length === 0) return record;
  const exact = new Map(ids.map((id) => [id, pseudonymOf(id, key)]));
  const inText = ids.filter((id) => id.length >= 2).sort((a, b) => b.length - a.length);
  const pattern = inText.length > 0 ? new RegExp(inText.map(escape).join('|'), 'gu') : undefined;
  const { recordHash: _old, ...body } = record;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) out[k] = k === 'request' || k === 'decision' || k === 'id' ? replaceIn(v, exact, pattern) : v;
  return sealRecord(out as unknown as Omit<DecisionRecord, 'recordHash'>) as DecisionRecord;
}
