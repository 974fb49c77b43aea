/**
 * Compact decision records (`zhengdi-compact/1`): what a decision cannot be made again without
 * (the request, the ruleset by hash, the parameter values read) and what it said (the outcome,
 * each reason's result, the warning codes), without the texts, citations and parameter sources
 * a re-evaluation gives again. Decisions are deterministic, so {@link expandRecord} re-decides a
 * compact record under its ruleset with its figures and returns the full `zhengdi-record/1`
 * record, after checking that the re-derivation says what the compact record says. Pure.
 */
import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../engine/canonical-json';
import type { AnyDecision as Decision, EngineCore } from '../engine/engine';
import { InputError, type Issue } from '../engine/errors';
import { zodIssues } from '../engine/schemas';
import type { ParameterRead } from '../engine/types';
import { diffValues, type Diff } from './diff';
import { contentHashOf, decisionRecordSchema, jsonOf, parameterValue, recordArguments, recordBody, sealContent, sealRecord, type DecisionRecord, type RecordChainLink, type RecordedRequest, type RequestLike, type Sha256Hex, type ToRecordOptions } from './record';

/**
 * The format tag of a compact record.
 *
 * @example
 * ```ts
 * if (record.format === COMPACT_FORMAT) record = expandRecord(record, engine);
 * ```
 */
export const COMPACT_FORMAT = 'zhengdi-compact/1' as const;

/**
 * One reason's result in a compact record: the rule id, whether it held, and its subject when it
 * has one (an applicant, a person, a household).
 *
 * @example
 * ```ts
 * const r: CompactReason = ['in-scope-age-16', true, 'P0'];
 * ```
 */
export type CompactReason = [rule: string, holds: boolean] | [rule: string, holds: boolean, subject: string];

/**
 * A compact decision record: canonical JSON with its own `recordHash`, like a full record, about
 * a sixth of its size for a payout. {@link expandRecord} gives the full record back.
 *
 * @example
 * ```ts
 * const compact: CompactRecord = toCompactRecord(engine.evaluate(request), { id: 'P-17' });
 * expandRecord(compact, engine); // the zhengdi-record/1 record, byte for byte
 * ```
 */
export interface CompactRecord {
  /** `zhengdi-compact/1`. */
  format: typeof COMPACT_FORMAT;
  /** The caller's id for the record, if given. */
  id?: string;
  /** The request as a full record stores it (the `asOf` and jurisdiction used, the overrides). */
  request: RecordedRequest;
  /** The decision's outcome, whole. */
  outcome: unknown;
  /** The ruleset the decision was made under (re-derivation looks it up by `hash`). */
  ruleset: { id: string; version: string; hash: string };
  /** Every parameter read, id → value, in the order read (pinned when re-deriving). */
  parameters: Record<string, string | number | string[]>;
  /** Each reason's result, in the decision's order. */
  reasons: CompactReason[];
  /** The codes of the decision's warnings, in order. */
  warnings: string[];
  /** The version of zhengdi-rules that made the decision. */
  engineVersion: string;
  /** SHA-256 of the record's canonical JSON without `recordHash` and `chain`. */
  recordHash: string;
  /** In a sealed record file: the record's link in the file's hash chain (as for full records). */
  chain?: RecordChainLink;
}

/**
 * The compact record of a full record's content (the full record's body, before hashing).
 *
 * @example
 * ```ts
 * const body = compactOfBody(recordBody(decision, decision.request!));
 * ```
 */
