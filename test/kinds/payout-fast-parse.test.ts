import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createEngine, InputError, PENSION_STATUSES, type PayoutInput } from '../../src';
import { payout } from '../../src/kinds/payout';
import { fastPayoutInput, PAYOUT_ACCOUNT_KEYS, PAYOUT_INPUT_KEYS, PAYOUT_PERSON_KEYS } from '../../src/kinds/payout/fast-parse';
import { payoutInput, payoutPerson } from '../../src/kinds/payout/schema';
import { isoDateBetween, idString, nonNegativeDecimal } from '../arbitraries/common';
import { dateEdge, decimalEdge, idEdge } from '../arbitraries/edge';
import { runs } from '../property-runs';
import { expectSameAsZod } from '../same-as-zod';

// The fast path of the payout input (src/kinds/payout/fast-parse.ts) against the zod schema: on
// inputs whose every field is valid, bad, absent or undefined, with extra keys, null prototypes
// and JSON round trips, the fast value is zod's (deep, key order), nothing when zod refuses, and
// a value whenever zod accepts.

const ABSENT = Symbol('absent');
/** A field: mostly valid, sometimes a bad value, absent or undefined. */
const field = (valid: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 20, arbitrary: valid }, { weight: 1, arbitrary: bad }, { weight: 1, arbitrary: fc.constantFrom(ABSENT, undefined) });
const anything = fc.anything({ maxDepth: 2, withNullPrototype: true, withSparseArray: true });
const extraKey = fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('extra', '__proto__', 'toString', 'constructor', 'ID', '') });
const form = fc.constantFrom('plain', 'plain', 'null-prototype');

/** An object of the fields given (ABSENT ones left out), maybe with an extra key, maybe without a prototype. */
function objectOf(fields: Record<string, unknown>, extra: string | undefined, shape: string): Record<string, unknown> {
  const o: Record<string, unknown> = shape === 'null-prototype' ? (Object.create(null) as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries(fields)) if (v !== ABSENT) o[k] = v;
  if (extra !== undefined) Object.defineProperty(o, extra, { value: 1, enumerable: true, configurable: true, writable: true });
  return o;
}
const objectArb = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.record({ fields: fc.record(fields), extra: extraKey, shape: form }).map(({ fields: f, extra, shape }) => objectOf(f, extra, shape));

const bool = fc.boolean();
const badBool = fc.constantFrom(0, 1, 'true', null);
const account = objectArb({
  balance: field(nonNegativeDecimal, decimalEdge),
  individualContributions: field(nonNegativeDecimal, decimalEdge),
  collectiveSubsidies: field(nonNegativeDecimal, decimalEdge),
});
const person = objectArb({
  id: field(idString, idEdge),
  sex: field(fc.constantFrom('male', 'female'), fc.constantFrom('Male', '', null)),
  birthDate: field(fc.oneof(isoDateBetween('1920-01-01', '2025-12-31'), fc.constantFrom('2024-09-20', '2024-09-21')), dateEdge),
  fullyDisabled: field(bool, badBool),
  pensionStatus: field(fc.constantFrom(...PENSION_STATUSES), fc.constantFrom('pension', 'None', '', 1)),
  electsEmployeeInsurance: field(bool, badBool),
  residentPensionAccount: field(account, fc.oneof(anything, fc.constantFrom(null, [], 'x'))),
  cooperated: field(bool, badBool),
});
const inputs: fc.Arbitrary<unknown> = fc
  .tuple(
    objectArb({
      expropriationDate: field(fc.oneof(isoDateBetween('2022-04-01', '2027-03-31'), fc.constantFrom('2024-09-20')), dateEdge),
      person: field(person, fc.oneof(anything, fc.constantFrom(null, [], 'x'))),
    }),
    fc.boolean(),
  )
  .map(([o, json]) => {
    if (!json) return o;
    try {
      return JSON.parse(JSON.stringify(o)) as unknown; // an own "__proto__" key as JSON.parse makes it, undefined values dropped
    } catch {
      return o; // a BigInt: not JSON
    }
  });

describe('fastPayoutInput gives what payoutInput.safeParse gives', () => {
  it('knows the keys of the schema, in its order', () => {
    expect(PAYOUT_INPUT_KEYS).toEqual(Object.keys(payoutInput.shape));
    expect(PAYOUT_PERSON_KEYS).toEqual(Object.keys(payoutPerson.shape));
    expect(PAYOUT_ACCOUNT_KEYS).toEqual(Object.keys(payoutPerson.shape.residentPensionAccount.unwrap().shape));
  });

  let accepted = 0;
  let refused = 0;
  test.prop([inputs], { numRuns: runs(3000) })('on generated inputs', (input) => {
    const zod = payoutInput.safeParse(input);
    const fast = fastPayoutInput(input);
    expectSameAsZod(fast, zod);
    expect(fast !== undefined).toBe(zod.success);
    if (zod.success) accepted++;
    else refused++;
  });
  it('the generator gave both kinds of input', () => {
    expect(accepted).toBeGreaterThan(runs(3000) / 20);
    expect(refused).toBeGreaterThan(runs(3000) / 20);
  });
  test.prop([anything], { numRuns: runs(1000) })('on anything', (v) => {
    expectSameAsZod(fastPayoutInput(v), payoutInput.safeParse(v));
  });
});

describe('the engine with the fast path decides as the engine without it', () => {
  const { fastParse: _withoutFastParse, ...zodOnly } = payout;
  const slow = createEngine({ kinds: { payout: zodOnly } });
  const fast = createEngine();
  const outcome = (e: typeof fast, input: unknown): unknown => {
    try {
      const d = e.evaluate({ kind: 'payout', input: input as PayoutInput });
      return { decision: JSON.parse(JSON.stringify(d)) as unknown, request: d.request };
    } catch (e) {
      return e instanceof InputError ? { issues: e.issues, message: e.message } : { error: String(e) };
    }
  };
  test.prop([inputs], { numRuns: runs(300) })('same decision, or the same InputError issues', (input) => {
    expect(outcome(fast, input)).toStrictEqual(outcome(slow, input));
  });
});
