/**
 * Decision records: a decision together with the request that produced it, the ruleset's id and
 * content hash, the parameter values read and the engine version, as canonical JSON (RFC 8785,
 * sorted keys) with a hash of its own. Pure and browser-safe.
 */
import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../engine/canonical-json';
import type { AnyDecision as Decision } from '../engine/engine';
import type { DecisionRequest } from '../engine/types';
import { InputError, type Issue } from '../engine/errors';
import { isoDate, zodIssues } from '../engine/schemas';
import { ENGINE_VERSION } from '../version';

/**
 * The format tag every record carries; a reader rejects records of another format.
 *
 * @example
 * ```ts
 * if (record.format !== RECORD_FORMAT) throw new Error('not a zhengdi record');
 * ```
 */
export const RECORD_FORMAT = 'zhengdi-record/1' as const;

/**
 * The request as replayed: every field explicit (the `asOf` actually used, the overrides). The
 * same shape as the request a decision carries (`decision.request`).
 *
 * @example
 * ```ts
 * const r: RecordedRequest = { kind: 'eligibility', jurisdiction: 'cn.hunan.shaoyang', asOf: '2023-05-10', input };
 * ```
 */
export interface RecordedRequest extends DecisionRequest {
  /** Per-call overrides, when the call had any. */
  parameters?: Record<string, string | number | readonly string[]>;
}

/**
 * A self-contained, JSON-serialisable record of one decision. `JSON.stringify` of a record made
 * by {@link toRecord} (or parsed from one) gives the same bytes as its canonical JSON.
 *
 * @example
 * ```ts
 * const record: DecisionRecord = toRecord(decision);
 * verifyRecordHash(record); // true
 * ```
 */
export interface DecisionRecord {
  /** `zhengdi-record/1`. */
  format: typeof RECORD_FORMAT;
  /** The caller's id for the record (a case number, `file:line`), if given. */
  id?: string;
  request: RecordedRequest;
  decision: Decision;
  /** The ruleset the decision was made under: replay looks it up by `hash`. */
  ruleset: { id: string; version: string; hash: string };
  /** Every parameter read, id → value (details with sources are in `decision.parameters`). */
  parameters: Record<string, string | number | string[]>;
  /** The version of zhengdi-rules that made the decision. */
  engineVersion: string;
  /** SHA-256 of the record's canonical JSON without `recordHash` and `chain`. */
  recordHash: string;
  /**
   * In a sealed record file (`zhengdi evaluate`): the record's place `n` (1-based) and the chain
   * hash up to it, SHA-256 of the previous record's chain hash followed by this `recordHash`
   * (docs/auditors.md). Not covered by `recordHash`: the chain is the file's, not the record's.
   */
  chain?: RecordChainLink;
}

/**
 * A record's link in a sealed file's hash chain.
 *
 * @example
 * ```ts
 * const link: RecordChainLink = { hash: 'a3…', n: 1 };
 * ```
 */
export interface RecordChainLink {
  /** SHA-256 (hex) of the previous record's `hash` (the genesis value for record 1) followed by this record's `recordHash`. */
  hash: string;
  /** The record's place in its file, from 1. */
  n: number;
}

/**
 * A SHA-256 implementation: the UTF-8 bytes of `text` to 64 lower-case hex digits. The default
 * is the portable one (runs in browsers); Node can pass its native one: the same bytes.
 *
 * @example
 * ```ts
 * const nodeSha: Sha256Hex = (t) => createHash('sha256').update(t, 'utf8').digest('hex');
 * ```
 */
export type Sha256Hex = (text: string) => string;

/**
 * The request as {@link toRecord} accepts it (an `EvaluateRequest`, or any object of that shape).
 *
 * @example
 * ```ts
 * const request: RequestLike = { kind: 'eligibility', input, parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': '0.4' } };
 * ```
 */
export interface RequestLike {
  kind: string;
  jurisdiction?: string;
  asOf?: string;
  input: unknown;
  parameters?: Readonly<Record<string, string | number | readonly string[]>>;
}

/**
 * Options of {@link toRecord}.
 *
 * @example
 * ```ts
 * toRecord(decision, { id: 'case-17' });
 * ```
 */
export interface ToRecordOptions {
  /** An id for the record (a case number, `file:line`). */
  id?: string;
}

/**
 * The hash a record should carry: SHA-256 of its canonical JSON without `recordHash`.
 *
 * @example
 * ```ts
 * recordHashOf(record) === record.recordHash; // false after an edit
 * ```
 */
export function recordHashOf(record: Omit<DecisionRecord, 'recordHash'> & { recordHash?: string }, sha256: Sha256Hex = sha256Hex): string {
  return contentHashOf(record, sha256);
}

/**
 * SHA-256 of a record's canonical JSON without `recordHash` and `chain`: the hash rule of every
 * record format (full and compact). @internal
 */
export function contentHashOf(record: { readonly recordHash?: unknown; readonly chain?: unknown }, sha256: Sha256Hex = sha256Hex): string {
  const { recordHash: _ignored, chain: _link, ...body } = record;
  return sha256(canonicalJson(body));
}