export function compactOfBody(body: Omit<DecisionRecord, 'recordHash' | 'chain'>): Omit<CompactRecord, 'recordHash'> {
  const d = body.decision;
  return {
    format: COMPACT_FORMAT,
    ...(body.id !== undefined ? { id: body.id } : {}),
    request: body.request,
    outcome: d.outcome,
    ruleset: body.ruleset,
    parameters: body.parameters,
    reasons: d.reasons.map((r): CompactReason => (r.subject !== undefined ? [r.rule, r.holds, r.subject] : [r.rule, r.holds])),
    warnings: d.warnings.map((w) => w.code),
    engineVersion: body.engineVersion,
  };
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
export function compactHashOf(record: Omit<CompactRecord, 'recordHash'> & { recordHash?: string }, sha256: Sha256Hex = sha256Hex): string {
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

/** The shape of a compact record (what re-derivation needs; the outcome is compared, not validated). */
export const compactRecordSchema = z.object({
  format: z.literal(COMPACT_FORMAT),
  id: z.string().min(1).max(200).optional(),
  request: decisionRecordSchema.shape.request,
  outcome: z.unknown(),
  ruleset: z.object({ id: z.string(), version: z.string(), hash: z.string().regex(/^[0-9a-f]{64}$/, 'a ruleset hash is 64 lower-case hex digits') }),
  parameters: z.record(z.string().max(120), parameterValue),
  reasons: z.array(z.union([z.tuple([z.string(), z.boolean()]), z.tuple([z.string(), z.boolean(), z.string()])])),
  warnings: z.array(z.string()),
  engineVersion: z.string(),
  recordHash: z.string(),
  chain: decisionRecordSchema.shape.chain,
});

/**
 * Checks that a value (or JSON text) is a compact record; throws an InputError listing every problem.
 *
 * @example
 * ```ts
 * const compact = parseCompactRecord(line);
 * ```
 */
export function parseCompactRecord(value: unknown): CompactRecord {
  const v = jsonOf(value);
  const parsed = compactRecordSchema.safeParse(v);
  if (!parsed.success) throw new InputError(zodIssues(parsed.error));
  return v as CompactRecord;
}

/**
 * Whether a value is meant as a compact record (its `format`), before it is checked.
 *
 * @example
 * ```ts
 * isCompact(JSON.parse(line)); // true for a zhengdi-compact/1 line
 * ```
 */
export function isCompact(value: unknown): boolean {
  return value !== null && typeof value === 'object' && (value as { format?: unknown }).format === COMPACT_FORMAT;
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

function valuesOf(reads: readonly ParameterRead[]): Record<string, string | number | string[]> {
  const out: Record<string, string | number | string[]> = {};
  for (const p of reads) out[p.id] = p.value;
  return out;
}

/**
 * What differs between a compact record and the compact form of a re-derivation: the outcome,
 * each reason's result, the warning codes, the parameter values and the ruleset, with paths.
 *
 * @example
 * ```ts
 * compactDiffs(compact, compactOfBody(recordBody(decision, compact.request))); // [] when they agree
 * ```
 */
export function compactDiffs(recorded: Omit<CompactRecord, 'recordHash'>, replayed: Omit<CompactRecord, 'recordHash'>): Diff[] {
  const diffs: Diff[] = [];
  diffValues(recorded.outcome, replayed.outcome, 'outcome', diffs);
  diffValues(recorded.reasons, replayed.reasons, 'reasons', diffs);
  diffValues(recorded.warnings, replayed.warnings, 'warnings', diffs);
  diffValues(recorded.parameters, replayed.parameters, 'parameters', diffs);
  const ref = (r: { id?: unknown; version?: unknown; hash?: unknown }) => ({ id: r.id, hash: r.hash });
  diffValues(ref(recorded.ruleset), ref(replayed.ruleset), 'ruleset', diffs);
  return diffs;
}

/**
 * What differs between a compact record and a decision made again from its request (the
 * decision's compact form, compared with {@link compactDiffs}), and a `recordHash` that no longer
 * matches the record's content.
 *
 * @example
 * ```ts
 * compactDecisionDiffs(compact, engine.evaluate(compact.request)); // [] when they agree
 * ```
 */
export function compactDecisionDiffs(compact: CompactRecord, decision: Decision): Diff[] {
  const { recordHash: _h, chain: _c, ...body } = compact;
  const diffs = compactDiffs(body, compactOfBody(recordBody(decision, compact.request, compact.id !== undefined ? { id: compact.id } : {})));
  const computed = compactHashOf(compact);
  if (computed !== compact.recordHash) diffs.push({ path: 'recordHash', recorded: compact.recordHash, replayed: computed });
  return diffs;
}

const sameJson = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/**
 * Re-decides a compact record under the ruleset it names by hash with the parameter values it
 * recorded, and compares: the full record of the re-derivation and the differences. Throws what
 * the engine throws (`NoRulesetInForceError` for an unknown hash, an InputError for a request it
 * refuses).
 *
 * @example
 * ```ts
 * const { diffs } = rederive(parseCompactRecord(line), engine);
 * ```
 */
export function rederive(compact: CompactRecord, host: ExpandHost): Rederived {
  let decision = host.evaluateUnder(compact.ruleset.hash, compact.request);
  if (!sameJson(valuesOf(decision.parameters), compact.parameters)) {
    // Figures other than today's for that date: pin the recorded values (the reads' windows and
    // sources are the engine's; a compact record does not keep them).
    const pinned = decision.parameters.map((p) => (!p.overridden && Object.hasOwn(compact.parameters, p.id) ? { ...p, value: compact.parameters[p.id]! } : p));
    decision = host.evaluateUnder(compact.ruleset.hash, compact.request, { pinned });
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
export function expandRecord(compact: CompactRecord | unknown, host: ExpandHost): DecisionRecord {
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
