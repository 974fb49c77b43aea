/**
 * How the service turns what went wrong into a status and a JSON body (API.md "Service"). The
 * body never holds a stack trace: an unexpected error is `500 { code: 'INTERNAL' }` and its
 * details go to the log only.
 */
import type { z } from 'zod';
import { InputError, MissingParameterError, NoRulesetInForceError, RulesetError, ZhengdiError, formatPath, type Issue } from '../engine/errors';
import { MAX_ISSUE_TEXT } from '../engine/schemas';
import { BUNDLED_KINDS } from '../kinds';
import { evaluateRequestSchema } from '../schemas/envelope';

/** One issue as the service reports it: zod's issue code (`custom` for the engine's own checks), path and message. */
export interface ServiceIssue {
  code: string;
  path: Array<string | number>;
  message: string;
}

/** A status and the JSON body to send. */
export interface ServiceFailure {
  status: number;
  body: { code: string; message: string; issues?: ServiceIssue[]; [k: string]: unknown };
}

/** An error the service raises itself, with its status (404 UNKNOWN_KIND, 413 BODY_TOO_LARGE, …). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** A 400 whose issues the service found itself (a query parameter, a body that is not JSON). */
export function invalid(issues: ServiceIssue[]): HttpError {
  const n = issues.length;
  return new HttpError(400, 'INVALID_INPUT', `Invalid input (${n} problem${n === 1 ? '' : 's'}): ${issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ')}`, { issues });
}

const clip = (t: string) => (t.length <= MAX_ISSUE_TEXT ? t : `${t.slice(0, MAX_ISSUE_TEXT)}…(${t.length} characters)`);
const keyOf = (path: ReadonlyArray<string | number>, message: string) => `${formatPath(path)}\u0000${message}`;

/** zod's issues with their codes, each path prefixed, as the service reports them. */
export function zodServiceIssues(error: z.ZodError, prefix: ReadonlyArray<string | number> = []): ServiceIssue[] {
  return error.issues.map((i) => ({
    code: i.code,
    path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : typeof p === 'string' ? clip(p) : p))],
    message: clip(i.message),
  }));
}

/**
 * Gives every issue of an `InputError` a code. The engine's issues carry a path and a message;
 * the codes are zod's, found by checking the request again with the same schemas (only on this
 * error path) and matching path and message. An issue the engine raised itself (an unknown
 * parameter, a missing jurisdiction) is `custom`, as zod calls a refinement's issue. With
 * `schema`, the codes are that schema's (a record checked by `parseRecord`).
 */
export function issuesWithCodes(issues: readonly Issue[], request: unknown, schema?: z.ZodType): ServiceIssue[] {
  const codes = new Map<string, string>();
  const env = (schema ?? evaluateRequestSchema).safeParse(request);
  const found: ServiceIssue[] = [];
  if (!env.success) found.push(...zodServiceIssues(env.error));
  else if (!schema) {
    const data = env.data as { kind: string; input: unknown };
    const mod = (BUNDLED_KINDS as Record<string, { schema: z.ZodType } | undefined>)[data.kind];
    const parsed = mod && Object.hasOwn(BUNDLED_KINDS, data.kind) ? mod.schema.safeParse(data.input) : undefined;
    if (parsed && !parsed.success) found.push(...zodServiceIssues(parsed.error, ['input']));
  }
  for (const i of found) codes.set(keyOf(i.path, i.message), i.code);
  return issues.map((i) => ({ code: codes.get(keyOf(i.path, i.message)) ?? 'custom', path: [...i.path], message: i.message }));
}

/**
 * The status and body for anything thrown while serving a request. `request` (the evaluate
 * request, when there is one) lets input issues carry zod's codes.
 */
export function failureOf(e: unknown, request?: unknown): ServiceFailure {
  if (e instanceof HttpError) return { status: e.status, body: { code: e.code, message: e.message, ...e.extra } };
  if (e instanceof InputError) return { status: 400, body: { code: e.code, message: e.message, issues: issuesWithCodes(e.issues, request) } };
  if (e instanceof NoRulesetInForceError) return { status: 422, body: { code: e.code, message: e.message, jurisdiction: e.jurisdiction, kind: e.kind, date: e.date } };
  if (e instanceof MissingParameterError) return { status: 422, body: { code: e.code, message: e.message, parameter: e.parameter, date: e.date } };
  if (e instanceof RulesetError) return { status: 500, body: { code: e.code, message: 'the service has an invalid ruleset or parameter file' } };
  if (e instanceof ZhengdiError) return { status: 500, body: { code: e.code, message: e.message } };
  return { status: 500, body: { code: 'INTERNAL', message: 'internal error (see the service log)' } };
}
