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
const only = (d: ReturnType<typeof later>) => d.outcome.items.map((i) => [i.article, i.code, i.amount, i.funding.map((f) => `${f.payer} ${f.amount}`).join(', ')]);

describe('三(二) extension after 到龄 with under 15 contribution years, district 50% / town 50%', () => {
  it('flexible employment: 50% × 12 months × 7309.80 × 0.34 = 14911.992 → 14911.99 = district 7456.00 + town 7455.99', () => {
    const d = later({ type: 'flexible-extension', contributionMonthsBefore: 100, months: 12 });
    expect(only(d)).toEqual([['三(二)', 'extension-subsidy-flexible', '14911.99', 'district 7456.00, town 7455.99']]);
    expect(d.outcome.totals).toEqual({ amount: '14911.99', byPayer: { district: '7456.00', town: '7455.99' } });
  });
  it('only until 15 years: 170 months credited, 12 paid → 10 subsidised: 0.5 × 10 × 2485.332 = 12426.66', () => {
    expect(only(later({ type: 'flexible-extension', contributionMonthsBefore: 170, months: 12 }))).toEqual([
      ['三(二)', 'extension-subsidy-flexible', '12426.66', 'district 6213.33, town 6213.33'],
    ]);
  });
  it('nothing once 15 years (180 months) are reached', () => {
    expect(later({ type: 'flexible-extension', contributionMonthsBefore: 180, months: 12 }).outcome.items).toEqual([]);
  });
  it('employer: 50% × 12 × 7309.80 × (0.16 + 0.09 + 0.005) = 6 × 1863.999 = 11183.994 → 11183.99 = 5592.00 + 5591.99', () => {
    expect(only(later({ type: 'employer-extension', contributionMonthsBefore: 100, months: 12 }))).toEqual([
      ['三(二)', 'extension-subsidy-employer', '11183.99', 'district 5592.00, town 5591.99'],
    ]);
  });
  it('the base is last year\'s wage in force on the event date (11396 until 2023-06-30, 12183 from 2023-07-01)', () => {
    const p = { ...PARAMS } as Record<string, string>;
    delete p['cn.shanghai.average-monthly-wage'];
    // 0.5 × 1 × 11396 × 0.6 × 0.34 = 1162.392 → 1162.39 ; 0.5 × 12183 × 0.6 × 0.34 = 1242.666 → 1242.67
    expect(later({ type: 'flexible-extension', contributionMonthsBefore: 0, months: 1 }, '2023-06-30', p).outcome.totals.amount).toBe('1162.39');
    const d = later({ type: 'flexible-extension', contributionMonthsBefore: 0, months: 1 }, '2023-07-01', p);
    expect(d.outcome.totals.amount).toBe('1242.67');
    expect(d.warnings.some((w) => w.code === 'UNVERIFIED_PARAMETER' && w.message.en.includes('average-monthly-wage'))).toBe(true);
  });
  it('back payment after 5 years still short: 50% × 50000.01 = 25000.005 → 25000.01 = 12500.01 + 12500.00', () => {
    expect(only(later({ type: 'lump-back-payment', contributionMonthsBefore: 150, extensionMonths: 60, amount: '50000.01' }))).toEqual([
      ['三(二)', 'back-payment-subsidy', '25000.01', 'district 12500.01, town 12500.00'],
    ]);
  });
  it('no back-payment subsidy before 5 years of extension (59 months)', () => {
    expect(later({ type: 'lump-back-payment', contributionMonthsBefore: 150, extensionMonths: 59, amount: '50000' }).outcome.items).toEqual([]);
  });
});

describe('六(一)–(三) release of the guarantee subsidy (district 50% / town 50%)', () => {
  const subsidy = '89474.40';
  it('六(一) after 15 years paid: the whole subsidy, 44737.20 + 44737.20', () => {
    expect(only(later({ type: 'guarantee-release', route: 'full-contribution', subsidy, contributionMonths: 180 }))).toEqual([
      ['六(一)', 'guarantee-release', '89474.40', 'district 44737.20, town 44737.20'],
    ]);
  });
  it('六(一) not before 15 years (179 months)', () => {
    expect(later({ type: 'guarantee-release', route: 'full-contribution', subsidy, contributionMonths: 179 }).outcome.items).toEqual([]);
  });
  it('六(二) during flexible extension the personal share may be drawn: 3000.01 → 1500.01 + 1500.00', () => {
    expect(only(later({ type: 'guarantee-release', route: 'flexible-extension', subsidy, personalShare: '3000.01' }))).toEqual([
      ['六(二)', 'guarantee-release', '3000.01', 'district 1500.01, town 1500.00'],
    ]);
  });
  it('六(二) the draw is at most what is left: 89474.40 − 88000 released = 1474.40', () => {
    expect(later({ type: 'guarantee-release', route: 'flexible-extension', subsidy, alreadyReleased: '88000', personalShare: '3000' }).outcome.totals.amount).toBe('1474.40');
  });
  it('六(二) once the employee pension starts, the rest: 89474.40 − 30000 = 59474.40', () => {
    expect(only(later({ type: 'guarantee-release', route: 'flexible-extension', subsidy, alreadyReleased: '30000', employeePensionStarted: true }))).toEqual([
      ['六(二)', 'guarantee-release', '59474.40', 'district 29737.20, town 29737.20'],
    ]);
  });
  it('六(三) transferred to the resident pension: paid once that pension starts, not before', () => {
    expect(later({ type: 'guarantee-release', route: 'resident-pension', subsidy, residentPensionStarted: true }).outcome.totals.amount).toBe('89474.40');
    expect(later({ type: 'guarantee-release', route: 'resident-pension', subsidy, residentPensionStarted: false }).outcome.items).toEqual([]);
  });
  it('rejects a release larger than the subsidy and a missing contribution record', () => {
    const issues = inputIssues(() => engine.laterSubsidy({ eventDate: '2024-03-01', personId: 'P1', event: { type: 'guarantee-release', route: 'full-contribution', subsidy: '100', alreadyReleased: '101' } }));
    expect(issues.map((i) => i.path)).toEqual(['input.event.alreadyReleased', 'input.event.contributionMonths']);
  });
});

describe('九 resident medical insurance after the lump-sum medical period: 50% of the personal contribution', () => {
  it('545.01 → 272.505 → 272.51 = district 136.26 + town 136.25', () => {
    expect(only(later({ type: 'resident-medical', lumpSumMedicalEnded: true, personalContribution: '545.01' }))).toEqual([
      ['九', 'resident-medical-subsidy', '272.51', 'district 136.26, town 136.25'],
    ]);
  });
  it('nothing while the lump-sum medical period lasts', () => {
    expect(later({ type: 'resident-medical', lumpSumMedicalEnded: false, personalContribution: '545' }).outcome.items).toEqual([]);
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
