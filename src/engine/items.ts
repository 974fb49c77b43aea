import type { DecisionContext } from './context';
import { interpolate, toJsonValue } from './context';
import { Dec, toDec } from './decimal';
import { MissingParameterError, RuleEvaluationError } from './errors';
import type { EvaluationScope } from './logic/compile';
import { truthy } from './logic/truthy';
import { fenText, roundFen } from './money';
import type { CompiledItem } from './ruleset';
import type { Localized } from './schemas';
import type { JsonValue, Reason } from './types';

/**
 * Money items (the ruleset's `items`): the mechanism that decides which apply, how much each is,
 * and who pays which part. Jurisdiction-free: what applies and how much are the ruleset's
 * JSON Logic; here are only the order of evaluation, the rounding to the fen and the splits.
 */

/**
 * One payer's part of an item.
 *
 * @example
 * ```ts
 * const part: FundingPart = { payer: 'district', amount: '45190.08' };
 * ```
 */
export interface FundingPart {
  payer: string;
  /** Yuan, exactly two decimals. */
  amount: string;
}

/**
 * An item granted, as reported in an outcome.
 *
 * @example
 * ```ts
 * const item: ItemOutcome = { id: 'signing-fee', code: 'signing-fee', article: '七', amount: '3000.00', timing: 'at-expropriation',
 *   funding: [{ payer: 'town', amount: '3000.00' }], label: { zh: '签约费', en: 'Signing fee' } };
 * ```
 */
export interface ItemOutcome {
  /** The ruleset item's id (several may share a code). */
  id: string;
  code: string;
  article: string;
  /** Yuan, exactly two decimals. */
  amount: string;
  timing: string;
  funding: FundingPart[];
  label: Localized;
}

/**
 * Totals of a list of items: overall, by payer and by timing (yuan, two decimals).
 *
 * @example
 * ```ts
 * const t: ItemTotals = { amount: '13000.00', byPayer: { town: '13000.00' }, byTiming: { 'at-expropriation': '13000.00' } };
 * ```
 */
export interface ItemTotals {
  amount: string;
  byPayer: Record<string, string>;
  byTiming: Record<string, string>;
}

/** No payment reaches 10^15 yuan; a formula that says so is wrong (and its text would not be a decimal of at most 100 characters). */
const MAX_AMOUNT = new Dec('1e15');

function fail(id: string, e: unknown): never {
  if (e instanceof MissingParameterError || e instanceof RuleEvaluationError) throw e;
  throw new RuleEvaluationError(id, e instanceof Error ? e.message : String(e));
}

/**
 * Splits an amount (already rounded to the fen) among the funding parts in order: `upTo` takes
 * at most its value (rounded to the fen, not below 0), `share` takes that fraction of what is
 * left (rounded to the fen half-up), the last part takes the exact rest.
 */
export function apportion(amount: Dec, parts: ReadonlyArray<{ payer: string; upTo?: Dec; share?: Dec }>): Array<{ payer: string; amount: Dec }> {
  let left = amount;
  return parts.map((p, i) => {
    let take: Dec;
    if (i === parts.length - 1) take = left;
    else if (p.upTo !== undefined) take = Dec.min(left, Dec.max(0, roundFen(p.upTo)));
    else take = Dec.min(left, Dec.max(0, roundFen(left.times(p.share ?? 0))));
    left = left.minus(take);
    return { payer: p.payer, amount: take };
  });
}

/** The scope an item's expressions read: the decision's parameters and the item's values. */
class ItemScope implements EvaluationScope {
  constructor(
    private readonly ctx: DecisionContext,
    readonly values: Record<string, unknown>,
  ) {}
  param(id: string): unknown {
    return this.ctx.param(id);
  }
  value(name: string): unknown {
    return this.values[name];
  }
}

const DEFAULT_HOLDS: Localized = { zh: '{label}适用：{amount} 元', en: '{label} applies: {amount} yuan' };
const DEFAULT_FAILS: Localized = { zh: '{label}不适用', en: '{label} does not apply' };

