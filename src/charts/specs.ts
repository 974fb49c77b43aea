/**
 * Vega-Lite chart specifications built from batch results, comparisons and parameter series:
 * plain JSON, no Vega code. `toSvg` (./render.ts) draws them with Vega's headless renderer; in a
 * browser any Vega-Lite viewer (vega-embed) draws them as well.
 */
import type { SummaryItem } from '../analysis/rows';
import { hasApplicants, isPayoutLike } from '../analysis/rows';
import type { Comparison } from '../analysis/compare';
import type { ParameterSeries } from '../engine/parameters';

/**
 * A Vega-Lite specification (JSON). Typed loosely, so that the types of this package do not
 * depend on vega-lite's.
 *
 * @example
 * ```ts
 * const spec: VegaLiteSpec = { mark: 'bar', data: { values: [{ a: 1 }] }, encoding: { x: { field: 'a' } } };
 * ```
 */
export type VegaLiteSpec = Record<string, unknown>;

/**
 * Options common to every chart: the language of titles and labels, and the size.
 *
 * @example
 * ```ts
 * const options: ChartOptions = { lang: 'zh', width: 480 };
 * ```
 */
export interface ChartOptions {
  lang?: 'zh' | 'en';
  width?: number;
  height?: number;
  title?: string;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

const WORDS = {
  en: {
    age: 'age at expropriation', amount: 'amount (yuan)', stage: 'stage', payer: 'payer', timing: 'paid',
    'at-expropriation': 'at expropriation', deferred: 'deferred (when a condition is met)', employment: 'employment stage', pension: 'pension stage',
    payoutsByAge: 'Payouts by age at expropriation and stage', costByPayer: 'Cost by payer',
    delta: 'change in cost (yuan)', whatIf: 'What-if: change in cost by payer', total: 'total',
    land: 'cultivated land per person after expropriation (mu)', applicantAge: 'age on the notice date', eligible: 'eligible', notEligible: 'not eligible', decision: 'decision',
    eligibility: 'Eligibility against land per person and age', from: 'in force from', value: 'value', verified: 'verified', yes: 'yes', no: 'no',
    history: (id: string) => `History of ${id}`,
    payers: { 'acquiring-unit': 'acquiring unit', district: 'district', town: 'town', 'individual-account': 'individual account' } as Record<string, string>,
  },
  zh: {
    age: '征地时年龄', amount: '金额（元）', stage: '阶段', payer: '出资方', timing: '支付时间',
    'at-expropriation': '征地时支付', deferred: '符合条件时支付', employment: '就业阶段', pension: '养老阶段',
    payoutsByAge: '按征地时年龄和阶段的保障费用', costByPayer: '按出资方的费用',
    delta: '费用变化（元）', whatIf: '假设测算：各出资方费用变化', total: '合计',
    land: '征地后家庭人均耕地（亩）', applicantAge: '公告日年龄', eligible: '符合', notEligible: '不符合', decision: '认定',
    eligibility: '认定结果：人均耕地与年龄', from: '起始日期', value: '取值', verified: '已核实', yes: '是', no: '否',
    history: (id: string) => `${id} 的历次取值`,
    payers: { 'acquiring-unit': '征地单位', district: '区财政', town: '镇财政', 'individual-account': '个人账户' } as Record<string, string>,
  },
} as const;

function frame(o: ChartOptions, title: string, body: VegaLiteSpec): VegaLiteSpec {
  return { $schema: SCHEMA, title: o.title ?? title, width: o.width ?? 480, height: o.height ?? 280, background: 'white', config: { font: 'sans-serif' }, ...body };
}

function decisionsOf(items: Iterable<SummaryItem>): Array<{ index: number; outcome: unknown; reasons?: unknown }> {
  const out: Array<{ index: number; outcome: unknown; reasons?: unknown }> = [];
  let position = 0;
  for (const item of items) {
    const it = item as { index?: number; decision?: { outcome: unknown; reasons?: unknown }; error?: unknown; outcome?: unknown; reasons?: unknown };
    if (it.decision) out.push({ index: it.index ?? position, outcome: it.decision.outcome, reasons: it.decision.reasons });
    else if (!it.error && 'outcome' in it) out.push({ index: position, outcome: it.outcome, reasons: it.reasons });
    position++;
  }
  return out;
}

/**
 * Payouts by age at expropriation and stage (payout-shaped outcomes): one bar per age, the
 * total paid for the people of that age, coloured by stage. Failed items are left out.
 *
 * @example
 * ```ts
 * const spec = payoutsByAgeChart([...evaluateBatch(engine, 'payout', people)]);
 * ```
 */
export function payoutsByAgeChart(items: Iterable<SummaryItem>, options: ChartOptions = {}): VegaLiteSpec {
  const W = WORDS[options.lang ?? 'en'];
  const values = decisionsOf(items).flatMap(({ index, outcome }) => {
    if (!isPayoutLike(outcome)) return [];
    return [{ index, age: outcome.ageAtExpropriation ?? null, stage: (W as Record<string, unknown>)[outcome.stage] ?? outcome.stage, amount: Number(outcome.totals.amount) }];
  });
  return frame(options, W.payoutsByAge, {
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'age', type: 'ordinal', title: W.age },
      y: { aggregate: 'sum', field: 'amount', type: 'quantitative', title: W.amount },
      color: { field: 'stage', type: 'nominal', title: W.stage },
    },
  });
}

