import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/engine/decimal';
import { fastRequestEnvelope, requestEnvelopeSchema } from '../../src/engine/engine';
import { decimalGreater, fastDecimal, isCountInput, isIdStringInput, isIsoDateInput } from '../../src/engine/fast-parse';
import { count, decimalInput, idString, isoDate, type DecimalOptions } from '../../src/engine/schemas';
import { isoDateBetween } from '../arbitraries/common';
import { dateEdge, decimalEdge, idEdge } from '../arbitraries/edge';
import { runs } from '../property-runs';
import { expectSameAsZod } from '../same-as-zod';

// The fast parsers (src/engine/fast-parse.ts, the envelope's in engine.ts) against the zod
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

describe('fastRequestEnvelope gives what requestEnvelopeSchema gives', () => {
  it('knows the keys of the schema, in its order', () => {
    const keys = Object.keys(requestEnvelopeSchema.shape);
    const all = Object.fromEntries(keys.map((k) => [k, undefined]));
    expect(Object.keys(fastRequestEnvelope({ ...all, kind: 'k', input: 1 }) ?? {})).toEqual(keys);
  });
  const ABSENT = Symbol('absent');
  const field = (valid: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: bad }, { weight: 1, arbitrary: fc.constantFrom(ABSENT, undefined) });
  const envelope = fc
    .record({
      kind: field(fc.constantFrom('eligibility', 'payout', 'x'.repeat(40), '😀'.repeat(40)), fc.constantFrom('x'.repeat(41), '😀'.repeat(41), 1, null, '')),
      jurisdiction: field(fc.constantFrom('cn.hunan.shaoyang', 'x'.repeat(100), '😀'.repeat(100), '\ud800'.repeat(100)), fc.constantFrom('x'.repeat(101), '😀'.repeat(101), '\ud800'.repeat(101), 2, null)),
      asOf: field(isoDateBetween('2000-01-01', '2030-12-31'), dateEdge),
      input: field(fc.anything({ maxDepth: 1 }), fc.constant(undefined)),
      parameters: field(fc.constantFrom({}, { 'cn.hunan.shaoyang.max-per-capita-mu': '0.4' }), fc.constantFrom(null, [], { a: {} })),
      extra: fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('extra', '__proto__', 'toString', 'constructor', 'Kind') }),
      form: fc.constantFrom('plain', 'null-prototype', 'json'),
    })
    .map(({ extra, form, ...fields }) => {
      const o: Record<string, unknown> = form === 'null-prototype' ? Object.create(null) : {};
      for (const [k, v] of Object.entries(fields)) if (v !== ABSENT) o[k] = v;
      if (extra !== undefined) Object.defineProperty(o, extra, { value: 1, enumerable: true, configurable: true, writable: true });
      return form === 'json' ? (JSON.parse(JSON.stringify(o)) as unknown) : o;
    });
  test.prop([envelope], { numRuns: runs(3000) })('on generated envelopes', (request) => {
    const zod = requestEnvelopeSchema.safeParse(request);
    const fast = fastRequestEnvelope(request);
    expectSameAsZod(fast, zod);
    // The usual envelope (no overrides) is recognised: the fast path is really taken.
    if (zod.success && (zod.data.parameters === undefined)) expect(fast).toBeDefined();
  });
  test.prop([fc.anything({ maxDepth: 2, withNullPrototype: true })], { numRuns: runs(1000) })('on anything', (v) => {
    expectSameAsZod(fastRequestEnvelope(v), requestEnvelopeSchema.safeParse(v));
  });
});
