import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/engine/decimal';
import { decimalGreater, fastDecimal, isCountInput, isIdStringInput, isIsoDateInput } from '../../src/engine/fast-parse';
import { count, decimalInput, idString, isoDate, type DecimalOptions } from '../../src/engine/schemas';
import { dateEdge, decimalEdge, idEdge } from '../arbitraries/edge';
import { runs } from '../property-runs';
import { expectSameAsZod } from '../same-as-zod';

// The fast parsers' building blocks (src/engine/fast-parse.ts) against the zod
// schemas they stand for: whenever a fast parser gives a value it is the one zod gives (deep,
// and in the order of keys), and it gives nothing when zod refuses. Edge forms are mixed in.

const DECIMAL_OPTIONS: DecimalOptions[] = [{}, { min: 0 }, { min: 0, keepPlaces: true }, { min: 0, minExclusive: true }, { min: 1 }, { min: -5 }, { keepPlaces: true }];

describe('fastDecimal gives what decimalInput gives', () => {
  for (const options of DECIMAL_OPTIONS) {
    const schema = decimalInput(options);
    const fast = fastDecimal(options);
    test.prop([decimalEdge], { numRuns: runs(3000) })(`options ${JSON.stringify(options)}`, (v) => {
      const zod = schema.safeParse(v);
      // The fast form decides every value itself (it falls back to the same checks): it never refuses a valid one.
      expect(fast(v) !== undefined).toBe(zod.success);
      expectSameAsZod(fast(v), zod);
    });
  }
  it('keeps the places written with keepPlaces, and normalises without', () => {
    expect(fastDecimal({ min: 0, keepPlaces: true })('0.20')).toBe('0.20');
    expect(fastDecimal({ min: 0 })('0.20')).toBe('0.2');
    expect(fastDecimal({ min: 0 })('-0')).toBe('0');
    expect(fastDecimal({ min: 0 })(-0)).toBe('0');
    expect(fastDecimal({ min: 0 })('1.')).toBeUndefined();
  });
});

describe('decimalGreater is decimal.js gt', () => {
  const normalised = fc.oneof(decimalEdge, decimalEdge).map((v) => fastDecimal()(v)).filter((v): v is string => v !== undefined);
  test.prop([normalised, normalised], { numRuns: runs(3000) })('on normalised decimals', (a, b) => {
    expect(decimalGreater(a, b)).toBe(new Dec(a).gt(b));
  });
  test.prop([fc.oneof(normalised, fc.constantFrom('0.30', '007', '-1', '1e2')), normalised], { numRuns: runs(1000) })('and on other decimal text', (a, b) => {
    expect(decimalGreater(a, b)).toBe(new Dec(a).gt(b));
    expect(decimalGreater(b, a)).toBe(new Dec(b).gt(a));
  });
  it('compares integer parts by length, then digits, then decimals', () => {
    expect(decimalGreater('10', '9.99')).toBe(true);
    expect(decimalGreater('0.12', '0.1')).toBe(true);
    expect(decimalGreater('0.1', '0.12')).toBe(false);
    expect(decimalGreater('5', '5')).toBe(false);
  });
});

describe('dates, ids and counts', () => {
  test.prop([dateEdge], { numRuns: runs(3000) })('isIsoDateInput is isoDate', (v) => {
    expect(isIsoDateInput(v)).toBe(isoDate.safeParse(v).success);
  });
  test.prop([idEdge], { numRuns: runs(3000) })('isIdStringInput is idString', (v) => {
    expect(isIdStringInput(v)).toBe(idString.safeParse(v).success);
  });
  const countEdge = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(-0, 0.5, 1e9, 1e9 + 1, 2 ** 53, NaN, Infinity, '1', null), fc.double());
  test.prop([countEdge, fc.constantFrom(0, 1, 2)], { numRuns: runs(3000) })('isCountInput is count with a minimum', (v, min) => {
    expect(isCountInput(v, min)).toBe(count.min(min).safeParse(v).success);
  });
});