/**
 * Cost by payer (payout-shaped outcomes): one bar per payer, split into what is paid at
 * expropriation and what is deferred, summed from every item's funding.
 *
 * @example
 * ```ts
 * const spec = costByPayerChart(results, { lang: 'zh' });
 * ```
 */
export function costByPayerChart(items: Iterable<SummaryItem>, options: ChartOptions = {}): VegaLiteSpec {
  const W = WORDS[options.lang ?? 'en'];
  const values = decisionsOf(items).flatMap(({ outcome }) => {
    if (!isPayoutLike(outcome)) return [];
    return outcome.items.flatMap((it) => it.funding.map((f) => ({ payer: W.payers[f.payer] ?? f.payer, timing: (W as Record<string, unknown>)[it.timing ?? ''] ?? it.timing ?? '', amount: Number(f.amount) })));
  });
  return frame(options, W.costByPayer, {
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'payer', type: 'nominal', title: W.payer, sort: '-x' },
      x: { aggregate: 'sum', field: 'amount', type: 'quantitative', title: W.amount },
      color: { field: 'timing', type: 'nominal', title: W.timing },
    },
  });
}

/**
 * What-if deltas across a series of reforms (e.g. contribution bases): for each point, the
 * change in cost by payer and in total, as lines over the reform's value.
 *
 * @example
 * ```ts
 * const points = [7484, 7584].map((base) => ({ x: base, comparison: compare({}, { parameters: { 'cn.shanghai.contribution-base': String(base) } }, people, { kind: 'payout' }) }));
 * const spec = whatIfDeltaChart(points, { xTitle: 'contribution base (yuan/month)' });
 * ```
 */
export function whatIfDeltaChart(points: ReadonlyArray<{ x: number; comparison: Pick<Comparison, 'totals'> }>, options: ChartOptions & { xTitle?: string } = {}): VegaLiteSpec {
  const W = WORDS[options.lang ?? 'en'];
  const values = points.flatMap(({ x, comparison }) => [
    ...Object.entries(comparison.totals.byPayer).map(([payer, c]) => ({ x, payer: W.payers[payer] ?? payer, delta: Number(c.delta) })),
    { x, payer: W.total, delta: Number(comparison.totals.amount.delta) },
  ]);
  return frame(options, W.whatIf, {
    data: { values },
    mark: { type: 'line', point: true, tooltip: true },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: options.xTitle ?? 'x', scale: { zero: false } },
      y: { field: 'delta', type: 'quantitative', title: W.delta },
      color: { field: 'payer', type: 'nominal', title: W.payer },
      // payers that share a cost equally (district and town) draw the same line: dashes tell them apart
      strokeDash: { field: 'payer', type: 'nominal', title: W.payer },
    },
  });
}

/**
 * Eligibility against land per person (outcomes with applicants and `perCapitaAfterMu`): one
 * point per applicant at the household's land per person and the applicant's age (from the
 * reasons' values), coloured by the decision; `thresholds` draws the legal bounds as rules.
 *
 * @example
 * ```ts
 * const spec = eligibilityByLandChart(results, { thresholds: { land: 0.3, age: 16 } });
 * ```
 */
