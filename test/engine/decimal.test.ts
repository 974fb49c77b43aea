import Decimal from 'decimal.js';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Dec, isDecimalLike, roundDec, toDec, toMoney } from '../../src/engine/decimal';
import { runs } from '../property-runs';

// Money and land are exact decimals (decimal.js, 40 significant digits); money is rounded
// half-up to the fen only where a rule says so (API.md: "money has exactly two decimals").

describe('money to the fen, half-up (toMoney)', () => {
  it('rounds half a fen up, away from zero, and always shows two decimals', () => {
    expect(toMoney(new Dec('0.005'))).toBe('0.01');
    expect(toMoney(new Dec('0.0049999'))).toBe('0.00');
    expect(toMoney(new Dec('2.675'))).toBe('2.68'); // binary floating point would give 2.67
    expect(toMoney(new Dec('-0.005'))).toBe('-0.01');
    expect(toMoney(new Dec('357897.6'))).toBe('357897.60');
    expect(toMoney(new Dec('12'))).toBe('12.00');
  });
  test.prop([fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 8 })], { numRuns: runs(300) })(
    'always exactly two decimals, within half a fen of the exact value',
    (m, s) => {
      const v = new Dec(m.toString()).div(new Dec(10).pow(s));
      const money = toMoney(v);
      expect(money).toMatch(/^-?\d+\.\d{2}$/);
      expect(new Dec(money).minus(v).abs().lte('0.005')).toBe(true);
    },
  );
});

describe('rounding modes a ruleset may name (roundDec)', () => {
  const r = (v: string, mode?: Parameters<typeof roundDec>[2]) => roundDec(new Dec(v), 0, mode).toFixed();
  it('half-up (the default), half-even, down, up, floor, ceil on ±2.5', () => {
    expect([r('2.5'), r('-2.5')]).toEqual(['3', '-3']);
    expect([r('2.5', 'half-even'), r('3.5', 'half-even'), r('-2.5', 'half-even')]).toEqual(['2', '4', '-2']);
    expect([r('2.5', 'down'), r('-2.5', 'down')]).toEqual(['2', '-2']);
    expect([r('2.1', 'up'), r('-2.1', 'up')]).toEqual(['3', '-3']);
    expect([r('2.5', 'floor'), r('-2.5', 'floor')]).toEqual(['2', '-3']);
    expect([r('2.1', 'ceil'), r('-2.9', 'ceil')]).toEqual(['3', '-2']);
    expect(roundDec(new Dec('0.123456'), 4).toFixed()).toBe('0.1235');
  });
});

describe('reading decimals', () => {
  it('accepts plain decimal strings, finite numbers and Decimals; nothing else', () => {
    for (const v of ['0', '-1', '1.25', '007.50', 0, -0, 1.5, new Dec('3')]) expect(isDecimalLike(v), String(v)).toBe(true);
    for (const v of ['', '1e5', '0x10', ' 1', '1.', '.5', '+1', '1,5', NaN, Infinity, null, undefined, true, {}, [], '1'.repeat(101)]) {
      expect(isDecimalLike(v), String(v)).toBe(false);
    }
    expect(isDecimalLike('1'.repeat(100))).toBe(true);
  });
  it('toDec reads them exactly (0.1 + 0.2 = 0.3) and names what it cannot read', () => {
    expect(toDec('0.1').plus(toDec(0.2)).toFixed()).toBe('0.3');
    const d = new Dec('1.5');
    expect(toDec(d)).toBe(d);
    // A Decimal from another clone (the caller's global) is read by value.
    expect(toDec(new Decimal('2.25')).toFixed()).toBe('2.25');
    expect(() => toDec('1e5')).toThrow(/expected a decimal, got "1e5"/);
    expect(() => toDec(null)).toThrow(/got null/);
    expect(() => toDec(undefined)).toThrow(/got nothing/);
    expect(() => toDec([])).toThrow(/got an array/);
    expect(() => toDec({})).toThrow(/got an object/);
    expect(() => toDec('x'.repeat(50))).toThrow(`got "${'x'.repeat(40)}…"`);
  });
  it('the clone keeps 40 significant digits and never writes exponents for plain figures', () => {
    expect(new Dec(1).div(3).toFixed()).toBe('0.' + '3'.repeat(40));
    expect(new Dec('1e-20').toFixed()).toBe('0.00000000000000000001');
    expect(new Dec('1e18').toFixed()).toBe('1000000000000000000');
    // The caller's global Decimal settings do not change ours.
    const saved = Decimal.precision;
    Decimal.set({ precision: 5 });
    try {
      expect(new Dec(1).div(3).toFixed()).toBe('0.' + '3'.repeat(40));
    } finally {
      Decimal.set({ precision: saved });
    }
  });
});
