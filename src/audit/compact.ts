/**
 * Compact decision records (`zhengdi-compact/2`; `zhengdi-compact/1` is still read): what a
 * decision cannot be made again without (the request, the ruleset by hash, the parameter values
 * read) and what it said (the outcome's figures, each reason's result, the warnings), without the
 * texts, citations, item attributes and parameter sources a re-evaluation gives again. Decisions are deterministic, so {@link expandRecord} re-decides a
 * compact record under its ruleset with its figures and returns the full `zhengdi-record/1`
 * record, after checking that the re-derivation says what the compact record says. Pure.
 */
import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../engine/canonical-json';
import type { AnyDecision as Decision, EngineCore } from '../engine/engine';
import { InputError, type Issue } from '../engine/errors';
import { zodIssues } from '../engine/schemas';
import type { ParameterRead } from '../engine/types';
import { reasonResultsOf } from '../engine/lazy-reasons';
import { sortStrings, sortedKeys } from '../engine/sorted-keys';
import { ENGINE_VERSION } from '../version';
import { diffValues, type Diff } from './diff';
import { contentHashOf, decisionRecordSchema, jsonOf, parameterValue, recordArguments, recordBody, recordedRequestOf, sealContent, sealRecord, type DecisionRecord, type RecordChainLink, type RecordedRequest, type RequestLike, type Sha256Hex, type ToRecordOptions } from './record';

/**
 * The format tag of the compact records written: `zhengdi-compact/2`. Records of
 * {@link COMPACT_FORMAT_V1} are still read, expanded and replayed.
 *
 * @example
 * ```ts
 * if (record.format === COMPACT_FORMAT) record = expandRecord(record, engine);
 * ```
 */
export const COMPACT_FORMAT = 'zhengdi-compact/2' as const;

/**
 * The format tag of the first compact records (written by unreleased versions before 2026-12-02):
 * read, expanded and replayed, no longer written.
 *
 * @example
 * ```ts
 * isCompact({ format: COMPACT_FORMAT_V1 }); // true
 * ```
 */
export const COMPACT_FORMAT_V1 = 'zhengdi-compact/1' as const;

/** A parameter value as records keep it: a decimal text or number, or a list of strings. */
type ParameterValue = string | number | string[];

/**
 * One reason's result in a `zhengdi-compact/1` record: the rule id, whether it held, and its
 * subject when it has one (an applicant, a person, a household).
 *
 * @example
 * ```ts
 * const r: CompactReason = ['in-scope-age-16', true, 'P0'];
 * ```
 */
export type CompactReason = [rule: string, holds: boolean] | [rule: string, holds: boolean, subject: string];

/**
 * The reasons of one subject in a `zhengdi-compact/2` record (consecutive reasons with the same
 * subject): the subject (`null` for reasons without one), how many reasons there are, and the ids
 * of the rules that held, in order. The others did not hold; which they are, the re-derivation
 * says (the ruleset is pinned by hash), and it is compared with this group.
 *
 * @example
 * ```ts
 * const g: CompactReasonGroup = ['P6', 16, 'in-scope-age-16', 'pension-stage-has-item', 'signing-fee'];
 * ```
 */
export type CompactReasonGroup = [subject: string | null, count: number, ...held: string[]];

/**
 * An item of an outcome (an `ItemOutcome`: a money item granted) in a `zhengdi-compact/2`
 * record: its id, its amount, and who pays it: the payer's name when one payer pays it all,
 * else each payer's part in order. Its code, article, timing and label are the ruleset item's
 * (pinned by hash) and come back with the re-derivation.
 *
 * @example
 * ```ts
 * const one: CompactItem = ['signing-fee', '3000.00', 'town'];
 * const split: CompactItem = ['resident-account-refund', '5910.80', [['district', '2955.40'], ['town', '2955.40']]];
 * ```
 */
export type CompactItem = [id: string, amount: string, funding: string | Array<[payer: string, amount: string]>];

