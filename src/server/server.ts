/**
 * The decision service (API.md "Service"): the engine over HTTP with Fastify. JSON bodies and
 * responses are the library's objects; JSON Lines are streamed in and out with bounded memory.
 */
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { explainRecord } from '../audit/explain';
import { decisionRecordSchema as recordSchema, parseRecord, type DecisionRecord } from '../audit/record';
import { pseudonymiseRecord } from '../audit/pseudonymise';
import { evaluateOne } from '../batch';
import type { Engine, EvaluateRequest } from '../create-engine';
import { InputError } from '../engine/errors';
import { isoDate } from '../engine/schemas';
import type { Kind } from '../kinds';
import { evaluateJsonLines } from '../node/jsonl-workers';
import type { DecisionField } from '../node/batch-workers';
import { evaluateRequestSchema } from '../schemas/envelope';
import { ENGINE_VERSION } from '../version';
import { bearerCheck, isLoopback } from './auth';
import { failureOf, HttpError, invalid, issuesWithCodes, zodServiceIssues } from './errors';
import { jsonLines, limitBytes, recordJsonLines, recordResultLine } from './jsonl';
import { openApiDocument } from './openapi';
import { recordOf } from './record-line';

/**
 * Options of {@link createServer}. Every limit has a default a small office can run with.
 *
 * @example
 * ```ts
 * createServer(engine, { token: readFileSync('token.txt', 'utf8').trim(), bodyLimit: 5 * 1024 * 1024 });
 * ```
 */
export interface ServerOptions {
  /** Address to listen on (default `127.0.0.1`). Anything but loopback needs `token`. */
  host?: string;
  /** Port (default 8080; 0 picks a free one). */
  port?: number;
  /** Bearer token every request must carry (`Authorization: Bearer …`); required off loopback. */
  token?: string;
  /** Leave `GET /v1/health` open without the token, for a load balancer's checks (default false). */
  publicHealth?: boolean;
  /** Largest JSON body in bytes (default 10 MiB); a larger one is a 413. */
  bodyLimit?: number;
  /** Largest JSON Lines body in bytes, read as a stream (default 1 GiB). */
  streamLimit?: number;
  /** Longest line of a JSON Lines body in bytes (default 1 MiB); a longer one is an error naming its line. */
  maxLineBytes?: number;
  /** Time to receive a whole request, ms (default 300 000); past it the request gets a 408. */
  requestTimeout?: number;
  /** Idle keep-alive connections are closed after this many ms (default 5 000). */
  keepAliveTimeout?: number;
  /** How often Node checks the request timeout, ms (default 1 000). */
  timeoutCheckInterval?: number;
  /** Origins allowed to call from a browser (CORS). Default none: no CORS header is ever sent. */
  corsOrigins?: readonly string[];
  /** Key for `?pseudonymise` on `/v1/records` (at least 16 bytes); without it `?pseudonymise` is refused. */
  pseudonymiseKey?: string | Uint8Array;
  /**
   * Structured JSON logs (pino, one line per request: method, path, status, time; never a body
   * nor a header): `false` for none, or a level and a destination stream (default: `info` to
   * stderr).
   */
  log?: false | { level?: string; stream?: NodeJS.WritableStream };
}

/**
 * A running or ready decision service.
 *
 * @example
 * ```ts
 * const server = createServer(createEngine());
 * const url = await server.listen();   // 'http://127.0.0.1:8080'
 * await server.close();                // in-flight requests finish, new ones are refused
 * ```
 */
export interface ZhengdiServer {
  /** The Fastify instance (for `inject` in tests, extra routes or hooks). */
  readonly fastify: FastifyInstance;
  /** Starts listening; resolves to the base URL. Refuses a non-loopback host without a token. */
  listen(options?: { host?: string; port?: number }): Promise<string>;
  /** Stops: no new requests (503 on open connections), in-flight ones finish, then the port closes. */
  close(): Promise<void>;
}

const NDJSON = ['application/x-ndjson', 'application/jsonl', 'application/json-lines'];
const MiB = 1024 * 1024;