/**
 * A copy of a record body with keys sorted and its `recordHash` (the chain link dropped): what
 * `JSON.stringify` writes as the record's canonical JSON. For every record format. @internal
 */
export function sealContent<R extends { readonly recordHash?: unknown; readonly chain?: unknown }>(record: R): Omit<R, 'chain'> & { recordHash: string } {
  const { recordHash: _ignored, chain: _link, ...body } = record;
  // One canonical serialisation gives both the hash and (parsed back) a copy with sorted keys;
  // `recordHash` is then put in its sorted place among the top-level keys.
  const text = canonicalJson(body);
  const copy = JSON.parse(text) as Record<string, unknown>;
  copy.recordHash = sha256Hex(text);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(copy).sort()) out[k] = copy[k];
  return out as Omit<R, 'chain'> & { recordHash: string };
}

/**
 * A copy of a record with `recordHash` computed again (for tools that edit records on purpose).
 *
 * @example
 * ```ts
 * const corrected = sealRecord({ ...record, id: 'case-17b' });
 * verifyRecordHash(corrected); // true
 * ```
 */
export function sealRecord<R extends Omit<DecisionRecord, 'recordHash'> & { recordHash?: string }>(record: R): R & { recordHash: string } {
  return sealContent(record) as R & { recordHash: string };
}

/**
 * Whether a record's `recordHash` matches its content (false means it was edited after it was made).
 *
 * @example
 * ```ts
 * verifyRecordHash(parseRecord(JSON.parse(line))); // false if the line was edited
 * ```
 */
export function verifyRecordHash(record: DecisionRecord, sha256: Sha256Hex = sha256Hex): boolean {
  return typeof record.recordHash === 'string' && recordHashOf(record, sha256) === record.recordHash;
}

/**
 * Makes the audit record of a decision. The request is the one the decision carries
 * (`decision.request`: the `asOf` and jurisdiction actually used, the overrides), so that replay
 * needs nothing else. A decision without it (parsed from JSON, copied with a spread) is refused
 * with an InputError.
 *
 * @example
 * ```ts
 * const record = toRecord(engine.evaluate({ kind: 'eligibility', input }), { id: 'case-17' });
 * JSON.stringify(record); // canonical JSON, keys sorted; the same decision gives the same bytes
 * ```
 */
export function toRecord(decision: Decision, options?: ToRecordOptions): DecisionRecord;
/**
 * The same, with the request given again: it is checked against the decision (kind,
 * jurisdiction, `asOf`) and its input and overrides are the ones recorded.
 *
 * @deprecated The decision carries its request: call `toRecord(decision, options)`.
 *
 * @example
 * ```ts
 * const record = toRecord(engine.evaluate(request), request, { id: 'case-17' });
 * ```
 */
export function toRecord(decision: Decision, request: RequestLike, options?: ToRecordOptions): DecisionRecord;
export function toRecord(decision: Decision, requestOrOptions?: RequestLike | ToRecordOptions, options?: ToRecordOptions): DecisionRecord {
  const [request, opts] = recordArguments(decision, requestOrOptions, options);
  return sealRecord(recordBody(decision, request, opts));
}

/** Whether a second argument is a request (it has a kind or an input), not options. */
function isRequestLike(x: unknown): x is RequestLike {
  return x !== null && typeof x === 'object' && ('kind' in x || 'input' in x);
}

/**
 * The request and options of `toRecord(decision, options?)` or `toRecord(decision, request,
 * options?)`: the request given, or the one the decision carries (an InputError when it has none).
 *
 * @example
 * ```ts
 * const [request, options] = recordArguments(decision, { id: 'case-17' });
 * ```
 */
export function recordArguments(decision: Decision, requestOrOptions?: RequestLike | ToRecordOptions, options?: ToRecordOptions): [RequestLike, ToRecordOptions] {
  if (isRequestLike(requestOrOptions)) return [requestOrOptions, options ?? {}];
  const carried = decision !== null && typeof decision === 'object' ? decision.request : undefined;
  if (carried === undefined) {
    throw new InputError([{
      code: 'no_request',
      path: ['decision', 'request'],
      message: 'the decision carries no request (a decision parsed from JSON or copied with a spread loses it): record the decision the engine returned, or pass the request: toRecord(decision, request, options)',
    }]);
  }
  return [carried, (requestOrOptions as ToRecordOptions | undefined) ?? {}];
}

/**
 * The request as a record keeps it, after {@link recordBody}'s checks of the request and the
 * record id against the decision (an InputError listing every problem). For writers that build
 * a record's fields themselves (the compact line).
 *
 * @example
 * ```ts
 * recordedRequestOf(decision, decision.request!, { id: 'case-17' }).asOf; // the asOf replay uses
 * ```
 */
