import { describe, expect, it } from 'vitest';
import { RulesetError } from '../../src';
import { isDecimalSeries, ParameterRegistry } from '../../src/engine/parameters';

// Parameter files (docs/architecture.md: dated series of value, from, to, source, verified):
// loading checks every series' windows (in date order, no overlap, no gap, none ending before
// it starts) and that ids are `<jurisdiction>.<name>`; reading takes the value whose window holds
// the date, both ends included.

const v = (value: string | number, from: string, to: string | null) => ({ value, from, to, source: 's', verified: true });
const file = (parameters: Record<string, Array<ReturnType<typeof v>>>, jurisdiction = 'cn.test') => ({
  jurisdiction,
  parameters: Object.fromEntries(Object.entries(parameters).map(([id, values]) => [id, { description: { zh: '测', en: 't' }, unit: 'yuan', values }])),
});
const issuesOf = (files: unknown[]) => {
  try {
    ParameterRegistry.fromFiles(files);
  } catch (e) {
    expect(e).toBeInstanceOf(RulesetError);
    expect((e as RulesetError).source).toBe('parameters');
    return (e as RulesetError).issues.map((i) => `${i.path.join('/')}: ${i.message}`);
  }
  return [];
};

describe('reading a series (valueOn, get, all)', () => {
  const reg = ParameterRegistry.fromFiles([
    file({ 'cn.test.b': [v('1', '2020-01-01', '2020-12-31'), v('2', '2021-01-01', null)], 'cn.test.a': [v(5, '2020-06-01', '2020-06-30')] }),
  ]);
  it('the value whose window holds the date, both ends included; none outside every window', () => {
    expect(reg.valueOn('cn.test.b', '2019-12-31')).toBeUndefined();
    expect(reg.valueOn('cn.test.b', '2020-01-01')?.value).toBe('1');
    expect(reg.valueOn('cn.test.b', '2020-12-31')?.value).toBe('1');
    expect(reg.valueOn('cn.test.b', '2021-01-01')?.value).toBe('2');
    expect(reg.valueOn('cn.test.b', '2999-01-01')?.value).toBe('2');
    expect(reg.valueOn('cn.test.a', '2020-05-31')).toBeUndefined();
    expect(reg.valueOn('cn.test.a', '2020-06-30')?.value).toBe(5);
    expect(reg.valueOn('cn.test.a', '2020-07-01')).toBeUndefined();
    expect(reg.valueOn('cn.test.nope', '2020-07-01')).toBeUndefined();
  });
  it('series by id, and all of them sorted by id', () => {
    expect(reg.get('cn.test.a')).toMatchObject({ id: 'cn.test.a', jurisdiction: 'cn.test', unit: 'yuan' });
    expect(reg.get('cn.test.c')).toBeUndefined();
    expect(reg.all().map((s) => s.id)).toEqual(['cn.test.a', 'cn.test.b']);
  });
  it('a later file replaces a series of the same id', () => {
    const r = ParameterRegistry.fromFiles([file({ 'cn.test.a': [v('1', '2020-01-01', null)] }), file({ 'cn.test.a': [v('9', '2020-01-01', null)] })]);
    expect(r.valueOn('cn.test.a', '2020-01-01')?.value).toBe('9');
    expect(r.all()).toHaveLength(1);
  });
  it('isDecimalSeries: every value a decimal (string or number)', () => {
    expect(isDecimalSeries(reg.get('cn.test.b')!)).toBe(true);
    expect(isDecimalSeries(reg.get('cn.test.a')!)).toBe(true);
    const mixed = ParameterRegistry.fromFiles([file({ 'cn.test.m': [v('1', '2020-01-01', '2020-12-31'), v('half', '2021-01-01', null)] })]);
    expect(isDecimalSeries(mixed.get('cn.test.m')!)).toBe(false);
  });
});

describe('loading checks windows and ids, all problems at once', () => {
  it('a window that ends before it starts', () => {
    expect(issuesOf([file({ 'cn.test.a': [v('1', '2020-02-01', '2020-01-31')] })])).toEqual(['parameters[0]/parameters/cn.test.a/values/0: ends (2020-01-31) before it starts (2020-02-01)']);
    expect(issuesOf([file({ 'cn.test.a': [v('1', '2020-02-01', '2020-02-01')] })])).toEqual([]); // one day
  });
  it('values out of date order; the same start twice', () => {
    expect(issuesOf([file({ 'cn.test.a': [v('1', '2021-01-01', null), v('2', '2020-01-01', '2020-12-31')] })])).toEqual([
      'parameters[0]/parameters/cn.test.a/values/1: values must be in date order (2020-01-01 after 2021-01-01)',
    ]);
    expect(issuesOf([file({ 'cn.test.a': [v('1', '2020-01-01', '2020-01-01'), v('2', '2020-01-01', null)] })])).toEqual([
      'parameters[0]/parameters/cn.test.a/values/1: values must be in date order (2020-01-01 after 2020-01-01)',
    ]);
  });
  it('an overlap: after an open value, or starting on or before the previous end', () => {
    expect(issuesOf([file({ 'cn.test.a': [v('1', '2020-01-01', null), v('2', '2021-01-01', null)] })])).toEqual([
      'parameters[0]/parameters/cn.test.a/values/1: overlaps the value from 2020-01-01 (to open)',
    ]);
    expect(issuesOf([file({ 'cn.test.a': [v('1', '2020-01-01', '2020-12-31'), v('2', '2020-12-31', null)] })])).toEqual([
      'parameters[0]/parameters/cn.test.a/values/1: overlaps the value from 2020-01-01 (to 2020-12-31)',
    ]);
  });
  it('a gap: the next value must start the day after the previous ends', () => {
    expect(issuesOf([file({ 'cn.test.a': [v('1', '2020-01-01', '2020-12-30'), v('2', '2021-01-01', null)] })])).toEqual([
      'parameters[0]/parameters/cn.test.a/values/1: leaves a gap after 2020-12-30 (next value starts 2021-01-01)',
    ]);
    expect(issuesOf([file({ 'cn.test.a': [v('1', '2020-01-01', '2020-02-28'), v('2', '2020-02-29', '2020-02-29'), v('3', '2020-03-01', null)] })])).toEqual([]);
  });
  it('ids are the file’s jurisdiction and one lower-case name; problems of several files are all listed', () => {
    const msg = (j: string) => `a parameter id is the file's jurisdiction and one name: ${j}.<name>`;
    expect(
      issuesOf([
        file({ 'cn.other.a': [v('1', '2020-01-01', null)], 'cn.test.A': [v('1', '2020-01-01', null)], 'cn.test.a.b': [v('1', '2020-01-01', null)], 'cn.testa': [v('1', '2020-01-01', null)], 'cn.test.-a': [v('1', '2020-01-01', null)], 'cn.test.9-a': [v('1', '2020-01-01', null)] }),
        { jurisdiction: 'cn.x' },
      ]),
    ).toEqual([
      `parameters[0]/parameters/cn.other.a: ${msg('cn.test')}`,
      `parameters[0]/parameters/cn.test.A: ${msg('cn.test')}`,
      `parameters[0]/parameters/cn.test.a.b: ${msg('cn.test')}`,
      `parameters[0]/parameters/cn.testa: ${msg('cn.test')}`,
      `parameters[0]/parameters/cn.test.-a: ${msg('cn.test')}`,
      'parameters[1]/parameters: Invalid input: expected record, received undefined',
    ]);
  });
});
