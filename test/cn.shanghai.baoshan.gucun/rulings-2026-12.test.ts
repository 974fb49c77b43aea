import { describe, expect, it } from 'vitest';
import { createEngine, InputError, type ParameterFile, type PayoutInput } from '../../src';
import { engine } from '../helpers';

// 宝顾府〔2022〕13号, ruleset 1.1.0: the rulings of 2026-12-01 (DOMAIN.md §3). Amounts are worked by
// hand from overrides (or from a test parameter file that replaces the city series), so they hold
// whatever the bundled figures become:
//   base 7310, pension 0.24, medical 0.10 → one year = 12 × 7310 × 0.34 = 29824.80; 3 years = 89474.40.

const PARAMS = {
  'cn.shanghai.contribution-base': '7310',
  'cn.shanghai.pension-rate': '0.24',
  'cn.shanghai.medical-rate': '0.10',
  'cn.shanghai.minimum-living-standard': '1500',
  'cn.shanghai.pension-receiver-compensation': '200000',
};
type Person = PayoutInput['person'];
const person = (over: Partial<Person> = {}): Person => ({ id: 'P1', sex: 'female', birthDate: '1980-01-01', pensionStatus: 'none', cooperated: true, ...over });
const pay = (p: Partial<Person>, date = '2023-06-15', params: Record<string, string> = PARAMS, e = engine) =>
  e.payout({ expropriationDate: date, person: person(p) }, { parameters: params });
const item = (d: ReturnType<typeof pay>, code: string) => d.outcome.items.find((i) => i.code === code);

describe('六 guarantee subsidy: not for people who got the 3 extra years of 三(一) (ruling 2026-12-01)', () => {
  it('so nobody gets 15 + 3 years: 12 + 3 at once, or 12 at once + 3 deferred (sum 15 × 29824.80 = 447372.00 either way)', () => {
    for (const birthDate of ['1973-06-15', '1973-06-16']) {
      const d = pay({ birthDate });
      const threeYears = d.outcome.items.filter((i) => ['lump-sum-premium-extra', 'guarantee-subsidy'].includes(i.code));
      expect(threeYears).toHaveLength(1);
      expect(Number(item(d, 'lump-sum-premium')!.amount) + Number(threeYears[0]!.amount)).toBe(447372);
    }
  });
});

describe('四(一) the account parts are parts of the balance: more than it is an InputError', () => {
  const elect = (balance: string) =>
    pay({ birthDate: '1960-01-01', pensionStatus: 'resident-pension', electsEmployeeInsurance: true,
      residentPensionAccount: { balance, individualContributions: '12000.35', collectiveSubsidies: '3000.20' } });
  it('12000.35 + 3000.20 = 15000.55 = the balance: decided, the refund is 15000.55', () => {
    expect(item(elect('15000.55'), 'resident-account-refund')?.amount).toBe('15000.55');
  });
  it('balance 15000.54 (one fen less than the parts): InputError at input.person.residentPensionAccount, code ACCOUNT_PARTS_EXCEED_BALANCE', () => {
    let err: unknown;
    try {
      elect('15000.54');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).issues).toEqual([
      expect.objectContaining({ path: ['input', 'person', 'residentPensionAccount'], code: 'ACCOUNT_PARTS_EXCEED_BALANCE', message: expect.stringContaining('15000.54') }),
    ]);
  });
  it('also when the person does not elect (the account is given but unused): the input itself is impossible', () => {
    expect(() => pay({ birthDate: '1960-01-01', pensionStatus: 'resident-pension', residentPensionAccount: { balance: '1', individualContributions: '1', collectiveSubsidies: '0.01' } })).toThrow(InputError);
  });
});

/** A parameter file replacing the city series with round test figures (the windows of the bundled ones). */
function testCity(): ParameterFile {
  const s = (unit: string, values: unknown[]) => ({ description: { zh: '测试', en: 'test' }, unit, values });
  const v = (value: string, from: string, to: string | null) => ({ value, from, to, source: 'test figure', verified: false, evidence: 'placeholder' });
  return {
    jurisdiction: 'cn.shanghai',
    parameters: {
      'cn.shanghai.average-annual-wage': s('yuan/year', [v('80000', '2017-04-01', '2018-03-31')]),
      'cn.shanghai.average-monthly-wage': s('yuan/month', [v('6000', '2017-04-01', '2018-03-31'), v('10000', '2018-04-01', null)]),
      'cn.shanghai.lump-sum-base-ratio': s('ratio', [v('0.6', '2017-04-01', null)]),
      'cn.shanghai.pension-rate': s('ratio', [v('0.28', '2017-04-01', '2019-04-30'), v('0.24', '2019-05-01', null)]),
      'cn.shanghai.medical-rate': s('ratio', [v('0.10', '2017-04-01', null)]),
    },
  } as ParameterFile;
}