/**
 * A compact decision record (`zhengdi-compact/2`): canonical JSON with its own `recordHash`,
 * like a full record, about a twelfth of its size for a payout. {@link expandRecord} gives the
 * full record back.
 *
 * @example
 * ```ts
 * const compact: CompactRecord = toCompactRecord(engine.evaluate(request), { id: 'P-17' });
 * expandRecord(compact, engine); // the zhengdi-record/1 record, byte for byte
 * ```
 */
export interface CompactRecord {
  /** `zhengdi-compact/2`. */
  format: typeof COMPACT_FORMAT;
  /** The caller's id for the record, if given. */
  id?: string;
  /** The request as a full record stores it (the `asOf` and jurisdiction used, the overrides). */
  request: RecordedRequest;
  /**
   * The decision's outcome, with each money item as a {@link CompactItem} (its id, amount and
   * funding; not its texts, article, code or timing). Everything else of the outcome is whole.
   */
  outcome: unknown;
  /** The hash of the ruleset the decision was made under (re-derivation looks it up by hash). */
  ruleset: string;
  /**
   * Every parameter read, grouped by the id's namespace (the id up to its last dot):
   * `{ 'cn.shanghai': { 'pension-rate': '0.24' } }` is the read of `cn.shanghai.pension-rate`.
   */
  parameters: Record<string, Record<string, string | number | string[]>>;
  /** Each reason's result, grouped by subject, in the decision's order. */
  reasons: CompactReasonGroup[];
  /** How many warnings of each code the decision gave. */
  warnings: Record<string, number>;
  /** The version of zhengdi-rules that made the decision. */
  engineVersion: string;
  /** SHA-256 of the record's canonical JSON without `recordHash` and `chain`. */
  recordHash: string;
  /** In a sealed record file: the record's link in the file's hash chain (as for full records). */
  chain?: RecordChainLink;
}

/**
 * A `zhengdi-compact/1` record (read, no longer written): the outcome whole, the ruleset's id,
 * version and hash, the parameter values by id, each reason as a {@link CompactReason} and the
 * warning codes in order.
 *
 * @example
 * ```ts
 * const old = parseCompactRecord(line);
 * if (old.format === COMPACT_FORMAT_V1) old.ruleset.hash;
 * ```
 */
export interface CompactRecordV1 extends Omit<CompactRecord, 'format' | 'ruleset' | 'parameters' | 'reasons' | 'warnings'> {
  format: typeof COMPACT_FORMAT_V1;
  ruleset: { id: string; version: string; hash: string };
  parameters: Record<string, string | number | string[]>;
  reasons: CompactReason[];
  warnings: string[];
}

/**
 * A compact record of either format (what {@link parseCompactRecord} returns).
 *
 * @example
 * ```ts
 * const c: AnyCompactRecord = parseCompactRecord(line);
 * compactRulesetHash(c);
 * ```
 */
export type AnyCompactRecord = CompactRecord | CompactRecordV1;

type CompactFormat = AnyCompactRecord['format'];

/**
 * The hash of the ruleset a compact record of either format was made under.
 *
 * @example
 * ```ts
 * engine.rulesetByHash(compactRulesetHash(parseCompactRecord(line)));
 * ```
 */
export function compactRulesetHash(c: AnyCompactRecord): string {
  return c.format === COMPACT_FORMAT_V1 ? c.ruleset.hash : c.ruleset;
}

/**
 * The parameter values a compact record of either format read, by parameter id.
 *
 * @example
 * ```ts
 * compactParameters(c)['cn.shanghai.pension-rate']; // '0.24'
 * ```
 */
export function compactParameters(c: AnyCompactRecord): Record<string, string | number | string[]> {
  if (c.format === COMPACT_FORMAT_V1) return c.parameters;
  const out: Record<string, ParameterValue> = {};
  for (const ns of Object.keys(c.parameters)) {
    const group = c.parameters[ns]!;
    for (const name of Object.keys(group)) out[ns === '' ? name : `${ns}.${name}`] = group[name]!;
  }
  return out;
}

