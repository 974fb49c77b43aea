/**
 * JSON Schemas (draft 2020-12) of the package's inputs, outcomes, envelopes, records and files,
 * generated from the zod schemas with zod 4's `z.toJSONSchema` (never written by hand). The build
 * writes them to `schemas/*.json` (`zhengdi-rules/schemas/<name>.json`); the service's OpenAPI
 * document embeds the same objects. Pure and browser-safe.
 */
import { z } from 'zod';
import { isoDate, localized } from '../engine/schemas';
import { parameterFileSchema, rulesetFileSchema } from '../engine/ruleset-file';
import { BUNDLED_KINDS } from '../kinds';
import {
  batchResultSchema,
  compactRecordJsonSchema,
  decisionRecordSchema,
  decisionSchema,
  decisionSchemaOf,
  evaluateRequestSchema,
  healthSchema,
  parameterOnSchema,
  parameterOverridesSchema,
  replayReportSchema,
  rulesetSummarySchema,
  serviceErrorSchema,
} from './envelope';
import { OUTCOME_SCHEMAS } from './outcomes';

/**
 * A JSON Schema object (draft 2020-12).
 *
 * @example
 * ```ts
 * const s: JsonSchema = jsonSchemas()['record'];
 * ```
 */
export type JsonSchema = Record<string, unknown>;

/** `YYYY-MM-DD` (the calendar check — no 30 February — is the engine's). */
export const DATE_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';
/** A decimal written as a string: `-12`, `0.30`. */
export const DECIMAL_PATTERN = '^-?\\d+(\\.\\d+)?$';

function override(ctx: { zodSchema: unknown; jsonSchema: JsonSchema }): void {
  const js = ctx.jsonSchema;
  if (ctx.zodSchema === isoDate) {
    js.pattern = DATE_PATTERN;
    js.format = 'date';
    js.minLength = 10;
    return;
  }
  // A decimal input (`decimalInput()`): a string of at most 60 characters or a number.
  const any = js.anyOf as JsonSchema[] | undefined;
  if (Array.isArray(any) && any.length === 2 && any[0]?.type === 'string' && any[0]?.maxLength === 60 && any[1]?.type === 'number') {
    any[0].pattern = DECIMAL_PATTERN;
  }
}

/** The JSON Schema of a zod schema, as the caller writes it (`input`) or as the library returns it (`output`). */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output', title: string, description?: string): JsonSchema {
  const js = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12', override: override as never }) as JsonSchema;
  const { $schema, ...rest } = js;
  return { $schema, title, ...(description ? { description } : {}), ...rest };
}

type KindName = keyof typeof BUNDLED_KINDS;

/** The evaluate request of one kind: `{ kind: '<kind>', jurisdiction?, asOf?, input, parameters? }`. */
export function kindRequestSchema(kind: KindName) {
  return z.strictObject({
    kind: z.literal(kind),
    jurisdiction: z.string().max(100).optional(),
    asOf: isoDate.optional(),
    input: BUNDLED_KINDS[kind].schema as z.ZodType,
    parameters: parameterOverridesSchema.optional(),
  });
}

/** The decision of one kind, with its outcome schema. */
export function kindDecisionSchema(kind: KindName) {
  return decisionSchemaOf(z.literal(kind), OUTCOME_SCHEMAS[kind]);
}

/**
 * Every JSON Schema the package ships, by file name (without `.json`): `<kind>.input`,
 * `<kind>.outcome`, `<kind>.request`, `<kind>.decision` for each kind, and `evaluate-request`,
 * `decision`, `batch-result`, `record`, `compact-record`, `replay-report`, `error`, `health`, `parameter-on`,
 * `ruleset-summary`, `ruleset-file`, `parameter-file`, `localized`.
 *
 * @example
 * ```ts
 * const schemas = jsonSchemas();
 * schemas['payout.input'].properties; // { expropriationDate: { pattern: '^\\d{4}-…' }, person: … }
 * ```
 */
export function jsonSchemas(): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const kind of Object.keys(BUNDLED_KINDS).sort() as KindName[]) {
    out[`${kind}.input`] = toJsonSchema(BUNDLED_KINDS[kind].schema as z.ZodType, 'input', `${kind} input`, `The input of the '${kind}' kind, as a caller writes it (decimals as strings or numbers, dates YYYY-MM-DD).`);
    out[`${kind}.outcome`] = toJsonSchema(OUTCOME_SCHEMAS[kind], 'output', `${kind} outcome`, `The outcome of a '${kind}' decision (amounts and areas as decimal strings).`);
    out[`${kind}.request`] = toJsonSchema(kindRequestSchema(kind), 'input', `${kind} evaluate request`, `POST /v1/evaluate (engine.evaluate) for the '${kind}' kind.`);
    out[`${kind}.decision`] = toJsonSchema(kindDecisionSchema(kind), 'output', `${kind} decision`, `A '${kind}' decision as engine.evaluate returns it.`);
  }
  out['evaluate-request'] = toJsonSchema(evaluateRequestSchema, 'input', 'evaluate request', 'The envelope of engine.evaluate and POST /v1/evaluate; `input` is checked by the kind\'s schema (<kind>.input).');
  out['decision'] = toJsonSchema(decisionSchema, 'output', 'decision', 'A decision of any kind; its outcome per kind is <kind>.outcome.');
  out['batch-result'] = toJsonSchema(batchResultSchema, 'output', 'batch result', 'One line of a batch answer: { index, decision } or { index, error }.');
  out['record'] = toJsonSchema(decisionRecordSchema, 'output', 'decision record', 'A decision record (toRecord): canonical JSON with its own SHA-256 recordHash.');
  out['compact-record'] = toJsonSchema(compactRecordJsonSchema, 'output', 'compact decision record', 'A compact decision record (zhengdi-compact/2, toCompactRecord, or the older zhengdi-compact/1): request, outcome figures, ruleset hash, parameter values, reason results and warning counts, canonical JSON with its own SHA-256 recordHash; expandRecord gives the full record.');
  out['replay-report'] = toJsonSchema(replayReportSchema, 'output', 'replay report', 'What engine.replay and POST /v1/replay return.');
  out['error'] = toJsonSchema(serviceErrorSchema, 'output', 'service error', 'The body of every 4xx and 5xx answer of the service.');
  out['health'] = toJsonSchema(healthSchema, 'output', 'health', 'GET /v1/health.');
  out['parameter-on'] = toJsonSchema(parameterOnSchema, 'output', 'parameter on a date', 'One entry of GET /v1/parameters?on=YYYY-MM-DD.');
  out['ruleset-summary'] = toJsonSchema(rulesetSummarySchema, 'output', 'ruleset summary', 'One entry of engine.rulesets() and GET /v1/rulesets.');
  out['ruleset-file'] = toJsonSchema(rulesetFileSchema, 'input', 'ruleset file', 'A ruleset file (rulesets/<jurisdiction>/*.json) as createEngine({ rulesets }) reads it.');
  out['parameter-file'] = toJsonSchema(parameterFileSchema, 'input', 'parameter file', 'A parameter file as createEngine({ parameters }) reads it.');
  out['localized'] = toJsonSchema(localized, 'output', 'localized text', 'A text in Chinese (zh) and English (en).');
  return out;
}
