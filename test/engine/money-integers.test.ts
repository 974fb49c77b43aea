import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/engine/decimal';
import { apportion, apportionFen, itemTotalsDecimal, itemTotalsFen, type ItemOutcome } from '../../src/engine/items';
import { fenAmount, fenText, fenToText, shareOfFen, textToFen } from '../../src/engine/money';
import { runs } from '../property-runs';

// Issue 21: amounts of an outcome are whole fen; below 2^53 fen they are summed and split among
// payers as integers, and decimal.js is kept for rates and divisions. The integer path must give
// exactly what the decimal path gives — the same texts, the same splits, the same totals.

/** Whole fen up to about 9 × 10^15 (the safe-integer range), small ones more often. */
const fen = fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
/** A share as written in a rule file: 0 to 1 with up to 12 decimals (more than 9 takes the decimal path). */
const share = fc.tuple(fc.integer({ min: 0, max: 12 }), fc.bigInt({ min: 0n, max: 10n ** 12n })).map(([places, n]) => {
  const scale = 10n ** BigInt(places);
  const v = n % (scale + 1n);
  return new Dec(v.toString()).div(scale.toString());
});
const yuan = (f: number) => new Dec(f).div(100);

describe('fen as integers (money.ts)', () => {
  test.prop([fen], { numRuns: runs(3000) })('fenToText writes whole fen as fenText writes the same yuan, and textToFen reads it back', (f) => {
    expect(fenToText(f)).toBe(fenText(yuan(f)));
    expect(fenToText(-f)).toBe(fenText(yuan(-f)));
    expect(textToFen(fenText(yuan(f)))).toBe(f);
  });

  test.prop([fen, share], { numRuns: runs(3000) })('shareOfFen is fen × share rounded half-up to the fen, as decimal.js gives it (or declines)', (f, s) => {
    const exact = yuan(f).times(s).toDecimalPlaces(2, Dec.ROUND_HALF_UP).times(100).toNumber();
    const got = shareOfFen(f, s);
    if (got !== undefined) expect(got).toBe(exact);
    // Declined only when it cannot be exact in safe integers: over 9 decimals or a product beyond 2^53.
    else expect(s.decimalPlaces() > 9 || !Number.isSafeInteger(f * s.times(10 ** s.decimalPlaces()).toNumber())).toBe(true);
  });

  it('rounds a tie up: 0.5 × 1 fen = 0.5 fen → 1 fen; 0.5 × 3 fen → 2 fen; 0.25 × 2 fen → 1 fen', () => {
    expect(shareOfFen(1, new Dec('0.5'))).toBe(1);
    expect(shareOfFen(3, new Dec('0.5'))).toBe(2);
    expect(shareOfFen(2, new Dec('0.25'))).toBe(1);
    expect(shareOfFen(9_702_839, new Dec('0.5'))).toBe(4_851_420); // 97,028.39 yuan halved: 48,514.195 → 48,514.20
  });

  it('fenAmount rounds half-up to the fen and gives the whole fen when safe, none beyond 2^53 fen', () => {
    expect(fenAmount(new Dec('388113.5472'))).toMatchObject({ text: '388113.55', fen: 38_811_355 });
    expect(fenAmount(new Dec('1e14')).fen).toBeUndefined(); // 10^16 fen > 2^53
    expect(textToFen('3000')).toBeUndefined(); // not a text with two decimals
  });
});

/** Funding parts before the last: a cap (any decimal, may be negative or beyond the amount) or a share. */
const parts = fc.array(
  fc.oneof(
    fc.record({ payer: fc.constantFrom('account', 'district'), upTo: fc.tuple(fc.integer({ min: -1000, max: 20_000_000 }), fc.integer({ min: 0, max: 3 })).map(([n, p]) => new Dec(n).div(10 ** p)) }),
    fc.record({ payer: fc.constantFrom('district', 'city'), share }),
  ),
  { maxLength: 3 },
);

describe('apportionFen', () => {
  test.prop([fen, parts], { numRuns: runs(3000) })('splits whole fen exactly as apportion splits the decimal amount (or declines)', (f, before) => {
    const limits = [...before.map((p) => ({ payer: p.payer, upTo: 'upTo' in p ? p.upTo : undefined, share: 'share' in p ? p.share : undefined })), { payer: 'town', upTo: undefined, share: undefined }];
    const decimal = apportion(yuan(f), limits).map((x) => fenText(x.amount));
    const integer = apportionFen(f, limits);
    if (integer !== undefined) expect(integer.map(fenToText)).toEqual(decimal);
    // The parts add up to the amount either way.
    expect(decimal.reduce((a, x) => a.plus(x), new Dec(0)).eq(yuan(f))).toBe(true);
  });

  it('individual premium, 四(一): 12,000.00 from an account holding 4,000.004, the rest halved (district first)', () => {
    // cap 4,000.004 → 4,000.00 (fen half-up); 8,000.00 left; district 0.5 × 8,000.00 = 4,000.00; town the rest 4,000.00.
    const limits = [{ payer: 'individual-account', upTo: new Dec('4000.004'), share: undefined }, { payer: 'district', upTo: undefined, share: new Dec('0.5') }, { payer: 'town', upTo: undefined, share: undefined }];
    expect(apportionFen(1_200_000, limits)).toEqual([400_000, 400_000, 400_000]);
  });
});

const item = (amount: string, timing: string, funding: Array<[string, string]>): ItemOutcome => ({
  id: 'x', code: 'x', article: '七', amount, timing, funding: funding.map(([payer, a]) => ({ payer, amount: a })), label: { zh: 'x', en: 'x' },
});

describe('itemTotalsFen', () => {
  const amount = fc.integer({ min: 0, max: 2 ** 50 }).map((f) => fenToText(f));
  test.prop([fc.array(fc.tuple(amount, fc.constantFrom('at-expropriation', 'deferred'), fc.constantFrom('town', 'district', '__proto__')), { maxLength: 12 })], { numRuns: runs(2000) })(
    'totals in whole fen equal the decimal totals (by payer in order first seen, by timing)',
    (rows) => {
      const items = rows.map(([a, t, p]) => item(a, t, [[p, a]]));
      const fenTotals = itemTotalsFen(items, ['at-expropriation', 'deferred']);
      const decTotals = itemTotalsDecimal(items, ['at-expropriation', 'deferred']);
      if (fenTotals !== undefined) {
        expect(fenTotals).toEqual(decTotals);
        expect(Object.keys(fenTotals.byPayer)).toEqual(Object.keys(decTotals.byPayer));
      } else expect(rows.length).toBeGreaterThan(7); // declined only when a sum left the safe range (2^50 × 8 > 2^53)
    },
  );

  it('Gucun 六 and 七: 97,028.39 deferred (48,514.20 district + 48,514.19 town), 3,000.00 + 10,000.00 at expropriation (town)', () => {
    const t = itemTotalsFen([item('97028.39', 'deferred', [['district', '48514.20'], ['town', '48514.19']]), item('3000.00', 'at-expropriation', [['town', '3000.00']]), item('10000.00', 'at-expropriation', [['town', '10000.00']])], ['at-expropriation', 'deferred']);
    // 97,028.39 + 3,000.00 + 10,000.00 = 110,028.39; town 48,514.19 + 13,000.00 = 61,514.19.
    expect(t).toEqual({ amount: '110028.39', byPayer: { district: '48514.20', town: '61514.19' }, byTiming: { 'at-expropriation': '13000.00', deferred: '97028.39' } });
  });
});
