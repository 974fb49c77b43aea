import { describe, expect, it } from 'vitest';
import { compare, evaluateBatch } from '../../src';
import { costByPayerChart, eligibilityByLandChart, parameterHistoryChart, payoutsByAgeChart, toSvg, whatIfDeltaChart } from '../../src/charts';
import gucun from '../../rulesets/cn.shanghai.baoshan.gucun/samples/expropriation-40.json';
import village from '../../rulesets/cn.hunan.shaoyang/samples/village-eligibility.json';
import { engine } from '../helpers';

type Values = Array<Record<string, unknown>>;
const valuesOf = (spec: Record<string, unknown>) => (spec.data as { values: Values }).values;
const people = gucun.people.map((p) => ({ expropriationDate: gucun.expropriationDate, person: p.person }));
const payouts = [...evaluateBatch(engine, 'payout', people as never[])];

describe('zhengdi-rules/charts', () => {
  it('payouts by age: one value per person in scope, amounts as numbers; GC-01 (36, employment) 536421.94', () => {
    const v = valuesOf(payoutsByAgeChart(payouts));
    // base 0.6 × 12307 = 7384.2, rates 0.24 + 0.125: 三(一) 144 × 7384.2 × 0.365 = 388113.55 + 五(一) 24 × 1595 = 38280.00
    // + 六 36 × 7384.2 × 0.365 = 97028.39 + 七 3000.00 + 10000.00 = 536421.94
    expect(v[0]).toMatchObject({ index: 0, age: 36, stage: 'employment stage', amount: 536421.94 });
    expect(v).toHaveLength(people.length);
  });
  it('cost by payer: the funding parts add up to the totals by payer', () => {
    const v = valuesOf(costByPayerChart(payouts)) as Array<{ payer: string; amount: number }>;
    const sum = (p: string) => Math.round(v.filter((x) => x.payer === p).reduce((a, x) => a + x.amount * 100, 0));
    const cmp = compare({}, { parameters: {} }, people, { kind: 'payout', engine, keep: 'none' });
    expect(sum('acquiring unit')).toBe(Math.round(Number(cmp.totals.byPayer['acquiring-unit']!.baseline) * 100));
    expect(sum('town')).toBe(Math.round(Number(cmp.totals.byPayer.town!.baseline) * 100));
  });
  it('what-if deltas: one point per payer and a total per x; labels in Chinese with lang zh', () => {
    const cmp = compare({ parameters: { 'cn.shanghai.contribution-base': '7384' } }, { parameters: { 'cn.shanghai.contribution-base': '7484' } }, people, { kind: 'payout', engine, keep: 'none' });
    const v = valuesOf(whatIfDeltaChart([{ x: 7484, comparison: cmp }], { lang: 'zh' }));
    // The chart shows compare's deltas (their arithmetic by hand: test/analysis/gucun-what-if.test.ts).
    expect(Number(cmp.totals.byPayer['acquiring-unit']!.delta)).toBeGreaterThan(0);
    expect(v).toContainEqual({ x: 7484, payer: '征地单位', delta: Number(cmp.totals.byPayer['acquiring-unit']!.delta) });
    expect(v).toContainEqual({ x: 7484, payer: '合计', delta: Number(cmp.totals.amount.delta) });
  });
  it('eligibility against land: each applicant with land per person and age; TJ-03-3 is 15, not eligible', () => {
    const results = [...evaluateBatch(engine, 'eligibility', village.households.map((h) => h.input) as never[])];
    const spec = eligibilityByLandChart(results, { thresholds: { land: 0.3, age: 16 } });
    const v = valuesOf(spec);
    expect(v).toHaveLength(17);
    expect(v.find((x) => x.applicant === 'TJ-03-3 赵敏')).toMatchObject({ land: 0.18, age: 15, decision: 'not eligible' });
    expect(v.find((x) => x.applicant === 'TJ-03-2 赵磊')).toMatchObject({ age: 16, decision: 'eligible' });
    expect((spec.layer as unknown[]).length).toBe(3); // points and the two bounds
  });
  it('parameter history: one point per dated value, and the open last value drawn a year on', () => {
    const series = engine.parameterSeries().find((s) => s.id === 'cn.shanghai.average-monthly-wage')!;
    const v = valuesOf(parameterHistoryChart(series)) as Array<{ from: string; value: number; end: boolean }>;
    expect(v.filter((x) => !x.end).map((x) => x.from)).toEqual(series.values.map((x) => x.from));
    const last = series.values[series.values.length - 1]!;
    expect(v[v.length - 1]).toMatchObject({ end: true, value: Number(last.value) });
  });
  it('toSvg draws a chart with vega headless', async () => {
    const svg = await toSvg(costByPayerChart(payouts));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('acquiring unit');
  });
});
