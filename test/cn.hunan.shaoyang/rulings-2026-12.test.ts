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

describe('附表1 the form’s per-capita figure: consistent only when rounded to its places AND strictly within half a unit', () => {
  // (1.8 − 1.0) ÷ 3 = 0.2666…
  it('"0.3" for 0.2666…: consistent at one place (0.0333 < 0.05) but on the other side of 0.3 → REPORTED_PER_CAPITA_OTHER_SIDE', () => {
    const d = engine.eligibility(household('1.8', '1.0', 3, '0.3'));
    expect(d.warnings.map((w) => w.code).filter((c) => c.startsWith('REPORTED_'))).toEqual(['REPORTED_PER_CAPITA_OTHER_SIDE']);
    expect(d.warnings.find((w) => w.code === 'REPORTED_PER_CAPITA_OTHER_SIDE')!.message.en).toContain('would have decided otherwise');
    expect(d.outcome.applicants[0]!.eligible).toBe(true); // the outcome follows the computed 0.2667, not the form
  });
});

describe('二(一)2 basis 2 in full: 大中专 students; conscripts and first/second-class sergeants entitled to resettlement at home', () => {
  const decide = (over: Partial<Applicant>) => {
    const d = engine.eligibility({ ...household('2.4', '1.8', 4), applicants: [person({ collectiveMember: false, holdsContractRight: false, qualifiedBeforeLeaving: true, ...over })] });
    const reason = d.reasons.find((r) => r.rule === 'membership')!;
    return { eligible: d.outcome.applicants[0]!.eligible, failed: d.outcome.applicants[0]!.failed, unmet: reason.values!.unmet, en: reason.message.en, zh: reason.message.zh };
  };
  it('a student of another school (e.g. 普通高中) is not; the reason says so', () => {
    const r = decide({ basis: 'student', education: 'other' });
    expect(r).toMatchObject({ eligible: false, failed: ['membership'] });
    expect(r.unmet).toEqual(["a student of type 'other' is not a college or technical-secondary (大中专) student"]);
    expect(r.zh).toContain('不是大中专');
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
});

type Ev = ProcedureInput['events'][number];
const base = (): ProcedureInput =>
  structuredClone((JSON.parse(readFileSync(new URL('../../rulesets/cn.hunan.shaoyang/samples/case-compliant.json', import.meta.url), 'utf8')) as { input: ProcedureInput }).input);
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
  it('without the police station: a violation at step 4 naming 派出所', () => {
    const v = violation(patch('township-review', { departments: ['natural-resources', 'agriculture-rural'] }), 'township-review-departments')!;
    expect(v).toMatchObject({ clause: '二(二)4、附表3', step: 4 });
    expect(v.message.zh).toContain('派出所');
    expect(v.message.en).toContain('police-station');
  });
});

describe('二(二)3 the first notice is posted at the village (村集体显著位置张榜)', () => {
  it('no venue recorded: a violation naming 村集体显著位置 (elsewhere only is a case)', () => {
    expect(violation(patch('first-notice', { venues: undefined }), 'first-notice-venue')!.message.zh).toContain('村集体显著位置');
  });
});
