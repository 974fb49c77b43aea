import type { DecisionContext } from './context';
import { interpolate, toJsonValue } from './context';
import { Dec, toDec } from './decimal';
import { entryReason, runEntry } from './entry';
import { RuleEvaluationError } from './errors';
import { fenText, roundFen } from './money';
import type { CompiledItem } from './ruleset';
import type { Localized } from './schemas';
import type { JsonValue } from './types';

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

const DEFAULT_HOLDS: Localized = { zh: '{label}适用：{amount} 元', en: '{label} applies: {amount} yuan' };
const DEFAULT_FAILS: Localized = { zh: '{label}不适用', en: '{label} does not apply' };

/** Evaluates one item for a subject: records a reason; returns the item when it applies. */
export function evaluateItem<S extends string>(ctx: DecisionContext<S>, item: CompiledItem, data: unknown, subject?: string): ItemOutcome | undefined {
  // The same path as a rule (entry.ts): values, then the test (`applies`); then, when it holds, the amount.
  const run = runEntry(ctx, item.id, item.values, item.applies, data, (scope) => {
    const amount = roundFen(toDec(item.amount(data, scope)));
    if (amount.isNegative()) throw new TypeError(`the amount is negative (${amount.toFixed(2)})`);
    if (amount.abs().gt(MAX_AMOUNT)) throw new TypeError(`the amount ${amount.toExponential(3)} is beyond any payment (over 10^15 yuan)`);
    const parts: Array<{ payer: string; upTo?: Dec; share?: Dec }> = [];
    for (const p of item.funding) {
      parts.push({ payer: p.payer, upTo: p.upTo ? toDec(p.upTo(data, scope)) : undefined, share: p.share ? toDec(p.share(data, scope)) : undefined });
    }
    return { amount, funding: apportion(amount, parts) };
  });
  const applies = run.holds;
  const values = run.scope.values;
  const amount = run.then?.amount;
  const funding = run.then?.funding;
  const amountText = amount === undefined ? undefined : fenText(amount);
  // One object for both languages: interpolate reads it and keeps nothing.
  const shown: Record<string, unknown> = { ...values, amount: amountText, label: item.label.zh };
  const template = item.message ? (applies ? item.message.holds : item.message.fails) : applies ? DEFAULT_HOLDS : DEFAULT_FAILS;
  const zh = interpolate(template.zh, shown, subject, 'zh');
  shown.label = item.label.en;
  const message = { zh, en: interpolate(template.en, shown, subject, 'en') };
  let json: Record<string, JsonValue> | undefined;
  for (const k in values) (json ??= {})[k] = toJsonValue(values[k]);
  if (amountText !== undefined) (json ??= {}).amount = amountText;
  ctx.reasons.push(entryReason(item.id, applies, item.citation, message, subject, json));
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

/**
 * Evaluates every item of a scope of the decision's kind, in file order; returns those that apply.
 *
 * @example
 * ```ts
 * const items = scopeItems(ctx, 'person', data, person.id);
 * ```
 */
export function scopeItems<S extends string>(ctx: DecisionContext<S>, scope: S, data: unknown, subject?: string): ItemOutcome[] {
  const out: ItemOutcome[] = [];
  for (const item of ctx.scopeItems(scope)) {
    const r = evaluateItem(ctx, item, data, subject);
    if (r) out.push(r);
  }
  return out;
}

/** @deprecated Use {@link scopeItems}: the context is bound to its kind. */
export function evaluateItems(ctx: DecisionContext, kind: string, scope: string, data: unknown, subject?: string): ItemOutcome[] {
  if (kind !== ctx.kind) throw new RuleEvaluationError(`${kind}/*`, `a ${ctx.kind} decision cannot evaluate items of kind ${kind}`);
  return scopeItems(ctx, scope, data, subject);
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
