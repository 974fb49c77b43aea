import { Decimal } from 'decimal.js';

/**
 * The package's own Decimal constructor (a clone, so the caller's global Decimal settings never
 * change our arithmetic). 40 significant digits; rounding, where a rule asks for it, half-up.
 */
export const Dec = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -60,
  toExpPos: 60,
});
export type Dec = InstanceType<typeof Dec>;

const DECIMAL_PATTERN = /^-?(?:\d+)(?:\.\d+)?$/;

/** Whether a value can be read as a decimal: a Decimal, a finite number or a plain decimal string. */
export function isDecimalLike(value: unknown): boolean {
  if (value instanceof Dec) return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return value.length <= 100 && DECIMAL_PATTERN.test(value);
  return false;
}

const PARSED_MAX = 4096;
const parsed = new Map<string | number, Dec>();

/**
 * What {@link toDec} throws: a TypeError naming the value. During a decision (inputs are checked
 * before) it means a formula or an item of the rule file gave something that is not a decimal;
 * the engine reports it as a RuleEvaluationError.
 */
export class NotADecimalError extends TypeError {}

/** Reads a decimal; throws a NotADecimalError (a TypeError) naming the value when it is not one. */
export function toDec(value: unknown): Dec {
  if (value instanceof Dec) return value;
  if (typeof value === 'string' || (typeof value === 'number' && !Object.is(value, -0))) {
    // The same few strings and numbers (parameters such as "0.24" or 7384, literals such as 12)
    // are read in every decision: parse each once. Decimals are immutable, so sharing is safe.
    const cached = parsed.get(value);
    if (cached) return cached;
    if (!isDecimalLike(value)) throw new NotADecimalError(`expected a decimal, got ${describe(value)}`);
    const d = new Dec(value);
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(value, d);
    return d;
  }
  if (isDecimalLike(value)) return new Dec(value as string | number);
  if (Decimal.isDecimal(value)) return new Dec((value as Decimal).toString());
  throw new NotADecimalError(`expected a decimal, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `"${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  return typeof value === 'object' ? (Array.isArray(value) ? 'an array' : 'an object') : String(value);
}

/** Rounding modes a ruleset may name. */
export const ROUNDING_MODES = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  down: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP,
  floor: Decimal.ROUND_FLOOR,
  ceil: Decimal.ROUND_CEIL,
} as const;
export type RoundingMode = keyof typeof ROUNDING_MODES;

/** Rounds to `places` decimals with the named mode (default half-up). */
export function roundDec(value: Dec, places: number, mode: RoundingMode = 'half-up'): Dec {
  return value.toDecimalPlaces(places, ROUNDING_MODES[mode]);
}

/** Money: rounded half-up to the fen, as a string with exactly two decimals (`"357897.60"`). */
export function toMoney(value: Dec): string {
  return value.toFixed(2, Decimal.ROUND_HALF_UP);
}
