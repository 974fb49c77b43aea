/**
 * Field-by-field comparison of a recorded decision with its replay. Pure and browser-safe.
 *
 * Decimal strings are compared as numbers ("1.50" equals "1.5", "2" equals "2.00" when one side
 * has a decimal point); everything else is compared exactly. Paths are written like
 * `outcome.applicants[0].eligible` or `parameters["cn.hunan.shaoyang.min-age"]`.
 */
import { Dec } from '../engine/decimal';

/**
 * One difference: where, what the record says, what the replay gave (absent side: undefined).
 *
 * @example
 * ```ts
 * const d: Diff = { path: 'outcome.applicants[0].eligible', recorded: true, replayed: false };
 * ```
 */
export interface Diff {
  path: string;
  recorded: unknown;
  replayed: unknown;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends a key to a path: `.key` for identifiers, `["key"]` otherwise. */
export function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (IDENT.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/** Whether two leaf values are equal, decimal strings compared as numbers. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string' && DECIMAL.test(a) && DECIMAL.test(b) && (a.includes('.') || b.includes('.'))) {
    return new Dec(a).eq(new Dec(b));
  }
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b) || a === b;
  return false;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Every difference between two JSON values, depth first, keys in sorted order. Arrays are
 * compared index by index (a missing element is `undefined` on its side).
 *
 * @example
 * ```ts
 * diffValues({ a: '1.50', b: [true] }, { a: '1.5', b: [false] }); // [{ path: 'b[0]', recorded: true, replayed: false }]
 * ```
 */
export function diffValues(recorded: unknown, replayed: unknown, path = '', out: Diff[] = []): Diff[] {
  if (Array.isArray(recorded) && Array.isArray(replayed)) {
    const n = Math.max(recorded.length, replayed.length);
    for (let i = 0; i < n; i++) diffValues(recorded[i], replayed[i], joinPath(path, i), out);
    return out;
  }
  if (isPlainObject(recorded) && isPlainObject(replayed)) {
    const keys = [...new Set([...Object.keys(recorded), ...Object.keys(replayed)])].sort();
    for (const k of keys) {
      const a = Object.hasOwn(recorded, k) ? recorded[k] : undefined;
      const b = Object.hasOwn(replayed, k) ? replayed[k] : undefined;
      diffValues(a, b, joinPath(path, k), out);
    }
    return out;
  }
  if (!sameValue(recorded, replayed)) out.push({ path: path === '' ? '(root)' : path, recorded, replayed });
  return out;
}

/** The parts of a decision that replay compares. */
export interface ComparableDecision {
  kind?: unknown;
  jurisdiction?: unknown;
  asOf?: unknown;
  ruleset?: unknown;
  outcome?: unknown;
  reasons?: unknown;
  warnings?: unknown;
  parameters?: unknown;
}

function parameterValues(list: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!Array.isArray(list)) return out;
  for (const p of list) {
    if (isPlainObject(p) && typeof p.id === 'string') out[p.id] = { value: p.value, overridden: p.overridden };
  }
  return out;
}

/**
 * The differences between a recorded decision and its replay: kind, jurisdiction, asOf, the
 * ruleset's id and hash, the outcome, every reason, every warning, and the value of every
 * parameter read (compared by id; sources and notes are not compared, so a corrected citation
 * text is not a mismatch).
 *
 * @example
 * ```ts
 * diffDecisions(record.decision, engine.evaluate(record.request)); // [] when the replay matches
 * ```
 */
export function diffDecisions(recorded: ComparableDecision, replayed: ComparableDecision): Diff[] {
  const out: Diff[] = [];
  for (const k of ['kind', 'jurisdiction', 'asOf'] as const) diffValues(recorded[k], replayed[k], k, out);
  const ref = (r: unknown) => (isPlainObject(r) ? { id: r.id, hash: r.hash } : r);
  diffValues(ref(recorded.ruleset), ref(replayed.ruleset), 'ruleset', out);
  diffValues(recorded.outcome, replayed.outcome, 'outcome', out);
  diffValues(recorded.reasons, replayed.reasons, 'reasons', out);
  diffValues(recorded.warnings, replayed.warnings, 'warnings', out);
  diffValues(parameterValues(recorded.parameters), parameterValues(replayed.parameters), 'parameters', out);
  return out;
}