export function recordedRequestOf(decision: Decision, request: RequestLike, options: ToRecordOptions = {}): RecordedRequest {
  const issues: Issue[] = [];
  if (request.kind !== decision.kind) issues.push({ path: ['request', 'kind'], message: `is '${request.kind}' but the decision is of kind '${decision.kind}'` });
  if (request.jurisdiction !== undefined && request.jurisdiction !== decision.jurisdiction) {
    issues.push({ path: ['request', 'jurisdiction'], message: `is '${request.jurisdiction}' but the decision was made for '${decision.jurisdiction}'` });
  }
  // A kind whose clause names its date decides on that date and warns AS_OF_IGNORED: the record
  // keeps the caller's asOf, so that replay makes the same call (and the same warning).
  const asOfIgnored = decision.warnings.some((w) => w.code === 'AS_OF_IGNORED');
  if (request.asOf !== undefined && request.asOf !== decision.asOf && !asOfIgnored) {
    issues.push({ path: ['request', 'asOf'], message: `is ${request.asOf} but the decision was made as of ${decision.asOf}` });
  }
  if (options.id !== undefined && (typeof options.id !== 'string' || options.id.length === 0 || options.id.length > 200)) {
    issues.push({ path: ['id'], message: 'a record id is a string of 1 to 200 characters' });
  }
  if (issues.length > 0) throw new InputError(issues);
  // Keys inserted in sorted order (canonical JSON is then written the short way when it can be).
  const recordedRequest: RecordedRequest = { asOf: asOfIgnored && request.asOf !== undefined ? request.asOf : decision.asOf, input: request.input, jurisdiction: decision.jurisdiction, kind: decision.kind };
  if (request.parameters && Object.keys(request.parameters).length > 0) recordedRequest.parameters = { ...request.parameters };
  return recordedRequest;
}

/**
 * The content of {@link toRecord}'s record, before it is hashed: the checks of the request
 * against the decision (an InputError listing every problem), the request as recorded, the
 * parameter values read. For writers that hash and serialise in one pass (`src/records`).
 * Pass the request with {@link recordArguments} (`decision.request` when it carries one).
 *
 * @example
 * ```ts
 * const body = recordBody(decision, decision.request!, { id: 'case-17' });
 * ```
 */
export function recordBody(decision: Decision, request: RequestLike, options: ToRecordOptions = {}): Omit<DecisionRecord, 'recordHash'> {
  const recordedRequest = recordedRequestOf(decision, request, options);
  const parameters: Record<string, string | number | string[]> = {};
  for (const p of decision.parameters) parameters[p.id] = p.value;
  const body: Omit<DecisionRecord, 'recordHash'> = {
    format: RECORD_FORMAT,
    ...(options.id !== undefined ? { id: options.id } : {}),
    request: recordedRequest,
    decision,
    ruleset: { id: decision.ruleset.id, version: decision.ruleset.version, hash: decision.ruleset.hash },
    parameters,
    engineVersion: ENGINE_VERSION,
  };
  return body;
}

const decimalOrNumber = z.union([z.string().max(100), z.number()]);

/** A parameter value in a record: a decimal or number, or a list of strings (list parameters). */
/** A parameter value in a record of any format. @internal */
export const parameterValue = z.union([decimalOrNumber, z.array(z.string().max(100)).max(100)]);

/** The shape a record must have to be replayed (decision contents are compared, not validated). */
export const decisionRecordSchema = z.object({
  format: z.literal(RECORD_FORMAT),
  id: z.string().min(1).max(200).optional(),
  request: z.object({
    kind: z.string().min(1).max(40),
    jurisdiction: z.string().min(1).max(100),
    asOf: isoDate,
    input: z.unknown(),
    parameters: z.record(z.string().max(120), parameterValue).optional(),
  }),
  decision: z.looseObject({ kind: z.string(), jurisdiction: z.string(), asOf: z.string(), outcome: z.unknown(), reasons: z.array(z.unknown()) }),
  ruleset: z.object({ id: z.string(), version: z.string().optional(), hash: z.string().regex(/^[0-9a-f]{64}$/, 'a ruleset hash is 64 lower-case hex digits') }),
  parameters: z.record(z.string(), parameterValue).optional(),
  engineVersion: z.string(),
  recordHash: z.string(),
  chain: z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/, 'a chain hash is 64 lower-case hex digits'), n: z.number().int().min(1) }).optional(),
});

/**
 * Checks that a value is a decision record; throws an InputError listing every problem.
 *
 * @example
 * ```ts
 * const record = parseRecord(JSON.parse(line)); // throws an InputError listing every problem
 * ```
 */
export function parseRecord(value: unknown): DecisionRecord {
  const v = jsonOf(value);
  const parsed = decisionRecordSchema.safeParse(v);
  if (!parsed.success) throw new InputError(zodIssues(parsed.error));
  return v as DecisionRecord;
}

/** A record given as JSON text, parsed (an InputError when it is not JSON); any other value as it is. @internal */
export function jsonOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch (e) {
    throw new InputError([{ path: [], message: `not JSON: ${e instanceof Error ? e.message : String(e)}` }]);
  }
}
