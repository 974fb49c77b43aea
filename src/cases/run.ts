/**
 * Runs hand-worked cases (see `case-file.ts`) against an engine: pure, no files. `zhengdi test`
 * and the package's own test suite read the YAML files and call {@link runCase}.
 */
import { diffValues, joinPath, type Diff } from '../audit/diff';
import type { EngineCore } from '../engine/engine';
import { InputError, ZhengdiError, formatPath } from '../engine/errors';
import { zodIssues } from '../engine/schemas';
import { z } from 'zod';
import { caseSchema, type Case } from './case-file';

/**
 * The result of one case: passed, or what differed (expected vs got, at a path of the decision).
 *
 * @example
 * ```ts
 * const r: CaseResult = runCase(engine, c);
 * if (!r.passed) for (const d of r.diffs) console.log(d.path, d.expected, d.got);
 * ```
 */
export interface CaseResult {
  name: string;
  clause: string;
  passed: boolean;
  diffs: Array<{ path: string; expected: unknown; got: unknown }>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Whether `expected` is an element query on an array: `{ includes?: [...], excludes?: [...] }`. */
function isQuery(expected: unknown, got: unknown): expected is { includes?: unknown[]; excludes?: unknown[] } {
  if (!isObject(expected) || !Array.isArray(got)) return false;
  const keys = Object.keys(expected);
  return keys.length > 0 && keys.every((k) => (k === 'includes' || k === 'excludes') && Array.isArray(expected[k]));
}

const matches = (expected: unknown, got: unknown) => partialDiff(expected, got, '', []).length === 0;

/**
 * An element query on an array of the decision (items, reasons, violations…), in any order:
 * each `includes` element must match some element, no `excludes` element may match any. When
 * an included element matches none, the one element that agrees on its first named key (e.g.
 * `code` or `rule`) is compared field by field, so the diff names the field that differs.
 */
function queryDiff(expected: { includes?: unknown[]; excludes?: unknown[] }, got: unknown[], path: string, out: Diff[]): void {
  for (const e of expected.includes ?? []) {
    if (got.some((g) => matches(e, g))) continue;
    const first = isObject(e) ? Object.keys(e)[0] : undefined;
    const near = first === undefined ? [] : got.map((g, i) => [g, i] as const).filter(([g]) => isObject(g) && matches((e as Record<string, unknown>)[first], g[first]));
    if (near.length === 1) partialDiff(e, near[0]![0], joinPath(path, near[0]![1]), out);
    else out.push({ path, recorded: { includes: e }, replayed: `none of ${got.length} elements matches` });
  }
  for (const e of expected.excludes ?? []) {
    const i = got.findIndex((g) => matches(e, g));
    if (i >= 0) out.push({ path: joinPath(path, i), recorded: { excludes: e }, replayed: got[i] });
  }
}

/**
 * Compares only what `expected` names: object keys given, arrays in full, and an array of the
 * decision queried by `{ includes, excludes }` (see {@link caseSchema}).
 */
export function partialDiff(expected: unknown, got: unknown, path: string, out: Diff[]): Diff[] {
  if (isQuery(expected, got)) {
    queryDiff(expected, got as unknown[], path || '(root)', out);
    return out;
  }
  if (isObject(expected)) {
    if (!isObject(got)) {
      out.push({ path: path || '(root)', recorded: expected, replayed: got });
      return out;
    }
    for (const k of Object.keys(expected)) partialDiff(expected[k], got[k], joinPath(path, k), out);
    return out;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(got) || got.length !== expected.length) {
      out.push({ path: `${path}.length`, recorded: expected.length, replayed: Array.isArray(got) ? got.length : got });
      if (!Array.isArray(got)) return out;
    }
    expected.forEach((e, i) => partialDiff(e, got[i], joinPath(path, i), out));
    return out;
  }
  return diffValues(typeof expected === 'number' && typeof got === 'string' ? String(expected) : expected, got, path, out);
}

/** Runs one case: decides its request and compares the named parts. Never throws for a case. */
export function runCase(engine: Pick<EngineCore, 'evaluate'>, c: Case): CaseResult {
  const diffs: Diff[] = [];
  let decision: Record<string, unknown> | undefined;
  let error: unknown;
  try {
    decision = engine.evaluate(c.request as never) as unknown as Record<string, unknown>;
  } catch (e) {
    error = e;
  }
  const e = c.expect;
  if (e.error) {
    const code = error instanceof ZhengdiError ? error.code : error === undefined ? '(no error)' : 'ERROR';
    if (code !== e.error.code) diffs.push({ path: 'error.code', recorded: e.error.code, replayed: code });
    if (e.error.paths && error instanceof InputError) {
      const got = error.issues.map((i) => formatPath(i.path)).sort();
      partialDiff([...e.error.paths].sort(), got, 'error.paths', diffs);
    }
  } else if (decision === undefined) {
    const code = error instanceof ZhengdiError ? error.code : 'ERROR';
    diffs.push({ path: 'error', recorded: '(a decision)', replayed: `${code}: ${error instanceof Error ? error.message : String(error)}` });
  } else {
    for (const key of ['outcome', 'jurisdiction', 'asOf', 'ruleset', 'reasons'] as const) {
      if (e[key] !== undefined) partialDiff(e[key], decision[key], key, diffs);
    }
    if (e.parameters) {
      const read = new Map((decision.parameters as Array<{ id: string; value: unknown }>).map((p) => [p.id, p.value]));
      for (const [id, v] of Object.entries(e.parameters)) partialDiff(typeof v === 'number' ? v : v, read.get(id), `parameters[${JSON.stringify(id)}]`, diffs);
    }
    if (e.warnings) {
      const codes = (decision.warnings as Array<{ code: string }>).map((w) => w.code);
      if (Array.isArray(e.warnings)) {
        partialDiff(e.warnings, codes, 'warnings', diffs);
      } else {
        for (const w of e.warnings.includes) if (!codes.includes(w)) diffs.push({ path: 'warnings', recorded: `includes ${w}`, replayed: codes });
        for (const w of e.warnings.excludes) if (codes.includes(w)) diffs.push({ path: 'warnings', recorded: `excludes ${w}`, replayed: codes });
      }
    }
  }
  return { name: c.name, clause: c.clause, passed: diffs.length === 0, diffs: diffs.map((d) => ({ path: d.path, expected: d.recorded, got: d.replayed })) };
}

/**
 * Validates the parsed content of a case file (one case or a list); throws `InputError` listing
 * every problem with its path.
 *
 * @example
 * ```ts
 * const cases = parseCases(YAML.parse(text));
 * ```
 */
export function parseCases(raw: unknown): Case[] {
  // One schema or the other, not their union: a union's error would only say "Invalid input".
  const parsed = Array.isArray(raw) ? z.array(caseSchema).min(1).safeParse(raw) : caseSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(zodIssues(parsed.error));
  return Array.isArray(parsed.data) ? parsed.data : [parsed.data];
}
