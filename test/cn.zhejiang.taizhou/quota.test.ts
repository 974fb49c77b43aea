import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InputError, type QuotaInput } from '../../src';
import { engine, inputIssues } from '../helpers';

// 台政办函〔2019〕47号 三(二) 以地定量: (a) approved cultivated + other agricultural land,
// (b) the village's such land at the end of last year, (c) agricultural population aged 16+,
// (d) people already enrolled. land per person = b ÷ (c − d); quota = a ÷ that, rounded, ≤ c − d.

const input = (over: Partial<QuotaInput> = {}): QuotaInput => ({
  approvalDate: '2020-05-01',
  approvedAreaMu: '30',
  village: { agriculturalLandMu: '200', population16Plus: 450, alreadyInsured: 50 },
  ...over,
});

describe('三(二) quota by land', () => {
  it('rounds half-up: 25.5 × 360 ÷ 300 = 30.6 → 31 (300 mu, 400 − 40 people: 0.8333… mu each)', () => {
    const d = engine.quota(input({ approvedAreaMu: '25.5', village: { agriculturalLandMu: '300', population16Plus: 400, alreadyInsured: 40 } }));
    expect(d.outcome).toMatchObject({ quota: 31, exactQuota: '30.6', landPerPersonMu: '0.8333', cap: 360, capApplied: false });
    expect(d.reasons.find((r) => r.rule === 'quota-by-land')!.message.zh).toContain('按 half-up 取整为 31 人');
  });

  it('an exact half: 15.25 ÷ 0.5 = 30.5 → 30 down (rounding mode is a parameter, reported as overridden; half-up and half-even are cases)', () => {
    const i = input({ approvedAreaMu: '15.25' });
    const down = engine.quota(i, { parameters: { 'cn.zhejiang.taizhou.quota-rounding-mode': 'down' } });
    expect(down.outcome).toMatchObject({ quota: 30, exactQuota: '30.5', roundingMode: 'down' });
    expect(down.parameters.find((p) => p.id === 'cn.zhejiang.taizhou.quota-rounding-mode')).toMatchObject({ value: 'down', overridden: true });
  });
});

describe('三(二)、三(一) “耕地和其他农用地” = all agricultural land, in (a) and (b) alike (ruling 2026-12-01)', () => {
  const byType = input({
    approvedAreaMu: undefined,
    approvedLandByType: { 耕地: '20', 其他农用地: '10', 林地: '5', 建设用地: '3' },
    village: { landByType: { 耕地: '150', 其他农用地: '50', 园地: '30', 建设用地: '40' }, population16Plus: 450, alreadyInsured: 50 },
  });

  it('counts 耕地, 园地, 林地, 草地 and 其他农用地 (a = 20 + 10 + 5 = 35, b = 150 + 50 + 30 = 230), never 建设用地: 35 × 400 ÷ 230 = 60.87 → 61', () => {
    const o = engine.quota(byType).outcome;
    // land per person 230 ÷ (450 − 50) = 0.575; exact 35 × 400 ÷ 230 = 60.869… → 61 (half-up)
    expect(o).toMatchObject({ quota: 61, approvedAreaMu: '35', villageLandMu: '230', landPerPersonMu: '0.5750' });
    expect(o.excludedLand.map((x) => [x.figure, x.type, x.areaMu])).toEqual([
      ['approved', '建设用地', '3'],
      ['village', '建设用地', '40'],
    ]);
    expect(o.excludedLand[0]!.reason.en).toContain('left out');
  });

  it('records one land-type-counted reason per listed type, with the clause; 园地 and 林地 now hold', () => {
    const d = engine.quota(byType);
    const r = d.reasons.filter((x) => x.rule === 'land-type-counted');
    expect(r).toHaveLength(8);
    expect(r.find((x) => x.subject === 'village:园地')).toMatchObject({ holds: true, citation: { article: '三(二)' } });
    expect(r.find((x) => x.subject === 'approved:林地')).toMatchObject({ holds: true });
    expect(r.find((x) => x.subject === 'village:建设用地')).toMatchObject({ holds: false });
  });

  it('the narrower reading by override (a list): 耕地 + 其他农用地 only → a = 30, b = 200, 30 × 400 ÷ 200 = 60', () => {
    const d = engine.quota(byType, { parameters: { 'cn.zhejiang.taizhou.counted-land-classes': ['耕地', '其他农用地'] } });
    expect(d.outcome).toMatchObject({ quota: 60, approvedAreaMu: '30', villageLandMu: '200' });
    expect(d.parameters.find((p) => p.id === 'cn.zhejiang.taizhou.counted-land-classes')).toMatchObject({ overridden: true, value: ['耕地', '其他农用地'] });
  });

  it('the list is an interpretation, never verified, and warned; an override that is not a list is refused', () => {
    const d = engine.quota(byType);
    expect(d.parameters.find((p) => p.id === 'cn.zhejiang.taizhou.counted-land-classes')).toMatchObject({ evidence: 'interpretation', verified: false });
    expect(d.parameters.find((p) => p.id === 'cn.zhejiang.taizhou.quota-rounding-mode')).toMatchObject({ evidence: 'interpretation', verified: false });
    expect(d.warnings.filter((w) => w.code === 'UNVERIFIED_PARAMETER' && w.evidence === 'interpretation').map((w) => w.parameter)).toEqual(
      expect.arrayContaining(['cn.zhejiang.taizhou.counted-land-classes', 'cn.zhejiang.taizhou.quota-rounding-mode']),
    );
    const issues = inputIssues(() => engine.quota(byType, { parameters: { 'cn.zhejiang.taizhou.counted-land-classes': '耕地,园地' } }));
    expect(issues).toEqual([expect.objectContaining({ path: 'parameters.cn.zhejiang.taizhou.counted-land-classes', message: expect.stringContaining('list') })]);
  });
});

