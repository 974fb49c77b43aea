import { describe, expect, it } from 'vitest';
import { NoRulesetInForceError, RulesetError } from '../../src';
import { BUNDLED_PARAMETERS } from '../../src/bundled';
import { BUNDLED_KINDS } from '../../src/kinds';
import { ParameterRegistry } from '../../src/engine/parameters';
import { RulesetRegistry } from '../../src/engine/ruleset';
import shaoyang from '../../rulesets/cn.hunan.shaoyang/ruleset.2020-01-01.json';
import gucun from '../../rulesets/cn.shanghai.baoshan.gucun/ruleset.2022-04-01.json';

// Which ruleset decides a (jurisdiction, kind, date) (docs/architecture.md: windows per
// jurisdiction and kind, no overlap, no gap), and what the error says when none does.

const params = ParameterRegistry.fromFiles(BUNDLED_PARAMETERS);
const kinds = new Map(Object.entries(BUNDLED_KINDS).map(([k, m]) => [k, m.contract] as const));
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const variant = (base: object, over: Record<string, unknown>) => {
  const r = { ...copy(base), ...over } as Record<string, unknown>;
  delete r.hash;
  return r;
};
const load = (raws: unknown[]) => RulesetRegistry.load(raws, params, kinds);
const issuesOf = (raws: unknown[]) => {
  try {
    load(raws);
  } catch (e) {
    expect(e).toBeInstanceOf(RulesetError);
    return (e as RulesetError).issues.map((i) => `${i.path.join('/')}: ${i.message}`);
  }
  return [];
};
const resolveError = (reg: RulesetRegistry, j: string, k: string, d: string) => {
  try {
    reg.resolve(j, k, d);
  } catch (e) {
    expect(e).toBeInstanceOf(NoRulesetInForceError);
    return (e as Error).message;
  }
  throw new Error('expected NoRulesetInForceError');
};

describe('resolve: the ruleset whose window holds the date', () => {
  const a = variant(shaoyang, { id: 'a', effectiveFrom: '2020-01-01', effectiveTo: '2021-12-31' });
  const b = variant(shaoyang, { id: 'b', version: '2.0.0', effectiveFrom: '2022-01-01', effectiveTo: '2023-06-30' });
  const reg = load([b, a]); // out of order on purpose: windows are sorted by start
  it('both ends of a window are in it', () => {
    expect(reg.resolve('cn.hunan.shaoyang', 'eligibility', '2020-01-01').id).toBe('a');
    expect(reg.resolve('cn.hunan.shaoyang', 'eligibility', '2021-12-31').id).toBe('a');
    expect(reg.resolve('cn.hunan.shaoyang', 'eligibility', '2022-01-01').id).toBe('b');
    expect(reg.resolve('cn.hunan.shaoyang', 'eligibility', '2023-06-30').id).toBe('b');
  });
  it('before the first or after the last: the windows known, and that none is known after the last', () => {
    expect(resolveError(reg, 'cn.hunan.shaoyang', 'eligibility', '2019-12-31')).toBe(
      "No ruleset of cn.hunan.shaoyang for 'eligibility' is in force on 2019-12-31. Rulesets known: a: 2020-01-01 to 2021-12-31; b: 2022-01-01 to 2023-06-30",
    );
    expect(resolveError(reg, 'cn.hunan.shaoyang', 'eligibility', '2023-07-01')).toBe(
      "No ruleset of cn.hunan.shaoyang for 'eligibility' is in force on 2023-07-01. Rulesets known: a: 2020-01-01 to 2021-12-31; b: 2022-01-01 to 2023-06-30. No ruleset after 2023-06-30 is known yet",
    );
  });
  it('a kind this jurisdiction does not decide: who does; a kind nobody decides', () => {
    const both = load([a, variant(gucun, {})]);
    expect(resolveError(both, 'cn.shanghai.baoshan.gucun', 'eligibility', '2023-01-01')).toBe(
      "No ruleset of cn.shanghai.baoshan.gucun for 'eligibility' is in force on 2023-01-01. No ruleset of this jurisdiction decides 'eligibility'; cn.hunan.shaoyang do",
    );
    expect(resolveError(both, 'cn.hunan.shaoyang', 'nothing', '2023-01-01')).toBe("No ruleset of cn.hunan.shaoyang for 'nothing' is in force on 2023-01-01. No ruleset decides 'nothing'");
    expect(both.jurisdictionsFor('eligibility')).toEqual(['cn.hunan.shaoyang']);
    expect(both.jurisdictionsFor('payout')).toEqual(['cn.shanghai.baoshan.gucun']);
  });
  it('before a ruleset that supersedes a document: which one applied and whether it is carried', () => {
    const reg2 = load([variant(gucun, {})]);
    const g = gucun as { supersedes: { docNo: string; note: { en: string } }; effectiveFrom: string };
    expect(resolveError(reg2, 'cn.shanghai.baoshan.gucun', 'payout', '2022-03-31')).toBe(
      `No ruleset of cn.shanghai.baoshan.gucun for 'payout' is in force on 2022-03-31. Rulesets known: cn.shanghai.baoshan.gucun/2022-04-01: 2022-04-01 to 2027-03-31. Before 2022-04-01 ${g.supersedes.docNo} applied, which this package does not carry: ${g.supersedes.note.en}`,
    );
    const carried = load([variant(gucun, { supersedes: { ...g.supersedes, available: true } })]);
    expect(resolveError(carried, 'cn.shanghai.baoshan.gucun', 'payout', '2022-03-31')).toContain(`Before 2022-04-01 ${g.supersedes.docNo} applied: ${g.supersedes.note.en}`);
  });
  it('by content hash', () => {
    const r = reg.resolve('cn.hunan.shaoyang', 'eligibility', '2020-01-01');
    expect(reg.byContentHash(r.hash)).toBe(r);
    expect(reg.byContentHash('0'.repeat(64))).toBeUndefined();
  });
});

