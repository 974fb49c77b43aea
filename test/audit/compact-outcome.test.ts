import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CanonicalText, compactOutcomeField, compactOutcomeValue } from '../../src/audit/compact';
import { Dec } from '../../src/engine/decimal';
import { canonicalJson } from '../../src/engine/canonical-json';
import { createEngine } from '../../src';
import { payoutPeople } from '../../bench/generate';

/**
 * A compact record's outcome written without a second walk (src/audit/compact.ts): when the
 * compact outcome is plain data built with its keys in order, `JSON.stringify` of it is written
 * as it is; anything else goes to `canonicalJson`. The text must be the same either way.
 */
const textOf = (field: unknown) => (field instanceof CanonicalText ? field.text : canonicalJson(field));
const same = (outcome: unknown) => {
  let expected: string | Error;
  try {
    expected = canonicalJson(compactOutcomeValue(outcome));
  } catch (e) {
    expected = e as Error;
  }
  if (expected instanceof Error) expect(() => textOf(compactOutcomeField(outcome))).toThrow();
  else expect(textOf(compactOutcomeField(outcome))).toBe(expected);
};

// An item of an outcome (an ItemOutcome), so that items anywhere are compacted too.
const item = fc.record({
  id: fc.string({ maxLength: 4 }),
  code: fc.constant('c'),
  article: fc.constant('七'),
  amount: fc.constantFrom('3000.00', '0.01'),
  timing: fc.constant('at-expropriation'),
  funding: fc.array(fc.record({ payer: fc.constantFrom('town', 'district'), amount: fc.constantFrom('3000.00', '1.00') }), { minLength: 1, maxLength: 2 }),
  label: fc.constant({ zh: '签约费', en: 'Signing fee' }),
});
const leaf = fc.oneof(
  fc.string({ maxLength: 4, unit: 'binary' }),
  fc.boolean(),
  fc.constant(null),
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity), // canonicalJson refuses them (fc.double gives them rarely)
  fc.integer(),
  fc.constant(undefined),
  fc.constant(-0),
  fc.constantFrom('1.50', '0').map((t) => new Dec(t)), // a toJSON
);
// Keys that sort, integer-like keys (listed first whatever the insertion order) and __proto__.
const key = fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('2', '10', '0', '01', '__proto__', 'amount', ''));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', maxDepth: 4 }, leaf, item, tie('array'), tie('object')),
  array: fc.oneof(fc.array(tie('value'), { maxLength: 4 }), fc.sparseArray(tie('value'), { maxLength: 4 })),
  object: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
}));

describe('a compact outcome written as it is built (no second walk): the same canonical JSON', () => {
  it('for any outcome: plain data, integer-like keys, holes, NaN, undefined, decimals, items (property)', () => {
    fc.assert(fc.property(value, same), { numRuns: 2000 });
  });

  it('for generated payout decisions, written the short way', () => {
    const engine = createEngine();
    for (const p of payoutPeople(60, 5)) {
      const outcome = engine.payout(p).outcome;
      const field = compactOutcomeField(outcome);
      expect(field).toBeInstanceOf(CanonicalText);
      same(outcome);
    }
  });

  it('a value it cannot vouch for goes the long way: integer-like keys, a decimal, a hole', () => {
    // Inserted as '10', 'a' but listed '10' first anyway; canonical order is '10' < '2' < 'a'.
    const holey = [1, 2, 3];
    delete holey[1];
    for (const v of [{ a: 1, 10: 2, 2: 3 }, { x: new Dec('1.5') }, holey]) {
      expect(compactOutcomeField(v)).not.toBeInstanceOf(CanonicalText);
      same(v);
    }
    expect(textOf(compactOutcomeField({ a: 1, 10: 2, 2: 3 }))).toBe('{"10":2,"2":3,"a":1}');
  });
});
