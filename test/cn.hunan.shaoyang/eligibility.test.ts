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

const applicant = (i: EligibilityInput, id = 'A1') => engine.eligibility(i).outcome.applicants.find((a) => a.id === id)!;

describe('二(一) age-16: aged 16 full years (inclusive) on the notice date', () => {
  it('is eligible on the 16th birthday itself', () => {
    const a = applicant(input({ noticeDate: '2023-05-10', applicants: [member({ birthDate: '2007-05-10' })] }));
    expect(a).toEqual({ id: 'A1', eligible: true, failed: [] });
  });
  it('is not eligible the day before the 16th birthday', () => {
    const a = applicant(input({ noticeDate: '2023-05-09', applicants: [member({ birthDate: '2007-05-10' })] }));
    expect(a).toEqual({ id: 'A1', eligible: false, failed: ['age-16'] });
  });
  it('born 29 February 2004: 16 on 29 February 2020, not on the 28th', () => {
    const on29 = applicant(input({ noticeDate: '2020-02-29', applicants: [member({ birthDate: '2004-02-29' })] }));
    const on28 = applicant(input({ noticeDate: '2020-02-28', applicants: [member({ birthDate: '2004-02-29' })] }));
    expect(on29.eligible).toBe(true);
    expect(on28.failed).toEqual(['age-16']);
  });
  it('born 29 February: in a common year the age is reached on 1 March (interpretation age-on-notice-date)', () => {
    // Born 2000-02-29; with the age overridden to 21, 2021 (a common year) has no 29 February:
    // the age is reached on 2021-03-01. (The notice dates are inside the ruleset's window: the
    // law's date, not asOf, chooses the rules.)
    const params = { 'cn.hunan.shaoyang.min-age': 21 };
    const feb28 = engine.eligibility(input({ noticeDate: '2021-02-28', applicants: [member({ birthDate: '2000-02-29' })] }), { parameters: params });
    const mar1 = engine.eligibility(input({ noticeDate: '2021-03-01', applicants: [member({ birthDate: '2000-02-29' })] }), { parameters: params });
    expect(feb28.outcome.applicants[0]!.failed).toEqual(['age-16']);
    expect(mar1.outcome.applicants[0]!.eligible).toBe(true);
  });
  it('says the age and the threshold in its reason', () => {
    const d = engine.eligibility(input({ applicants: [member({ birthDate: '2007-05-11' })] }));
    const r = d.reasons.find((x) => x.rule === 'age-16')!;
    expect(r).toMatchObject({ holds: false, subject: 'A1', citation: { article: '二(一)' }, values: { age: 15, minAge: 16 } });
    expect(r.message.zh).toContain('仅满15周岁');
    expect(r.message.en).toContain('under 16');
  });
});

describe('二(一) per-capita-under-0.3: household land per person after expropriation under 0.3 mu (strict)', () => {
  it('exactly 0.3 mu is not under 0.3: not eligible', () => {
    // (3.0 − 1.8) ÷ 4 = 0.3
    const d = engine.eligibility(input({ household: { originalCultivatedMu: '3.0', expropriatedCultivatedMu: '1.8', memberCount: 4 } }));
    expect(d.outcome.perCapitaAfterMu).toBe('0.3000');
    expect(d.outcome.applicants[0]).toEqual({ id: 'A1', eligible: false, failed: ['per-capita-under-0.3'] });
  });
  it('just under 0.3 mu is eligible: (3.0 − 1.8001) ÷ 4 = 0.299975', () => {
    const d = engine.eligibility(input({ household: { originalCultivatedMu: '3.0', expropriatedCultivatedMu: '1.8001', memberCount: 4 } }));
    expect(d.outcome.perCapitaAfterMuExact).toBe('0.299975');
    expect(d.outcome.perCapitaAfterMu).toBe('0.3000'); // displayed rounded; compared exactly
    expect(d.outcome.applicants[0]!.eligible).toBe(true);
  });
  it('is never rounded before the comparison: 0.9 ÷ 3 = 0.3 exactly fails, 0.8999 ÷ 3 passes', () => {
    const exact = engine.eligibility(input({ household: { originalCultivatedMu: 0.9, expropriatedCultivatedMu: 0, memberCount: 3 } }));
    const under = engine.eligibility(input({ household: { originalCultivatedMu: '0.8999', expropriatedCultivatedMu: '0', memberCount: 3 } }));
    expect(exact.outcome.applicants[0]!.failed).toEqual(['per-capita-under-0.3']);
    expect(under.outcome.applicants[0]!.eligible).toBe(true);
  });
  it('numbers as input are read as the decimals they print as (0.1 + 0.2 style errors do not occur)', () => {
    // 0.7 − 0.1 = 0.6 exactly in Decimal (in floating point it is 0.6000000000000001).
    const d = engine.eligibility(input({ household: { originalCultivatedMu: 0.7, expropriatedCultivatedMu: 0.1, memberCount: 2 } }));
    expect(d.outcome.perCapitaAfterMuExact).toBe('0.3');
    expect(d.outcome.applicants[0]!.failed).toEqual(['per-capita-under-0.3']);
  });
});

