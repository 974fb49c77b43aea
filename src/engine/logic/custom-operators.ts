import { Dec, ROUNDING_MODES, roundDec, toDec, type RoundingMode } from '../decimal';
import { addDaysIso, addMonthsIso, ageOn, ageOrNaN, birthdayAt, daysBetween, daysInclusive, isIsoDate, monthsBetween } from '../dates';

// Shared seeds of dec+ and dec* (decimals are immutable).
const DEC_ZERO = new Dec(0);
const DEC_ONE = new Dec(1);

/**
 * Operators this package adds to JSON Logic. Each takes already-evaluated arguments, like a
 * json-logic-js `add_operation`, so the same functions can be registered with json-logic-js to
 * check that both agree. Decimal operators return Decimal values; compare them with the `dec`
 * comparisons, never with `==`.
 *
 * `param` and `value` are not here: they read from the evaluation (the parameters in force and
 * a rule's named values), see `compile.ts`.
 *
 * @example
 * ```ts
 * Object.keys(CUSTOM_OPERATORS); // ['dec+', 'dec-', …, 'date-age', …]
 * ```
 */
export const CUSTOM_OPERATORS: Readonly<Record<string, (...args: unknown[]) => unknown>> = {
  // Exact arithmetic on decimals (areas, money). Any number of arguments for + and *.
  'dec+': (...xs) => xs.reduce<InstanceType<typeof Dec>>((acc, x) => acc.plus(toDec(x)), DEC_ZERO),
  'dec*': (...xs) => xs.reduce<InstanceType<typeof Dec>>((acc, x) => acc.times(toDec(x)), DEC_ONE),
  'dec-': (a, b) => (b === undefined ? toDec(a).neg() : toDec(a).minus(toDec(b))),
  'dec/': (a, b) => {
    const divisor = toDec(b);
    if (divisor.isZero()) throw new TypeError('division by zero');
    return toDec(a).div(divisor);
  },
  'dec-min': (...xs) => Dec.min(...xs.map(toDec)),
  'dec-max': (...xs) => Dec.max(...xs.map(toDec)),
  /** [x, places, mode?]: rounds to `places` decimals; mode is one of ROUNDING_MODES (default half-up). */
  'dec-round': (x, places, mode) => roundDec(toDec(x), toPlaces(places), toMode(mode)),
  'dec<': (a, b) => toDec(a).lt(toDec(b)),
  'dec<=': (a, b) => toDec(a).lte(toDec(b)),
  'dec>': (a, b) => toDec(a).gt(toDec(b)),
  'dec>=': (a, b) => toDec(a).gte(toDec(b)),
  'dec==': (a, b) => toDec(a).eq(toDec(b)),
  /**
   * [reported, exact]: whether a figure written on a form agrees with the exact value at the
   * form's own precision (the exact value rounded half-up to as many decimals as the reported one).
   */
  'dec-agrees': (reported, exact) => {
    const r = toDec(reported);
    // A string keeps the places it was written with ("0.20": 2); Decimal would drop the zero.
    const places = typeof reported === 'string' && /^-?\d+\.\d+$/.test(reported) ? reported.split('.')[1]!.length : r.decimalPlaces();
    return roundDec(toDec(exact), places).eq(r);
  },
  /**
   * [reported, exact]: the form-figure ruling of 2026-12-01 — consistent only when the reported
   * figure is the exact value rounded half-up to the reported places AND lies strictly within half
   * a unit of its last place ("1" for 0.5 rounds right but is a whole half away: inconsistent).
   */
  'dec-consistent': (reported, exact) => {
    const r = toDec(reported);
    const e = toDec(exact);
    const places = typeof reported === 'string' && /^-?\d+\.\d+$/.test(reported) ? reported.split('.')[1]!.length : r.decimalPlaces();
    const halfUnit = new Dec(5).times(new Dec(10).pow(-(places + 1)));
    return roundDec(e, places).eq(r) && r.minus(e).abs().lt(halfUnit);
  },

  // Lists of strings (departments, venues, documents): what a rule requires and a case shows.
  /** [required, present]: the required items missing from present, in the order required. */
  'list-missing': (required, present) => {
    const have = new Set(Array.isArray(present) ? present.map(String) : []);
    return (Array.isArray(required) ? required.map(String) : []).filter((x) => !have.has(x));
  },
  /** [keys, pairs]: each key's label from [[key, label], …] (the key itself when it has none). */
  'list-labels': (keys, pairs) => {
    const labels = new Map<string, string>();
    if (Array.isArray(pairs)) for (const p of pairs) if (Array.isArray(p) && p.length === 2) labels.set(String(p[0]), String(p[1]));
    return (Array.isArray(keys) ? keys : []).map((k) => labels.get(String(k)) ?? String(k));
  },

  // Calendar dates, YYYY-MM-DD, no time zone.
  /** [birthDate, date]: full years of age on the date (the birthday counts). */
  'date-age': (birth, on) => {
    const age = ageOrNaN(birth, on); // each date read once; the checks below only name the bad one
    return Number.isNaN(age) ? ageOn(toDate(birth), toDate(on)) : age;
  },
  /** [date, n]: the date n calendar days later. */
  'date-add-days': (d, n) => addDaysIso(toDate(d), toInt(n)),
  /** [date, n]: the date n months later (end of month clamps). */
  'date-add-months': (d, n) => addMonthsIso(toDate(d), toInt(n)),
  /** [from, to]: calendar days, both ends included. */
  'date-days-inclusive': (a, b) => daysInclusive(toDate(a), toDate(b)),
  /** [from, to]: calendar days from `from` to `to`. */
  'date-days-between': (a, b) => daysBetween(toDate(a), toDate(b)),
  /** [birthDate, years]: the date on which the age is reached. */
  'date-birthday': (birth, years) => birthdayAt(toDate(birth), toInt(years)),

  // Issue 5 (Gucun payout): months remaining until an age is reached.
  /**
   * [from, to, mode]: whole months from `from` to `to`; mode `down` counts only months fully
   * elapsed, `up` counts a part month as a full month; 0 when `to` is not after `from`.
   */
  'date-months': (a, b, mode) => monthsBetween(toDate(a), toDate(b), toMonthMode(mode)),
};

function toMonthMode(value: unknown): 'down' | 'up' {
  if (value === 'down' || value === 'up') return value;
  throw new TypeError(`date-months rounds 'down' or 'up', got ${JSON.stringify(value)}`);
}

function toDate(value: unknown): string {
  if (!isIsoDate(value)) throw new TypeError(`expected a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
}

function toInt(value: unknown): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new TypeError(`expected a whole number, got ${JSON.stringify(value)}`);
  return n;
}

function toPlaces(value: unknown): number {
  const n = toInt(value);
  if (n < 0 || n > 20) throw new TypeError(`decimal places must be 0 to 20, got ${n}`);
  return n;
}

function toMode(value: unknown): RoundingMode {
  if (value === undefined || value === null) return 'half-up';
  if (typeof value === 'string' && Object.prototype.hasOwnProperty.call(ROUNDING_MODES, value)) return value as RoundingMode;
  throw new TypeError(`unknown rounding mode ${JSON.stringify(value)} (one of ${Object.keys(ROUNDING_MODES).join(', ')})`);
}