const ITEM_KEYS: ReadonlySet<string> = new Set(['amount', 'article', 'code', 'funding', 'id', 'label', 'timing']);

/** Whether a value is an item of an outcome (`ItemOutcome`): exactly its keys, with their types. */
function isItem(v: Record<string, unknown>): boolean {
  if (typeof v.id !== 'string' || typeof v.amount !== 'string' || typeof v.code !== 'string' || typeof v.article !== 'string' || typeof v.timing !== 'string') return false;
  const label = v.label as { zh?: unknown; en?: unknown } | null | undefined;
  if (label === null || typeof label !== 'object' || typeof label.zh !== 'string' || typeof label.en !== 'string') return false;
  if (!Array.isArray(v.funding) || v.funding.length === 0) return false;
  let n = 0;
  for (const k in v) {
    if (!Object.hasOwn(v, k) || !ITEM_KEYS.has(k)) return false;
    n++;
  }
  if (n !== ITEM_KEYS.size) return false;
  for (const f of v.funding as unknown[]) {
    if (f === null || typeof f !== 'object' || typeof (f as { payer?: unknown }).payer !== 'string' || typeof (f as { amount?: unknown }).amount !== 'string') return false;
  }
  return true;
}

// The builders below insert every object's keys in sorted order, so that the record's canonical
// JSON is what JSON.stringify writes (canonical-json.ts takes that short way); the bytes are the
// same either way.

/**
 * Whether what {@link compactOutcome} built since this was last set is plain JSON data whose
 * `JSON.stringify` is its canonical JSON: strings, booleans, null, finite numbers, dense arrays
 * and objects whose keys it inserted in sorted order (none integer-like, none `__proto__`),
 * nothing with a `toJSON`. Any doubt is a no: the value then goes to `canonicalJson`.
 */
let builtPlain = true;

/** An outcome as a `zhengdi-compact/2` record keeps it: each item (anywhere in it) as a {@link CompactItem}. */
function compactOutcome(v: unknown): unknown {
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) builtPlain = false;
    let visited = 0;
    const out = v.map((x: unknown) => {
      visited++;
      return compactOutcome(x);
    });
    if (visited !== v.length) builtPlain = false; // a hole
    return out;
  }
  if (v === null) return v;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      if (!Number.isFinite(v)) builtPlain = false;
      return v;
    case 'object':
      break;
    default:
      builtPlain = false; // undefined, a bigint, a symbol or a function
      return v;
  }
  const o = v as Record<string, unknown>;
  if (isItem(o)) {
    const funding = o.funding as Array<{ payer: string; amount: string }>;
    const paid = funding.length === 1 && funding[0]!.amount === o.amount ? funding[0]!.payer : funding.map((f): [string, string] => [f.payer, f.amount]);
    const item: CompactItem = [o.id as string, o.amount as string, paid];
    return item;
  }
  if (typeof (o as { toJSON?: unknown }).toJSON === 'function') {
    builtPlain = false;
    return o; // written as it says (a decimal)
  }
  const out: Record<string, unknown> = {};
  for (const k of sortedKeys(o)) {
    // An integer-like key is listed first whatever the insertion order; "__proto__" would set the prototype.
    const c = k.charCodeAt(0);
    if ((c >= 48 && c <= 57) || k === '__proto__') builtPlain = false;
    out[k] = compactOutcome(o[k]);
  }
  return out;
}

/**
 * The outcome field of a compact record as {@link compactTextBody} writes it: its canonical JSON
 * when the compact outcome is plain data built in order (`JSON.stringify`, without walking it
 * again to check), else the compact outcome for `canonicalJson`. The same text either way
 * (property-tested in test/audit/compact-outcome.test.ts). @internal
 */