describe('loading several rulesets', () => {
  it('two rulesets with one id', () => {
    const a = variant(shaoyang, { id: 'x', effectiveTo: '2020-12-31' });
    const b = variant(shaoyang, { id: 'x', effectiveFrom: '2021-01-01' });
    expect(issuesOf([a, b])).toEqual(['ruleset x/id: two rulesets have this id']);
  });
  it('windows of one jurisdiction and kind: a version ends the day before the next starts; the same start twice, or a sunset that leaves a gap, does not load', () => {
    const open = variant(shaoyang, { id: 'a' });
    const later = variant(shaoyang, { id: 'b', effectiveFrom: '2021-01-01', version: '2.0.0' });
    // An open-ended version followed by a later one: the later one ends it (no edit to the first).
    const reg = load([open, later]);
    expect(reg.list.map((r) => [r.id, r.effectiveFrom, r.effectiveTo, r.sunset])).toEqual([
      ['a', '2020-01-01', '2020-12-31', null],
      ['b', '2021-01-01', null, null],
    ]);
    expect(reg.resolve('cn.hunan.shaoyang', 'eligibility', '2020-12-31').id).toBe('a');
    expect(reg.resolve('cn.hunan.shaoyang', 'eligibility', '2021-01-01').id).toBe('b');
    // A sunset past the next start: the next start wins.
    const closed = variant(shaoyang, { id: 'a', effectiveTo: '2021-06-30' });
    expect(load([closed, later]).list[0]!.effectiveTo).toBe('2020-12-31');
    // Two versions on the same day: one issue per kind they share.
    const same = variant(shaoyang, { id: 'c', version: '1.9.9' });
    const twice = issuesOf([open, same]);
    expect(twice).toContain('ruleset c/effectiveFrom: starts on the same day as a (2020-01-01) for cn.hunan.shaoyang eligibility: a corrected version replaces the old file, which moves to the archive (rulesets/<jurisdiction>/archive/) so that its records still replay');
    expect(twice).toHaveLength(shaoyang.kinds.length);
    // A sunset that ends before the next version starts leaves days with no rules.
    const early = variant(shaoyang, { id: 'a', effectiveTo: '2020-12-30' });
    expect(issuesOf([early, later])).toContain('ruleset b/effectiveFrom: leaves a gap after a ends on 2020-12-30 for cn.hunan.shaoyang eligibility');
    const exact = variant(shaoyang, { id: 'a', effectiveTo: '2020-12-31' });
    expect(issuesOf([exact, later])).toEqual([]);
  });
  it('a file that is not an object is named by its position', () => {
    expect(issuesOf([7])[0]).toMatch(/^ruleset #0: /);
    expect(issuesOf([{ id: 5 }])[0]).toMatch(/^ruleset #0\//);
  });
});

describe('rules and funding parts checked on load', () => {
  const withRule = (patch: (r: Record<string, unknown>) => void) => {
    const f = variant(shaoyang, {}) as { rules: Array<Record<string, unknown>> };
    patch(f.rules[0]!);
    return issuesOf([f]);
  };
  it('a warning rule needs a warningCode', () => {
    expect(
      withRule((r) => {
        r.effect = 'warning';
        delete r.warningCode;
      }),
    ).toEqual(['ruleset cn.hunan.shaoyang/2020-01-01/rules/0/warningCode: a warning rule needs a warningCode']);
  });
  it('a rule in a scope its kind does not have', () => {
    const issues = withRule((r) => {
      r.scope = 'planet';
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^ruleset cn\.hunan\.shaoyang\/2020-01-01\/rules\/0\/scope: scope 'planet' is not one of \S+'s scopes \(/);
  });
  it('a message may name {subject} and the rule’s values only', () => {
    const issues = withRule((r) => {
      (r.message as { holds: { en: string } }).holds.en = 'for {subject}: {nope:2}';
    });
    expect(issues).toEqual(["ruleset cn.hunan.shaoyang/2020-01-01/rules/0/message: message names {nope}, which is not one of the rule's values"]);
  });
  it('a funding part before the last has exactly one of upTo or share; the last has neither', () => {
    const f = variant(gucun, {}) as { items: Array<{ funding: Array<Record<string, unknown>> }> };
    const item = f.items.findIndex((i) => i.funding.length >= 2);
    expect(item).toBeGreaterThanOrEqual(0);
    const parts = f.items[item]!.funding;
    parts[0] = { payer: parts[0]!.payer as string, upTo: 1, share: 0.5 };
    parts[parts.length - 1] = { payer: parts[parts.length - 1]!.payer as string, share: 0.5 };
    const at = `ruleset cn.shanghai.baoshan.gucun/2022-04-01/items/${item}/funding`;
    expect(issuesOf([f])).toEqual([
      `${at}/0: a funding part before the last has exactly one of upTo or share`,
      `${at}/${parts.length - 1}: the last funding part takes the rest: it has neither upTo nor share`,
    ]);
    const none = variant(gucun, {}) as typeof f;
    none.items[item]!.funding[0] = { payer: parts[0]!.payer as string };
    expect(issuesOf([none])).toEqual([`${at}/0: a funding part before the last has exactly one of upTo or share`]);
  });
});
