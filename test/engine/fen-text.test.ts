import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/engine/decimal';
import Decimal from 'decimal.js';
import { fenText, roundFen } from '../../src/engine/money';
import { runs } from '../property-runs';

// Money in outcomes is yuan with exactly two decimals, half-up (DOMAIN: "money to the fen").
// fenText writes it without decimal.js's rounding step when the value is already in fen; it
// must give exactly what `toFixed(2)` gives, for every decimal.

const decimalText = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 19n }), fc.integer({ min: 0, max: 6 }))
  .map(([neg, digits, places]) => {
    const s = digits.toString().padStart(places + 1, '0');
    const text = places === 0 ? s : `${s.slice(0, -places)}.${s.slice(-places)}`;
    return neg ? `-${text}` : text;
  });

describe('fenText (yuan, two decimals)', () => {
  test.prop([decimalText], { numRuns: runs(3000) })('equals toFixed(2) half-up for any decimal', (text) => {
    const d = new Dec(text);
    expect(fenText(d)).toBe(d.toFixed(2));
  });

  test.prop([decimalText], { numRuns: runs(3000) })('roundFen rounds to the fen half-up, and keeps a value already in fen', (text) => {
    const d = new Dec(text);
    const r = roundFen(d);
    expect(r.eq(d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP))).toBe(true);
    expect(r.decimalPlaces()).toBeLessThanOrEqual(2);
    if (d.decimalPlaces() <= 2) expect(r).toBe(d);
  });

  it('pads whole and one-decimal amounts, rounds half-up beyond two, never writes -0.00 for zero', () => {
    expect(fenText(new Dec('3000'))).toBe('3000.00');
    expect(fenText(new Dec('0.5'))).toBe('0.50');
    expect(fenText(new Dec('-7.1'))).toBe('-7.10');
    expect(fenText(new Dec('45190.08'))).toBe('45190.08');
    expect(fenText(new Dec('0.005'))).toBe('0.01');
    expect(fenText(new Dec('0.0049'))).toBe('0.00');
    expect(fenText(new Dec('-0.005'))).toBe('-0.01');
    expect(fenText(new Dec(-0))).toBe('0.00');
    expect(fenText(new Dec('1e21'))).toBe('1000000000000000000000.00');
    expect(fenText(new Dec('1e-7'))).toBe('0.00');
  });
});