export function compactOutcomeField(outcome: unknown): unknown {
  builtPlain = true;
  const value = compactOutcome(outcome);
  return builtPlain ? new CanonicalText(JSON.stringify(value)) : value;
}

/** The compact outcome, as {@link compactBody} keeps it. @internal */
export function compactOutcomeValue(outcome: unknown): unknown {
  return compactOutcome(outcome);
}

/** How a list of parameter ids is grouped: each namespace, in sorted order, with its names and ids in sorted order. */
type GroupPlan = Array<[ns: string, members: Array<[name: string, id: string]>]>;

/**
 * Plans by id list, found by walking a tree of the ids in order (no key string is built): the
 * rows of a batch read the same few lists, and building each group from a plan (the same keys in
 * the same order every time) is several times faster than splitting and sorting the ids again.
 * Bounded: emptied when it holds 512 lists.
 */
interface PlanNode {
  readonly next: Map<string, PlanNode>;
  plan?: GroupPlan;
}
let planTree: PlanNode = { next: new Map() };
let planCount = 0;

function groupPlan(ids: readonly string[]): GroupPlan {
  let node = planTree;
  for (let i = 0; i < ids.length; i++) {
    let n = node.next.get(ids[i]!);
    if (n === undefined) {
      n = { next: new Map() };
      node.next.set(ids[i]!, n);
    }
    node = n;
  }
  if (node.plan !== undefined) return node.plan;
  const groups = new Map<string, Array<[string, string]>>();
  for (const id of ids) {
    const dot = id.lastIndexOf('.');
    const ns = dot < 0 ? '' : id.slice(0, dot);
    const member: [string, string] = [id.slice(dot + 1), id];
    const members = groups.get(ns);
    if (members) members.push(member);
    else groups.set(ns, [member]);
  }
  const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const plan = [...groups.keys()].sort(byCodeUnits).map((ns): GroupPlan[number] => [ns, groups.get(ns)!.sort((a, b) => byCodeUnits(a[0], b[0]))]);
  if (planCount >= 512) {
    planTree = { next: new Map() };
    planCount = 0;
    return plan;
  }
  planCount++;
  node.plan = plan;
  return plan;
}

/** The parameter values read, grouped by namespace in sorted order (each group's names sorted). @internal */
export function groupedParameters(values: Record<string, ParameterValue>): CompactRecord['parameters'] {
  const out: CompactRecord['parameters'] = {};
  for (const [ns, members] of groupPlan(Object.keys(values))) {
    const group: Record<string, ParameterValue> = {};
    for (const [name, id] of members) group[name] = values[id]!;
    out[ns] = group;
  }
  return out;
}

function groupedReasons(reasons: ReadonlyArray<{ rule: string; holds: boolean; subject?: string }>): CompactReasonGroup[] {
  const out: CompactReasonGroup[] = [];
  let group: CompactReasonGroup | undefined;
  for (const r of reasons) {
    const subject = r.subject ?? null;
    if (group === undefined || group[0] !== subject) out.push((group = [subject, 0]));
    group[1]++;
    if (r.holds) group.push(r.rule);
  }
  return out;
}

function warningCounts(warnings: ReadonlyArray<{ code: string }>): Record<string, number> {
  const counts = new Map<string, number>();
  for (const w of warnings) counts.set(w.code, (counts.get(w.code) ?? 0) + 1);
  const out: Record<string, number> = {};
  for (const code of sortStrings([...counts.keys()])) out[code] = counts.get(code)!;
  return out;
}

/**
 * The compact record of a full record's content (the full record's body, before hashing), in
 * the format written ({@link COMPACT_FORMAT}) or, to compare with an older record, in
 * `zhengdi-compact/1`.
 *
 * @example
 * ```ts
 * const body = compactOfBody(recordBody(decision, decision.request!));
 * ```
 */