describe('bad input is one InputError, never a crash', () => {
  it('both a single figure and a list, an unknown land type, a roster before approval', () => {
    const issues = inputIssues(() =>
      engine.quota({
        ...input({ approvedLandByType: { 耕地: '1' }, rosterReportedOn: '2020-01-01' }),
        village: { landByType: { 水田: '3' } as never, population16Plus: 5, alreadyInsured: 0 },
      }),
    );
    expect([...new Set(issues.map((i) => i.path))].sort()).toEqual(['input.approvedAreaMu', 'input.rosterReportedOn', 'input.village.landByType'].sort());
  });
});

describe('the parameters a quota needs are checked before it is decided, with the call\'s other problems', () => {
  const issuesOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof InputError) return e.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message }));
      throw e;
    }
    throw new Error('expected an InputError');
  };
  // 三(二) is silent on rounding (quota-rounding-mode, an interpretation); 三(四) caps the
  // validity at one year (“参保名额指标有效期最长为1年”, quota-validity-max-months = 12).
  it('an unknown rounding mode, a validity of 13 months and an unknown parameter: three issues in one InputError', () => {
    const issues = issuesOf(() =>
      engine.quota(input({ rosterReportedOn: '2020-06-01' }), {
        parameters: { 'cn.zhejiang.taizhou.quota-rounding-mode': 'sideways', 'cn.zhejiang.taizhou.quota-validity-months': 13, 'cn.zhejiang.taizhou.no-such-figure': 1 },
      }),
    );
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['parameters.cn.zhejiang.taizhou.no-such-figure', 'unknown_parameter'],
      ['parameters.cn.zhejiang.taizhou.quota-rounding-mode', 'invalid_value'],
      ['parameters.cn.zhejiang.taizhou.quota-validity-months', 'VALIDITY_ABOVE_MAXIMUM'],
    ]);
    expect(issues.find((i) => i.code === 'VALIDITY_ABOVE_MAXIMUM')!.message).toContain('13 months is longer than the 12 months');
  });
  it('12 months (the maximum) and 6 (shorter) are accepted; 0 and 1.5 are not whole months of at least 1', () => {
    for (const months of [12, 6]) {
      const d = engine.quota(input({ rosterReportedOn: '2020-06-01' }), { parameters: { 'cn.zhejiang.taizhou.quota-validity-months': months } });
      // An override is checked against the maximum, so the decision lists the maximum it was checked against.
      expect(d.parameters.filter((p) => p.id.startsWith('cn.zhejiang.taizhou.quota-validity')).map((p) => [p.id, p.value])).toEqual([
        ['cn.zhejiang.taizhou.quota-validity-months', months],
        ['cn.zhejiang.taizhou.quota-validity-max-months', 12],
      ]);
    }
    for (const months of [0, 1.5]) {
      const issues = issuesOf(() => engine.quota(input({ rosterReportedOn: '2020-06-01' }), { parameters: { 'cn.zhejiang.taizhou.quota-validity-months': months } }));
      expect(issues).toEqual([expect.objectContaining({ path: 'parameters.cn.zhejiang.taizhou.quota-validity-months', code: 'invalid_value' })]);
    }
  });
  it('without a roster date the validity is not used, so 13 months is not a problem of this call', () => {
    expect(engine.quota(input(), { parameters: { 'cn.zhejiang.taizhou.quota-validity-months': 13 } }).outcome.validUntil).toBeNull();
  });
});

describe('三(二) properties', () => {
  const area = fc.integer({ min: 0, max: 100_000 }).map((n) => (n / 100).toFixed(2));
  test.prop([area, area, fc.integer({ min: 1, max: 100_000 }).map((n) => (n / 100).toFixed(2)), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 5000 })])(
    'more approved area never lowers the quota, and the quota never exceeds c − d',
    (a1, a2, b, c, d) => {
      fc.pre(d < c);
      const [lo, hi] = Number(a1) <= Number(a2) ? [a1, a2] : [a2, a1];
      const village = { agriculturalLandMu: b, population16Plus: c, alreadyInsured: d };
      const qLo = engine.quota({ approvalDate: '2020-01-01', approvedAreaMu: lo, village }).outcome;
      const qHi = engine.quota({ approvalDate: '2020-01-01', approvedAreaMu: hi, village }).outcome;
      expect(qHi.quota).toBeGreaterThanOrEqual(qLo.quota);
      expect(qHi.quota).toBeLessThanOrEqual(c - d);
    },
  );
});