export function eligibilityByLandChart(items: Iterable<SummaryItem>, options: ChartOptions & { thresholds?: { land?: number; age?: number } } = {}): VegaLiteSpec {
  const W = WORDS[options.lang ?? 'en'];
  const values = decisionsOf(items).flatMap(({ index, outcome, reasons }) => {
    if (!hasApplicants(outcome)) return [];
    const land = Number((outcome as { perCapitaAfterMu?: string }).perCapitaAfterMu);
    const ageOf = (id: string) => {
      const r = (Array.isArray(reasons) ? reasons : []).find((x: { subject?: string; values?: Record<string, unknown> }) => x.subject === id && typeof x.values?.age === 'number') as { values: { age: number } } | undefined;
      return r ? r.values.age : null;
    };
    return outcome.applicants.map((a) => ({ index, applicant: a.id, land, age: ageOf(a.id), decision: a.eligible ? W.eligible : W.notEligible, failed: (a.failed ?? []).join(', ') }));
  });
  const t = options.thresholds ?? {};
  const layers: VegaLiteSpec[] = [
    {
      mark: { type: 'point', filled: true, size: 90, tooltip: true },
      encoding: {
        x: { field: 'land', type: 'quantitative', title: W.land, scale: { domainMin: 0, domainMax: Math.max(0.4, ...[t.land ?? 0].map((x) => x * 1.5)), nice: true } },
        y: { field: 'age', type: 'quantitative', title: W.applicantAge },
        color: { field: 'decision', type: 'nominal', title: W.decision, scale: { domain: [W.eligible, W.notEligible], range: ['#2ca02c', '#d62728'] } },
        shape: { field: 'decision', type: 'nominal', title: W.decision, scale: { domain: [W.eligible, W.notEligible], range: ['circle', 'square'] } },
      },
    },
  ];
  if (t.land !== undefined) layers.push({ data: { values: [{ land: t.land }] }, mark: { type: 'rule', strokeDash: [4, 4], color: '#555' }, encoding: { x: { field: 'land', type: 'quantitative' } } });
  if (t.age !== undefined) layers.push({ data: { values: [{ age: t.age }] }, mark: { type: 'rule', strokeDash: [4, 4], color: '#555' }, encoding: { y: { field: 'age', type: 'quantitative' } } });
  return frame(options, W.eligibility, { data: { values }, layer: layers });
}

/**
 * A parameter's history: its value over time as a step line, one point per dated value
 * (hollow when not verified). An open last value is drawn up to `until` (default: a year on).
 *
 * @example
 * ```ts
 * const s = engine.parameterSeries().find((x) => x.id === 'cn.shanghai.contribution-base')!;
 * const spec = parameterHistoryChart(s);
 * ```
 */
export function parameterHistoryChart(series: Pick<ParameterSeries, 'id' | 'unit' | 'values'>, options: ChartOptions & { until?: string } = {}): VegaLiteSpec {
  const W = WORDS[options.lang ?? 'en'];
  const numeric = series.values.filter((v) => Number.isFinite(Number(v.value)));
  const values = numeric.map((v) => ({ from: v.from, value: Number(v.value), verified: v.verified ? W.yes : W.no, source: v.source, end: false }));
  const last = numeric[numeric.length - 1];
  if (last) {
    // where the line stops: the last value's end, or (open) `until`, or a year after it starts
    const end = last.to ?? options.until ?? `${Number(last.from.slice(0, 4)) + 1}${last.from.slice(4)}`;
    values.push({ from: end, value: Number(last.value), verified: last.verified ? W.yes : W.no, source: last.source, end: true });
  }
  return frame(options, W.history(series.id), {
    data: { values, format: { parse: { from: 'date' } } },
    layer: [
      { mark: { type: 'line', interpolate: 'step-after' }, encoding: { x: { field: 'from', type: 'temporal', title: W.from }, y: { field: 'value', type: 'quantitative', title: `${W.value} (${series.unit})`, scale: { zero: false } } } },
      {
        transform: [{ filter: 'datum.end !== true' }],
        mark: { type: 'point', size: 70, tooltip: true },
        encoding: {
          x: { field: 'from', type: 'temporal' },
          y: { field: 'value', type: 'quantitative' },
          fill: { field: 'verified', type: 'nominal', title: W.verified, scale: { domain: [W.yes, W.no], range: ['#1f77b4', 'white'] } },
          stroke: { value: '#1f77b4' },
        },
      },
    ],
  });
}