export function compactOfBody(body: Omit<DecisionRecord, 'recordHash' | 'chain'>): Omit<CompactRecord, 'recordHash'>;
/**
 * The same in a given format.
 *
 * @example
 * ```ts
 * const old = compactOfBody(recordBody(decision, decision.request!), COMPACT_FORMAT_V1);
 * ```
 */
export function compactOfBody<F extends CompactFormat>(body: Omit<DecisionRecord, 'recordHash' | 'chain'>, format: F): Omit<Extract<AnyCompactRecord, { format: F }>, 'recordHash'>;
export function compactOfBody(body: Omit<DecisionRecord, 'recordHash' | 'chain'>, format: CompactFormat = COMPACT_FORMAT): Omit<AnyCompactRecord, 'recordHash'> {
  const d = body.decision;
  const id = body.id !== undefined ? { id: body.id } : {};
  if (format === COMPACT_FORMAT_V1) {
    return {
      format: COMPACT_FORMAT_V1,
      ...id,
      request: body.request,
      outcome: d.outcome,
      ruleset: body.ruleset,
      parameters: body.parameters,
      reasons: d.reasons.map((r): CompactReason => (r.subject !== undefined ? [r.rule, r.holds, r.subject] : [r.rule, r.holds])),
      warnings: d.warnings.map((w) => w.code),
      engineVersion: body.engineVersion,
    };
  }
  return {
    engineVersion: body.engineVersion,
    format: COMPACT_FORMAT,
    ...id,
    outcome: compactOutcome(d.outcome),
    parameters: groupedParameters(body.parameters),
    reasons: groupedReasons(reasonResultsOf(d)),
    request: body.request,
    ruleset: body.ruleset.hash,
    warnings: warningCounts(d.warnings),
  };
}

/**
 * The canonical JSON of the parameters a decision read, grouped as a compact record keeps them
 * (`groupedParameters`). The rows of a batch read the same few sets of figures (one per date and
 * override set), so the text is kept per list of ids and values and given again: keyed by each
 * value's type and text (a number and a decimal text are told apart), only for values that are
 * numbers or strings (a list, which could be changed in place, is written afresh). A function
 * of the reads alone (their ids and values in order), so the same as writing it each time.
 * Bounded: 256 texts a list of ids. @internal
 */
export function parametersText(reads: readonly ParameterRead[]): string {
  const ids: string[] = new Array<string>(reads.length);
  let key: string | undefined = '';
  for (let i = 0; i < reads.length; i++) {
    const p = reads[i]!;
    ids[i] = p.id;
    const v: unknown = p.value;
    if (typeof p.id !== 'string') key = undefined;
    else if (key !== undefined) {
      if (typeof v === 'number') key += `\u0000n${v}`;
      else if (typeof v === 'string' && !v.includes('\u0000')) key += `\u0000s${v}`;
      else key = undefined;
    }
  }
  const texts = key === undefined ? undefined : parameterTexts(groupPlan(ids));
  const known = texts?.get(key!);
  if (known !== undefined) return known;
  const text = canonicalJson(groupedParameters(valuesOf(reads)));
  if (texts !== undefined) {
    if (texts.size >= 256) texts.clear();
    texts.set(key!, text);
  }
  return text;
}
const textsByPlan = new WeakMap<GroupPlan, Map<string, string>>();
function parameterTexts(plan: GroupPlan): Map<string, string> {
  let texts = textsByPlan.get(plan);
  if (texts === undefined) textsByPlan.set(plan, (texts = new Map()));
  return texts;
}

/**
 * A value already written as canonical JSON, for {@link compactTextBody}'s writer to write as it
 * is. @internal
 */
export class CanonicalText {
  constructor(readonly text: string) {}
}

/**
 * The fields of a decision's compact record for writing it as text (src/records/line.ts): those
 * of {@link compactBody}, with the parameters already written as canonical JSON
 * ({@link parametersText}) and the reasons read without writing their messages. @internal
 */
