import type { DecisionContext } from './context';
import { toJsonValue, UNWRITTEN } from './context';
import { Dec, toDec } from './decimal';
import { entryError, entryReason, EntryScope, evaluateEntry } from './entry';
import { RuleEvaluationError } from './errors';
import { fenAmount, fenText, fenToText, roundFen, shareOfFen, textToFen, type FenAmount } from './money';
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

/** A funding part's limit before the split: a cap (`upTo`) or a share, as evaluated. */
interface PartLimit {
  readonly payer: string;
  readonly upTo: Dec | undefined;
  readonly share: Dec | undefined;
}

/**
 * {@link apportion} in whole fen (see money.ts): the same split, exactly, or undefined when some
 * part cannot be done in safe integers (the caller then takes the decimal path).
 */
export function apportionFen(amount: number, parts: readonly PartLimit[]): number[] | undefined {
  const out: number[] = [];
  let left = amount;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    let take: number;
    if (i === parts.length - 1) take = left;
    else {
      let limit: number | undefined;
      if (p.upTo !== undefined) limit = fenAmount(p.upTo).fen;
      else limit = p.share === undefined ? 0 : shareOfFen(left, p.share);
      if (limit === undefined) return undefined;
      take = Math.min(left, Math.max(0, limit));
    }
    left -= take;
    out.push(take);
  }
  return out;
}

/** Evaluates one item for a subject: records a reason; returns the item when it applies. */
export function evaluateItem<S extends string>(ctx: DecisionContext<S>, item: CompiledItem, data: unknown, subject?: string): ItemOutcome | undefined {
  // The same path as a rule (entry.ts): values, then the test (`applies`); then, only when it
  // holds, the amount and the funding.
  const scope = new EntryScope(ctx);
  const values = scope.values;
  let applies: boolean;
  let amount: FenAmount | undefined;
  let funding: FundingPart[] | undefined;
  try {
    applies = evaluateEntry(scope, item.values, item.applies, data);
    if (applies) {
      amount = fenAmount(toDec(item.amount(data, scope)));
      const dec = amount.dec;
      if (dec.isNegative()) throw new TypeError(`the amount is negative (${dec.toFixed(2)})`);
      if (amount.fen === undefined && dec.abs().gt(MAX_AMOUNT)) throw new TypeError(`the amount ${dec.toExponential(3)} is beyond any payment (over 10^15 yuan)`);
      funding = split(amount, item, data, scope);
    }
  } catch (e) {
    return entryError(item.id, e);
  }
  const amountText = amount?.text;
  const template = item.message ? (applies ? item.message.holds : item.message.fails) : applies ? DEFAULT_HOLDS : DEFAULT_FAILS;
  let json: Record<string, JsonValue> | undefined;
  for (const k in values) (json ??= {})[k] = toJsonValue(values[k]);
  if (amountText !== undefined) (json ??= {}).amount = amountText;
  ctx.addReason(entryReason(item.id, applies, item.citation, UNWRITTEN, subject, json), template, values, subject, { amount: amountText, label: item.label });
  if (amount === undefined || funding === undefined) return undefined;
  return {
    id: item.id,
    code: item.code,
    article: item.citation.article,
    amount: amount.text,
    timing: item.timing,
    funding,
    label: { zh: item.label.zh, en: item.label.en },
  };
}

/** An item's amount split among its funding parts: in whole fen where exact, else with decimal.js. */
function split(amount: FenAmount, item: CompiledItem, data: unknown, scope: EntryScope): FundingPart[] {
  const parts = item.funding;
  const out: FundingPart[] = [];
  if (parts.length === 1 && amount.fen !== undefined) {
    // One payer takes the whole amount (most items): nothing to evaluate or split.
    out.push({ payer: parts[0]!.payer, amount: amount.text });
    return out;
  }
  const limits: PartLimit[] = [];
  for (const p of parts) {
    limits.push({ payer: p.payer, upTo: p.upTo ? toDec(p.upTo(data, scope)) : undefined, share: p.share ? toDec(p.share(data, scope)) : undefined });
  }
  const fen = amount.fen === undefined ? undefined : apportionFen(amount.fen, limits);
  if (fen !== undefined) {
    for (let i = 0; i < limits.length; i++) out.push({ payer: limits[i]!.payer, amount: fenToText(fen[i]!) });
    return out;
  }
  for (const f of apportion(amount.dec, limits)) out.push({ payer: f.payer, amount: fenText(f.amount) });
  return out;
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
  for (const item of ctx.entries(scope).items) {
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
  return itemTotalsFen(items, timings) ?? itemTotalsDecimal(items, timings);
}

/**
 * {@link itemTotals} in whole fen: every amount a text with two decimals and every sum a safe
 * integer; otherwise undefined (the decimal path then gives the totals).
 */
export function itemTotalsFen(items: readonly ItemOutcome[], timings: readonly string[] = []): ItemTotals | undefined {
  // Few payers and timings: parallel arrays in order first seen, no Map, no intermediate arrays.
  const payers: string[] = [];
  const payerSums: number[] = [];
  const timingNames: string[] = [...timings];
  const timingSums: number[] = timings.map(() => 0);
  let total = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const amount = textToFen(it.amount);
    if (amount === undefined) return undefined;
    total += amount;
    let t = timingNames.indexOf(it.timing);
    if (t < 0) t = timingNames.push(it.timing) - 1;
    timingSums[t] = (timingSums[t] ?? 0) + amount;
    const funding = it.funding;
    for (let j = 0; j < funding.length; j++) {
      const f = funding[j]!;
      const part = textToFen(f.amount);
      if (part === undefined) return undefined;
      let p = payers.indexOf(f.payer);
      if (p < 0) p = payers.push(f.payer) - 1;
      payerSums[p] = (payerSums[p] ?? 0) + part;
    }
  }
  // Every sum is of safe integers; it is exact while it stays one.
  if (!Number.isSafeInteger(total) || !payerSums.every(Number.isSafeInteger) || !timingSums.every(Number.isSafeInteger)) return undefined;
  return { amount: fenToText(total), byPayer: record(payers, payerSums), byTiming: record(timingNames, timingSums) };
}

/** Own data properties in order (a payer named "__proto__" in a rule file stays a key, as with Object.fromEntries). */
function record(keys: readonly string[], fen: readonly number[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k === '__proto__') Object.defineProperty(out, k, { value: fenToText(fen[i]!), enumerable: true, writable: true, configurable: true });
    else out[k] = fenToText(fen[i]!);
  }
  return out;
}

/** {@link itemTotals} with decimal.js (any amount a decimal text). */
export function itemTotalsDecimal(items: readonly ItemOutcome[], timings: readonly string[] = []): ItemTotals {
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
