import { describe, expect, it } from 'vitest';
import { createEngine, RulesetError, type ParameterFile } from '../../src';
import { ParameterRegistry } from '../../src/engine/parameters';

// Derived parameter series (issue 15): a value may be a JSON Logic formula over other series, on
// the same date ({"param": "id"}) or on a stated one ({"param": ["id", "YYYY-MM-DD"]}), declared in
// the parameter file and checked when it loads: known ids, allow-listed operators, no data reads,
// no cycle. Every value says how it is known (evidence); only official values may be verified.

const series = (values: unknown[], unit = 'yuan') => ({ description: { zh: '测', en: 'test' }, unit, values });
const lit = (value: unknown, from: string, to: string | null, extra: Record<string, unknown> = {}) => ({ value, from, to, source: 's', verified: false, evidence: 'secondary', ...extra });
const der = (formula: unknown, from: string, to: string | null) => ({ formula, from, to, source: 'f', verified: false });
const file = (parameters: Record<string, unknown>): ParameterFile => ({ jurisdiction: 'xx.test', parameters } as ParameterFile);
const load = (parameters: Record<string, unknown>) => ParameterRegistry.fromFiles([file(parameters)]);
const problems = (parameters: Record<string, unknown>) => {
  try {
    load(parameters);
  } catch (e) {
    if (e instanceof RulesetError) return e.issues.map((i) => i.message);
    throw e;
  }
  return [];
};

describe('a derived value is computed from the series it names, on the same or a stated date', () => {
  const reg = load({
    'xx.test.wage': series([lit('10000', '2020-01-01', '2020-12-31'), lit('12000', '2021-01-01', null)]),
    'xx.test.ratio': series([lit('0.6', '2020-01-01', null)], 'ratio'),
    // base = 0.6 × wage: 6000 in 2020, 7200 from 2021
    'xx.test.base': series([der({ 'dec*': [{ param: 'xx.test.ratio' }, { param: 'xx.test.wage' }] }, '2020-01-01', null)]),
    // growth = wage today − wage on 2020-06-01: 0 in 2020, 2000 from 2021
    'xx.test.growth': series([der({ 'dec-': [{ param: 'xx.test.wage' }, { param: ['xx.test.wage', '2020-06-01'] }] }, '2020-01-01', null)]),
  });
  it('0.6 × 10000 = 6000 on 2020-12-31; 0.6 × 12000 = 7200 on 2021-01-01, its window narrowed to the wage’s', () => {
    expect(reg.valueOn('xx.test.base', '2020-12-31')).toMatchObject({ value: '6000', from: '2020-01-01', to: '2020-12-31', evidence: 'derived', verified: false });
    expect(reg.valueOn('xx.test.base', '2021-01-01')).toMatchObject({ value: '7200', from: '2021-01-01', to: null });
    expect(reg.valueOn('xx.test.base', '2021-01-01')!.inputs).toEqual([
      { id: 'xx.test.ratio', on: '2021-01-01', value: '0.6', evidence: 'secondary', verified: false },
      { id: 'xx.test.wage', on: '2021-01-01', value: '12000', evidence: 'secondary', verified: false },
    ]);
  });
  it('a stated date is read on that date, whatever the date asked: 12000 − 10000 = 2000', () => {
    expect(reg.valueOn('xx.test.growth', '2020-06-01')!.value).toBe('0');
    expect(reg.valueOn('xx.test.growth', '2021-03-01')!.value).toBe('2000');
  });
  it('before the first value: undefined, as for any series', () => {
    expect(reg.valueOn('xx.test.base', '2019-12-31')).toBeUndefined();
  });
});