const kindQuery = {
  kind: z.string().min(1).max(40),
  jurisdiction: z.string().min(1).max(100).optional(),
  asOf: isoDate.optional(),
};
const fieldsQuery = z
  .string()
  .max(200)
  .transform((s) => s.split(',').map((f) => f.trim()).filter((f) => f !== ''))
  .pipe(z.array(z.enum(['kind', 'jurisdiction', 'asOf', 'ruleset', 'outcome', 'reasons', 'parameters', 'warnings'])));
const flag = z.enum(['', 'true', '1', 'false', '0']).transform((v) => v === '' || v === 'true' || v === '1');
const batchQuery = z.strictObject({ ...kindQuery, fields: fieldsQuery.optional() });
const recordsQuery = z.strictObject({
  kind: kindQuery.kind.optional(),
  jurisdiction: kindQuery.jurisdiction,
  asOf: kindQuery.asOf,
  id: z.string().min(1).max(200).optional(),
  name: z.string().min(1).max(100).optional(),
  pseudonymise: flag.optional(),
});
const explainQuery = z.strictObject({ lang: z.enum(['zh', 'en']).default('zh') });
const parametersQuery = z.strictObject({ on: isoDate });
const noQuery = z.strictObject({});

function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const r = schema.safeParse(query ?? {});
  if (!r.success) throw invalid(zodServiceIssues(r.error, ['query']));
  return r.data;
}

function isNdjson(req: FastifyRequest): boolean {
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return NDJSON.includes(type);
}

function expectArray(body: unknown, what: string): unknown[] {
  if (!Array.isArray(body)) throw invalid([{ code: 'invalid_type', path: [], message: `expected a JSON array of ${what} (or JSON Lines with Content-Type: application/x-ndjson)` }]);
  return body;
}

/**
 * Creates the decision service for an engine. Nothing listens until `listen()`.
 *
 * @example
 * ```ts
 * import { createEngine } from 'zhengdi-rules';
 * import { createServer } from 'zhengdi-rules/server';
 * const server = createServer(createEngine(), { port: 8080 });
 * console.log(await server.listen()); // http://127.0.0.1:8080
 * process.on('SIGTERM', () => void server.close());
 * ```
 */
