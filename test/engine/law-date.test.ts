/**
 * The law's date governs (DOMAIN.md, ruling 2026-12-01): 宝顾府〔2022〕13号 五, 六 and 四 say
 * "征地时", so a payout takes its ruleset and every parameter on the expropriation date, and a
 * later subsidy on the event date — whatever asOf the caller passes. Chosen behaviour: an asOf
 * that differs is not used and the decision warns AS_OF_IGNORED; it can never move a decision
 * into a window its law date is not in. Only screening (no date the law names) lets asOf choose.
 */
import { describe, expect, it } from 'vitest';
import { createEngine, NoRulesetInForceError, type PayoutInput } from '../../src';
import screeningFixture from '../../rulesets/cn.hunan.shaoyang/samples/screening-roster.json';

const engine = createEngine();
const person: PayoutInput['person'] = { id: 'P1', sex: 'male', birthDate: '1970-05-01', pensionStatus: 'none', cooperated: true };
const payout = (expropriationDate: string, asOf?: string) => engine.payout({ expropriationDate, person }, asOf === undefined ? {} : { asOf });

describe('payout: the expropriation date, not asOf', () => {
  it('an expropriation of 2023-06-01 asked as of 2024-08-01 reads the figures of 2023-06-01, and warns', () => {
    const plain = payout('2023-06-01');
    const asked = payout('2023-06-01', '2024-08-01');
    expect(asked.outcome).toEqual(plain.outcome);
    expect(asked.parameters).toEqual(plain.parameters);
    expect(asked.asOf).toBe('2023-06-01');
    for (const p of asked.parameters) expect(p.value).toEqual(engine.parameterOn(p.id, '2023-06-01')!.value);
    expect(asked.warnings.map((w) => w.code)).toContain('AS_OF_IGNORED');
    expect(plain.warnings.map((w) => w.code)).not.toContain('AS_OF_IGNORED');
    expect(asked.warnings.find((w) => w.code === 'AS_OF_IGNORED')!.message.en).toBe(
      'A payout decision takes its rules and figures on the date the law names, 2023-06-01; the asOf given (2024-08-01) is not used',
    );
  });

  it('an asOf equal to the expropriation date is no warning', () => {
    expect(payout('2023-06-01', '2023-06-01').warnings.map((w) => w.code)).not.toContain('AS_OF_IGNORED');
  });

  it('2021-06-01 (under the repealed 沪宝顾府〔2017〕105号) is NO_RULESET_IN_FORCE even with asOf 2023-06-01', () => {
    expect(() => payout('2021-06-01', '2023-06-01')).toThrow(NoRulesetInForceError);
    try {
      payout('2021-06-01', '2023-06-01');
    } catch (e) {
      expect((e as NoRulesetInForceError).date).toBe('2021-06-01');
    }
  });

  it('both sides of the window 2022-04-01 to 2027-03-31, whatever the asOf', () => {
    expect(() => payout('2022-03-31', '2022-04-01')).toThrow(NoRulesetInForceError);
    expect(payout('2022-04-01', '2022-03-31').ruleset.effectiveFrom).toBe('2022-04-01');
    expect(payout('2027-03-31', '2027-04-01').asOf).toBe('2027-03-31');
    expect(() => payout('2027-04-01', '2027-03-31')).toThrow(NoRulesetInForceError);
  });
});

describe('later-subsidy: the event date, not asOf', () => {
  const event = { eventDate: '2024-03-01', personId: 'GC-07', event: { type: 'flexible-extension', contributionMonthsBefore: 150, months: 12 } } as const;
  it('decides on the event date and warns about a different asOf', () => {
    const plain = engine.laterSubsidy(event);
    const asked = engine.laterSubsidy(event, { asOf: '2025-09-01' });
    expect(asked.outcome).toEqual(plain.outcome);
    expect(asked.parameters).toEqual(plain.parameters);
    expect(asked.asOf).toBe('2024-03-01');
    expect(asked.warnings.map((w) => w.code)).toContain('AS_OF_IGNORED');
  });
  it('an event after the opinion expires is NO_RULESET_IN_FORCE even with asOf inside it', () => {
    expect(() => engine.laterSubsidy({ ...event, eventDate: '2027-04-01' }, { asOf: '2026-01-01' })).toThrow(NoRulesetInForceError);
  });
});

describe('eligibility and quota: the notice date and the approval date', () => {
  const input = {
    noticeDate: '2023-05-10',
    household: { originalCultivatedMu: '2.4', expropriatedCultivatedMu: '1.8', memberCount: 4 },
    applicants: [{ id: 'A1', sex: 'female' as const, birthDate: '2007-05-10', basis: 'member' as const, collectiveMember: true, holdsContractRight: true }],
  };
  it('an asOf before the applicant turns 16 does not change the notice-date decision (二(一) age on the notice date)', () => {
    // Born 2007-05-10: 16 on 2023-05-10, the notice date — eligible whatever asOf says.
    const d = engine.eligibility(input, { asOf: '2019-01-01' });
    expect(d.outcome.applicants[0]!.eligible).toBe(true);
    expect(d.asOf).toBe('2023-05-10');
    expect(d.warnings.map((w) => w.code)).toContain('AS_OF_IGNORED');
  });
  it('a notice date before the assumed 2020-01-01 start is NO_RULESET_IN_FORCE even with a later asOf', () => {
    expect(() => engine.eligibility({ ...input, noticeDate: '2019-12-31' }, { asOf: '2023-05-10' })).toThrow(NoRulesetInForceError);
  });
});

describe('screening: asOf selects the rules (a historical roster has no date of the new rules)', () => {
  const roster = (screeningFixture as { input: unknown }).input;
  it('without asOf the 2012 notice predates every ruleset; with the screening date it decides, and does not warn', () => {
    expect(() => engine.screening(roster as never)).toThrow(NoRulesetInForceError);
    const d = engine.screening(roster as never, { asOf: '2024-03-01' });
    expect(d.asOf).toBe('2024-03-01');
    expect(d.warnings.map((w) => w.code)).not.toContain('AS_OF_IGNORED');
  });
});

describe('enrollment: asOf is the day facts are known up to; rules and figures stay on the roster date', () => {
  it('reads the validity on the roster date, whatever the asOf', () => {
    const input = { rosterReportedOn: '2020-05-01', nominees: [{ id: 'N1', enrolledOn: '2020-06-01', paidOn: '2020-06-02' }] };
    const early = engine.enrollment(input, { asOf: '2020-05-15' });
    const late = engine.enrollment(input, { asOf: '2021-07-01' });
    expect(early.outcome.nominees[0]!.status).toBe('pending');
    expect(late.outcome.nominees[0]!.status).toBe('enrolled');
    expect(late.parameters).toEqual(early.parameters);
    expect(late.asOf).toBe('2021-07-01');
    expect(late.warnings.map((w) => w.code)).not.toContain('AS_OF_IGNORED');
  });
});
