import { evaluateOne, type BatchOptions, type BatchResult } from '../batch';
import { Dec, toMoney } from '../engine/decimal';
import { createEngine, type EngineCore, type ParameterOverrides } from '../create-engine';
import type { Kind, KindInput } from '../kinds';
import type { JsonValue } from '../engine/types';
import { hasApplicants } from './rows';

/**
 * One side of a what-if: an engine (default: the bundled one) and parameter overrides applied
 * to every call. A reform is usually overrides (`{ parameters: { 'cn.shanghai.contribution-base': '7000' } }`),
 * possibly with an engine built from other rulesets or parameter files.
 *
 * @example
 * ```ts
 * const baseline: Scenario = {};
 * const reform: Scenario = { label: '0.4 mu', parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': '0.4' } };
 * ```
 */
export interface Scenario {
  /** A name for tables (default `baseline` / `reform`). */
  label?: string;
  /** The engine of this side (default: the engine in the options, else `createEngine()`). */
  engine?: Pick<EngineCore, 'evaluate'>;
  /** Overrides for every call of this side, on top of the options' `parameters`. */
  parameters?: ParameterOverrides;
}

/**
 * Options of {@link compare}: the kind, and the batch options shared by both sides.
 *
 * @example
 * ```ts
 * compare({}, reform, households, { kind: 'eligibility', keep: 'changed' });
 * ```
 */
export interface CompareOptions<K extends Kind = Kind> extends BatchOptions {
  kind: K;
  /** The engine of a side that names none (default `createEngine()`). */
  engine?: Pick<EngineCore, 'evaluate'>;
  /** Which items to keep in `items` (default `all`; totals always cover every item). */
  keep?: 'all' | 'changed' | 'none';
}

/**
 * A difference between the two outcomes of one item, at a JSON path such as
 * `applicants[2].eligible` (`$` for the whole outcome, `error` when one side failed).
 *
 * @example
 * ```ts
 * const d: OutcomeDiff = { path: 'applicants[0].eligible', baseline: false, reform: true };
 * ```
 */
export interface OutcomeDiff {
  path: string;
  baseline: JsonValue | undefined;
  reform: JsonValue | undefined;
}

/**
 * A before/after pair of decimal totals, as money strings.
 *
 * @example
 * ```ts
 * const t: AmountChange = { baseline: '100.00', reform: '120.00', delta: '20.00' };
 * ```
 */
export interface AmountChange {
  baseline: string;
  reform: string;
  /** reform − baseline. */
  delta: string;
}

/**
 * One input decided both ways.
 *
 * @example
 * ```ts
 * for (const it of cmp.items) if (it.gained.length) console.log(it.index, 'gains', it.gained);
 * ```
 */
export interface ComparedItem<K extends Kind = Kind> {
  index: number;
  baseline: BatchResult<K>;
  reform: BatchResult<K>;
  /** Whether the outcomes (or the error codes) differ. */
  changed: boolean;
  diffs: OutcomeDiff[];
  /** Applicant ids eligible under the reform only (outcomes with applicants). */
  gained: string[];
  /** Applicant ids eligible under the baseline only. */
  lost: string[];
}

/**
 * Totals of a comparison over every item.
 *
 * @example
 * ```ts
 * const { eligible, byPayer } = cmp.totals;
 * console.log(eligible.gained, eligible.lost, byPayer.district?.delta);
 * ```
 */
export interface ComparisonTotals {
  items: number;
  changed: number;
  errors: { baseline: number; reform: number };
  /** Applicants eligible on each side, and how many changed (outcomes with applicants). */
  eligible: { baseline: number; reform: number; gained: number; lost: number };
  /** Sums of `outcome.totals.amount` (payout-shaped outcomes); zero when none. */
  amount: AmountChange;
  /** Sums of `outcome.totals.byPayer` by payer, before and after. */
  byPayer: Record<string, AmountChange>;
}