export function compactTextBody(decision: Decision, request: RequestLike, options: ToRecordOptions = {}): Record<string, unknown> {
  const recorded = recordedRequestOf(decision, request, options);
  const body: Record<string, unknown> = { engineVersion: ENGINE_VERSION, format: COMPACT_FORMAT };
  if (options.id !== undefined) body.id = options.id;
  body.outcome = compactOutcomeField(decision.outcome);
  body.parameters = new CanonicalText(parametersText(decision.parameters));
  body.reasons = groupedReasons(reasonResultsOf(decision));
  body.request = recorded;
  body.ruleset = decision.ruleset.hash;
  body.warnings = warningCounts(decision.warnings);
  return body;
}

/**
 * The content of a decision's compact record before it is hashed ({@link toCompactRecord}'s
 * checks: those of `toRecord`). For writers that hash and serialise in one pass.
 *
 * @example
 * ```ts
 * const body = compactBody(decision, decision.request!, { id: 'P-17' });
 * ```
 */
export function compactBody(decision: Decision, request: RequestLike, options: ToRecordOptions = {}): Omit<CompactRecord, 'recordHash'> {
  return compactOfBody(recordBody(decision, request, options));
}

/**
 * The hash a compact record should carry: SHA-256 of its canonical JSON without `recordHash`
 * and `chain` (the same rule as for full records).
 *
 * @example
 * ```ts
 * compactHashOf(compact) === compact.recordHash; // false after an edit
 * ```
 */
export function compactHashOf(record: Omit<AnyCompactRecord, 'recordHash'> & { recordHash?: string }, sha256: Sha256Hex = sha256Hex): string {
  return contentHashOf(record, sha256);
}

const sealCompact = (body: Omit<CompactRecord, 'recordHash'>): CompactRecord => sealContent(body) as CompactRecord;

/**
 * Makes the compact record of a decision (the request it carries, or the one given as with
 * `toRecord`). `JSON.stringify` of it is its canonical JSON.
 *
 * @example
 * ```ts
 * const line = JSON.stringify(toCompactRecord(engine.evaluate({ kind: 'payout', input }), { id: 'P-17' }));
 * ```
 */
export function toCompactRecord(decision: Decision, options?: ToRecordOptions): CompactRecord;
/**
 * The same, with the request given again (checked against the decision).
 *
 * @deprecated The decision carries its request: call `toCompactRecord(decision, options)`.
 *
 * @example
 * ```ts
 * toCompactRecord(engine.evaluate(request), request, { id: 'P-17' });
 * ```
 */
export function toCompactRecord(decision: Decision, request: RequestLike, options?: ToRecordOptions): CompactRecord;
export function toCompactRecord(decision: Decision, requestOrOptions?: RequestLike | ToRecordOptions, options?: ToRecordOptions): CompactRecord {
  const [request, opts] = recordArguments(decision, requestOrOptions, options);
  return sealCompact(compactBody(decision, request, opts));
}

/**
 * The compact form of a full record (its `recordHash` computed for the compact content; the
 * chain link is the file's and is left out).
 *
 * @example
 * ```ts
 * const compact = compactRecordOf(parseRecord(line));
 * ```
 */
export function compactRecordOf(record: DecisionRecord): CompactRecord {
  const { recordHash: _h, chain: _c, ...body } = record;
  return sealCompact(compactOfBody(body));
}

const rulesetHash = z.string().regex(/^[0-9a-f]{64}$/, 'a ruleset hash is 64 lower-case hex digits');

/** The shape of a `zhengdi-compact/1` record (what re-derivation needs; the outcome is compared, not validated). */
const compactV1Schema = z.object({
  format: z.literal(COMPACT_FORMAT_V1),
  id: z.string().min(1).max(200).optional(),
  request: decisionRecordSchema.shape.request,
  outcome: z.unknown(),
  ruleset: z.object({ id: z.string(), version: z.string(), hash: rulesetHash }),
  parameters: z.record(z.string().max(120), parameterValue),
  reasons: z.array(z.union([z.tuple([z.string(), z.boolean()]), z.tuple([z.string(), z.boolean(), z.string()])])),
  warnings: z.array(z.string()),
  engineVersion: z.string(),
  recordHash: z.string(),
  chain: decisionRecordSchema.shape.chain,
});

