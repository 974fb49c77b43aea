import { fc, test as propTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/engine/decimal';
import { NoRulesetInForceError, type LaterSubsidyInput } from '../../src';
import { engine, inputIssues } from '../helpers';

// 宝顾府〔2022〕13号 三(二), 六(一)–(三), 九: subsidies paid on an event after expropriation.
// Overrides: last year's average monthly wage 12183 → base 60% = 7309.80; pension 0.24, medical 0.10;
// employer pension 0.16, medical 0.09, unemployment 0.005.
const PARAMS = {
  'cn.shanghai.average-monthly-wage': '12183',
  'cn.shanghai.pension-rate': '0.24',
  'cn.shanghai.medical-rate': '0.10',
  'cn.shanghai.employer-pension-rate': '0.16',
  'cn.shanghai.employer-medical-rate': '0.09',
  'cn.shanghai.employer-unemployment-rate': '0.005',
};
const later = (event: LaterSubsidyInput['event'], eventDate = '2024-03-01', params: Record<string, string> = PARAMS) =>
  engine.laterSubsidy({ eventDate, personId: 'P1', event }, { parameters: params });

describe('三(二) extension after 到龄 with under 15 contribution years, district 50% / town 50%', () => {
  it('the base is last year\'s wage in force on the event date (11396 until 2023-06-30, 12183 from 2023-07-01)', () => {
    const p = { ...PARAMS } as Record<string, string>;
    delete p['cn.shanghai.average-monthly-wage'];
    // 0.5 × 1 × 11396 × 0.6 × 0.34 = 1162.392 → 1162.39 ; 0.5 × 12183 × 0.6 × 0.34 = 1242.666 → 1242.67
    expect(later({ type: 'flexible-extension', contributionMonthsBefore: 0, months: 1 }, '2023-06-30', p).outcome.totals.amount).toBe('1162.39');
    const d = later({ type: 'flexible-extension', contributionMonthsBefore: 0, months: 1 }, '2023-07-01', p);
    expect(d.outcome.totals.amount).toBe('1242.67');
    expect(d.warnings.some((w) => w.code === 'UNVERIFIED_PARAMETER' && w.message.en.includes('average-monthly-wage'))).toBe(true);
  });
});

describe('六(一)–(三) release of the guarantee subsidy (district 50% / town 50%)', () => {
  it('rejects a release larger than the subsidy and a missing contribution record', () => {
    const issues = inputIssues(() => engine.laterSubsidy({ eventDate: '2024-03-01', personId: 'P1', event: { type: 'guarantee-release', route: 'full-contribution', subsidy: '100', alreadyReleased: '101' } }));
    expect(issues.map((i) => i.path)).toEqual(['input.event.alreadyReleased', 'input.event.contributionMonths']);
  });
});

describe('十一 in force 2022-04-01 to 2027-03-31 (the event date decides)', () => {
  it('2022-03-31 and 2027-04-01 throw; the ends decide', () => {
    const e = { type: 'resident-medical', lumpSumMedicalEnded: true, personalContribution: '500' } as const;
    expect(() => later(e, '2022-03-31')).toThrow(NoRulesetInForceError);
    expect(() => later(e, '2022-03-31')).toThrow(/沪宝顾府〔2017〕105号/);
    expect(() => later(e, '2027-04-01')).toThrow(NoRulesetInForceError);
    expect(later(e, '2022-04-01').outcome.totals.amount).toBe('250.00');
    expect(later(e, '2027-03-31').outcome.totals.amount).toBe('250.00');
  });
});

const eventArb = fc.oneof(
  fc.record({ type: fc.constantFrom('flexible-extension' as const, 'employer-extension' as const), contributionMonthsBefore: fc.integer({ min: 0, max: 240 }), months: fc.integer({ min: 1, max: 120 }) }),
  fc.record({ type: fc.constant('lump-back-payment' as const), contributionMonthsBefore: fc.integer({ min: 0, max: 240 }), extensionMonths: fc.integer({ min: 0, max: 120 }), amount: fc.integer({ min: 0, max: 50_000_000 }).map((n) => (n / 100).toFixed(2)) }),
  fc.record({ type: fc.constant('resident-medical' as const), lumpSumMedicalEnded: fc.boolean(), personalContribution: fc.integer({ min: 0, max: 500_000 }).map((n) => (n / 100).toFixed(2)) }),
  fc.integer({ min: 0, max: 20_000_000 }).chain((s) => fc.record({
    type: fc.constant('guarantee-release' as const),
    route: fc.constantFrom('full-contribution' as const, 'flexible-extension' as const, 'resident-pension' as const),
    subsidy: fc.constant((s / 100).toFixed(2)),
    alreadyReleased: fc.integer({ min: 0, max: s }).map((n) => (n / 100).toFixed(2)),
    contributionMonths: fc.integer({ min: 0, max: 240 }),
    personalShare: fc.integer({ min: 0, max: 2_000_000 }).map((n) => (n / 100).toFixed(2)),
    employeePensionStarted: fc.boolean(),
    residentPensionStarted: fc.boolean(),
  })),
);

describe('properties of every later subsidy', () => {
  propTest.prop([eventArb, fc.integer({ min: 100000, max: 2000000 })], { numRuns: 200 })('district + town = item; ≥ 0 with two decimals; totals are the sums', (event, wageCents) => {
    const d = later(event as LaterSubsidyInput['event'], '2024-03-01', { ...PARAMS, 'cn.shanghai.average-monthly-wage': (wageCents / 100).toFixed(2) });
    let total = new Dec(0);
    for (const it of d.outcome.items) {
      expect(it.amount).toMatch(/^\d+\.\d{2}$/);
      expect(it.funding.map((f) => f.payer)).toEqual(['district', 'town']);
      for (const f of it.funding) expect(f.amount).toMatch(/^\d+\.\d{2}$/);
      expect(it.funding.reduce((s, f) => s.plus(f.amount), new Dec(0)).toFixed(2)).toBe(it.amount);
      // the district's half is the rounded half; the town's is within a fen of it
      expect(new Dec(it.funding[0]!.amount).minus(it.funding[1]!.amount).abs().lte('0.01')).toBe(true);
      total = total.plus(it.amount);
    }
    expect(d.outcome.totals.amount).toBe(total.toFixed(2));
    const byPayer = Object.values(d.outcome.totals.byPayer).reduce((s, v) => s.plus(v), new Dec(0));
    expect(byPayer.toFixed(2)).toBe(d.outcome.totals.amount);
  });
});
