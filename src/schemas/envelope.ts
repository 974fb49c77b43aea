/**
 * zod schemas of what crosses the service boundary and is not already a kind's input schema:
 * the evaluate request envelope, the decision envelope, the batch result, the record and the
 * service's error bodies. They describe the library's objects (they are checked against real
 * decisions and records in the tests); the JSON Schemas in `schemas/*.json` and the OpenAPI
 * document are generated from them. Pure and browser-safe.
 */
import { z } from 'zod';
import { RECORD_FORMAT } from '../audit/record';
import { COMPACT_FORMAT, COMPACT_FORMAT_V1 } from '../audit/compact';
import { parameterOverridesSchema as engineOverrides, requestEnvelopeSchema } from '../engine/engine';
import { isoDate, localized } from '../engine/schemas';

/** A decimal given as a string (`"1.25"`) or a finite number, as every decimal input accepts. */
export const decimalString = z.string().regex(/^-?\d+(?:\.\d+)?$/);

/** A 64-digit lower-case hex SHA-256. */
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** Per-call parameter overrides, as `engine.evaluate` takes them (the engine's own schema). */
export const parameterOverridesSchema = engineOverrides;

/**
 * The envelope of `engine.evaluate`: the engine's own schema, so the two cannot drift apart; the
 * input itself is checked by the kind's schema.
 */
export const evaluateRequestSchema = requestEnvelopeSchema;

/** A clause: document and article. */
export const citationSchema = z.strictObject({ docNo: z.string(), article: z.string() });

/** The document a ruleset enacts. */
export const rulesetSourceSchema = z.looseObject({ docNo: z.string(), title: z.string(), issuedOn: isoDate.nullable() });

/** The ruleset a decision was made under. */
export const rulesetRefSchema = z.strictObject({
  id: z.string(),
  version: z.string(),
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullable(),
  hash: sha256Hex,
  source: rulesetSourceSchema,
});

/** What `engine.rulesets()` lists for each ruleset. */
export const rulesetSummarySchema = z.strictObject({
  id: z.string(),
  jurisdiction: z.string(),
  kinds: z.array(z.string()),
  version: z.string(),
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullable(),
  /** The end the file itself states (a sunset the law names), or null. */
  sunset: isoDate.nullable(),
  /** The id of the version that follows, when the engine has one. */
  supersededBy: z.string().optional(),
  source: rulesetSourceSchema,
  hash: sha256Hex,
});

const jsonValue: z.ZodType<unknown> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]));

/** One rule as evaluated: held or not, for whom, its clause and message. */
export const reasonSchema = z.strictObject({
  rule: z.string(),
  holds: z.boolean(),
  subject: z.string().optional(),
  citation: citationSchema,
  message: localized,
  values: z.record(z.string(), jsonValue).optional(),
  effect: z.literal('warning').optional(),
});

/** One parameter value read by a decision. */
export const parameterReadSchema = z.looseObject({
  id: z.string(),
  value: z.union([z.string(), z.number(), z.array(z.string())]),
  effectiveFrom: isoDate.nullable(),
  effectiveTo: isoDate.nullable(),
  unit: z.string(),
  source: z.string(),
  verified: z.boolean(),
  overridden: z.boolean(),
  /** How the value is known (records made before 2026-12 have none). */
  evidence: z.enum(['official', 'secondary', 'derived', 'interpretation', 'placeholder']).optional(),
  sources: z.array(z.looseObject({ title: z.string(), address: z.string().optional(), quote: z.string().optional() })).optional(),
  /** For a derived value: the values it was computed from. */
  inputs: z.array(z.looseObject({ id: z.string(), on: isoDate })).optional(),
});

/** A warning of a decision (an unverified figure also names the parameter and its evidence). */
export const warningSchema = z.strictObject({
  code: z.string(),
  message: localized,
  parameter: z.string().optional(),
  evidence: z.enum(['official', 'secondary', 'derived', 'interpretation', 'placeholder']).optional(),
});

/** A decision with the given outcome schema (`z.unknown()` for any kind). */
export function decisionSchemaOf<K extends string, O extends z.ZodType>(kind: z.ZodType<K>, outcome: O) {
  return z.strictObject({
    kind,
    jurisdiction: z.string(),
    asOf: isoDate,
    ruleset: rulesetRefSchema,
    outcome,
    reasons: z.array(reasonSchema),
    parameters: z.array(parameterReadSchema),
    warnings: z.array(warningSchema),
  });
}

/** A decision of any kind (its outcome per kind is in `schemas/<kind>.outcome.json`). */
export const decisionSchema = decisionSchemaOf(z.string(), z.record(z.string(), z.unknown()));

/** One issue of an invalid input, as the service reports it (zod's issue code, the path, the message). */
export const serviceIssueSchema = z.strictObject({
  code: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});

/** One issue as the library's `InputError` and batch errors carry it. */
export const issueSchema = z.strictObject({ code: z.string().optional(), path: z.array(z.union([z.string(), z.number()])), message: z.string() });

