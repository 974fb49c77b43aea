import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { NoRulesetInForceError, type QuotaInput } from '../../src';
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
  it('divides exactly: 200 mu ÷ (450 − 50) = 0.5 mu per person; 30 ÷ 0.5 = 60', () => {
    const o = engine.quota(input()).outcome;
    expect(o).toMatchObject({ quota: 60, exactQuota: '60', landPerPersonMu: '0.5000', landPerPersonMuExact: '0.5', cap: 400, capApplied: false, roundingMode: 'half-up', validUntil: null, excludedLand: [] });
  });

  it('rounds half-up: 25.5 × 360 ÷ 300 = 30.6 → 31 (300 mu, 400 − 40 people: 0.8333… mu each)', () => {
    const d = engine.quota(input({ approvedAreaMu: '25.5', village: { agriculturalLandMu: '300', population16Plus: 400, alreadyInsured: 40 } }));
    expect(d.outcome).toMatchObject({ quota: 31, exactQuota: '30.6', landPerPersonMu: '0.8333', cap: 360, capApplied: false });
    expect(d.reasons.find((r) => r.rule === 'quota-by-land')!.message.zh).toContain('按 half-up 取整为 31 人');
  });

  it('an exact half: 15.25 ÷ 0.5 = 30.5 → 31 half-up, 30 half-even, 30 down (rounding mode is a parameter)', () => {
    const i = input({ approvedAreaMu: '15.25' });
    expect(engine.quota(i).outcome.quota).toBe(31);
    expect(engine.quota(i, { parameters: { 'cn.zhejiang.taizhou.quota-rounding-mode': 'half-even' } }).outcome.quota).toBe(30);
    const down = engine.quota(i, { parameters: { 'cn.zhejiang.taizhou.quota-rounding-mode': 'down' } });
    expect(down.outcome).toMatchObject({ quota: 30, exactQuota: '30.5', roundingMode: 'down' });
    expect(down.parameters.find((p) => p.id === 'cn.zhejiang.taizhou.quota-rounding-mode')).toMatchObject({ value: 'down', overridden: true });
  });

  it('the cap: 120 mu approved of 100 mu, 100 people not enrolled → exact 120, capped at 100 (and warned)', () => {
    // 100 ÷ (120 − 20) = 1 mu per person; 120 ÷ 1 = 120 > c − d = 100.
    const d = engine.quota(input({ approvedAreaMu: '120', village: { agriculturalLandMu: '100', population16Plus: 120, alreadyInsured: 20 } }));
    expect(d.outcome).toMatchObject({ quota: 100, exactQuota: '120', cap: 100, capApplied: true });
    expect(d.reasons.find((r) => r.rule === 'quota-within-cap')).toMatchObject({ holds: false, citation: { docNo: '台政办函〔2019〕47号', article: '三(二)' } });
    expect(d.warnings.map((w) => w.code)).toContain('APPROVED_EXCEEDS_VILLAGE_LAND');
  });

  it('rounding up to exactly the cap is not a cut: 99.5 ÷ 1 → 100 = cap', () => {
    const d = engine.quota(input({ approvedAreaMu: '99.5', village: { agriculturalLandMu: '100', population16Plus: 120, alreadyInsured: 20 } }));
    expect(d.outcome).toMatchObject({ quota: 100, capApplied: false });
  });

  it('no approved land gives a quota of 0', () => {
    expect(engine.quota(input({ approvedAreaMu: '0' })).outcome).toMatchObject({ quota: 0, exactQuota: '0' });
  });

  it('warns that the rounding mode is the package’s reading (the document is silent)', () => {
    expect(engine.quota(input()).warnings.map((w) => w.code)).toEqual(['UNVERIFIED_PARAMETER']);
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

  it('the survey subclasses count too (设施农用地 4 + 坑塘水面 6 + 田坎 2 + 草地 8 = 20 with 耕地 180 → b = 200): 30 × 400 ÷ 200 = 60; 未利用地 never', () => {
    const d = engine.quota(input({ approvedAreaMu: '30', village: { landByType: { 耕地: '180', 设施农用地: '4', 坑塘水面: '6', 田坎: '2', 草地: '8', 未利用地: '70' }, population16Plus: 450, alreadyInsured: 50 } }));
    expect(d.outcome).toMatchObject({ quota: 60, villageLandMu: '200' });
    expect(d.outcome.excludedLand.map((x) => x.type)).toEqual(['未利用地']);
  });

  it('其他农用地 listed with one of its subclasses would count twice: InputError LAND_CLASS_COUNTED_TWICE', () => {
    const issues = inputIssues(() => engine.quota(input({ village: { landByType: { 耕地: '150', 其他农用地: '50', 沟渠: '3' }, population16Plus: 450, alreadyInsured: 50 } })));
    expect(issues).toEqual([expect.objectContaining({ path: 'input.village.landByType.沟渠' })]);
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

  it('a village with only construction and unused land is refused: nothing to divide by', () => {
    const issues = inputIssues(() => engine.quota(input({ village: { landByType: { 建设用地: '80', 未利用地: '5' }, population16Plus: 10, alreadyInsured: 0 } })));
    expect(issues.map((i) => i.path)).toEqual(['input.village.landByType']);
  });
});

describe('三(四) validity: roster date + 12 months, the last valid day (inclusive)', () => {
  it('2020-06-15 → 2021-06-15', () => {
    const d = engine.quota(input({ rosterReportedOn: '2020-06-15' }));
    expect(d.outcome.validUntil).toBe('2021-06-15');
    expect(d.reasons.find((r) => r.rule === 'quota-validity')).toMatchObject({ holds: true, citation: { article: '三(四)' } });
  });
  it('29 February 2020 → 28 February 2021 (no corresponding day: the month’s last day)', () => {
    expect(engine.quota(input({ approvalDate: '2020-01-10', rosterReportedOn: '2020-02-29' })).outcome.validUntil).toBe('2021-02-28');
  });
});

describe('bad input is one InputError, never a crash', () => {
  it('no one left to enrol (c − d ≤ 0)', () => {
    const issues = inputIssues(() => engine.quota(input({ village: { agriculturalLandMu: '200', population16Plus: 50, alreadyInsured: 50 } })));
    expect(issues).toEqual([expect.objectContaining({ path: 'input.village.alreadyInsured' })]);
  });
  it('zero village land', () => {
    const issues = inputIssues(() => engine.quota(input({ village: { agriculturalLandMu: '0', population16Plus: 50, alreadyInsured: 0 } })));
    expect(issues.map((i) => i.path)).toEqual(['input.village.agriculturalLandMu']);
  });
  it('both a single figure and a list, an unknown land type, a roster before approval', () => {
    const issues = inputIssues(() =>
      engine.quota({
        ...input({ approvedLandByType: { 耕地: '1' }, rosterReportedOn: '2020-01-01' }),
        village: { landByType: { 水田: '3' } as never, population16Plus: 5, alreadyInsured: 0 },
      }),
    );
    expect([...new Set(issues.map((i) => i.path))].sort()).toEqual(['input.approvedAreaMu', 'input.rosterReportedOn', 'input.village.landByType'].sort());
  });
  it('a bad override of the rounding mode or the validity names the parameter', () => {
    expect(inputIssues(() => engine.quota(input(), { parameters: { 'cn.zhejiang.taizhou.quota-rounding-mode': 'nearest' } })).map((i) => i.path)).toEqual([
      'parameters.cn.zhejiang.taizhou.quota-rounding-mode',
    ]);
    expect(inputIssues(() => engine.quota(input({ rosterReportedOn: '2020-06-15' }), { parameters: { 'cn.zhejiang.taizhou.quota-validity-months': '6.5' } })).map((i) => i.path)).toEqual([
      'parameters.cn.zhejiang.taizhou.quota-validity-months',
    ]);
  });
  it('a shorter validity by override: 6 months from 2020-06-15 → 2020-12-15', () => {
    expect(engine.quota(input({ rosterReportedOn: '2020-06-15' }), { parameters: { 'cn.zhejiang.taizhou.quota-validity-months': 6 } }).outcome.validUntil).toBe('2020-12-15');
  });
  it('before 2019-08-09 no Taizhou ruleset is in force', () => {
    expect(() => engine.quota(input({ approvalDate: '2019-08-08' }))).toThrow(NoRulesetInForceError);
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