/** The shape of a `zhengdi-compact/2` record (what re-derivation needs; the outcome is compared, not validated). */
const compactV2Schema = z.object({
  format: z.literal(COMPACT_FORMAT),
  id: z.string().min(1).max(200).optional(),
  request: decisionRecordSchema.shape.request,
  outcome: z.unknown(),
  ruleset: rulesetHash,
  parameters: z.record(z.string().max(120), z.record(z.string().max(120), parameterValue)),
  reasons: z.array(z.tuple([z.string().nullable(), z.number().int().min(0)], z.string())),
  warnings: z.record(z.string(), z.number().int().min(1)),
  engineVersion: z.string(),
  recordHash: z.string(),
  chain: decisionRecordSchema.shape.chain,
});

/** The shape of a compact record of either format. */
export const compactRecordSchema = z.discriminatedUnion('format', [compactV2Schema, compactV1Schema]);

/**
 * Checks that a value (or JSON text) is a compact record of either format; throws an InputError
 * listing every problem.
 *
 * @example
 * ```ts
 * const compact = parseCompactRecord(line);
 * ```
 */
export function parseCompactRecord(value: unknown): AnyCompactRecord {
  const v = jsonOf(value);
  const parsed = compactRecordSchema.safeParse(v);
  if (!parsed.success) throw new InputError(zodIssues(parsed.error));
  return v as AnyCompactRecord;
}

/**
 * Whether a value is meant as a compact record of either format (its `format`), before it is checked.
 *
 * @example
 * ```ts
 * isCompact(JSON.parse(line)); // true for a zhengdi-compact/2 or zhengdi-compact/1 line
 * ```
 */
export function isCompact(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const format = (value as { format?: unknown }).format;
  return format === COMPACT_FORMAT || format === COMPACT_FORMAT_V1;
}

/**
 * What re-derivation needs from an engine: `evaluateUnder` (any engine or engine core has it).
 *
 * @example
 * ```ts
 * const host: ExpandHost = createEngine();
 * expandRecord(compact, host);
 * ```
 */
export type ExpandHost = Pick<EngineCore, 'evaluateUnder'>;

/**
 * A compact record re-derived: the full record of the re-derivation and what differs from the
 * compact record (`outcome…`, `reasons[i]`, `warnings[i]`, `parameters…`, `recordHash`).
 *
 * @example
 * ```ts
 * const { record, diffs } = rederive(compact, engine);
 * ```
 */
export interface Rederived {
  record: DecisionRecord;
  diffs: Diff[];
}

function valuesOf(reads: readonly ParameterRead[]): Record<string, ParameterValue> {
  const out: Record<string, ParameterValue> = {};
  for (const p of reads) out[p.id] = p.value;
  return out;
}

/**
 * What differs between a compact record and the compact form (in the same format) of a
 * re-derivation: the outcome, the reason results, the warnings, the parameter values and the
 * ruleset, with paths.
 *
 * @example
 * ```ts
 * compactDiffs(compact, compactOfBody(recordBody(decision, compact.request))); // [] when they agree
 * ```
 */
export function compactDiffs(recorded: Omit<AnyCompactRecord, 'recordHash'>, replayed: Omit<AnyCompactRecord, 'recordHash'>): Diff[] {
  const diffs: Diff[] = [];
  diffValues(recorded.outcome, replayed.outcome, 'outcome', diffs);
  diffValues(recorded.reasons, replayed.reasons, 'reasons', diffs);
  diffValues(recorded.warnings, replayed.warnings, 'warnings', diffs);
  diffValues(recorded.parameters, replayed.parameters, 'parameters', diffs);
  const ref = (r: unknown) => (r !== null && typeof r === 'object' ? { id: (r as { id?: unknown }).id, hash: (r as { hash?: unknown }).hash } : r);
  diffValues(ref(recorded.ruleset), ref(replayed.ruleset), 'ruleset', diffs);
  return diffs;
}