describe('四(三) the yearly standard is a derived series (ruling 2026-12-01)', () => {
  // Test figures: 2016 annual wage 80000; monthly wage 6000 (2017 base year), 10000 from 2018-04-01;
  // base = 0.6 × wage; pension 0.28 until 2019-04-30, then 0.24; medical 0.10.
  //   standard(2017) = 2.25 × 80000 = 180000.00
  //   C(2017) = round(144 × 3600 × 0.38) − round(180 × 3600 × 0.10) = 196992.00 − 64800.00 = 132192.00
  //   C(2018) = 144 × 6000 × 0.38 − 180 × 6000 × 0.10 = 328320.00 − 108000.00 = 220320.00
  //   standard(2018) = 180000.00 + (220320.00 − 132192.00) = 268128.00
  //   C(2019-05 on) = 144 × 6000 × 0.34 − 108000.00 = 293760.00 − 108000.00 = 185760.00
  //   standard(2024) = standard(2018) + (185760.00 − 220320.00) = 233568.00
  const e = createEngine({ parameters: [testCity()] });
  const standard = (date: string) => e.parameterOn('cn.shanghai.pension-receiver-compensation', date)?.value;
  const C = (date: string) => e.parameterOn('cn.shanghai.resident-pension-compensation', date)?.value;

  it('2017: 2.25 × the 2016 annual wage = 180000; C(2017) = 132192', () => {
    expect(standard('2017-04-01')).toBe('180000');
    expect(standard('2018-03-31')).toBe('180000');
    expect(C('2017-04-01')).toBe('132192');
  });
  it('each year: standard(Y) = standard(Y−1) + [C(Y) − C(Y−1)], on both sides of each change', () => {
    expect(C('2018-04-01')).toBe('220320');
    expect(standard('2018-04-01')).toBe('268128'); // 180000 + 220320 − 132192
    expect(standard('2019-04-30')).toBe('268128');
    expect(C('2019-05-01')).toBe('185760');
    expect(standard('2019-05-01')).toBe('233568'); // 268128 + 185760 − 220320
    expect(new Set([standard('2019-05-01'), standard('2024-09-20')])).toEqual(new Set(['233568']));
  });
  it('a payout to an employee pensioner on 2024-09-20 pays 233568.00 and reports the derived value with its inputs and evidence', () => {
    const d = pay({ pensionStatus: 'employee-pension' }, '2024-09-20', {}, e);
    expect(item(d, 'one-time-compensation')).toMatchObject({ article: '四(三)', amount: '233568.00' });
    const read = d.parameters.find((p) => p.id === 'cn.shanghai.pension-receiver-compensation')!;
    expect(read).toMatchObject({ value: '233568', evidence: 'derived', verified: false, overridden: false, effectiveFrom: '2019-05-01', effectiveTo: null });
    expect(read.inputs!.map((i) => `${i.id}@${i.on}=${String(i.value)}`)).toEqual([
      'cn.shanghai.pension-receiver-compensation@2017-04-01=180000',
      'cn.shanghai.resident-pension-compensation@2024-09-20=185760',
      'cn.shanghai.resident-pension-compensation@2017-04-01=132192',
    ]);
    // every same-date input is itself a read of the decision, with its evidence
    expect(d.parameters.find((p) => p.id === 'cn.shanghai.contribution-base')).toMatchObject({ value: '6000', evidence: 'derived' });
    expect(d.parameters.find((p) => p.id === 'cn.shanghai.average-monthly-wage')).toMatchObject({ value: '10000', evidence: 'placeholder' });
    expect(d.warnings.filter((w) => w.code === 'UNVERIFIED_PARAMETER' && w.evidence === 'placeholder').map((w) => w.parameter)).toEqual(
      expect.arrayContaining(['cn.shanghai.average-monthly-wage', 'cn.shanghai.pension-rate', 'cn.shanghai.medical-rate', 'cn.shanghai.average-annual-wage']),
    );
  });
  it('an override of a same-date input moves C(Y) only: pension 0.20 → C = 144 × 6000 × 0.30 − 108000 = 151200 → 180000 + 151200 − 132192 = 199008.00', () => {
    const d = pay({ pensionStatus: 'employee-pension' }, '2024-09-20', { 'cn.shanghai.pension-rate': '0.20' }, e);
    expect(item(d, 'one-time-compensation')!.amount).toBe('199008.00');
  });
  it('an override of the standard itself still sets the amount (API id kept): 200000.00, no input read', () => {
    const d = pay({ pensionStatus: 'employee-pension' }, '2024-09-20', { 'cn.shanghai.pension-receiver-compensation': '200000' }, e);
    expect(item(d, 'one-time-compensation')!.amount).toBe('200000.00');
    expect(d.parameters.find((p) => p.id === 'cn.shanghai.pension-receiver-compensation')).toMatchObject({ overridden: true, value: '200000' });
    expect(d.parameters.some((p) => p.id === 'cn.shanghai.resident-pension-compensation')).toBe(false);
  });
  it('bundled: the 2017 value is 2.25 × the bundled 2016 annual wage, and 7132 is the wage applied in the 2018 base year (2017’s), not 2016’s', () => {
    const annual = engine.parameterOn('cn.shanghai.average-annual-wage', '2017-04-01')!;
    expect(Number(engine.parameterOn('cn.shanghai.pension-receiver-compensation', '2017-04-01')!.value)).toBe(2.25 * Number(annual.value));
    expect(engine.parameterOn('cn.shanghai.average-monthly-wage', '2018-04-01')!.value).toBe('7132');
    expect(engine.parameterOn('cn.shanghai.average-monthly-wage', '2018-03-31')!.value).not.toBe('7132');
  });
});

