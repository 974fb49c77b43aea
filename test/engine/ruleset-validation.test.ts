import { describe, expect, it } from 'vitest';
import { createEngine, rulesetHash, RulesetError } from '../../src';
import shaoyang from '../../rulesets/cn.hunan.shaoyang/ruleset.2020-01-01.json';
import { jurisdictionParameters } from '../helpers';

const shaoyangParams = jurisdictionParameters('cn.hunan.shaoyang');

// Loading a ruleset file validates it completely; any defect is one RulesetError listing every
// problem with its path, and nothing in the file is executed.

function withTest(test: unknown, ruleIndex = 1) {
  const file = structuredClone(shaoyang) as Record<string, unknown> & { rules: Array<Record<string, unknown>> };
  file.rules[ruleIndex]!.test = test;
  return file;
}

function problems(files: unknown[], params?: unknown[]): string[] {
  try {
    createEngine({ rulesets: files, parameters: params });
  } catch (e) {
    if (e instanceof RulesetError) return e.issues.map((i) => i.message);
    throw e;
  }
  return [];
}

describe('operators', () => {
  it.each(['method', 'log', 'eval', 'constructor', '__proto__', 'toString'])('%s is not an allowed operator', (op) => {
    expect(problems([withTest({ [op]: ['x'] })]).join()).toMatch(/unknown or disallowed operator/);
  });
  it('an object with more than one key is rejected (json-logic-js would treat it as data)', () => {
    expect(problems([withTest({ '==': [1, 1], '!=': [1, 2] })]).join()).toMatch(/exactly one operator key/);
  });
});

describe('variable paths', () => {
  it.each(['__proto__', 'constructor', 'prototype', 'applicant.__proto__.x', 'a.constructor.prototype'])('rejects %s', (path) => {
    expect(problems([withTest({ '==': [{ var: path }, 1] })]).join()).toMatch(/unsafe variable path/);
  });
  it('rejects a computed path', () => {
    expect(problems([withTest({ var: { cat: ['__pro', 'to__'] } })]).join()).toMatch(/literal/);
  });
  it('reading follows own properties only, even at run time', async () => {
    const { readPath } = await import('../../src/engine/logic/paths');
    expect(readPath({}, ['toString'], 'none')).toBe('none');
    expect(readPath({ a: { b: 1 } }, ['a', 'b'], 'none')).toBe(1);
    expect(readPath(JSON.parse('{"__proto__": {"x": 1}}'), ['__proto__', 'x'], 'none')).toBe('none');
  });
});

describe('size limits', () => {
  it('rejects nesting deeper than 64 levels', () => {
    let deep: unknown = true;
    for (let i = 0; i < 70; i++) deep = { '!': [deep] };
    expect(problems([withTest(deep)]).join()).toMatch(/nested deeper than 64/);
  });
  it('rejects more than 10,000 nodes', () => {
    expect(problems([withTest({ and: Array.from({ length: 10_001 }, () => true) })]).join()).toMatch(/more than 10000 nodes/);
  });
});

describe('parameters named by rules', () => {
  it('an unknown parameter is rejected', () => {
    expect(problems([withTest({ '==': [{ param: 'cn.hunan.shaoyang.nope' }, 1] })]).join()).toMatch(/unknown parameter 'cn\.hunan\.shaoyang\.nope'/);
  });
  it('a parameter of a jurisdiction the ruleset does not inherit from is rejected', () => {
    const other = { jurisdiction: 'cn.hunan.changsha', parameters: { 'cn.hunan.changsha.x': { description: { zh: 'x', en: 'x' }, unit: 'mu', values: [{ value: 1, from: '2020-01-01', to: null, source: 's', verified: true }] } } };
    expect(problems([withTest({ '==': [{ param: 'cn.hunan.changsha.x' }, 1] })], [other]).join()).toMatch(/does not inherit/);
  });
});