describe('二(一)1–4 membership: one of the four bases', () => {
  const cases: Array<[string, Partial<Applicant>, boolean]> = [
    ['1 member holding contract rights', { basis: 'member' }, true],
    ['1 member without contract rights', { basis: 'member', holdsContractRight: false }, false],
    ['1 contract rights but not a member', { basis: 'member', collectiveMember: false }, false],
    ['2 college student who qualified before enrolment', { basis: 'student', collectiveMember: false, holdsContractRight: false, qualifiedBeforeLeaving: true, education: 'college' }, true],
    ['2 student who did not', { basis: 'student', qualifiedBeforeLeaving: false }, false],
    ['2 conscript entitled to resettlement at home who qualified before enlistment', { basis: 'conscript', collectiveMember: false, holdsContractRight: false, qualifiedBeforeLeaving: true, serviceRank: 'conscript', resettlementAtHome: true }, true],
    ['2 conscript with nothing said', { basis: 'conscript' }, false],
    ['3 a parent is a member and the person is a member', { basis: 'parent-member', holdsContractRight: false, parentIsMember: true }, true],
    ['3 a parent is a member but the person is not', { basis: 'parent-member', collectiveMember: false, parentIsMember: true }, false],
    ['4 democratic decision noticed without objection', { basis: 'democratic-decision', collectiveMember: false, holdsContractRight: false, democraticDecision: { approved: true, noticeWithoutObjection: true } }, true],
    ['4 democratic decision with an objection', { basis: 'democratic-decision', democraticDecision: { approved: true, noticeWithoutObjection: false } }, false],
    ['4 democratic decision not approved', { basis: 'democratic-decision', democraticDecision: { approved: false, noticeWithoutObjection: true } }, false],
  ];
  it.each(cases)('basis %s', (_name, over, eligible) => {
    const a = applicant(input({ applicants: [member(over)] }));
    expect(a.eligible).toBe(eligible);
    expect(a.failed).toEqual(eligible ? [] : ['membership']);
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
  it('does not warn when it agrees at the form\'s precision: 1 ÷ 3 written as 0.33', () => {
    const d = engine.eligibility(input({ household: { originalCultivatedMu: '1', expropriatedCultivatedMu: '0', memberCount: 3, reportedPerCapitaAfterMu: '0.33' } }));
    expect(d.warnings.map((w) => w.code)).not.toContain('REPORTED_PER_CAPITA_MISMATCH');
  });
  it('does not warn when no figure is given', () => {
    expect(engine.eligibility(input()).warnings.map((w) => w.code)).toEqual(['ASSUMED_EFFECTIVE_DATE']);
  });
});

describe('the ruleset window (assumed 2020-01-01, open-ended)', () => {
  it('every decision warns that the effective date is an assumption', () => {
    expect(engine.eligibility(input()).warnings[0]!.code).toBe('ASSUMED_EFFECTIVE_DATE');
  });
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
  it('accepts the boundaries: every member applies, and all the land is expropriated', () => {
    // 2 applicants in a household of 2; 1.0 of 1.0 mu taken: 0 mu per person, under 0.3.
    const d = engine.eligibility(input({ household: { originalCultivatedMu: '1.0', expropriatedCultivatedMu: '1', memberCount: 2 }, applicants: [member(), member({ id: 'A2' })] }));
    expect(d.outcome.perCapitaAfterMu).toBe('0.0000');
    expect(d.outcome.eligibleCount).toBe(2);
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
