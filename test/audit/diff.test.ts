import { describe, expect, it } from 'vitest';
import { diffDecisions, diffValues } from '../../src';
import { joinPath, sameValue } from '../../src/audit/diff';

describe('diff: field by field, decimals as numbers', () => {
  it('"1.50" equals "1.5", "2" equals "2.00", "0.1500" equals "0.15"', () => {
    expect(sameValue('1.50', '1.5')).toBe(true);
    expect(sameValue('2', '2.00')).toBe(true);
    expect(sameValue('0.1500', '0.15')).toBe(true);
    expect(sameValue('-0.10', '-0.1')).toBe(true);
  });
  it('different numbers, and strings that are not decimals, differ', () => {
    expect(sameValue('1.51', '1.5')).toBe(false);
    expect(sameValue('007', '7')).toBe(false); // ids without a decimal point compare as text
    expect(sameValue('2023-06-15', '2023-06-16')).toBe(false);
    expect(sameValue(true, 'true')).toBe(false);
    expect(sameValue(1, '1')).toBe(false);
  });
  it('gives JSON paths to each differing leaf, a missing element as one diff with undefined', () => {
    const a = { outcome: { applicants: [{ id: 'A', eligible: true }, { id: 'B', eligible: false }], total: '10.00' } };
    const b = { outcome: { applicants: [{ id: 'A', eligible: false }], total: '10.0' } };
    expect(diffValues(a, b)).toEqual([
      { path: 'outcome.applicants[0].eligible', recorded: true, replayed: false },
      { path: 'outcome.applicants[1]', recorded: { id: 'B', eligible: false }, replayed: undefined },
    ]);
  });
  it('quotes keys that are not identifiers', () => {
    expect(joinPath('parameters', 'cn.hunan.shaoyang.min-age')).toBe('parameters["cn.hunan.shaoyang.min-age"]');
    expect(joinPath('', 'outcome')).toBe('outcome');
  });
  it('compares parameter values by id, not their sources', () => {
    const p = (value: string | number, source: string) => [{ id: 'x.y', value, source, overridden: false }];
    const base = { outcome: {}, reasons: [] };
    expect(diffDecisions({ ...base, parameters: p('0.3', 'old text') }, { ...base, parameters: p('0.30', 'new text') })).toEqual([]);
    expect(diffDecisions({ ...base, parameters: p('0.3', 's') }, { ...base, parameters: p('0.4', 's') })).toEqual([
      { path: 'parameters["x.y"].value', recorded: '0.3', replayed: '0.4' },
    ]);
  });
});
