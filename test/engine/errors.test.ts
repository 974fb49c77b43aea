import { describe, expect, it } from 'vitest';
import { InputError, MissingParameterError, NoRulesetInForceError, RuleEvaluationError, RulesetError, ZhengdiError, formatPath } from '../../src';
import { Dec } from '../../src/engine/decimal';
import { apportion } from '../../src/engine/items';
import { roundFen } from '../../src/engine/money';

// The errors of the API (/work/shared/spec/API.md: a stable `code`, a message users read, and
// the fields named there), and the money helpers of src/engine/money.ts.

describe('errors: code, name, message, fields', () => {
  it('formatPath: names joined by dots, indexes in brackets, the root as (root)', () => {
    expect(formatPath(['a', 'b', 0, 'c', 1, 2])).toBe('a.b[0].c[1][2]');
    expect(formatPath([0, 'a'])).toBe('[0].a');
  });
  it('InputError lists every problem, one per line; "1 problem", "2 problems"', () => {
    const one = new InputError([{ path: ['input', 'noticeDate'], message: 'required' }]);
    expect(one).toBeInstanceOf(ZhengdiError);
    expect(one).toBeInstanceOf(Error);
    expect(one.code).toBe('INVALID_INPUT');
    expect(one.name).toBe('InputError');
    expect(one.message).toBe('Invalid input (1 problem):\n  - input.noticeDate: required');
    const two = new InputError([{ path: [], message: 'a' }, { path: ['x', 1], message: 'b' }]);
    expect(two.message).toBe('Invalid input (2 problems):\n  - (root): a\n  - x[1]: b');
    expect(two.issues).toHaveLength(2);
  });
  it('NoRulesetInForceError names jurisdiction, kind and date, and a detail after a full stop', () => {
    const e = new NoRulesetInForceError('cn.hunan.shaoyang', 'eligibility', '2019-12-31');
    expect([e.code, e.name, e.jurisdiction, e.kind, e.date]).toEqual(['NO_RULESET_IN_FORCE', 'NoRulesetInForceError', 'cn.hunan.shaoyang', 'eligibility', '2019-12-31']);
    expect(e.message).toBe("No ruleset of cn.hunan.shaoyang for 'eligibility' is in force on 2019-12-31");
    expect(new NoRulesetInForceError('j', 'k', '2020-01-01', 'The first starts 2020-01-01').message).toBe("No ruleset of j for 'k' is in force on 2020-01-01. The first starts 2020-01-01");
  });
  it('MissingParameterError names the parameter and date, and a detail in brackets', () => {
    const e = new MissingParameterError('p.q', '2020-01-01');
    expect([e.code, e.name, e.parameter, e.date, e.message]).toEqual(['MISSING_PARAMETER', 'MissingParameterError', 'p.q', '2020-01-01', 'Parameter p.q has no value on 2020-01-01']);
    expect(new MissingParameterError('p.q', '2020-01-01', 'first value from 2021-01-01').message).toBe('Parameter p.q has no value on 2020-01-01 (first value from 2021-01-01)');
  });
  it('RulesetError names the file when known and lists its problems', () => {
    const e = new RulesetError([{ path: ['rules', 0, 'id'], message: 'missing' }], 'ruleset.json');
    expect([e.code, e.name, e.source]).toEqual(['INVALID_RULESET', 'RulesetError', 'ruleset.json']);
    expect(e.message).toBe('Invalid ruleset or parameter file ruleset.json (1 problem):\n  - rules[0].id: missing');
    const anon = new RulesetError([{ path: ['a'], message: 'x' }, { path: ['b'], message: 'y' }]);
    expect(anon.source).toBeUndefined();
    expect(anon.message).toBe('Invalid ruleset or parameter file (2 problems):\n  - a: x\n  - b: y');
  });
  it('RuleEvaluationError names the rule', () => {
    const e = new RuleEvaluationError('age-16', 'division by zero');
    expect([e.code, e.name, e.rule, e.message]).toEqual(['RULE_EVALUATION_FAILED', 'RuleEvaluationError', 'age-16', 'Rule age-16 could not be evaluated: division by zero']);
  });
});

describe('money (fen, half-up)', () => {
  it('roundFen: to two decimals, halves away from zero', () => {
    expect(roundFen(new Dec('0.005')).toFixed(2)).toBe('0.01');
    expect(roundFen(new Dec('0.0049')).toFixed(2)).toBe('0.00');
    expect(roundFen(new Dec('2.675')).toFixed(2)).toBe('2.68'); // exact decimal: no binary surprise
    expect(roundFen(new Dec('-0.005')).toFixed(2)).toBe('-0.01');
    expect(roundFen(new Dec('1.2345')).toString()).toBe('1.23');
  });
  it('a share split: the first part is the rounded share, the last the exact rest', () => {
    const split = (amount: string, share: string) => apportion(new Dec(amount), [{ payer: 'a', share: new Dec(share) }, { payer: 'b' }]).map((p) => p.amount.toFixed(2));
    // 100.01 × 0.5 = 50.005 → 50.01; rest 50.00
    expect(split('100.01', '0.5')).toEqual(['50.01', '50.00']);
    expect(split('0.01', '0.5')).toEqual(['0.01', '0.00']);
    expect(split('100.00', '0.5')).toEqual(['50.00', '50.00']);
    expect(split('10', '0.3')).toEqual(['3.00', '7.00']);
  });
});
