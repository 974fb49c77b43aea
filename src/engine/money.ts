import { Decimal } from 'decimal.js';
import { Dec } from './decimal';

/**
 * Money mechanism shared by the kinds that pay: amounts in yuan, rounded to the fen (0.01)
 * half-up only where a rule says so. Splits among payers are the ruleset's funding parts
 * (`apportion` in items.ts): whoever pays is named in the ruleset, never here.
 */

/**
 * An amount in yuan as text with exactly two decimals: the same string as `value.toFixed(2)`
 * (half-up), written without the rounding step when the value is already in fen (at most two
 * decimals), which every amount of an outcome is. decimal.js's `toFixed(2)` rounds even then and
 * was the largest single cost of an item's totals (issue 8).
 */
export function fenText(value: Dec): string {
  if (value.decimalPlaces() > 2) return value.toFixed(2, Decimal.ROUND_HALF_UP);
  const s = value.toFixed();
  const dot = s.indexOf('.');
  if (dot < 0) return `${s}.00`;
  return s.length - dot === 2 ? `${s}0` : s;
}

/** Rounds to the fen, half-up, keeping a Decimal (a value already in fen is returned as it is: decimals are immutable). */
export function roundFen(value: Dec): Dec {
  return value.decimalPlaces() <= 2 ? value : value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}
