/**
 * The OpenAPI 3.1 document of the service, built from the JSON Schemas that
 * src/schemas/json-schema.ts generates from the zod schemas (nothing written by hand but the
 * paths and their words).
 */
import type { EngineCore } from '../create-engine';
import { jsonSchemas, type JsonSchema } from '../schemas/json-schema';
import { ENGINE_VERSION } from '../version';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });
const ndjson = (schema: unknown) => ({ 'application/x-ndjson': { schema } });
const err = (description: string) => ({ description, content: json(ref('error')) });

const ERRORS = {
  400: err('INVALID_INPUT: every problem with its zod code, path and message'),
  401: err('UNAUTHORIZED: the bearer token is missing or wrong (when the service has one)'),
  404: err('UNKNOWN_KIND / UNKNOWN_JURISDICTION'),
  413: err('BODY_TOO_LARGE'),
  422: err('NO_RULESET_IN_FORCE / MISSING_PARAMETER'),
  500: err('INTERNAL (never a stack trace)'),
  503: err('SHUTTING_DOWN'),
};

const batchQuery = [
  { name: 'kind', in: 'query', required: true, schema: { type: 'string' }, description: 'the kind every input is of' },
  { name: 'jurisdiction', in: 'query', required: false, schema: { type: 'string' } },
  { name: 'asOf', in: 'query', required: false, schema: { type: 'string', format: 'date' }, description: 'default: each input\'s decisive date' },
];

function rewriteRefs(value: unknown, local: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, local));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/') ? local(v) : rewriteRefs(v, local);
  return out;
}

/**
 * The OpenAPI 3.1 document of the service (what `GET /openapi.json` answers); its components
 * are the package's JSON Schemas.
 *
 * @example
 * ```ts
 * writeFileSync('openapi.json', JSON.stringify(openApiDocument(createEngine()), null, 2));
 * ```
 */
export function openApiDocument(engine: Pick<EngineCore, 'kinds'>): Record<string, unknown> {
  const schemas: Record<string, JsonSchema> = {};
  for (const [name, s] of Object.entries(jsonSchemas())) {
    // A schema's own definitions (`#/$defs/…`) become components of their own, so that every
    // `$ref` resolves from the document's root, as OpenAPI tools read it.
    const { $schema: _drop, $defs, ...rest } = s as JsonSchema & { $defs?: Record<string, JsonSchema> };
    const local = (ref: string) => `#/components/schemas/${name}.${ref.slice('#/$defs/'.length)}`;
    schemas[name] = rewriteRefs(rest, local) as JsonSchema;
    for (const [k, d] of Object.entries($defs ?? {})) schemas[`${name}.${k}`] = rewriteRefs(d, local) as JsonSchema;
  }
  const kinds = engine.kinds().filter((k) => schemas[`${k}.request`]);
  const anyRequest = { oneOf: kinds.map((k) => ref(`${k}.request`)), discriminator: { propertyName: 'kind', mapping: Object.fromEntries(kinds.map((k) => [k, `#/components/schemas/${k}.request`])) } };
  const anyDecision = { oneOf: kinds.map((k) => ref(`${k}.decision`)) };
  const anyInput = { oneOf: kinds.map((k) => ref(`${k}.input`)) };
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'zhengdi-rules decision service',
      version: ENGINE_VERSION,
      description: 'Versioned, cited decisions on the social security of farmers whose land was expropriated (被征地农民社会保障). Bodies and answers are the library\'s objects (docs/service.md).',
    },
    servers: [{ url: 'http://127.0.0.1:8080' }],
    components: {
      schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'required when the service listens off loopback (zhengdi serve --token-file)' } },
    },
    security: [{}, { bearer: [] }],
    paths: {
      '/v1/health': { get: { summary: 'health', responses: { 200: { description: 'ok', content: json(ref('health')) } } } },
      '/v1/evaluate': {
        post: {
          summary: 'evaluate one request (engine.evaluate)',
          requestBody: { required: true, content: json(anyRequest) },
          responses: { 200: { description: 'the decision', content: json(anyDecision) }, ...ERRORS },
        },
      },
      '/v1/evaluate/batch': {
        post: {
          summary: 'a batch of inputs of one kind: a JSON array, or JSON Lines streamed in and out',
          parameters: [...batchQuery, { name: 'fields', in: 'query', required: false, schema: { type: 'string' }, description: 'comma-separated decision fields to keep (e.g. outcome,warnings)' }],
          requestBody: { required: true, content: { ...json({ type: 'array', items: anyInput }), ...ndjson(anyInput) } },
          responses: {
            200: { description: 'one result per input, in order (index = 0-based position or line)', content: { ...json({ type: 'array', items: ref('batch-result') }), ...ndjson(ref('batch-result')) } },
            ...ERRORS,
          },
        },
      },
      '/v1/records': {
        post: {
          summary: 'decision records instead of decisions: one request (JSON object), or a batch (JSON array or JSON Lines, with ?kind=)',
          parameters: [
            ...batchQuery.map((p) => ({ ...p, required: false })),
            { name: 'id', in: 'query', required: false, schema: { type: 'string' }, description: 'the record id (one request)' },
            { name: 'name', in: 'query', required: false, schema: { type: 'string' }, description: 'a batch names its records <name>:<line> (default request)' },
            { name: 'pseudonymise', in: 'query', required: false, schema: { type: 'string', enum: ['', 'true', '1', 'false', '0'] }, description: 'replace person ids by a keyed hash (the service must have a key)' },
          ],
          requestBody: { required: true, content: { ...json({ oneOf: [anyRequest, { type: 'array', items: anyInput }] }), ...ndjson(anyInput) } },
          responses: {
            200: { description: 'the record, or one record or { index, error } per input', content: { ...json({ oneOf: [ref('record'), { type: 'array', items: { oneOf: [ref('record'), ref('batch-result')] } }] }), ...ndjson({ oneOf: [ref('record'), ref('batch-result')] }) } },
            ...ERRORS,
          },
        },
      },
      '/v1/replay': {
        post: {
          summary: 'replay records (engine.replay)',
          requestBody: { required: true, content: { ...json({ type: 'array', items: ref('record') }), ...ndjson(ref('record')) } },
          responses: { 200: { description: 'the replay report (with line numbers for JSON Lines)', content: json(ref('replay-report')) }, ...ERRORS },
        },
      },
      '/v1/explain': {
        post: {
          summary: 'one record as readable text',
          parameters: [{ name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: ['zh', 'en'], default: 'zh' } }],
          requestBody: { required: true, content: json(ref('record')) },
          responses: { 200: { description: 'text', content: { 'text/plain': { schema: { type: 'string' } } } }, ...ERRORS },
        },
      },
      '/v1/rulesets': { get: { summary: 'engine.rulesets()', responses: { 200: { description: 'every ruleset', content: json({ type: 'array', items: ref('ruleset-summary') }) } } } },
      '/v1/parameters': {
        get: {
          summary: 'every parameter series with its value on a date',
          parameters: [{ name: 'on', in: 'query', required: true, schema: { type: 'string', format: 'date' } }],
          responses: { 200: { description: 'the series', content: json({ type: 'array', items: ref('parameter-on') }) }, 400: ERRORS[400] },
        },
      },
      '/openapi.json': { get: { summary: 'this document', responses: { 200: { description: 'OpenAPI 3.1', content: json({ type: 'object' }) } } } },
    },
  };
}
