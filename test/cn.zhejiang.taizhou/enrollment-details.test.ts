import { describe, expect, it } from 'vitest';
import type { EnrollmentInput, ScreeningInput } from '../../src';
import { ROUNDING_MODES } from '../../src/engine/decimal';
import { engine, inputIssues } from '../helpers';

// 台政办函〔2019〕47号 三(四) (enrolment within the validity): what a decision on a given date
// counts, and what each nominee's status is decided by. The validity and the rounding of 三(二)
// are parameters a caller may override; a bad override is an InputError naming it.

const roster = (nominees: EnrollmentInput['nominees']): EnrollmentInput => ({ rosterReportedOn: '2020-06-15', nominees });

describe('三(四): events up to the decision date count, later ones do not', () => {
  it('registration and payment on the decision date itself count: enrolled, no warning', () => {
    const d = engine.enrollment(roster([{ id: 'N1', enrolledOn: '2020-07-01', paidOn: '2020-07-01' }]), { asOf: '2020-07-01' });
    expect(d.outcome.nominees[0]).toMatchObject({ status: 'enrolled', completedOn: '2020-07-01' });
    expect(d.warnings.filter((w) => w.code === 'EVENT_AFTER_AS_OF')).toEqual([]);
  });

  it('each later date is left out with its own warning, naming the nominee, the field and both dates', () => {
    const d = engine.enrollment(roster([{ id: 'N3', enrolledOn: '2020-08-01', paidOn: '2020-08-02' }, { id: 'N4', declaredWaiverOn: '2020-08-01' }]), { asOf: '2020-07-01' });
    expect(d.outcome.nominees.map((n) => [n.id, n.status, n.completedOn])).toEqual([
      ['N3', 'pending', null],
      ['N4', 'pending', null],
    ]);
    expect(d.warnings.filter((w) => w.code === 'EVENT_AFTER_AS_OF').map((w) => w.message)).toEqual([
      { zh: 'N3 的 enrolledOn（2020-08-01）晚于决定日 2020-07-01，本决定不计', en: "N3's enrolledOn (2020-08-01) is after asOf 2020-07-01 and is not counted in this decision" },
      { zh: 'N3 的 paidOn（2020-08-02）晚于决定日 2020-07-01，本决定不计', en: "N3's paidOn (2020-08-02) is after asOf 2020-07-01 and is not counted in this decision" },
      { zh: 'N4 的 declaredWaiverOn（2020-08-01）晚于决定日 2020-07-01，本决定不计', en: "N4's declaredWaiverOn (2020-08-01) is after asOf 2020-07-01 and is not counted in this decision" },
    ]);
  });

  it('payment without registration is not completion (completedOn stays empty), and after the deadline it is a deemed waiver', () => {
    const n = engine.enrollment(roster([{ id: 'N2', paidOn: '2020-06-20' }]), { asOf: '2021-07-01' }).outcome.nominees[0]!;
    expect(n).toMatchObject({ status: 'waived', waivedHow: 'deemed', completedOn: null });
  });
});

describe("三(四): each nominee's reason is the message of the rule that decided them, for that nominee", () => {
  it('enrolled, deemed waived and declared waived nominees side by side', () => {
    const d = engine.enrollment(
      roster([
        { id: 'N1', enrolledOn: '2020-06-20', paidOn: '2020-06-21' },
        { id: 'N2', paidOn: '2020-06-20' },
        { id: 'N4', declaredWaiverOn: '2020-08-01' },
      ]),
      { asOf: '2021-07-01' },
    );
    expect(d.outcome.nominees.map((n) => [n.id, n.decidedBy, n.reason.en])).toEqual([
      ['N1', 'enrolled-by-deadline', 'N1 completed registration and payment on 2020-06-21, within the deadline 2021-06-15 (inclusive)'],
      ['N2', 'not-deemed-waived', 'N2 did not enrol and pay by 2021-06-15 inclusive without just cause: deemed to have waived'],
      ['N4', 'no-waiver-declared', 'N4 declared a waiver on 2020-08-01: the place is freed'],
    ]);
  });
});