describe('checked at load', () => {
  it('a cycle is refused, naming it (a → b → a on the same date)', () => {
    const msgs = problems({
      'xx.test.a': series([der({ 'dec+': [{ param: 'xx.test.b' }, 1] }, '2020-01-01', null)]),
      'xx.test.b': series([der({ 'dec+': [{ param: 'xx.test.a' }, 1] }, '2020-01-01', null)]),
    });
    expect(msgs).toEqual([expect.stringMatching(/cycle: xx\.test\.a#0 → xx\.test\.b#0 → xx\.test\.a#0/)]);
  });
  it('a series may read its own earlier value on a stated date (no cycle); reading its own value on the same date is one', () => {
    const ok = load({
      'xx.test.s': series([lit('100', '2020-01-01', '2020-12-31'), der({ 'dec+': [{ param: ['xx.test.s', '2020-01-01'] }, 5] }, '2021-01-01', null)]),
    });
    expect(ok.valueOn('xx.test.s', '2021-05-05')!.value).toBe('105');
    expect(problems({ 'xx.test.s': series([der({ 'dec+': [{ param: 'xx.test.s' }, 5] }, '2021-01-01', null)]) })).toEqual([expect.stringContaining('cycle')]);
    expect(problems({ 'xx.test.s': series([der({ 'dec+': [{ param: ['xx.test.s', '2021-06-01'] }, 5] }, '2021-01-01', null)]) })).toEqual([expect.stringContaining('cycle')]);
  });
  it('unknown ids, operators outside the allow-list, data reads and a stated date without a value are refused', () => {
    expect(problems({ 'xx.test.a': series([der({ param: 'xx.test.nope' }, '2020-01-01', null)]) })).toEqual([expect.stringContaining("unknown parameter 'xx.test.nope'")]);
    expect(problems({ 'xx.test.a': series([der({ method: [1, 'toString'] }, '2020-01-01', null)]) })).toEqual([expect.stringContaining('method')]);
    expect(problems({ 'xx.test.a': series([der({ var: 'x' }, '2020-01-01', null)]) })).toEqual([expect.stringContaining("'var' is not allowed")]);
    expect(
      problems({ 'xx.test.w': series([lit('1', '2020-01-01', null)]), 'xx.test.a': series([der({ param: ['xx.test.w', '2019-01-01'] }, '2020-01-01', null)]) }),
    ).toEqual(['xx.test.w has no value on 2019-01-01']);
  });
  it('exactly one of value and formula; only an official value may be verified; a formula is derived', () => {
    expect(problems({ 'xx.test.a': series([{ from: '2020-01-01', to: null, source: 's', verified: false }]) })).toEqual(['give exactly one of value and formula']);
    expect(problems({ 'xx.test.a': series([lit('1', '2020-01-01', null, { verified: true, evidence: 'secondary' })]) })).toEqual([expect.stringContaining("only a value whose evidence is 'official' may be verified")]);
    expect(problems({ 'xx.test.a': series([{ ...der(1, '2020-01-01', null), evidence: 'official' }]) })).toEqual([expect.stringContaining("evidence 'derived'")]);
    expect(problems({ 'xx.test.a': series([lit('1', '2020-01-01', null, { verified: true, evidence: 'official' })]) })).toEqual([]);
  });
  it('without evidence: official when verified, else placeholder (files written before evidence existed still load)', () => {
    const reg = load({ 'xx.test.a': series([{ value: 1, from: '2020-01-01', to: null, source: 's', verified: true }]), 'xx.test.b': series([{ value: 1, from: '2020-01-01', to: null, source: 's', verified: false }]) });
    expect(reg.valueOn('xx.test.a', '2020-01-01')!.evidence).toBe('official');
    expect(reg.valueOn('xx.test.b', '2020-01-01')!.evidence).toBe('placeholder');
  });
});

describe('in a decision', () => {
  it('a file passed to createEngine can turn a bundled literal series into a derived one (the id and its overrides stay)', () => {
    const e = createEngine({
      parameters: [
        {
          jurisdiction: 'cn.shanghai',
          parameters: {
            'cn.shanghai.contribution-base': series([der({ 'dec*': ['0.5', { param: 'cn.shanghai.average-monthly-wage' }] }, '2017-04-01', null)], 'yuan/month'),
          },
        } as ParameterFile,
      ],
    });
    const d = e.payout(
      { expropriationDate: '2024-09-20', person: { id: 'P', sex: 'female', birthDate: '1980-01-01', pensionStatus: 'none', cooperated: false } },
      { parameters: { 'cn.shanghai.average-monthly-wage': '10000', 'cn.shanghai.pension-rate': '0.24', 'cn.shanghai.medical-rate': '0.10', 'cn.shanghai.minimum-living-standard': '1500' } },
    );
    // base = 0.5 × 10000 = 5000; 12 years: 144 × 5000 × 0.34 = 244800.00
    expect(d.outcome.items.find((i) => i.code === 'lump-sum-premium')!.amount).toBe('244800.00');
    expect(d.parameters.find((p) => p.id === 'cn.shanghai.contribution-base')).toMatchObject({ value: '5000', evidence: 'derived', inputs: [{ id: 'cn.shanghai.average-monthly-wage', value: '10000', evidence: 'placeholder' }] });
  });
});