describe('city figures: contribution-base = 0.6 × the average wage (derived); medical rates from 2020-01-01; evidence on every read', () => {
  it('without an override the base is 0.6 × the wage (wage overridden to 12000 → base 7200; 144 × 7200 × 0.34 = 352512.00)', () => {
    const p: Record<string, string> = { ...PARAMS, 'cn.shanghai.average-monthly-wage': '12000', 'cn.shanghai.lump-sum-base-ratio': '0.6' };
    delete p['cn.shanghai.contribution-base'];
    const d = pay({}, '2023-06-15', p);
    expect(d.parameters.find((x) => x.id === 'cn.shanghai.contribution-base')).toMatchObject({ value: '7200', evidence: 'derived', overridden: false });
    expect(item(d, 'lump-sum-premium')!.amount).toBe('352512.00');
  });
  it('an override of cn.shanghai.contribution-base still sets the base (7310 → 357897.60) and reads no wage', () => {
    const d = pay({});
    expect(item(d, 'lump-sum-premium')!.amount).toBe('357897.60');
    expect(d.parameters.some((x) => x.id === 'cn.shanghai.average-monthly-wage')).toBe(false);
  });
  it('bundled medical rate: 0.125 on 2020-01-01 (10.5% + 2%), the placeholder before; employer share 0.105 from 2020-01-01', () => {
    expect(engine.parameterOn('cn.shanghai.medical-rate', '2020-01-01')).toMatchObject({ value: '0.125', evidence: 'secondary', verified: false });
    expect(engine.parameterOn('cn.shanghai.medical-rate', '2019-12-31')).toMatchObject({ evidence: 'placeholder' });
    expect(engine.parameterOn('cn.shanghai.employer-medical-rate', '2020-01-01')).toMatchObject({ value: '0.105', evidence: 'secondary' });
  });
  it('every parameter read carries evidence; only official ones are verified; the warnings name each unverified figure with its evidence', () => {
    const d = engine.payout({ expropriationDate: '2024-09-20', person: person({ sex: 'male', birthDate: '1988-04-12' }) });
    for (const p of d.parameters) {
      expect(['official', 'secondary', 'derived', 'interpretation', 'placeholder']).toContain(p.evidence);
      if (p.verified) expect(p.evidence).toBe('official');
      if (!p.verified) expect(d.warnings.some((w) => w.code === 'UNVERIFIED_PARAMETER' && w.parameter === p.id && w.evidence === p.evidence)).toBe(true);
    }
    expect(d.parameters.find((p) => p.id === 'cn.shanghai.baoshan.gucun.signing-fee')).toMatchObject({ verified: true, evidence: 'official' });
  });
  it('every bundled parameter value states its evidence explicitly, with a source', async () => {
    const { BUNDLED_PARAMETERS } = await import('../../src/bundled');
    for (const file of BUNDLED_PARAMETERS as ParameterFile[]) {
      for (const [id, series] of Object.entries(file.parameters)) {
        for (const v of series.values) {
          expect(v.evidence, `${id} from ${v.from}`).toBeDefined();
          if (v.verified) expect(v.evidence, id).toBe('official');
          // every figure but a placeholder (which has none) names its sources, each with a title and an address
          if (v.evidence !== 'placeholder') {
            expect(v.sources?.length, `${id} from ${v.from}: names its source`).toBeGreaterThan(0);
            for (const src of v.sources ?? []) expect(src.title && src.address, `${id} from ${v.from}`).toBeTruthy();
          }
        }
      }
    }
  });
});