/**
 * The result of {@link compare}.
 *
 * @example
 * ```ts
 * console.table(cmp.items.filter((i) => i.changed).map((i) => ({ index: i.index, gained: i.gained.join(', ') })));
 * ```
 */
export interface Comparison<K extends Kind = Kind> {
  kind: K;
  labels: { baseline: string; reform: string };
  items: Array<ComparedItem<K>>;
  totals: ComparisonTotals;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function pathJoin(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base === '$' ? '' : base}[${key}]`;
  return base === '$' ? key : `${base}.${key}`;
}

/**
 * Differences between two JSON values, leaf by leaf (objects by key, arrays by position).
 *
 * @example
 * ```ts
 * diffJson({ a: 1, b: [true] }, { a: 1, b: [false] }); // [{ path: 'b[0]', baseline: true, reform: false }]
 * ```
 */
export function diffJson(baseline: unknown, reform: unknown, path = '$'): OutcomeDiff[] {
  if (Object.is(baseline, reform)) return [];
  if (Array.isArray(baseline) && Array.isArray(reform)) {
    const out: OutcomeDiff[] = [];
    for (let i = 0; i < Math.max(baseline.length, reform.length); i++) out.push(...diffJson(baseline[i], reform[i], pathJoin(path, i)));
    return out;
  }
  if (isObject(baseline) && isObject(reform)) {
    const out: OutcomeDiff[] = [];
    for (const k of new Set([...Object.keys(baseline), ...Object.keys(reform)])) out.push(...diffJson(baseline[k], reform[k], pathJoin(path, k)));
    return out;
  }
  return [{ path, baseline: baseline as JsonValue | undefined, reform: reform as JsonValue | undefined }];
}

function eligibleIds(r: BatchResult): Set<string> {
  if (!('decision' in r) || !hasApplicants(r.decision.outcome)) return new Set();
  return new Set(r.decision.outcome.applicants.filter((a) => a.eligible).map((a) => a.id));
}

/** Accumulates a comparison item by item. */
class Accumulator<K extends Kind> {
  readonly items: Array<ComparedItem<K>> = [];
  readonly totals: ComparisonTotals = { items: 0, changed: 0, errors: { baseline: 0, reform: 0 }, eligible: { baseline: 0, reform: 0, gained: 0, lost: 0 }, amount: { baseline: '0.00', reform: '0.00', delta: '0.00' }, byPayer: {} };
  private readonly amount = { baseline: new Dec(0), reform: new Dec(0) };
  private readonly payers = new Map<string, { baseline: Dec; reform: Dec }>();

  constructor(private readonly keep: 'all' | 'changed' | 'none') {}

  private money(r: BatchResult, side: 'baseline' | 'reform'): void {
    if (!('decision' in r)) return;
    const o = r.decision.outcome as unknown;
    if (!isObject(o) || !isObject(o.totals)) return;
    if (typeof o.totals.amount === 'string') this.amount[side] = this.amount[side].plus(o.totals.amount);
    if (isObject(o.totals.byPayer)) {
      for (const [payer, amount] of Object.entries(o.totals.byPayer)) {
        const p = this.payers.get(payer) ?? { baseline: new Dec(0), reform: new Dec(0) };
        p[side] = p[side].plus(String(amount));
        this.payers.set(payer, p);
      }
    }
  }

  add(index: number, baseline: BatchResult<K>, reform: BatchResult<K>): void {
    const t = this.totals;
    t.items++;
    let diffs: OutcomeDiff[];
    if ('decision' in baseline && 'decision' in reform) diffs = diffJson(baseline.decision.outcome, reform.decision.outcome);
    else {
      const code = (r: BatchResult) => ('error' in r ? r.error.code : undefined);
      diffs = code(baseline) === code(reform) ? [] : [{ path: 'error', baseline: code(baseline) ?? null, reform: code(reform) ?? null }];
    }
    if ('error' in baseline) t.errors.baseline++;
    if ('error' in reform) t.errors.reform++;
    const before = eligibleIds(baseline);
    const after = eligibleIds(reform);
    const gained = [...after].filter((id) => !before.has(id));
    const lost = [...before].filter((id) => !after.has(id));
    t.eligible.baseline += before.size;
    t.eligible.reform += after.size;
    t.eligible.gained += gained.length;
    t.eligible.lost += lost.length;
    this.money(baseline, 'baseline');
    this.money(reform, 'reform');
    const changed = diffs.length > 0;
    if (changed) t.changed++;
    if (this.keep === 'all' || (this.keep === 'changed' && changed)) this.items.push({ index, baseline, reform, changed, diffs, gained, lost });
  }

  finish(kind: K, labels: { baseline: string; reform: string }): Comparison<K> {
    const change = (b: Dec, r: Dec): AmountChange => ({ baseline: toMoney(b), reform: toMoney(r), delta: toMoney(r.minus(b)) });
    this.totals.amount = change(this.amount.baseline, this.amount.reform);
    this.totals.byPayer = Object.fromEntries([...this.payers.keys()].sort().map((k) => [k, change(this.payers.get(k)!.baseline, this.payers.get(k)!.reform)]));
    return { kind, labels, items: this.items, totals: this.totals };
  }
}

/**
 * What-if: decides every input under a baseline and under a reform and reports, per item,
 * what changed in the outcome (leaf by leaf, plus applicants who gain or lose eligibility),
 * and in total (counts, errors, amounts and amounts by payer before and after, summed exactly).
 * Errors are per item, as in {@link evaluateBatch}.
 *
 * With an array or iterable it returns the comparison; with an async iterable, a promise of it.
 *
 * @example
 * ```ts
 * import { compare } from 'zhengdi-rules';
 * const cmp = compare({}, { parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': '0.4' } }, households,
 *   { kind: 'eligibility' });
 * cmp.totals.eligible; // { baseline: 41, reform: 47, gained: 6, lost: 0 }
 * ```
 */
export function compare<K extends Kind>(baseline: Scenario, reform: Scenario, inputs: Iterable<KindInput<K> | unknown>, options: CompareOptions<K>): Comparison<K>;
export function compare<K extends Kind>(baseline: Scenario, reform: Scenario, inputs: AsyncIterable<KindInput<K> | unknown>, options: CompareOptions<K>): Promise<Comparison<K>>;
export function compare<K extends Kind>(
  baseline: Scenario,
  reform: Scenario,
  inputs: Iterable<unknown> | AsyncIterable<unknown>,
  options: CompareOptions<K>,
): Comparison<K> | Promise<Comparison<K>> {
  const { kind, engine, keep = 'all', ...shared } = options;
  let fallback: Pick<EngineCore, 'evaluate'> | undefined = engine;
  const engineOf = (s: Scenario) => s.engine ?? (fallback ??= createEngine());
  const side = (s: Scenario) => {
    const e = engineOf(s);
    const opts: BatchOptions = { ...shared, parameters: { ...shared.parameters, ...s.parameters } };
    return (input: unknown, index: number) => evaluateOne(e, kind, input, index, opts);
  };
  const before = side(baseline);
  const after = side(reform);
  const acc = new Accumulator<K>(keep);
  const labels = { baseline: baseline.label ?? 'baseline', reform: reform.label ?? 'reform' };
  if (typeof (inputs as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    return (async () => {
      let index = 0;
      for await (const input of inputs as AsyncIterable<unknown>) {
        acc.add(index, before(input, index), after(input, index));
        index++;
      }
      return acc.finish(kind, labels);
    })();
  }
  let index = 0;
  for (const input of inputs as Iterable<unknown>) {
    acc.add(index, before(input, index), after(input, index));
    index++;
  }
  return acc.finish(kind, labels);
}
