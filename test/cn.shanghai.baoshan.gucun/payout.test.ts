import { fc, test as propTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/engine/decimal';
import { NoRulesetInForceError, type PayoutInput } from '../../src';
import { engine, inputIssues } from '../helpers';

// 宝顾府〔2022〕13号 (Gucun town, in force 2022-04-01 to 2027-03-31). Every figure below is worked
// by hand from parameters given as overrides, so the arithmetic is visible:
//   base 7310, pension 0.24, medical 0.10 → one year of premiums = 12 × 7310 × 0.34 = 29824.80
//   12 years = 357897.60; 3 years = 89474.40; 15 years of medical only = 180 × 731 = 131580.00
//   minimum living standard 1500/month; 四(三) compensation 200000.

const PARAMS = {
  'cn.shanghai.contribution-base': '7310',
  'cn.shanghai.pension-rate': '0.24',
  'cn.shanghai.medical-rate': '0.10',
  'cn.shanghai.minimum-living-standard': '1500',
  'cn.shanghai.pension-receiver-compensation': '200000',
};

type Person = PayoutInput['person'];
const person = (over: Partial<Person> = {}): Person => ({
  id: 'P1', sex: 'female', birthDate: '1980-01-01', pensionStatus: 'none', cooperated: true, ...over,
});
const pay = (p: Partial<Person>, date = '2023-06-15', params: Record<string, string> = PARAMS) =>
  engine.payout({ expropriationDate: date, person: person(p) }, { parameters: params });
const amounts = (d: ReturnType<typeof pay>) => Object.fromEntries(d.outcome.items.map((i) => [`${i.article} ${i.code}`, i.amount]));
const item = (d: ReturnType<typeof pay>, code: string) => d.outcome.items.find((i) => i.code === code);

describe('三(一) lump-sum premiums: 12 years; 3 more for men 55+, women 50+ and people fully unable to work', () => {
  it('base 7310, pension 0.24, medical 0.10 → 12 × 12 × 7310 × 0.34 = 357897.60, paid by the acquiring unit at expropriation', () => {
    const d = pay({ birthDate: '1980-01-01' });
    expect(item(d, 'lump-sum-premium')).toMatchObject({
      article: '三(一)', amount: '357897.60', timing: 'at-expropriation', funding: [{ payer: 'acquiring-unit', amount: '357897.60' }],
    });
    expect(item(d, 'lump-sum-premium')!.label.zh).toContain('12年');
  });
  it('uses the city base of the base year (1 July → 30 June) in force on the expropriation date when not overridden', () => {
    const p = { ...PARAMS } as Record<string, string>;
    delete p['cn.shanghai.contribution-base'];
    const june = pay({}, '2023-06-30', p);
    const july = pay({}, '2023-07-01', p);
    // Ruling 2026-12-01: the base is derived, 0.6 × the average wage of the base year (not the floor).
    // June: 0.6 × 11396 = 6837.6; July: 0.6 × 12183 = 7309.8 (wages overridden so the test holds whatever the bundled figures become).
    const w = (date: string, wage: string) => pay({}, date, { ...p, 'cn.shanghai.average-monthly-wage': wage, 'cn.shanghai.lump-sum-base-ratio': '0.6' });
    const june2 = w('2023-06-30', '11396');
    const july2 = w('2023-07-01', '12183');
    expect(june.parameters.find((x) => x.id === 'cn.shanghai.contribution-base')).toMatchObject({ effectiveFrom: '2022-07-01', effectiveTo: '2023-06-30', overridden: false, verified: false, evidence: 'derived' });
    expect(july.parameters.find((x) => x.id === 'cn.shanghai.contribution-base')).toMatchObject({ effectiveFrom: '2023-07-01', evidence: 'derived' });
    expect(june2.parameters.find((x) => x.id === 'cn.shanghai.contribution-base')).toMatchObject({ value: '6837.6' });
    expect(july2.parameters.find((x) => x.id === 'cn.shanghai.contribution-base')).toMatchObject({ value: '7309.8' });
    // 144 × 6837.6 × 0.34 = 334768.896 → 334768.90; 144 × 7309.8 × 0.34 = 357887.808 → 357887.81
    expect(item(june2, 'lump-sum-premium')!.amount).toBe('334768.90');
    expect(item(july2, 'lump-sum-premium')!.amount).toBe('357887.81');
  });
});

describe('五 living subsidy at the city minimum living standard', () => {
  it('reads the standard in force on the expropriation date (1420 on 2023-06-30, 1510 from 2023-07-01) and warns it is unverified', () => {
    const p = { ...PARAMS } as Record<string, string>;
    delete p['cn.shanghai.minimum-living-standard'];
    expect(item(pay({}, '2023-06-30', p), 'living-subsidy')!.amount).toBe('34080.00'); // 24 × 1420
    const d = pay({}, '2023-07-01', p);
    expect(item(d, 'living-subsidy')!.amount).toBe('36240.00'); // 24 × 1510
    expect(d.warnings.some((w) => w.code === 'UNVERIFIED_PARAMETER' && w.message.en.includes('cn.shanghai.minimum-living-standard'))).toBe(true);
  });
});

describe('四(一) pension stage on the resident pension electing employee insurance', () => {
  const elector = (balance: string) =>
    pay({ birthDate: '1960-01-01', pensionStatus: 'resident-pension', electsEmployeeInsurance: true,
      residentPensionAccount: { balance, individualContributions: '12000.35', collectiveSubsidies: '3000.20' } });
  it('unit pays 12 years; the person 3 years from the account (30000.00), the rest half district, half town; the refund half each', () => {
    const d = elector('30000.00');
    expect(d.outcome.stage).toBe('pension');
    expect(d.outcome.items.map((i) => [i.article, i.code, i.amount, i.funding])).toEqual([
      ['四(一)', 'lump-sum-premium', '357897.60', [{ payer: 'acquiring-unit', amount: '357897.60' }]],
      // 89474.40 − 30000.00 = 59474.40 → 29737.20 + 29737.20
      ['四(一)', 'individual-premium', '89474.40', [{ payer: 'individual-account', amount: '30000.00' }, { payer: 'district', amount: '29737.20' }, { payer: 'town', amount: '29737.20' }]],
      // 12000.35 + 3000.20 = 15000.55 → district 7500.28 (7500.275 rounded half-up), town 7500.27
      ['四(一)', 'resident-account-refund', '15000.55', [{ payer: 'district', amount: '7500.28' }, { payer: 'town', amount: '7500.27' }]],
      ['七', 'signing-fee', '3000.00', [{ payer: 'town', amount: '3000.00' }]],
      ['七', 'cooperation-reward', '10000.00', [{ payer: 'town', amount: '10000.00' }]],
    ]);
  });
  it('an odd fen of the subsidy: balance 30000.01 → 59474.39 = district 29737.20 + town 29737.19', () => {
    expect(item(elector('30000.01'), 'individual-premium')!.funding).toEqual([
      { payer: 'individual-account', amount: '30000.01' }, { payer: 'district', amount: '29737.20' }, { payer: 'town', amount: '29737.19' },
    ]);
  });
  it('a balance above the premium pays the premium only: no government subsidy', () => {
    expect(item(elector('100000'), 'individual-premium')!.funding).toEqual([
      { payer: 'individual-account', amount: '89474.40' }, { payer: 'district', amount: '0.00' }, { payer: 'town', amount: '0.00' },
    ]);
  });
  it('electing needs the account figures (InputError), and only from the resident pension', () => {
    const issues = inputIssues(() => engine.payout({ expropriationDate: '2023-06-15', person: person({ birthDate: '1960-01-01', pensionStatus: 'none', electsEmployeeInsurance: true }) }));
    expect(issues.map((i) => i.path)).toEqual(['input.person.electsEmployeeInsurance', 'input.person.residentPensionAccount']);
  });
});

describe('四(二) pension stage staying on the resident pension', () => {
  it('unit pays 15 years of medical premiums (180 × 7310 × 0.10 = 131580.00) and compensation = 12-year premium − 15-year medical premium', () => {
    const d = pay({ sex: 'male', birthDate: '1955-03-01', pensionStatus: 'resident-pension' });
    // 357897.60 − 131580.00 = 226317.60
    expect(amounts(d)).toEqual({ '四(二) medical-premium': '131580.00', '四(二) one-time-compensation': '226317.60', '七 signing-fee': '3000.00', '七 cooperation-reward': '10000.00' });
    const employment = pay({ sex: 'male', birthDate: '1980-03-01' });
    expect(new Dec(item(employment, 'lump-sum-premium')!.amount).minus(item(d, 'medical-premium')!.amount).toFixed(2)).toBe(item(d, 'one-time-compensation')!.amount);
  });
});

describe('四(三) already drawing the employee pension (or, in the pension stage, the old-worker allowance): one-time compensation', () => {
  it('pension stage on the old-worker allowance gets it; the bundled standard is an unverified placeholder and warns', () => {
    const p = { ...PARAMS } as Record<string, string>;
    delete p['cn.shanghai.pension-receiver-compensation'];
    const d = pay({ birthDate: '1950-01-01', pensionStatus: 'old-worker-allowance' }, '2023-06-15', p);
    expect(item(d, 'one-time-compensation')!.article).toBe('四(三)');
    expect(d.warnings.some((w) => w.code === 'UNVERIFIED_PARAMETER' && w.message.en.includes('pension-receiver-compensation'))).toBe(true);
  });
});

describe('十一 in force 2022-04-01 to 2027-03-31; the 2017 rules are not available', () => {
  it('2022-04-01 and 2027-03-31 decide', () => {
    expect(pay({}, '2022-04-01').ruleset).toMatchObject({ id: 'cn.shanghai.baoshan.gucun/2022-04-01', effectiveFrom: '2022-04-01', effectiveTo: '2027-03-31', source: { docNo: '宝顾府〔2022〕13号', issuedOn: '2022-07-01' } });
    expect(pay({}, '2027-03-31').outcome.items.length).toBeGreaterThan(0);
  });
  it('2022-03-31 throws NoRulesetInForceError saying 沪宝顾府〔2017〕105号 is not available', () => {
    let err: unknown;
    try { pay({}, '2022-03-31'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(NoRulesetInForceError);
    expect((err as Error).message).toContain('cn.shanghai.baoshan.gucun');
    expect((err as Error).message).toContain('2022-03-31');
    expect((err as Error).message).toContain('沪宝顾府〔2017〕105号');
    expect((err as Error).message).toContain('not available');
  });
  it('bundled parameters cover the whole window (no MissingParameterError on either end, every status)', () => {
    for (const date of ['2022-04-01', '2024-06-30', '2027-03-31']) {
      for (const st of ['none', 'resident-pension', 'employee-pension', 'old-worker-allowance'] as const) {
        for (const birthDate of ['1950-01-01', '1970-06-01', '1990-01-01']) {
          const d = engine.payout({ expropriationDate: date, person: person({ birthDate, pensionStatus: st, electsEmployeeInsurance: st === 'resident-pension' && birthDate === '1950-01-01',
            residentPensionAccount: { balance: '20000', individualContributions: '8000', collectiveSubsidies: '1000' } }) });
          expect(d.outcome.totals.amount).toMatch(/^\d+\.\d{2}$/);
        }
      }
    }
  });
  it('overrides are reported as overridden', () => {
    expect(pay({}).parameters.find((p) => p.id === 'cn.shanghai.contribution-base')).toMatchObject({ value: '7310', overridden: true, effectiveFrom: null });
  });
});

// Property tests: any person, any date in force, any base and rates.
const money = (s: string) => /^\d+\.\d{2}$/.test(s);
const dateArb = fc.date({ min: new Date('2022-04-01T00:00:00Z'), max: new Date('2027-03-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const birthArb = fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2006-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const fen = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((n) => (n / 100).toFixed(2));
const personArb = fc.record({
  sex: fc.constantFrom('male' as const, 'female' as const),
  birthDate: birthArb,
  fullyDisabled: fc.boolean(),
  pensionStatus: fc.constantFrom('none' as const, 'resident-pension' as const, 'employee-pension' as const, 'old-worker-allowance' as const),
  elects: fc.boolean(),
  // 四(一): the two parts are parts of the balance (never more than it).
  account: fc
    .record({ individual: fc.integer({ min: 0, max: 5_000_000 }), collective: fc.integer({ min: 0, max: 2_000_000 }), rest: fc.integer({ min: 0, max: 13_000_000 }) })
    .map(({ individual, collective, rest }) => ({
      balance: ((individual + collective + rest) / 100).toFixed(2),
      individualContributions: (individual / 100).toFixed(2),
      collectiveSubsidies: (collective / 100).toFixed(2),
    })),
  cooperated: fc.boolean(),
});
const paramsArb = fc.record({
  'cn.shanghai.contribution-base': fen(40000),
  'cn.shanghai.pension-rate': fc.integer({ min: 0, max: 4000 }).map((n) => (n / 10000).toString()),
  'cn.shanghai.medical-rate': fc.integer({ min: 0, max: 2000 }).map((n) => (n / 10000).toString()),
  'cn.shanghai.minimum-living-standard': fen(5000),
});

describe('properties of every payout', () => {
  propTest.prop([personArb, dateArb, paramsArb], { numRuns: 300 })('funding adds up to each item; amounts ≥ 0 with two decimals; totals are the sums', (p, date, params) => {
    const elects = p.pensionStatus === 'resident-pension' && p.elects;
    const d = engine.payout(
      { expropriationDate: date, person: { id: 'X', sex: p.sex, birthDate: p.birthDate, fullyDisabled: p.fullyDisabled, pensionStatus: p.pensionStatus, cooperated: p.cooperated,
        ...(elects ? { electsEmployeeInsurance: true, residentPensionAccount: p.account } : {}) } },
      { parameters: params },
    );
    let total = new Dec(0);
    let at = new Dec(0);
    const byPayer = new Map<string, InstanceType<typeof Dec>>();
    for (const it of d.outcome.items) {
      expect(money(it.amount)).toBe(true);
      const parts = it.funding.reduce((s, f) => {
        expect(money(f.amount)).toBe(true);
        byPayer.set(f.payer, (byPayer.get(f.payer) ?? new Dec(0)).plus(f.amount));
        return s.plus(f.amount);
      }, new Dec(0));
      expect(parts.toFixed(2)).toBe(it.amount);
      total = total.plus(it.amount);
      if (it.timing === 'at-expropriation') at = at.plus(it.amount);
    }
    const t = d.outcome.totals;
    expect(t.amount).toBe(total.toFixed(2));
    expect(t.atExpropriation).toBe(at.toFixed(2));
    expect(new Dec(t.atExpropriation).plus(t.deferred).toFixed(2)).toBe(t.amount);
    expect(Object.fromEntries([...byPayer].map(([k, v]) => [k, v.toFixed(2)]))).toEqual(t.byPayer);
    for (const v of [t.amount, t.atExpropriation, t.deferred, ...Object.values(t.byPayer)]) expect(money(v)).toBe(true);
    // 一: the stage follows the age on the date
    const age = d.outcome.ageAtExpropriation;
    expect(d.outcome.stage).toBe(age >= (p.sex === 'male' ? 60 : 55) ? 'pension' : 'employment');
  });
});

describe('the sample expropriation (rulesets/cn.shanghai.baoshan.gucun/samples/expropriation-40.json)', () => {
  it('40 people of all stages and statuses decide with the bundled parameters; payers add up to the total', async () => {
    const fx = (await import('../../rulesets/cn.shanghai.baoshan.gucun/samples/expropriation-40.json')).default as unknown as {
      expropriationDate: string; people: Array<{ person: PayoutInput['person'] }>;
    };
    expect(fx.people).toHaveLength(40);
    const seen = new Set<string>();
    for (const { person: p } of fx.people) {
      const d = engine.payout({ expropriationDate: fx.expropriationDate, person: p });
      seen.add(`${d.outcome.stage}/${p.pensionStatus}`);
      const payers = Object.values(d.outcome.totals.byPayer).reduce((s, v) => s.plus(v), new Dec(0));
      expect(payers.toFixed(2)).toBe(d.outcome.totals.amount);
    }
    expect(seen).toEqual(new Set(['employment/none', 'employment/employee-pension', 'pension/resident-pension', 'pension/employee-pension', 'pension/old-worker-allowance', 'pension/none']));
  });
});
