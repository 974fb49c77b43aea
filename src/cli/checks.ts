/**
 * Run-level checks of `zhengdi evaluate` and `zhengdi compare`: the options that apply to every
 * row (kind, jurisdiction, as-of date, parameter overrides) and a CSV's columns are checked once,
 * before any row is read, so a typo stops the run with one message and exit code 2 instead of
 * failing each of 200,000 rows.
 */
import { z } from 'zod';
import type { Engine, EvaluateRequest } from '../create-engine';
import { InputError, formatPath } from '../engine/errors';
import { BUNDLED_KINDS } from '../kinds';
import type { ColumnSpec } from './csv-row';
import { UsageError, unknownValue } from './usage';

/** The options of a run that every row falls back on. */
export interface RunFlags {
  kind?: string;
  jurisdiction?: string;
  asOf?: string;
  param?: Record<string, string | number>;
}

const FLAG_OF: Record<string, string> = { kind: '--kind', jurisdiction: '--jurisdiction', asOf: '--as-of', parameters: '--param' };

/**
 * Checks the run's flags against the engine; throws one {@link UsageError} listing every problem.
 * The engine itself judges `--as-of` and `--param` (a request with no input: only its problems
 * outside `input` are the run's).
 */
export function checkRunFlags(engine: Pick<Engine, 'kinds' | 'rulesets' | 'evaluate' | 'parameterSeries'>, flags: RunFlags): void {
  const problems: string[] = [];
  const kinds = engine.kinds() as string[];
  const rulesets = engine.rulesets();
  const jurisdictions = [...new Set(rulesets.map((r) => r.jurisdiction))].sort();
  if (flags.kind !== undefined && !kinds.includes(flags.kind)) problems.push(`--kind: ${unknownValue('kind', flags.kind, kinds)}`);
  if (flags.jurisdiction !== undefined) {
    if (!jurisdictions.includes(flags.jurisdiction)) problems.push(`--jurisdiction: ${unknownValue('jurisdiction', flags.jurisdiction, jurisdictions)}`);
    else if (flags.kind !== undefined && kinds.includes(flags.kind)) {
      const deciders = [...new Set(rulesets.filter((r) => r.kinds.includes(flags.kind!)).map((r) => r.jurisdiction))];
      if (!deciders.includes(flags.jurisdiction)) problems.push(`--jurisdiction: ${flags.jurisdiction} does not decide '${flags.kind}'; ${deciders.join(', ') || 'no ruleset'} does`);
    }
  }
  const series = engine.parameterSeries().map((s) => s.id);
  for (const id of Object.keys(flags.param ?? {})) {
    if (!series.includes(id)) problems.push(`--param: ${unknownValue('parameter', id, series)}`);
  }
  // The engine's own checks of each override (its type, its jurisdiction), then of the date: a
  // request with no input, whose problems outside `input` are the run's.
  const kindKnown = flags.kind !== undefined && kinds.includes(flags.kind);
  const known = Object.fromEntries(Object.entries(flags.param ?? {}).filter(([id]) => series.includes(id)));
  const jurisdictionKnown = flags.jurisdiction === undefined || !problems.some((p) => p.startsWith('--jurisdiction'));
  if (kindKnown && jurisdictionKnown && Object.keys(known).length > 0) probe(engine, { kind: flags.kind, jurisdiction: flags.jurisdiction, parameters: known }, problems, flags);
  if (flags.asOf !== undefined) probe(engine, { kind: kindKnown ? flags.kind : kinds[0], asOf: flags.asOf }, problems, flags);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
}

function probe(engine: Pick<Engine, 'evaluate'>, request: Record<string, unknown>, problems: string[], flags: RunFlags): void {
  try {
    engine.evaluate({ ...request, input: undefined } as unknown as EvaluateRequest);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    for (const i of e.issues) {
      const top = String(i.path[0] ?? '');
      if (top === 'input' || top === 'jurisdiction') continue; // a row's input, or a row's own jurisdiction
      const flag = FLAG_OF[top] ?? top;
      const detail = top === 'parameters' ? `${formatPath(i.path.slice(1))}: ${i.message}` : top === 'asOf' ? `'${flags.asOf}': ${i.message}` : i.message;
      problems.push(`${flag}: ${detail}`);
    }
  }
}

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; items?: JsonSchema; prefixItems?: JsonSchema[]; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; allOf?: JsonSchema[]; additionalProperties?: boolean | JsonSchema };

const schemaCache = new Map<string, JsonSchema>();
function inputSchema(kind: string): JsonSchema | undefined {
  const mod = (BUNDLED_KINDS as Record<string, { schema: z.ZodType }>)[kind];
  if (!mod) return undefined;
  let s = schemaCache.get(kind);
  if (!s) {
    s = z.toJSONSchema(mod.schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    schemaCache.set(kind, s);
  }
  return s;
}

/** Whether a dotted path (names and array indexes) can be set in a value of this schema. */
function pathFits(s: JsonSchema | undefined, path: ReadonlyArray<string | number>): boolean {
  if (!s) return false;
  if (path.length === 0) return true;
  const branches = [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])];
  if (branches.some((b) => pathFits(b, path))) return true;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    if (s.prefixItems?.[head]) return pathFits(s.prefixItems[head], rest);
    return s.items !== undefined && pathFits(s.items, rest);
  }
  if (s.properties && Object.hasOwn(s.properties, head!)) return pathFits(s.properties[head!], rest);
  // A record (`additionalProperties` a schema) takes any key; an object with named properties does not.
  if (s.additionalProperties !== undefined && typeof s.additionalProperties === 'object') return pathFits(s.additionalProperties, rest);
  return false;
}

/**
 * Checks a CSV's columns against the kind's input (or, when rows name their own kind in a
 * `_kind` column, against every kind) and its `_param.<id>` columns against the parameter
 * series; throws one {@link UsageError} naming every unknown column.
 */
export function checkCsvColumns(engine: Pick<Engine, 'kinds' | 'parameterSeries'>, specs: readonly ColumnSpec[], kind: string | undefined, file: string): void {
  const perRowKind = specs.some((s) => s.kind === 'kind');
  if (!kind && !perRowKind) throw new UsageError(`${file}: no kind: give --kind, or a _kind column`);
  const kinds = perRowKind ? (engine.kinds() as string[]) : [kind!];
  const series = engine.parameterSeries().map((s) => s.id);
  const problems: string[] = [];
  specs.forEach((s, i) => {
    if (s.kind === 'param' && !series.includes(s.param!)) problems.push(`column ${i + 1} '${s.header}': ${unknownValue('parameter', s.param!, series)}`);
    if (s.kind !== 'field') return;
    if (!kinds.some((k) => pathFits(inputSchema(k), s.path))) {
      const top = inputSchema(kinds[0]!)?.properties ?? {};
      const where = perRowKind ? 'any kind' : `the ${kind} input`;
      problems.push(`column ${i + 1} '${s.header}': not a field of ${where}${perRowKind ? '' : ` (its fields: ${Object.keys(top).join(', ')})`}`);
    }
  });
  if (problems.length > 0) throw new UsageError(`${file}: unknown CSV column${problems.length > 1 ? 's' : ''}: ${problems.join('; ')}`);
}