describe('overrides of the Taizhou parameters are checked (src/kinds/quota/parameters.ts)', () => {
  const quota = { approvalDate: '2020-05-01', approvedAreaMu: '30', village: { agriculturalLandMu: '200', population16Plus: 450, alreadyInsured: 50 } };
  const MODE = 'cn.zhejiang.taizhou.quota-rounding-mode';
  const MONTHS = 'cn.zhejiang.taizhou.quota-validity-months';

  it('the rounding mode is one of the named modes; anything else (a number, a prototype key) is refused by name', () => {
    for (const bad of ['sideways', 'constructor', 5] as const) {
      const issues = inputIssues(() => engine.quota(quota, { parameters: { [MODE]: bad } }));
      expect(issues).toHaveLength(1);
      expect(issues[0]!.path).toBe(`parameters.${MODE}`);
      expect(issues[0]!.message).toBe(`expected one of ${Object.keys(ROUNDING_MODES).join(', ')}, got ${JSON.stringify(bad)}`);
    }
    expect(() => engine.quota(quota, { parameters: { [MODE]: 'down' } })).not.toThrow();
  });

  it('三(四) “最长为1年”: the validity is a whole number of months from 1 to 12; a county may shorten it, never lengthen it', () => {
    const withRoster = { ...quota, rosterReportedOn: '2020-06-15' };
    for (const bad of [0, '1.5', -1]) { // (a non-number such as 'x' fails the engine's own check of a numeric series first)
      expect(inputIssues(() => engine.quota(withRoster, { parameters: { [MONTHS]: bad } }))).toEqual([
        { path: `parameters.${MONTHS}`, message: 'expected a whole number of months, at least 1' },
      ]);
      expect(inputIssues(() => engine.enrollment(roster([{ id: 'N1' }]), { parameters: { [MONTHS]: bad } }))).toHaveLength(1);
    }
    // 13 months (one above the maximum of 12) and 120: lengthening is refused with code VALIDITY_ABOVE_MAXIMUM
    for (const long of [13, 120]) {
      let issues: unknown;
      try {
        engine.quota(withRoster, { parameters: { [MONTHS]: long } });
      } catch (e) {
        issues = (e as { issues: unknown }).issues;
      }
      expect(issues).toEqual([expect.objectContaining({ path: ['parameters', MONTHS], code: 'VALIDITY_ABOVE_MAXIMUM' })]);
      expect(inputIssues(() => engine.enrollment(roster([{ id: 'N1' }]), { parameters: { [MONTHS]: long } }))).toHaveLength(1);
    }
    expect(engine.quota(withRoster, { parameters: { [MONTHS]: 1 } }).outcome.validUntil).toBe('2020-07-15'); // shortened: 2020-06-15 + 1 month
    expect(engine.quota(withRoster, { parameters: { [MONTHS]: 12 } }).outcome.validUntil).toBe('2021-06-15'); // exactly the maximum
    // Without a roster date the validity is not computed, so the override is not read.
    const noRoster = engine.quota(quota, { parameters: { [MONTHS]: 0 } });
    expect(noRoster.outcome.validUntil).toBeNull();
    expect(noRoster.reasons.filter((r) => r.rule === 'quota-validity')).toEqual([]);
  });
});

describe('screening 一(一): the outcome counts every flag of the ruleset, zero included', () => {
  it('a clear roster: every flag rule listed with 0', () => {
    const input: ScreeningInput = {
      noticeDate: '2012-05-10',
      historicalStandardMu: '0.3',
      enrollees: [{ id: 'E1', birthDate: '1970-01-01', collectiveMemberAtNotice: true, perCapitaAfterMu: '0.2', publicServiceStaff: false }],
    };
    const d = engine.screening(input, { asOf: '2024-03-01' });
    const flagRules = [...new Set(d.reasons.map((r) => r.rule))];
    expect(flagRules.length).toBeGreaterThan(3);
    expect(d.outcome.counts.flags).toEqual(Object.fromEntries(flagRules.map((r) => [r, 0])));
  });
});