describe('the content hash', () => {
  it('is SHA-256 of the canonical JSON, independent of key order and of a hash field', () => {
    const reordered = Object.fromEntries(Object.entries(shaoyang).reverse());
    expect(rulesetHash(reordered)).toBe(rulesetHash(shaoyang));
    expect(rulesetHash({ ...shaoyang, hash: 'f'.repeat(64) })).toBe(rulesetHash(shaoyang));
    expect(createEngine().rulesets()[0]!.hash).toBe(rulesetHash(shaoyang));
  });
  it('changes when any rule changes', () => {
    expect(rulesetHash(withTest(true))).not.toBe(rulesetHash(shaoyang));
  });
  it('a declared hash that does not match the content is a RulesetError; a matching one loads', () => {
    expect(problems([{ ...shaoyang, hash: '0'.repeat(64) }]).join()).toMatch(/does not match the content/);
    expect(problems([{ ...shaoyang, hash: rulesetHash(shaoyang) }])).toEqual([]);
  });
});

describe('file structure', () => {
  it('lists every problem of a broken file at once', () => {
    const broken = { ...shaoyang, version: 'one', effectiveFrom: '2020-02-30', kinds: [], extra: 1 };
    const msgs = problems([broken]);
    expect(msgs.length).toBeGreaterThanOrEqual(4);
  });
  it('an unknown kind, a rule for a kind not declared, a bad scope, a message naming an unknown value', () => {
    const file = structuredClone(shaoyang) as typeof shaoyang & { kinds: string[] };
    file.kinds = ['eligibility', 'teleportation'];
    file.rules[1]!.kind = 'screening';
    file.rules[2]!.scope = 'village';
    file.rules[3]!.message.holds.en = 'uses {nothing}';
    const msgs = problems([file]).join('\n');
    expect(msgs).toMatch(/unknown decision kind 'teleportation'/);
    expect(msgs).toMatch(/kind 'screening' is not among the ruleset's kinds/);
    expect(msgs).toMatch(/scope 'village'/);
    expect(msgs).toMatch(/\{nothing\}/);
  });
  it('a ruleset that ends before it starts', () => {
    expect(problems([{ ...shaoyang, effectiveTo: '2019-01-01' }]).join()).toMatch(/ends \(2019-01-01\) before it starts/);
  });
  it('a kind missing a formula it needs', () => {
    expect(problems([{ ...shaoyang, formulas: [] }]).join()).toMatch(/needs a formula 'per-capita-after-mu'/);
  });
});

describe('parameter files', () => {
  const series = (values: unknown[]) => ({
    jurisdiction: 'cn.hunan.shaoyang',
    parameters: { 'cn.hunan.shaoyang.min-age': { description: { zh: '年龄', en: 'age' }, unit: 'year', values } },
  });
  const v = (from: string, to: string | null, value = 16) => ({ value, from, to, source: 'test', verified: true });
  it('overlapping values are a RulesetError', () => {
    expect(problems([], [series([v('2020-01-01', '2021-06-30'), v('2021-06-01', null)])]).join()).toMatch(/overlaps/);
  });
  it('a gap between values is a RulesetError', () => {
    expect(problems([], [series([v('2020-01-01', '2021-06-30'), v('2021-07-02', null)])]).join()).toMatch(/gap after 2021-06-30/);
  });
  it('values out of order, an open value followed by another', () => {
    expect(problems([], [series([v('2021-01-01', null), v('2020-01-01', null)])]).join()).toMatch(/date order/);
    expect(problems([], [series([v('2020-01-01', null), v('2021-01-01', null)])]).join()).toMatch(/overlaps/);
  });
  it('an id outside the file\'s jurisdiction', () => {
    const bad = { ...shaoyangParams, parameters: { 'cn.other.x': shaoyangParams.parameters['cn.hunan.shaoyang.min-age'] } };
    expect(problems([], [bad]).join()).toMatch(/jurisdiction and one name/);
  });
  it('a corrected series replaces the bundled one whole', () => {
    const e = createEngine({ parameters: [series([v('2020-01-01', null, 18)])] });
    expect(e.parameterOn('cn.hunan.shaoyang.min-age', '2024-01-01')?.value).toBe(18);
  });
});