/** Evaluates one item for a subject: records a reason; returns the item when it applies. */
export function evaluateItem(ctx: DecisionContext, item: CompiledItem, data: unknown, subject?: string): ItemOutcome | undefined {
  const values: Record<string, unknown> = {};
  const scope = new ItemScope(ctx, values);
  let applies: boolean;
  let amount: Dec | undefined;
  let funding: Array<{ payer: string; amount: Dec }> | undefined;
  try {
    for (const [name, expr] of item.values) values[name] = expr(data, scope);
    applies = truthy(item.applies(data, scope));
    if (applies) {
      amount = roundFen(toDec(item.amount(data, scope)));
      if (amount.isNegative()) throw new TypeError(`the amount is negative (${amount.toFixed(2)})`);
      if (amount.abs().gt(MAX_AMOUNT)) throw new TypeError(`the amount ${amount.toExponential(3)} is beyond any payment (over 10^15 yuan)`);
      const parts: Array<{ payer: string; upTo?: Dec; share?: Dec }> = [];
      for (const p of item.funding) {
        parts.push({ payer: p.payer, upTo: p.upTo ? toDec(p.upTo(data, scope)) : undefined, share: p.share ? toDec(p.share(data, scope)) : undefined });
      }
      funding = apportion(amount, parts);
    }
  } catch (e) {
    fail(item.id, e);
  }
  const amountText = amount === undefined ? undefined : fenText(amount);
  // One object for both languages: interpolate reads it and keeps nothing.
  const shown: Record<string, unknown> = { ...values, amount: amountText, label: item.label.zh };
  const template = item.message ? (applies ? item.message.holds : item.message.fails) : applies ? DEFAULT_HOLDS : DEFAULT_FAILS;
  const zh = interpolate(template.zh, shown, subject, 'zh');
  shown.label = item.label.en;
  const message = { zh, en: interpolate(template.en, shown, subject, 'en') };
  const reason: Reason = subject === undefined
    ? { rule: item.id, holds: applies, citation: item.citation, message }
    : { rule: item.id, holds: applies, subject, citation: item.citation, message };
  let json: Record<string, JsonValue> | undefined;
  for (const k in values) (json ??= {})[k] = toJsonValue(values[k]);
  if (amountText !== undefined) (json ??= {}).amount = amountText;
  if (json !== undefined) reason.values = json;
  ctx.reasons.push(reason);
  if (!applies || amount === undefined || funding === undefined) return undefined;
  const out: FundingPart[] = [];
  for (const f of funding) out.push({ payer: f.payer, amount: fenText(f.amount) });
  return {
    id: item.id,
    code: item.code,
    article: item.citation.article,
    amount: amountText!,
    timing: item.timing,
    funding: out,
    label: { zh: item.label.zh, en: item.label.en },
  };
}

/** Evaluates every item of a kind and scope, in file order; returns those that apply. */
export function evaluateItems(ctx: DecisionContext, kind: string, scope: string, data: unknown, subject?: string): ItemOutcome[] {
  const out: ItemOutcome[] = [];
  for (const item of ctx.ruleset.items) {
    if (item.kind !== kind || item.scope !== scope) continue;
    const r = evaluateItem(ctx, item, data, subject);
    if (r) out.push(r);
  }
  return out;
}

/** Totals of items: overall, by payer (in order first seen) and by timing. */
export function itemTotals(items: readonly ItemOutcome[], timings: readonly string[] = []): ItemTotals {
  const zero = new Dec(0);
  const byPayer = new Map<string, Dec>();
  const byTiming = new Map<string, Dec>(timings.map((t) => [t, zero]));
  let total = zero;
  // toDec: the same few amounts ("3000.00", a premium) recur in every decision; each amount is read once.
  for (const it of items) {
    const amount = toDec(it.amount);
    total = total.plus(amount);
    byTiming.set(it.timing, (byTiming.get(it.timing) ?? zero).plus(amount));
    for (const f of it.funding) byPayer.set(f.payer, (byPayer.get(f.payer) ?? zero).plus(toDec(f.amount)));
  }
  // fromEntries defines own properties: a payer named "__proto__" in a rule file stays a key.
  const fixed = (m: Map<string, Dec>): Record<string, string> => Object.fromEntries(Array.from(m, ([k, v]) => [k, fenText(v)]));
  return { amount: fenText(total), byPayer: fixed(byPayer), byTiming: fixed(byTiming) };
}
