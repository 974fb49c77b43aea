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

/*
 * Money in integers where it is exact (issue 21). An amount of an outcome is a whole number of
 * fen; below 2^53 fen (about 90 trillion yuan) a JavaScript number holds it exactly, so sums and
 * the splits among payers are done on integers, and decimal.js is kept for what needs it: the
 * ruleset's formulas (rates, products, divisions) and amounts beyond that range. The integer
 * path gives the same results as the decimal one (test/engine/money-integers.test.ts compares
 * them on random amounts, shares and caps).
 */

/** An amount rounded to the fen: the Decimal, its text with two decimals, and the whole number of fen when it is a safe integer. */
export interface FenAmount {
  readonly dec: Dec;
  readonly text: string;
  /** Fen as a safe integer, or undefined beyond 2^53 fen (the decimal path is used then). */
  readonly fen: number | undefined;
}

// The same few amounts (a premium, a fee) recur in every decision: kept per Decimal (decimals are immutable).
const fenAmounts = new WeakMap<Dec, FenAmount>();

/** A value rounded to the fen half-up, with its text and whole fen (kept per Decimal instance). */
export function fenAmount(value: Dec): FenAmount {
  let a = fenAmounts.get(value);
  if (a === undefined) {
    const dec = roundFen(value);
    const text = fenText(dec);
    a = { dec, text, fen: textToFen(text) };
    fenAmounts.set(value, a);
  }
  return a;
}

const FEN_TEXT = /^-?\d{1,20}\.\d\d$/;

/** Whole fen of a text with exactly two decimals ("388113.55" → 38811355), or undefined when not such a text or not a safe integer. */
export function textToFen(text: string): number | undefined {
  if (!FEN_TEXT.test(text)) return undefined;
  const dot = text.length - 3;
  const n = Number(text.slice(0, dot) + text.slice(dot + 1));
  return Number.isSafeInteger(n) && !Object.is(n, -0) ? n : undefined;
}

/** The text of whole fen, as {@link fenText} writes the same amount (38811355 → "388113.55"). */
export function fenToText(fen: number): string {
  const neg = fen < 0;
  const abs = neg ? -fen : fen;
  const yuan = Math.floor(abs / 100);
  const rest = abs - yuan * 100;
  return `${neg ? '-' : ''}${yuan}.${rest < 10 ? '0' : ''}${rest}`;
}

interface ScaledShare {
  readonly num: number;
  readonly scale: number;
}
const scaledShares = new WeakMap<Dec, ScaledShare | null>();

/** A share as num / scale with integers (0.5 → 5 / 10), or null when it has more than 9 decimals or is negative. */
function scaled(share: Dec): ScaledShare | null {
  let s = scaledShares.get(share);
  if (s === undefined) {
    const places = share.decimalPlaces();
    s = null;
    if (!share.isNegative() && places <= 9) {
      const scale = 10 ** places;
      const num = share.times(scale).toNumber();
      if (Number.isSafeInteger(num)) s = { num, scale };
    }
    scaledShares.set(share, s);
  }
  return s;
}

/**
 * `fen × share` rounded to the fen half-up, exactly, in integers; undefined when that cannot be
 * done exactly in safe integers (a negative amount or share, more than 9 decimals, a product
 * beyond 2^53): the caller then uses decimal.js.
 */
export function shareOfFen(fen: number, share: Dec): number | undefined {
  if (fen < 0) return undefined;
  const s = scaled(share);
  if (s === null) return undefined;
  const product = fen * s.num;
  if (!Number.isSafeInteger(product)) return undefined;
  let q = Math.floor(product / s.scale);
  let r = product - q * s.scale;
  // Float division may be one off for large quotients: correct it with the exact remainder.
  if (r < 0) {
    q -= 1;
    r += s.scale;
  } else if (r >= s.scale) {
    q += 1;
    r -= s.scale;
  }
  return 2 * r >= s.scale ? q + 1 : q;
}