/**
 * What differs between a compact record (of either format) and a decision made again from its
 * request (the decision's compact form in the record's format, compared with
 * {@link compactDiffs}), and a `recordHash` that no longer matches the record's content.
 *
 * @example
 * ```ts
 * compactDecisionDiffs(compact, engine.evaluate(compact.request)); // [] when they agree
 * ```
 */
export function compactDecisionDiffs(compact: AnyCompactRecord, decision: Decision): Diff[] {
  const { recordHash: _h, chain: _c, ...body } = compact;
  const diffs = compactDiffs(body, compactOfBody(recordBody(decision, compact.request, compact.id !== undefined ? { id: compact.id } : {}), compact.format));
  const computed = compactHashOf(compact);
  if (computed !== compact.recordHash) diffs.push({ path: 'recordHash', recorded: compact.recordHash, replayed: computed });
  return diffs;
}

const sameJson = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/**
 * Re-decides a compact record (of either format) under the ruleset it names by hash with the
 * parameter values it recorded, and compares: the full record of the re-derivation and the
 * differences. Throws what the engine throws (`NoRulesetInForceError` for an unknown hash, an
 * InputError for a request it refuses).
 *
 * @example
 * ```ts
 * const { diffs } = rederive(parseCompactRecord(line), engine);
 * ```
 */
export function rederive(compact: AnyCompactRecord, host: ExpandHost): Rederived {
  const hash = compactRulesetHash(compact);
  const recorded = compactParameters(compact);
  let decision = host.evaluateUnder(hash, compact.request);
  if (!sameJson(valuesOf(decision.parameters), recorded)) {
    // Figures other than today's for that date: pin the recorded values (the reads' windows and
    // sources are the engine's; a compact record does not keep them).
    const pinned = decision.parameters.map((p) => (!p.overridden && Object.hasOwn(recorded, p.id) ? { ...p, value: recorded[p.id]! } : p));
    decision = host.evaluateUnder(hash, compact.request, { pinned });
  }
  const record = sealRecord({ ...recordBody(decision, compact.request, compact.id !== undefined ? { id: compact.id } : {}), engineVersion: compact.engineVersion });
  const diffs = compactDecisionDiffs(compact, decision);
  return { record, diffs };
}

/** A diff's path (`outcome.items[0].amount`) as an issue path (`['outcome', 'items', 0, 'amount']`). */
function pathOf(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(JSON.parse(m[3]!) as string);
  }
  return out;
}

/**
 * The full `zhengdi-record/1` record of a compact record: re-decided under the ruleset named by
 * hash with the recorded parameter values, the same bytes as the full record made with the
 * decision. A compact record whose outcome, reason results, warnings or figures disagree with
 * the re-derivation (or with its own `recordHash`) is not expanded: an InputError lists each
 * difference at its path (code `compact_mismatch`).
 *
 * @example
 * ```ts
 * const full = expandRecord(parseCompactRecord(line), engine);
 * JSON.stringify(full); // the line `zhengdi evaluate --record-format full` writes
 * ```
 */
export function expandRecord(compact: AnyCompactRecord | unknown, host: ExpandHost): DecisionRecord {
  const c = parseCompactRecord(compact);
  const { record, diffs } = rederive(c, host);
  if (diffs.length > 0) {
    const issues: Issue[] = diffs.map((d) => ({
      code: 'compact_mismatch',
      path: pathOf(d.path),
      message: `recorded ${JSON.stringify(d.recorded) ?? 'nothing'}, re-derived ${JSON.stringify(d.replayed) ?? 'nothing'}`,
    }));
    throw new InputError(issues);
  }
  return record;
}