/** Why one input of a batch could not be decided. */
export const batchErrorSchema = z.strictObject({ code: z.string(), message: z.string(), issues: z.array(issueSchema).optional() });

/** One result of a batch: `{ index, decision }` or `{ index, error }`. */
export const batchResultSchema = z.union([
  z.strictObject({ index: z.number().int().min(0), decision: decisionSchema }),
  z.strictObject({ index: z.number().int().min(0), error: batchErrorSchema }),
]);

/** The request as a record keeps it (every field explicit). */
export const recordedRequestSchema = z.strictObject({
  kind: z.string().min(1).max(40),
  jurisdiction: z.string().min(1).max(100),
  asOf: isoDate,
  input: z.unknown(),
  parameters: parameterOverridesSchema.optional(),
});

/** A decision record (`toRecord`), canonical JSON with its own hash. */
export const decisionRecordSchema = z.strictObject({
  format: z.literal(RECORD_FORMAT),
  id: z.string().min(1).max(200).optional(),
  request: recordedRequestSchema,
  decision: decisionSchema,
  ruleset: z.strictObject({ id: z.string(), version: z.string(), hash: sha256Hex }),
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
  engineVersion: z.string(),
  recordHash: sha256Hex,
});

const chainLinkSchema = z.strictObject({ hash: sha256Hex, n: z.number().int().min(1) });

const parameterValueSchema = z.union([z.string(), z.number(), z.array(z.string())]);

/** A `zhengdi-compact/2` record (`toCompactRecord`, what `zhengdi evaluate` writes by default), canonical JSON with its own hash. */
export const compactRecordV2JsonSchema = z.strictObject({
  format: z.literal(COMPACT_FORMAT),
  id: z.string().min(1).max(200).optional(),
  request: recordedRequestSchema,
  outcome: z.unknown().describe('the outcome; each money item as [id, amount, payer] or [id, amount, [[payer, amount], …]]'),
  ruleset: sha256Hex.describe('the hash of the ruleset the decision was made under'),
  parameters: z.record(z.string(), z.record(z.string(), parameterValueSchema)).describe('parameter values read, by namespace (the id up to its last dot), then by the rest of the id'),
  reasons: z.array(z.tuple([z.string().nullable(), z.number().int().min(0)], z.string())).describe('per run of one subject: [subject or null, number of reasons, ids of the rules that held…]'),
  warnings: z.record(z.string(), z.number().int().min(1)).describe('how many warnings of each code'),
  engineVersion: z.string(),
  recordHash: sha256Hex,
  chain: chainLinkSchema.optional(),
});

/** A `zhengdi-compact/1` record (read, no longer written). */
export const compactRecordV1JsonSchema = z.strictObject({
  format: z.literal(COMPACT_FORMAT_V1),
  id: z.string().min(1).max(200).optional(),
  request: recordedRequestSchema,
  outcome: z.unknown(),
  ruleset: z.strictObject({ id: z.string(), version: z.string(), hash: sha256Hex }),
  parameters: z.record(z.string(), parameterValueSchema),
  reasons: z.array(z.union([z.tuple([z.string(), z.boolean()]), z.tuple([z.string(), z.boolean(), z.string()])])),
  warnings: z.array(z.string()),
  engineVersion: z.string(),
  recordHash: sha256Hex,
  chain: chainLinkSchema.optional(),
});

/** A compact decision record of either format. */
export const compactRecordJsonSchema = z.discriminatedUnion('format', [compactRecordV2JsonSchema, compactRecordV1JsonSchema]);

/** The replay report. */
export const replayReportSchema = z.strictObject({
  total: z.number().int().min(0),
  matched: z.number().int().min(0),
  mismatched: z.array(z.looseObject({ index: z.number().int(), line: z.number().int().optional(), id: z.string().optional(), diffs: z.array(z.looseObject({ path: z.string(), recorded: z.unknown(), replayed: z.unknown() })) })),
  failed: z.array(z.looseObject({ index: z.number().int(), line: z.number().int().optional(), id: z.string().optional(), error: z.strictObject({ code: z.string(), message: z.string() }) })),
});

/** The service's error body: a stable code, a message, and for invalid input every issue. */
export const serviceErrorSchema = z.looseObject({
  code: z.string(),
  message: z.string(),
  issues: z.array(serviceIssueSchema).optional(),
});

/** `GET /v1/health`. */
export const healthSchema = z.strictObject({ status: z.literal('ok'), engineVersion: z.string(), rulesets: z.number().int().min(0) });

/** One entry of `GET /v1/parameters?on=`: a series, and the value in force on the date (null when none). */
export const parameterOnSchema = z.strictObject({
  id: z.string(),
  jurisdiction: z.string(),
  description: localized,
  unit: z.string(),
  on: isoDate,
  value: z.union([z.string(), z.number(), z.array(z.string())]).nullable(),
  /** The dated entry of the series in force on the date (its window, source, whether verified). */
  inForce: z.looseObject({ value: z.union([z.string(), z.number(), z.array(z.string())]), from: isoDate, to: isoDate.nullable(), source: z.string(), verified: z.boolean() }).nullable(),
});
