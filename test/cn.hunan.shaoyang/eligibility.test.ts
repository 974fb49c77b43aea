import { describe, expect, it } from 'vitest';
import { createEngine, NoRulesetInForceError, RulesetError, type EligibilityInput } from '../../src';
import shaoyang from '../../rulesets/cn.hunan.shaoyang/ruleset.2020-01-01.json';
import { engine, inputIssues } from '../helpers';

// Shaoyang workflow (邵阳市区被征地农民社会保障对象身份认定工作流程), 二(一): on the date of the
// land-expropriation notice, aged 16 full years (inclusive), household per-capita cultivated land
// after expropriation under 0.3 mu, and one of the membership bases 1–4.

type Applicant = EligibilityInput['applicants'][number];

const member = (over: Partial<Applicant> = {}): Applicant => ({
  id: 'A1',
  sex: 'female',
  birthDate: '1980-03-02',
  basis: 'member',
  collectiveMember: true,
  holdsContractRight: true,
  ...over,
});

/** A household of 4 that keeps 0.6 mu: 0.15 mu per person. */
const input = (over: Partial<EligibilityInput> = {}): EligibilityInput => ({
  noticeDate: '2023-05-10',
  household: { originalCultivatedMu: '2.4', expropriatedCultivatedMu: '1.8', memberCount: 4 },
  applicants: [member()],
  ...over,
});

describe('二(一) age-16: aged 16 full years (inclusive) on the notice date', () => {
  it('says the age and the threshold in its reason', () => {
    const d = engine.eligibility(input({ applicants: [member({ birthDate: '2007-05-11' })] }));
    const r = d.reasons.find((x) => x.rule === 'age-16')!;
    expect(r).toMatchObject({ holds: false, subject: 'A1', citation: { article: '二(一)' }, values: { age: 15, minAge: 16 } });
    expect(r.message.zh).toContain('仅满15周岁');
    expect(r.message.en).toContain('under 16');
  });
});

describe('附表1: the per-capita figure written on the form', () => {
  it('warns when it disagrees with the computed one, and the outcome is unchanged', () => {
    const d = engine.eligibility(input({ household: { originalCultivatedMu: '2.4', expropriatedCultivatedMu: '1.8', memberCount: 4, reportedPerCapitaAfterMu: '0.25' } }));
    expect(d.outcome.applicants[0]!.eligible).toBe(true);
    const w = d.warnings.find((x) => x.code === 'REPORTED_PER_CAPITA_MISMATCH');
    expect(w?.message.en).toContain('0.25');
    expect(w?.message.zh).toContain('0.1500');
  });
});

