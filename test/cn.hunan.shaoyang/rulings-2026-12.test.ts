import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EligibilityInput, ProcedureInput } from '../../src';
import { engine } from '../helpers';

// Shaoyang workflow, ruleset 1.2.0: the rulings of 2026-12-01 (DOMAIN.md §1).

type Applicant = EligibilityInput['applicants'][number];
const person = (over: Partial<Applicant> = {}): Applicant => ({ id: 'A1', sex: 'female', birthDate: '1980-03-02', basis: 'member', collectiveMember: true, holdsContractRight: true, ...over });
const household = (original: string, expropriated: string, members: number, reported?: string) => ({
  noticeDate: '2023-05-10',
  household: { originalCultivatedMu: original, expropriatedCultivatedMu: expropriated, memberCount: members, ...(reported === undefined ? {} : { reportedPerCapitaAfterMu: reported }) },
  applicants: [person()],
});
const warnings = (i: EligibilityInput) => engine.eligibility(i).warnings.map((w) => w.code).filter((c) => c.startsWith('REPORTED_'));

describe('附表1 the form’s per-capita figure: consistent only when rounded to its places AND strictly within half a unit', () => {
  // (1.8 − 1.0) ÷ 3 = 0.2666…
  it('"0.27" for 0.2666…: rounds to it, 0.0033 < 0.005 → consistent, same side of 0.3 → no warning', () => {
    expect(warnings(household('1.8', '1.0', 3, '0.27'))).toEqual([]);
  });
  it('"0.26" for 0.2666…: 0.2666… rounds to 0.27, not 0.26 → REPORTED_PER_CAPITA_MISMATCH only', () => {
    expect(warnings(household('1.8', '1.0', 3, '0.26'))).toEqual(['REPORTED_PER_CAPITA_MISMATCH']);
  });
  it('"0.3" for 0.2666…: consistent at one place (0.0333 < 0.05) but on the other side of 0.3 → REPORTED_PER_CAPITA_OTHER_SIDE', () => {
    const d = engine.eligibility(household('1.8', '1.0', 3, '0.3'));
    expect(d.warnings.map((w) => w.code).filter((c) => c.startsWith('REPORTED_'))).toEqual(['REPORTED_PER_CAPITA_OTHER_SIDE']);
    expect(d.warnings.find((w) => w.code === 'REPORTED_PER_CAPITA_OTHER_SIDE')!.message.en).toContain('would have decided otherwise');
    expect(d.outcome.applicants[0]!.eligible).toBe(true); // the outcome follows the computed 0.2667, not the form
  });
  it('"1" for 0.5 ((2 − 1) ÷ 2): half-up gives 1, but 1 − 0.5 = 0.5 is not < 0.5 → mismatch; both ≥ 0.3 → same side', () => {
    expect(warnings(household('2', '1', 2, '1'))).toEqual(['REPORTED_PER_CAPITA_MISMATCH']);
  });
  it('the half-unit boundary at 0.3 itself: "0.3" for 0.25 ((0.5 − 0) ÷ 2) is a whole half away → mismatch AND other side', () => {
    expect(warnings(household('0.5', '0', 2, '0.3'))).toEqual(['REPORTED_PER_CAPITA_MISMATCH', 'REPORTED_PER_CAPITA_OTHER_SIDE']);
  });
  it('just inside the half unit: "0.3" for 0.2501 (0.2501 − 0, 1 member): 0.0499 < 0.05 → consistent, but other side', () => {
    expect(warnings(household('0.2501', '0', 1, '0.3'))).toEqual(['REPORTED_PER_CAPITA_OTHER_SIDE']);
  });
  it('exactly 0.3 computed ((1.5 − 0.9) ÷ 2) with "0.30": consistent and on the same (failing) side → no warning', () => {
    expect(warnings(household('1.5', '0.9', 2, '0.30'))).toEqual([]);
  });
  it('"0.29" for exactly 0.3: mismatch and the other side (the form would have passed it)', () => {
    expect(warnings(household('1.5', '0.9', 2, '0.29'))).toEqual(['REPORTED_PER_CAPITA_MISMATCH', 'REPORTED_PER_CAPITA_OTHER_SIDE']);
  });
});