export function createServer(engine: Engine, options: ServerOptions = {}): ZhengdiServer {
  const bodyLimit = options.bodyLimit ?? 10 * MiB;
  const streamLimit = options.streamLimit ?? 1024 * MiB;
  const maxLineBytes = options.maxLineBytes ?? MiB;
  for (const [name, v] of Object.entries({ bodyLimit, streamLimit, maxLineBytes })) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive whole number of bytes`);
  }
  if (options.pseudonymiseKey !== undefined) pseudonymiseRecordCheckKey(options.pseudonymiseKey);
  const log = options.log === undefined ? { level: 'info', stream: process.stderr } : options.log;
  const app = Fastify({
    bodyLimit,
    requestTimeout: options.requestTimeout ?? 300_000,
    keepAliveTimeout: options.keepAliveTimeout ?? 5_000,
    http: { connectionsCheckingInterval: options.timeoutCheckInterval ?? 1_000, requestTimeout: options.requestTimeout ?? 300_000, headersTimeout: Math.min(60_000, options.requestTimeout ?? 300_000) } as never,
    return503OnClosing: false,
    // A request Node itself gives up on (too slow, malformed): the service's error body.
    clientErrorHandler: (err: NodeJS.ErrnoException, socket) => {
      const timeout = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
      const body = JSON.stringify(timeout ? { code: 'REQUEST_TIMEOUT', message: 'the request did not arrive in time (requestTimeout)' } : { code: 'BAD_REQUEST', message: 'malformed HTTP request' });
      if (socket.writable) socket.end(`HTTP/1.1 ${timeout ? '408 Request Timeout' : '400 Bad Request'}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      else socket.destroy();
    },
    forceCloseConnections: 'idle',
    logger:
      log === false
        ? false
        : {
            level: log.level ?? 'info',
            stream: log.stream ?? process.stderr,
            // Method and path only: the query string may hold nothing personal, but a body or a
            // header (the token) never reaches the log.
            serializers: {
              req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, path: req.url.split('?')[0], ip: req.ip }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
  });
  const checkToken = options.token !== undefined ? bearerCheck(options.token) : undefined;
  if (options.token !== undefined && options.token.length < 16) throw new RangeError('a token has at least 16 characters');
  const cors = new Set(options.corsOrigins ?? []);
  const jurisdictions = new Set(engine.rulesets().map((r) => r.jurisdiction));
  const kinds = new Set<string>(engine.kinds());
  let closing = false;
  let openApi: unknown;

  const checkKind = (kind: string) => {
    if (!kinds.has(kind)) throw new HttpError(404, 'UNKNOWN_KIND', `unknown kind '${kind}' (one of ${[...kinds].join(', ')})`, { kind });
  };
  const checkJurisdiction = (j: string | undefined) => {
    if (j !== undefined && !jurisdictions.has(j)) throw new HttpError(404, 'UNKNOWN_JURISDICTION', `unknown jurisdiction '${j}' (one of ${[...jurisdictions].join(', ')})`, { jurisdiction: j });
  };
  const pseudonymiser = (on: boolean | undefined): ((r: DecisionRecord) => DecisionRecord) | undefined => {
    if (!on) return undefined;
    const key = options.pseudonymiseKey;
    if (key === undefined) throw invalid([{ code: 'custom', path: ['query', 'pseudonymise'], message: 'this service has no pseudonymisation key (createServer({ pseudonymiseKey }) or zhengdi serve --pseudonymise-key-file)' }]);
    return (r) => pseudonymiseRecord(r, key);
  };
  /** The raw request stream of a JSON Lines body, limited to streamLimit bytes. */
  const ndjsonBody = (req: FastifyRequest): AsyncIterable<Uint8Array> => {
    const length = Number(req.headers['content-length']);
    if (Number.isFinite(length) && length > streamLimit) throw new HttpError(413, 'BODY_TOO_LARGE', `the request body is larger than ${streamLimit} bytes (streamLimit)`);
    return limitBytes(req.body as IncomingMessage, streamLimit);
  };
  /** Sends JSON Lines, ending with an error line if the stream fails after it started. */
  const sendLines = (reply: FastifyReply, lines: AsyncIterable<Uint8Array | string>) => {
    async function* guarded() {
      try {
        for await (const l of lines) yield typeof l === 'string' ? Buffer.from(l, 'utf8') : Buffer.from(l.buffer, l.byteOffset, l.byteLength);
      } catch (e) {
        const f = failureOf(e);
        if (f.status >= 500) reply.log.error({ err: e }, 'stream failed');
        yield Buffer.from(JSON.stringify({ error: f.body }) + '\n', 'utf8');
      }
    }
    return reply.type('application/x-ndjson; charset=utf-8').send(Readable.from(guarded(), { objectMode: false }));
  };

  app.addContentTypeParser(NDJSON, (_req, payload, done) => done(null, payload));

  app.addHook('onRequest', async (req, reply) => {
    const origin = req.headers.origin;
    if (typeof origin === 'string' && cors.has(origin)) {
      reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
      if (req.method === 'OPTIONS') {
        reply
          .header('access-control-allow-methods', 'GET, POST')
          .header('access-control-allow-headers', 'authorization, content-type')
          .header('access-control-max-age', '600')
          .code(204)
          .send();
        return reply;
      }
    }
    if (closing) {
      reply.header('connection', 'close').code(503).send({ code: 'SHUTTING_DOWN', message: 'the service is shutting down: retry on another instance' });
      return reply;
    }
    if (checkToken && !(options.publicHealth && req.url.split('?')[0] === '/v1/health') && !checkToken(req.headers.authorization)) {
      reply.header('www-authenticate', 'Bearer').code(401).send({ code: 'UNAUTHORIZED', message: 'a valid bearer token is required (Authorization: Bearer …)' });
      return reply;
    }
  });

  app.setErrorHandler((error: unknown, req, reply) => {
    const e = error as { code?: string; statusCode?: number; message?: string };
    let f;
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') f = { status: 413, body: { code: 'BODY_TOO_LARGE', message: `the request body is larger than ${bodyLimit} bytes (bodyLimit)` } };
    else if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') f = { status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE', message: `send application/json${req.url.includes('/batch') || req.url.startsWith('/v1/records') || req.url.startsWith('/v1/replay') ? ' or application/x-ndjson' : ''}` } };
    else if (typeof e.code === 'string' && e.code.startsWith('FST_ERR_CTP_') && e.statusCode === 400) f = { status: 400, body: { code: 'INVALID_INPUT', message: `the body is not valid JSON: ${e.message ?? ''}`, issues: [{ code: 'invalid_json', path: [], message: e.message ?? 'not JSON' }] } };
    else if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500 && typeof e.code === 'string' && e.code.startsWith('FST_')) f = { status: e.statusCode, body: { code: 'BAD_REQUEST', message: e.message ?? 'bad request' } };
    else f = failureOf(error, req.body);
    if (f.status >= 500) req.log.error({ err: error }, 'request failed');
    else req.log.info({ code: f.body.code }, 'request refused');
    return reply.code(f.status).send(f.body);
  });

  app.setNotFoundHandler((req, reply) => reply.code(404).send({ code: 'NOT_FOUND', message: `no route ${req.method} ${req.url.split('?')[0]} (see GET /openapi.json)` }));

  app.get('/v1/health', async (req) => {
    parseQuery(noQuery, req.query);
    return { status: 'ok', engineVersion: ENGINE_VERSION, rulesets: engine.rulesets().length };
  });

  const evaluateRequest = (body: unknown) => {
    const env = evaluateRequestSchema.safeParse(body);
    if (!env.success) throw invalid(zodServiceIssues(env.error));
    checkKind(env.data.kind);
    checkJurisdiction(env.data.jurisdiction);
    return engine.evaluate(body as EvaluateRequest);
  };

  app.post('/v1/evaluate', async (req) => {
    parseQuery(noQuery, req.query);
    if (isNdjson(req)) throw invalid([{ code: 'invalid_type', path: [], message: 'POST /v1/evaluate takes one JSON request; send JSON Lines to /v1/evaluate/batch' }]);
    return evaluateRequest(req.body);
  });

  app.post('/v1/evaluate/batch', async (req, reply) => {
    const q = parseQuery(batchQuery, req.query);
    checkKind(q.kind);
    checkJurisdiction(q.jurisdiction);
    const kind = q.kind as Kind;
    const batch = { ...(q.jurisdiction ? { jurisdiction: q.jurisdiction } : {}), ...(q.asOf ? { asOf: q.asOf } : {}) };
    const fields = q.fields as DecisionField[] | undefined;
    if (isNdjson(req)) {
      return sendLines(reply, evaluateJsonLines(engine, kind, ndjsonBody(req), { ...batch, ...(fields ? { fields } : {}), maxLineBytes }));
    }
    const inputs = expectArray(req.body, 'inputs');
    // The same bytes per result as the JSON Lines answer, joined as one JSON array.
    const parts = inputs.map((input, i) => {
      const r = evaluateOne(engine, kind, input, i, batch);
      if (!fields || !('decision' in r)) return JSON.stringify(r);
      const d = r.decision as unknown as Record<string, unknown>;
      return JSON.stringify({ index: r.index, decision: Object.fromEntries(fields.filter((f) => Object.hasOwn(d, f)).map((f) => [f, d[f]])) });
    });
    return reply.type('application/json; charset=utf-8').send(`[${parts.join(',')}]`);
  });

  app.post('/v1/records', async (req, reply) => {
    const q = parseQuery(recordsQuery, req.query);
    const map = pseudonymiser(q.pseudonymise);
    const ndjson = isNdjson(req);
    if (!ndjson && !Array.isArray(req.body)) {
      if (q.kind !== undefined || q.jurisdiction !== undefined || q.asOf !== undefined || q.name !== undefined) {
        throw invalid([{ code: 'custom', path: ['query'], message: 'kind, jurisdiction, asOf and name are for a batch (a JSON array or JSON Lines); one request carries them in its body' }]);
      }
      const decision = evaluateRequest(req.body);
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(recordOf(decision, req.body as EvaluateRequest, q.id, map)));
    }
    if (q.kind === undefined) throw invalid([{ code: 'invalid_type', path: ['query', 'kind'], message: 'required for a batch: ?kind=…' }]);
    if (q.id !== undefined) throw invalid([{ code: 'custom', path: ['query', 'id'], message: 'one id is for one request; a batch names its records <name>:<line> (?name=)' }]);
    checkKind(q.kind);
    checkJurisdiction(q.jurisdiction);
    const kind = q.kind as Kind;
    const batch = { ...(q.jurisdiction ? { jurisdiction: q.jurisdiction } : {}), ...(q.asOf ? { asOf: q.asOf } : {}) };
    const name = q.name ?? 'request';
    if (ndjson) return sendLines(reply, recordJsonLines(engine, kind, ndjsonBody(req), { ...batch, name, maxLineBytes, ...(map ? { map } : {}) }));
    const inputs = expectArray(req.body, 'inputs');
    const parts = inputs.map((input, i) => recordResultLine(engine, kind, input, i, batch, `${name}:${i + 1}`, map));
    return reply.type('application/json; charset=utf-8').send(`[${parts.join(',')}]`);
  });

  app.post('/v1/replay', async (req) => {
    parseQuery(noQuery, req.query);
    if (!isNdjson(req)) return engine.replay(expectArray(req.body, 'records'));
    const lineOf = new Map<number, number>();
    const tooLong = new Map<number, string>();
    let index = 0;
    async function* texts(): AsyncGenerator<unknown> {
      for await (const l of jsonLines(ndjsonBody(req), maxLineBytes)) {
        lineOf.set(index, l.index + 1);
        if ('error' in l) tooLong.set(index, l.error);
        index++;
        yield 'error' in l ? null : l.text;
      }
    }
    const report = await engine.replay(texts());
    return {
      ...report,
      mismatched: report.mismatched.map((m) => ({ line: lineOf.get(m.index), ...m })),
      failed: report.failed.map((f) => ({ line: lineOf.get(f.index), ...f, ...(tooLong.has(f.index) ? { error: { code: 'INVALID_RECORD', message: tooLong.get(f.index)! } } : {}) })),
    };
  });

  app.post('/v1/explain', async (req, reply) => {
    const q = parseQuery(explainQuery, req.query);
    let record: DecisionRecord;
    try {
      record = parseRecord(req.body);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const body = typeof req.body === 'string' ? undefined : req.body;
      throw new HttpError(400, e.code, e.message, { issues: issuesWithCodes(e.issues, body, recordSchema) });
    }
    return reply.type('text/plain; charset=utf-8').send(explainRecord(record, q.lang) + '\n');
  });

  app.get('/v1/rulesets', async (req) => {
    parseQuery(noQuery, req.query);
    return engine.rulesets();
  });

  app.get('/v1/parameters', async (req) => {
    const q = parseQuery(parametersQuery, req.query);
    return engine.parameterSeries().map((s) => {
      const v = engine.parameterOn(s.id, q.on);
      return { id: s.id, jurisdiction: s.jurisdiction, description: s.description, unit: s.unit, on: q.on, value: v?.value ?? null, inForce: v ?? null };
    });
  });

  app.get('/openapi.json', async (req) => {
    parseQuery(noQuery, req.query);
    openApi ??= openApiDocument(engine);
    return openApi;
  });

  return {
    fastify: app,
    async listen(opts = {}) {
      const host = opts.host ?? options.host ?? '127.0.0.1';
      const port = opts.port ?? options.port ?? 8080;
      if (!isLoopback(host) && checkToken === undefined) {
        throw new Error(`refusing to listen on ${host} without a token: the service carries personal data (give a token, or listen on 127.0.0.1)`);
      }
      const address = await app.listen({ host, port });
      return address;
    },
    async close() {
      closing = true;
      await app.close();
    },
  };
}

function pseudonymiseRecordCheckKey(key: string | Uint8Array): void {
  if ((typeof key === 'string' ? key.length : key.byteLength) < 16) throw new RangeError('pseudonymiseKey has at least 16 bytes');
}
