import type { BatchError, BatchResult } from '../batch';
import { Dec, toMoney } from '../engine/decimal';
import type { Decision } from '../create-engine';

/**
 * A plain row for `console.table`, CSV or a notebook: column → string, number, boolean or
 * empty.
 *
 * @example
 * ```ts
 * const row: Row = { index: 0, applicant: 'A1', eligible: true, failed: '' };
 * ```
 */
export type Row = Record<string, string | number | boolean | null>;

/**
 * What the summary helpers read: decisions, or batch results (`{ index, decision }` or
 * `{ index, error }`). Decisions without an index are numbered by position.
 *
 * @example
 * ```ts
 * const items: SummaryItem[] = [decision, { index: 1, error: { code: 'INVALID_INPUT', message: '…' } }];
 * ```
 */
export type SummaryItem = Decision | BatchResult | { index: number; decision: AnyDecision } | { index: number; error: BatchError } | AnyDecision;

/**
 * A decision of any kind, seen structurally (a kind added later, or a decision read back
 * from a record file).
 *
 * @example
 * ```ts
 * const d: AnyDecision = JSON.parse(line).decision;
 * ```
 */
export interface AnyDecision {
  kind: string;
  jurisdiction: string;
  asOf: string;
  ruleset: { id: string; version: string; hash: string };
  outcome: unknown;
}

/**
 * One payout item as fixed in the public API (`payout`, Shanghai Gucun): code, article,
 * amount (decimal string, two places), timing and who funds it.
 *
 * @example
 * ```ts
 * const item: PayoutItemLike = { code: 'signing-fee', article: '五', amount: '3000.00', timing: 'at-expropriation',
 *   funding: [{ payer: 'acquiring-unit', amount: '3000.00' }] };
 * ```
 */
export interface PayoutItemLike {
  code: string;
  article?: string;
  amount: string;
  timing?: string;
  funding: Array<{ payer: string; amount: string }>;
  label?: { zh: string; en: string };
}

/**
 * The outcome shape of `payout` (public API): stage, items and totals by payer. The
 * summaries recognise any outcome of this shape, whatever its kind.
 *
 * @example
 * ```ts
 * if (isPayoutLike(decision.outcome)) console.log(decision.outcome.totals.byPayer);
 * ```
 */
export interface PayoutOutcomeLike {
  stage: string;
  ageAtExpropriation?: number;
  items: PayoutItemLike[];
  totals: { amount: string; atExpropriation?: string; deferred?: string; byPayer: Record<string, string> };
}

/**
 * Whether an outcome has the `payout` shape (items with funding, totals by payer).
 *
 * @example
 * ```ts
 * isPayoutLike({ stage: 'pension', items: [], totals: { amount: '0.00', byPayer: {} } }); // true
 * ```
 */
export function isPayoutLike(outcome: unknown): outcome is PayoutOutcomeLike {
  if (!isObject(outcome)) return false;
  const t = outcome.totals;
  return typeof outcome.stage === 'string' && Array.isArray(outcome.items) && isObject(t) && typeof t.amount === 'string' && isObject(t.byPayer);
}

/**
 * Whether an outcome lists applicants with an `eligible` flag (as `eligibility` does).
 *
 * @example
 * ```ts
 * if (hasApplicants(d.outcome)) d.outcome.applicants.filter((a) => a.eligible);
 * ```
 */
export function hasApplicants(outcome: unknown): outcome is { applicants: Array<{ id: string; eligible: boolean; failed?: string[] }> } {
  return isObject(outcome) && Array.isArray(outcome.applicants) && outcome.applicants.every((a) => isObject(a) && typeof a.id === 'string' && typeof a.eligible === 'boolean');
}

function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** An item normalised: index and either a decision or an error. */
interface Entry {
  index: number;
  decision?: AnyDecision;
  error?: BatchError;
}

function* entries(items: Iterable<SummaryItem>): Generator<Entry> {
  let position = 0;
  for (const item of items) {
    const it = item as Partial<{ index: number; decision: AnyDecision; error: BatchError }> & Partial<AnyDecision>;
    if (typeof it.index === 'number' && (it.decision || it.error)) yield { index: it.index, decision: it.decision, error: it.error };
    else yield { index: position, decision: item as AnyDecision };
    position++;
  }
}

