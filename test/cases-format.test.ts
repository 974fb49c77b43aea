/**
 * The case format's comparison (src/cases/case-file.ts, src/cases/run.ts), against a fixed
 * decision: element queries on arrays (`includes` / `excludes`, any order) and warnings as a
 * full list of codes. The decision is written here by hand; no engine runs.
 */
import { describe, expect, it } from 'vitest';
import { parseCases, runCase } from '../src/cases/run';

const decision = {
  outcome: {
    items: [
      { code: 'lump-sum-premium', amount: '262800.00', funding: [{ payer: 'acquiring-unit', amount: '262800.00' }] },
      { code: 'signing-fee', amount: '3000.00' },
    ],
  },
  reasons: [
    { rule: 'age-16', holds: false, values: { age: 15 } },
    { rule: 'membership', holds: true },
  ],
  warnings: [{ code: 'ASSUMED_EFFECTIVE_DATE' }, { code: 'AS_OF_IGNORED' }],
  parameters: [],
};
const fixed = { evaluate: () => decision } as never;
const run = (expect: unknown) => runCase(fixed, parseCases({ name: 'n', clause: 'c', request: { kind: 'payout', input: {} }, expect })[0]!);

describe('element queries on an array of the decision', () => {
  it('includes: each element matches some element, in any order, key by key', () => {
    expect(run({ reasons: { includes: [{ rule: 'membership' }, { rule: 'age-16', values: { age: 15 } }] } })).toMatchObject({ passed: true, diffs: [] });
  });
  it('includes: an element that agrees on its first key shows the field that differs, at its index', () => {
    expect(run({ outcome: { items: { includes: [{ code: 'signing-fee', amount: '3100.00' }] } } }).diffs).toEqual([
      { path: 'outcome.items[1].amount', expected: '3100.00', got: '3000.00' },
    ]);
  });
  it('includes: no element agreeing on the first key says none matches', () => {
    expect(run({ outcome: { items: { includes: [{ code: 'guarantee-subsidy' }] } } }).diffs).toEqual([
      { path: 'outcome.items', expected: { includes: { code: 'guarantee-subsidy' } }, got: 'none of 2 elements matches' },
    ]);
  });
  it('excludes: an element that matches fails, at its index', () => {
    expect(run({ outcome: { items: { excludes: [{ code: 'guarantee-subsidy' }] } } }).passed).toBe(true);
    expect(run({ outcome: { items: { excludes: [{ code: 'signing-fee' }] } } }).diffs).toEqual([
      { path: 'outcome.items[1]', expected: { excludes: { code: 'signing-fee' } }, got: { code: 'signing-fee', amount: '3000.00' } },
    ]);
  });
  it('an array written in full is still compared in full length', () => {
    expect(run({ reasons: [{ rule: 'age-16' }] }).diffs).toEqual([{ path: 'reasons.length', expected: 1, got: 2 }]);
  });
});

describe('warnings', () => {
  it('a list is the codes in full and in order', () => {
    expect(run({ warnings: ['ASSUMED_EFFECTIVE_DATE', 'AS_OF_IGNORED'] }).passed).toBe(true);
    expect(run({ warnings: ['ASSUMED_EFFECTIVE_DATE'] }).diffs).toEqual([{ path: 'warnings.length', expected: 1, got: 2 }]);
    expect(run({ warnings: ['AS_OF_IGNORED', 'ASSUMED_EFFECTIVE_DATE'] }).passed).toBe(false);
  });
  it('includes / excludes name codes in any order', () => {
    expect(run({ warnings: { includes: ['AS_OF_IGNORED'], excludes: ['NOT_FILED_WITH_CITY'] } }).passed).toBe(true);
    expect(run({ warnings: { excludes: ['AS_OF_IGNORED'] } }).passed).toBe(false);
  });
});