describe('the ruleset window (assumed 2020-01-01, open-ended)', () => {
  it('the first day in force decides; the day before throws NoRulesetInForceError naming jurisdiction, kind and date', () => {
    expect(engine.eligibility(input({ noticeDate: '2020-01-01' })).ruleset.id).toBe('cn.hunan.shaoyang/2020-01-01');
    const e = (() => {
      try {
        engine.eligibility(input({ noticeDate: '2019-12-31' }));
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(NoRulesetInForceError);
    expect(e).toMatchObject({ code: 'NO_RULESET_IN_FORCE', jurisdiction: 'cn.hunan.shaoyang', kind: 'eligibility', date: '2019-12-31' });
  });
  it('the decision reports the ruleset with its content hash', () => {
    const d = engine.eligibility(input());
    expect(d.ruleset.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(d.ruleset.hash).toBe(engine.rulesets().find((r) => r.id === d.ruleset.id)!.hash);
  });
});

describe('parameters', () => {
  it('reports every parameter read with its source and window', () => {
    const d = engine.eligibility(input());
    expect(d.parameters.map((p) => [p.id, p.value, p.effectiveFrom, p.verified, p.overridden, p.evidence])).toEqual([
      // (the household check of the form's figure against the threshold reads max-per-capita-mu first)
      ['cn.hunan.shaoyang.max-per-capita-mu', '0.3', '2020-01-01', true, false, 'official'],
      ['cn.hunan.shaoyang.min-age', 16, '2020-01-01', true, false, 'official'],
    ]);
  });
  it('an override is used and reported as overridden: 0.15 mu passes under a 0.2 threshold, 0.25 does not', () => {
    const params = { 'cn.hunan.shaoyang.max-per-capita-mu': '0.2' };
    const d = engine.eligibility(input(), { parameters: params });
    expect(d.outcome.applicants[0]!.eligible).toBe(true);
    expect(d.parameters.find((p) => p.id === 'cn.hunan.shaoyang.max-per-capita-mu')).toMatchObject({ value: '0.2', overridden: true, effectiveFrom: null, source: 'override' });
    const high = engine.eligibility(input({ household: { originalCultivatedMu: '1', expropriatedCultivatedMu: '0', memberCount: 4 } }), { parameters: params });
    expect(high.outcome.applicants[0]!.failed).toEqual(['per-capita-under-0.3']);
  });
  it('an unknown or malformed override is an InputError, not ignored', () => {
    const issues = inputIssues(() =>
      engine.evaluate({ kind: 'eligibility', input: input(), parameters: { 'cn.hunan.shaoyang.nope': 1, 'cn.hunan.shaoyang.max-per-capita-mu': 'lots' } }),
    );
    expect(issues.map((i) => i.path)).toEqual(['parameters.cn.hunan.shaoyang.nope', 'parameters.cn.hunan.shaoyang.max-per-capita-mu']);
  });
});

describe('malformed input', () => {
  it('gives one InputError listing every problem with its path, never a TypeError', () => {
    const issues = inputIssues(() =>
      engine.evaluate({
        kind: 'eligibility',
        input: {
          noticeDate: '2023-02-30',
          household: { originalCultivatedMu: 'abc', expropriatedCultivatedMu: -1, memberCount: 0 },
          applicants: [{ id: 'A1', sex: 'x', birthDate: '1980-13-01', basis: 'member', collectiveMember: 'yes', holdsContractRight: true }],
        },
      } as never),
    );
    expect(issues.map((i) => i.path)).toEqual([
      'input.noticeDate',
      'input.household.originalCultivatedMu',
      'input.household.expropriatedCultivatedMu',
      'input.household.memberCount',
      'input.applicants.0.sex',
      'input.applicants.0.birthDate',
      'input.applicants.0.collectiveMember',
    ]);
  });
  it('rejects unknown fields (a typo is never silently dropped)', () => {
    const issues = inputIssues(() => engine.evaluate({ kind: 'eligibility', input: { ...input(), noticedate: '2023-01-01' } } as never));
    expect(issues[0]!.path).toBe('input');
    expect(issues[0]!.message).toContain('noticedate');
  });
  it('rejects a household that lost more land than it had, duplicate applicants, more applicants than members', () => {
    const issues = inputIssues(() =>
      engine.eligibility(input({ household: { originalCultivatedMu: '1', expropriatedCultivatedMu: '1.5', memberCount: 1 }, applicants: [member(), member()] })),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(['input.applicants', 'input.applicants.1.id', 'input.household.expropriatedCultivatedMu']);
    // Each says what is wrong with the figures it compared.
    expect(issues.find((i) => i.path === 'input.household.expropriatedCultivatedMu')!.message).toBe('cannot exceed originalCultivatedMu (1)');
    expect(issues.find((i) => i.path === 'input.applicants')!.message).toBe('2 applicants but the household has 1 members');
    expect(issues.find((i) => i.path === 'input.applicants.1.id')!.message).toBe("duplicate applicant id 'A1'");
  });
  it('rejects an unknown kind and a request that is not an object', () => {
    expect(inputIssues(() => engine.evaluate({ kind: 'nope', input: {} } as never))[0]!.path).toBe('kind');
    expect(inputIssues(() => engine.evaluate(null as never))[0]!.path).toBe('');
  });
});

describe('ruleset files are validated on load', () => {
  it('a second ruleset starting on the same day is a RulesetError; one starting later is a successor that ends the first (issue 16)', () => {
    const sameDay = { ...shaoyang, id: 'cn.hunan.shaoyang/2020-01-01-b', version: '1.2.0' };
    expect(() => createEngine({ rulesets: [sameDay] })).toThrow(RulesetError);
    expect(() => createEngine({ rulesets: [sameDay] })).toThrow(/starts on the same day as cn\.hunan\.shaoyang\/2020-01-01/);
    const later = { ...shaoyang, id: 'cn.hunan.shaoyang/2022-01-01', effectiveFrom: '2022-01-01', version: '2.0.0' };
    const e = createEngine({ rulesets: [later] });
    expect(e.rulesets().filter((r) => r.jurisdiction === 'cn.hunan.shaoyang').map((r) => [r.id, r.effectiveTo])).toEqual([
      ['cn.hunan.shaoyang/2020-01-01', '2021-12-31'],
      ['cn.hunan.shaoyang/2022-01-01', null],
    ]);
    expect(e.eligibility(input({ noticeDate: '2021-12-31' })).ruleset.id).toBe('cn.hunan.shaoyang/2020-01-01');
    expect(e.eligibility(input({ noticeDate: '2022-01-01' })).ruleset.id).toBe('cn.hunan.shaoyang/2022-01-01');
  });
  it('a successor that leaves a gap is a RulesetError; one that starts the next day loads', () => {
    const closed = { ...shaoyang, effectiveTo: '2021-12-31' };
    const gap = { ...shaoyang, id: 'cn.hunan.shaoyang/2022-01-02', effectiveFrom: '2022-01-02' };
    expect(() => createEngine({ rulesets: [closed, gap] })).toThrow(/leaves a gap/);
    const next = { ...shaoyang, id: 'cn.hunan.shaoyang/2022-01-01', effectiveFrom: '2022-01-01', version: '2.0.0' };
    const e = createEngine({ rulesets: [closed, next] });
    expect(e.eligibility(input({ noticeDate: '2021-12-31' })).ruleset.id).toBe('cn.hunan.shaoyang/2020-01-01');
    expect(e.eligibility(input({ noticeDate: '2022-01-01' })).ruleset.id).toBe('cn.hunan.shaoyang/2022-01-01');
  });
  it('a rule reading {"var": "__proto__"} is a RulesetError', () => {
    const bad = structuredClone(shaoyang);
    bad.rules[1]!.test = { '==': [{ var: '__proto__' }, null] } as never;
    expect(() => createEngine({ rulesets: [bad] })).toThrow(/unsafe variable path '__proto__'/);
  });
});