function scalar(v: unknown): v is string | number | boolean | null {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** Scalar fields of an object, nested objects flattened with dots; arrays are left out. */
function flatten(obj: Record<string, unknown>, prefix = '', out: Row = {}): Row {
  for (const [k, v] of Object.entries(obj)) {
    if (scalar(v)) out[prefix + k] = v;
    else if (isObject(v)) flatten(v, `${prefix}${k}.`, out);
  }
  return out;
}

/**
 * One row per decision: index, kind, jurisdiction, date, ruleset version and the outcome's
 * scalar fields (nested objects flattened as `totals.amount`; lists left out). A failed item
 * gives a row with its `error` code and message.
 *
 * @example
 * ```ts
 * console.table(decisionRows(await collectBatch(evaluateBatch(engine, 'eligibility', households))));
 * ```
 */
export function decisionRows(items: Iterable<SummaryItem>): Row[] {
  const rows: Row[] = [];
  for (const e of entries(items)) {
    if (e.error) rows.push({ index: e.index, error: e.error.code, message: e.error.message });
    else {
      const d = e.decision!;
      rows.push({ index: e.index, kind: d.kind, jurisdiction: d.jurisdiction, asOf: d.asOf, ruleset: `${d.ruleset.id}@${d.ruleset.version}`, ...(isObject(d.outcome) ? flatten(d.outcome) : {}) });
    }
  }
  return rows;
}

/**
 * One row per applicant of outcomes that list applicants (`eligibility`): index of the
 * decision, applicant id, whether eligible, the rules that failed, and the decision's other
 * scalar outcome fields (e.g. `perCapitaAfterMu`). Failed items are left out (see
 * {@link decisionRows} or {@link errorRows}).
 *
 * @example
 * ```ts
 * const rows = applicantRows(results);
 * console.table(rows.filter((r) => !r.eligible));
 * ```
 */
export function applicantRows(items: Iterable<SummaryItem>): Row[] {
  const rows: Row[] = [];
  for (const e of entries(items)) {
    const o = e.decision?.outcome;
    if (!hasApplicants(o)) continue;
    const shared = flatten(o as unknown as Record<string, unknown>);
    for (const a of o.applicants) {
      rows.push({ index: e.index, applicant: a.id, eligible: a.eligible, failed: (a.failed ?? []).join('; '), ...shared, asOf: e.decision!.asOf });
    }
  }
  return rows;
}

/**
 * One row per payout item (outcomes of the `payout` shape): decision index, stage, item code,
 * article, timing, amount, and one column per payer (`payer:district`, …) with what that payer
 * funds of the item. Amounts stay decimal strings.
 *
 * @example
 * ```ts
 * console.table(payoutItemRows(results));
 * writeFileSync('items.csv', toCsv(payoutItemRows(results)));
 * ```
 */
export function payoutItemRows(items: Iterable<SummaryItem>): Row[] {
  const rows: Row[] = [];
  for (const e of entries(items)) {
    const o = e.decision?.outcome;
    if (!isPayoutLike(o)) continue;
    for (const item of o.items) {
      const row: Row = { index: e.index, stage: o.stage, code: item.code, article: item.article ?? null, timing: item.timing ?? null, amount: item.amount };
      for (const f of item.funding) row[`payer:${f.payer}`] = toMoney(new Dec((row[`payer:${f.payer}`] as string | undefined) ?? 0).plus(f.amount));
      rows.push(row);
    }
  }
  return rows;
}

/**
 * One row per item that could not be decided: index, error code, message and its issues
 * (`path: message`, separated by `; `).
 *
 * @example
 * ```ts
 * console.table(errorRows(results));
 * ```
 */
export function errorRows(items: Iterable<SummaryItem>): Row[] {
  const rows: Row[] = [];
  for (const e of entries(items)) {
    if (!e.error) continue;
    const issues = (e.error.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    rows.push({ index: e.index, code: e.error.code, message: e.error.message.split('\n')[0] ?? '', issues });
  }
  return rows;
}

function addTo(map: Map<string, Dec>, key: string, amount: string | Dec): void {
  map.set(key, (map.get(key) ?? new Dec(0)).plus(amount));
}

/**
 * Sums `outcome.totals.byPayer` over every decision of the payout shape, exactly (decimal.js),
 * as money strings by payer (payers sorted by name).
 *
 * @example
 * ```ts
 * totalsByPayer(results); // { 'acquiring-unit': '13000.00', district: '…', town: '…' }
 * ```
 */
export function totalsByPayer(items: Iterable<SummaryItem>): Record<string, string> {
  const sums = new Map<string, Dec>();
  for (const e of entries(items)) {
    const o = e.decision?.outcome;
    if (isObject(o) && isObject(o.totals) && isObject(o.totals.byPayer)) {
      for (const [payer, amount] of Object.entries(o.totals.byPayer)) addTo(sums, payer, String(amount));
    }
  }
  return Object.fromEntries([...sums.keys()].sort().map((k) => [k, toMoney(sums.get(k)!)]));
}

/**
 * Totals of payout-shaped decisions by stage (`employment`, `pension`): how many people,
 * and the amounts (total, at expropriation, deferred), one row per stage.
 *
 * @example
 * ```ts
 * console.table(totalsByStage(results));
 * // [{ stage: 'employment', people: 3, amount: '…', atExpropriation: '…', deferred: '…' }, …]
 * ```
 */
export function totalsByStage(items: Iterable<SummaryItem>): Row[] {
  const stages = new Map<string, { people: number; amount: Dec; at: Dec; deferred: Dec }>();
  for (const e of entries(items)) {
    const o = e.decision?.outcome;
    if (!isPayoutLike(o)) continue;
    const s = stages.get(o.stage) ?? { people: 0, amount: new Dec(0), at: new Dec(0), deferred: new Dec(0) };
    s.people++;
    s.amount = s.amount.plus(o.totals.amount);
    s.at = s.at.plus(o.totals.atExpropriation ?? 0);
    s.deferred = s.deferred.plus(o.totals.deferred ?? 0);
    stages.set(o.stage, s);
  }
  return [...stages.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([stage, s]) => ({ stage, people: s.people, amount: toMoney(s.amount), atExpropriation: toMoney(s.at), deferred: toMoney(s.deferred) }));
}

/**
 * Counts outcomes, one row per outcome label with its count, largest first: for outcomes with
 * applicants, `eligible` or `not eligible: <failed rules>` per applicant; for payout-shaped
 * outcomes the stage; for a failed item `error: <code>`; otherwise `decided`.
 *
 * @example
 * ```ts
 * console.table(totalsByOutcome(results));
 * // [{ outcome: 'eligible', count: 812 }, { outcome: 'not eligible: age-16', count: 40 }, …]
 * ```
 */
export function totalsByOutcome(items: Iterable<SummaryItem>): Array<{ outcome: string; count: number }> {
  const counts = new Map<string, number>();
  const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const e of entries(items)) {
    const o = e.decision?.outcome;
    if (e.error) add(`error: ${e.error.code}`);
    else if (hasApplicants(o)) for (const a of o.applicants) add(a.eligible ? 'eligible' : `not eligible: ${(a.failed ?? []).join(', ')}`);
    else if (isPayoutLike(o)) add(o.stage);
    else add('decided');
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([outcome, count]) => ({ outcome, count }));
}

/**
 * Options of {@link toCsv}.
 *
 * @example
 * ```ts
 * toCsv(rows, { columns: ['applicant', 'eligible'], eol: '\r\n' });
 * ```
 */
export interface CsvOptions {
  /** Columns in order (default: every column, in order of first appearance). */
  columns?: string[];
  /** Field separator (default `,`). */
  separator?: string;
  /** Line ending (default `\n`; `\r\n` for strict RFC 4180). */
  eol?: string;
}

/**
 * Rows as CSV text (RFC 4180 quoting): a header line, then one line per row. A field is
 * quoted when it holds the separator, a quote, a line break, or leading/trailing spaces;
 * quotes are doubled. `null` and missing cells are empty. The text ends with a line ending.
 *
 * @example
 * ```ts
 * toCsv([{ id: 'A1', note: 'say "hi", then go' }]);
 * // 'id,note\nA1,"say ""hi"", then go"\n'
 * ```
 */
export function toCsv(rows: ReadonlyArray<Readonly<Record<string, unknown>>>, options: CsvOptions = {}): string {
  const sep = options.separator ?? ',';
  const eol = options.eol ?? '\n';
  const columns = options.columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const field = (v: unknown): string => {
    const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return s.includes(sep) || /["\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.map(field).join(sep), ...rows.map((r) => columns.map((c) => field(r[c])).join(sep))].map((l) => l + eol).join('');
}
