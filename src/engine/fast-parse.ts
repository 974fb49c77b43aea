import { isIsoDate } from './dates';
import { Dec } from './decimal';
import { decimalProblem, normalisedDecimal, type DecimalOptions } from './schemas';

/**
 * Building blocks of the fast parsers (a kind's `fastParse`, the request envelope's): plain code
 * that recognises an input the zod schemas of src/engine/schemas.ts accept and gives the value
 * they give, without zod's machinery. Each answers `undefined` when it is not sure; the caller
 * then runs the zod schema, so every problem is still reported by zod, exactly as before.
 *
 * They read an object as zod 4 does: a key is present when `key in value` (the prototype chain
 * included), its value is `value[key]`, and a strict object's unknown keys are the ones
 * `for (const key in value)` gives that the shape lacks (an own `__proto__` key among them).
 */

/**
 * An object zod reads the properties of (anything `typeof 'object'` but null and arrays).
 *
 * @example
 * ```ts
 * isObjectLike({ a: 1 }); // true
 * isObjectLike([1]);      // false
 * ```
 */
export function isObjectLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether every key `for…in` gives is one of `keys` (what a zod strict object accepts).
 *
 * @example
 * ```ts
 * hasOnlyKeys({ a: 1 }, new Set(['a', 'b'])); // true
 * hasOnlyKeys(JSON.parse('{"__proto__": 1}'), new Set(['a'])); // false
 * ```
 */
export function hasOnlyKeys(value: object, keys: ReadonlySet<string>): boolean {
  for (const key in value) if (!keys.has(key)) return false;
  return true;
}

/**
 * Whether a value passes `isoDate`: a string holding a real calendar date `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * isIsoDateInput('2024-02-29'); // true
 * isIsoDateInput('2023-02-30'); // false
 * ```
 */
export function isIsoDateInput(value: unknown): value is string {
  return typeof value === 'string' && isIsoDate(value);
}

/**
 * Whether a string is at most `max` long as zod 4 measures a string's `.max()`: in code points
 * (a surrogate pair counts once, a lone surrogate as one), so up to twice as many UTF-16 units.
 *
 * @example
 * ```ts
 * withinLength('abc', 3);           // true
 * withinLength('😀'.repeat(3), 3);  // true (6 UTF-16 units)
 * ```
 */
export function withinLength(s: string, max: number): boolean {
  const units = s.length;
  if (units <= max) return true;
  if (units > 2 * max) return false;
  let count = units;
  for (let i = 0; i < units - 1; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count <= max;
}

/**
 * Whether a value passes `idString`: not empty, at most 100 code points (as zod measures),
 * no control character (U+0000–U+001F, U+007F).
 *
 * @example
 * ```ts
 * isIdStringInput('张三'); // true
 * isIdStringInput('a\nb'); // false
 * ```
 */
export function isIdStringInput(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const n = value.length;
  if (n < 1 || !withinLength(value, 100)) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
  }
  return true;
}

/**
 * Whether a value passes `count` with a minimum: a whole number from `min` to a billion.
 *
 * @example
 * ```ts
 * isCountInput(4, 1); // true
 * isCountInput(1.5, 0); // false
 * ```
 */
export function isCountInput(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= 1e9;
}

/** Whether a character code is an ASCII digit. */
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The form `decimalInput` gives a plain decimal string `s` (digits, then optionally a point and
 * digits; the integer part `0` or without a leading zero, at most 18 digits; at most 60
 * characters), or undefined for any other string. Such a string is a valid decimal ≥ 0 below
 * 10^18; undefined too when it has more than 20 decimals once trailing zeros are dropped (what
 * decimal.js counts). Its form: `s` itself with `keepPlaces`, else `s` without the trailing zeros
 * after the point (and without the point when nothing is left after it): "2.50" → "2.5", "3.0" → "3".
 */
function plainDecimalForm(s: string, keepPlaces: boolean): string | undefined {
  const n = s.length;
  if (n === 0 || n > 60) return undefined;
  const c0 = s.charCodeAt(0);
  if (!isDigit(c0)) return undefined;
  if (c0 === 48 && n > 1 && s.charCodeAt(1) !== 46) return undefined;
  let i = 1;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  if (i > 18) return undefined;
  if (i === n) return s;
  if (s.charCodeAt(i) !== 46 || i === n - 1) return undefined;
  // The last non-zero decimal: the decimals that count.
  let last = i;
  for (let j = i + 1; j < n; j++) {
    const c = s.charCodeAt(j);
    if (!isDigit(c)) return undefined;
    if (c !== 48) last = j;
  }
  if (last - i > 20) return undefined;
  if (keepPlaces || last === n - 1) return s;
  return s.slice(0, last === i ? i : last + 1);
}

/**
 * The fast form of `decimalInput(options)`: a function giving the normalised decimal string
 * the schema gives for a valid value, or undefined for anything else (the schema then says why).
 *
 * @example
 * ```ts
 * const mu = fastDecimal({ min: 0 });
 * mu('01.50'); // '1.5'
 * mu('1e3');   // undefined
 * ```
 */
export function fastDecimal(options: DecimalOptions = {}): (value: unknown) => string | undefined {
  const keepPlaces = options.keepPlaces === true;
  // Values in the normal form are ≥ 0: they pass a minimum of 0 (inclusive) or below it as they are.
  const normalPassesMin = options.min === undefined || options.min < 0 || (options.min === 0 && options.minExclusive !== true);
  return (value) => {
    if (typeof value === 'string') {
      if (normalPassesMin) {
        const form = plainDecimalForm(value, keepPlaces);
        if (form !== undefined) return form;
      }
      if (!withinLength(value, 60)) return undefined;
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) return undefined;
      // A safe integer ≥ 0 (or -0) is below 10^18 and has no decimals; decimal.js writes it as String does.
      if (normalPassesMin && Number.isSafeInteger(value) && value >= 0) return String(value);
    } else {
      return undefined;
    }
    return decimalProblem(value, options) === undefined ? normalisedDecimal(value, options) : undefined;
  };
}

/**
 * Whether the decimal string `a` is greater than `b`, as `new Dec(a).gt(b)` says (two strings in
 * the form `decimalInput` gives, ≥ 0, are compared as text, anything else with decimal.js).
 *
 * @example
 * ```ts
 * decimalGreater('10.5', '9.75'); // true
 * decimalGreater('0.3', '0.30');  // false
 * ```
 */
export function decimalGreater(a: string, b: string): boolean {
  if (plainDecimalForm(a, false) !== a || plainDecimalForm(b, false) !== b) return new Dec(a).gt(b);
  const ai = a.indexOf('.');
  const bi = b.indexOf('.');
  const aInt = ai < 0 ? a.length : ai;
  const bInt = bi < 0 ? b.length : bi;
  // No leading zeros: a longer integer part is a larger number.
  if (aInt !== bInt) return aInt > bInt;
  for (let i = 0; i < aInt; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d > 0;
  }
  // Equal integer parts. Decimals without trailing zeros compare as text: at the first digit
  // that differs, or else the longer one (its extra digits end in a non-zero) is greater.
  const aFrac = ai < 0 ? '' : a.slice(ai + 1);
  const bFrac = bi < 0 ? '' : b.slice(bi + 1);
  return aFrac > bFrac;
}
