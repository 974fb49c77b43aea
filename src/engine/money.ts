import { Decimal } from 'decimal.js';
import { Dec } from './decimal';

/**
 * Money mechanism shared by the kinds that pay: amounts in yuan, rounded to the fen (0.01)
 * half-up only where a rule says so, and splits whose parts always add up to the whole.
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

/**
 * Splits an amount already rounded to the fen: the first part is `amount × share` rounded to the
 * fen half-up, the second is the exact rest, so the two always add up to `amount`.
 *
 * @example splitShare(new Dec('0.05'), new Dec('0.5')) // [0.03, 0.02]
 */
export function splitShare(amount: Dec, share: Dec): [Dec, Dec] {
  const first = roundFen(amount.times(share));
  return [first, amount.minus(first)];
}

/** A 50/50 split: the first payer (the district) gets the rounded half, the second (the town) the exact rest. */
export function splitHalf(amount: Dec): [Dec, Dec] {
  return splitShare(amount, new Dec('0.5'));
}