describe('二(一)2 basis 2 in full: 大中专 students; conscripts and first/second-class sergeants entitled to resettlement at home', () => {
  const decide = (over: Partial<Applicant>) => {
    const d = engine.eligibility({ ...household('2.4', '1.8', 4), applicants: [person({ collectiveMember: false, holdsContractRight: false, qualifiedBeforeLeaving: true, ...over })] });
    const reason = d.reasons.find((r) => r.rule === 'membership')!;
    return { eligible: d.outcome.applicants[0]!.eligible, failed: d.outcome.applicants[0]!.failed, unmet: reason.values!.unmet, en: reason.message.en, zh: reason.message.zh };
  };
  it('a college student and a technical-secondary student who qualified before enrolment are basis 2', () => {
    expect(decide({ basis: 'student', education: 'college' }).eligible).toBe(true);
    expect(decide({ basis: 'student', education: 'technical-secondary' }).eligible).toBe(true);
  });
  it('a student of another school (e.g. 普通高中) is not; the reason says so', () => {
    const r = decide({ basis: 'student', education: 'other' });
    expect(r).toMatchObject({ eligible: false, failed: ['membership'] });
    expect(r.unmet).toEqual(["a student of type 'other' is not a college or technical-secondary (大中专) student"]);
    expect(r.zh).toContain('不是大中专');
  });
  it('a student with no school type given: not established, the reason names it', () => {
    expect(decide({ basis: 'student' }).unmet).toEqual(['school type not given (basis 2 counts only 大中专: college or technical-secondary students)']);
  });
  it('a conscript and a first- or second-class sergeant entitled to resettlement at home are basis 2', () => {
    for (const serviceRank of ['conscript', 'sergeant-first-class', 'sergeant-second-class'] as const) {
      expect(decide({ basis: 'conscript', serviceRank, resettlementAtHome: true }).eligible).toBe(true);
    }
  });
  it('a third-class sergeant or an officer is not basis 2; the reason names the rank', () => {
    const third = decide({ basis: 'conscript', serviceRank: 'sergeant-third-class', resettlementAtHome: true });
    expect(third).toMatchObject({ eligible: false, failed: ['membership'] });
    expect(third.unmet).toEqual(["rank 'sergeant-third-class' is not a conscript or a first/second-class sergeant"]);
    expect(decide({ basis: 'conscript', serviceRank: 'officer', resettlementAtHome: true }).eligible).toBe(false);
  });
  it('a conscript not entitled to resettlement at home is not; unstated, not established', () => {
    expect(decide({ basis: 'conscript', serviceRank: 'conscript', resettlementAtHome: false }).unmet).toEqual(['not entitled to resettlement at home on discharge']);
    expect(decide({ basis: 'conscript', serviceRank: 'conscript' }).unmet).toEqual(['entitlement to resettlement at home on discharge not stated']);
  });
  it('every unmet condition is listed: not qualified before enlisting, a third-class sergeant, no resettlement', () => {
    const r = decide({ basis: 'conscript', qualifiedBeforeLeaving: false, serviceRank: 'sergeant-third-class', resettlementAtHome: false });
    expect(r.unmet).toEqual([
      'did not meet basis 1 before enlistment',
      "rank 'sergeant-third-class' is not a conscript or a first/second-class sergeant",
      'not entitled to resettlement at home on discharge',
    ]);
    expect(r.en).toContain('does not qualify under the claimed basis (conscript)');
  });
  it('the other bases say which condition failed too', () => {
    expect(decide({ basis: 'member', collectiveMember: true, holdsContractRight: false }).unmet).toEqual(['holds no land-contract right']);
    expect(decide({ basis: 'parent-member', parentIsMember: true, collectiveMember: false }).unmet).toEqual(['not a member of the collective economic organisation']);
  });
});

type Ev = ProcedureInput['events'][number];
const base = (): ProcedureInput =>
  structuredClone((JSON.parse(readFileSync(new URL('../../fixtures/cn.hunan.shaoyang/case-compliant.json', import.meta.url), 'utf8')) as { input: ProcedureInput }).input);
const patch = (type: Ev['type'], change: Record<string, unknown>) => {
  const input = base();
  const i = input.events.findIndex((e) => e.type === type);
  const e = { ...input.events[i]!, ...change } as Record<string, unknown>;
  for (const [k, v] of Object.entries(change)) if (v === undefined) delete e[k];
  input.events[i] = e as Ev;
  return input;
};
const violation = (input: ProcedureInput, rule: string) => engine.procedure(input).outcome.violations.find((v) => v.rule === rule);

describe('二(二)4、附表3 the township review (复审) is held with 自然资源、农业农村、派出所', () => {
  it('all three present: no violation (the compliant sample)', () => {
    expect(violation(base(), 'township-review-departments')).toBeUndefined();
  });
  it('without the police station: a violation at step 4 naming 派出所', () => {
    const v = violation(patch('township-review', { departments: ['natural-resources', 'agriculture-rural'] }), 'township-review-departments')!;
    expect(v).toMatchObject({ clause: '二(二)4、附表3', step: 4 });
    expect(v.message.zh).toContain('派出所');
    expect(v.message.en).toContain('police-station');
  });
  it('no departments recorded: all three missing', () => {
    const input = patch('township-review', { departments: undefined });
    const d = engine.procedure(input);
    expect(d.reasons.find((r) => r.rule === 'township-review-departments')!.values!.missing).toEqual(['natural-resources', 'agriculture-rural', 'police-station']);
  });
});

describe('二(二)3 the first notice is posted at the village (村集体显著位置张榜)', () => {
  it('at the village: no violation', () => {
    expect(violation(base(), 'first-notice-venue')).toBeUndefined();
  });
  it('elsewhere only, or no venue recorded: a violation at step 3', () => {
    expect(violation(patch('first-notice', { venues: ['other'] }), 'first-notice-venue')).toMatchObject({ step: 3 });
    expect(violation(patch('first-notice', { venues: undefined }), 'first-notice-venue')!.message.zh).toContain('村集体显著位置');
  });
  it('the required lists are parameters with list values (an override is a list)', () => {
    const d = engine.procedure(patch('township-review', { departments: ['natural-resources'] }), { parameters: { 'cn.hunan.shaoyang.township-review-departments': ['natural-resources'] } });
    expect(violation(patch('township-review', { departments: ['natural-resources'] }), 'township-review-departments')).toBeDefined();
    expect(d.outcome.violations.find((v) => v.rule === 'township-review-departments')).toBeUndefined();
  });
});
