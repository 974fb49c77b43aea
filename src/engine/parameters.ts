import { addDaysIso } from './dates';
import { Dec, isDecimalLike } from './decimal';
import { fileShapeIssues } from './file-limits';
import { MissingParameterError, RulesetError, type Issue } from './errors';
import { compileLogic, type CompiledLogic, type EvaluationScope } from './logic/compile';
import { defaultEvidence, parameterFileSchema, type Evidence, type ParameterFile, type ParameterSource, type ParameterValue } from './ruleset-file';
import type { Localized } from './schemas';
import { zodIssues } from './schemas';

/**
 * A parameter: one dated series of values, each with its source.
 *
 * @example
 * ```ts
 * const s = engine.parameterSeries().find((x) => x.id === 'cn.hunan.shaoyang.max-per-capita-mu');
 * s?.values.map((v) => `${v.from}–${v.to ?? 'open'}: ${v.value}`);
 * ```
 */
export interface ParameterSeries {
  readonly id: string;
  /** The jurisdiction that owns it (the file it came from). */
  readonly jurisdiction: string;
  readonly description: Localized;
  readonly unit: string;
  /** Values in date order, windows touching without gaps or overlaps. */
  readonly values: readonly ParameterValue[];
}

/**
 * One input a derived value was computed from: which series, on which date, its value and evidence.
 *
 * @example
 * ```ts
 * const read = engine.payout(input).parameters.find((p) => p.id === 'cn.shanghai.contribution-base');
 * read?.inputs?.map((i: DerivedInput) => `${i.id} on ${i.on} = ${i.value}`);
 * ```
 */
export interface DerivedInput {
  id: string;
  /** The date it was read on (the decision's date, or the date the formula states). */
  on: string;
  value: string | number | string[];
  evidence: Evidence;
  verified: boolean;
  /** When the input is itself derived: what it was computed from. */
  inputs?: DerivedInput[];
}

/** A derived value resolved on a date: the stored value with `value` computed and its window narrowed. */
export type ResolvedParameterValue = ParameterValue & { value: string | number | string[]; inputs?: DerivedInput[] };

/** What a derived value's formula reads: same-date reads go to `param`, stated-date ones to `paramOn`. */
export interface DerivedScope {
  param(id: string): string | number | string[];
  paramOn(id: string, date: string): string | number | string[];
}

/** Parts of a formula a parameter file may not use: there is no data to read. */
const FORMULA_FORBIDDEN = new Set(['var', 'missing', 'missing_some', 'value']);

/** Validates parameter files and builds a lookup of series by id. */
export class ParameterRegistry {
  private readonly series = new Map<string, ParameterSeries>();
  private readonly compiled = new WeakMap<ParameterValue, CompiledLogic>();
  private readonly resolved = new Map<string, ResolvedParameterValue | undefined>();

  /** All series, in id order. */
  all(): ParameterSeries[] {
    return [...this.series.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  get(id: string): ParameterSeries | undefined {
    return this.series.get(id);
  }

  /** The stored value in force on a date (a derived one still carries its `formula`), or undefined. */
  storedOn(id: string, date: string): ParameterValue | undefined {
    const s = this.series.get(id);
    if (!s) return undefined;
    for (const v of s.values) if (v.from <= date && (v.to === null || date <= v.to)) return v;
    return undefined;
  }

  /**
   * The value in force on a date, or undefined. A derived value is computed from the series it
   * names (on the same date, or on the dates it states); its window is narrowed to the days on
   * which every same-date input keeps its value, and `inputs` lists what it read.
   */
  valueOn(id: string, date: string): ResolvedParameterValue | undefined {
    const key = `${id}|${date}`;
    if (this.resolved.has(key)) return this.resolved.get(key);
    const v = this.storedOn(id, date);
    let out: ResolvedParameterValue | undefined;
    if (!v) out = undefined;
    else if (v.formula === undefined) out = v as ResolvedParameterValue;
    else {
      const inputs: DerivedInput[] = [];
      let from = v.from;
      let to = v.to;
      const read = (x: string, on: string, sameDate: boolean) => {
        const r = this.valueOn(x, on);
        if (!r) throw new MissingParameterError(x, on, `read by the formula of ${id}`);
        inputs.push(inputOf(x, on, r));
        if (sameDate) {
          if (r.from > from) from = r.from;
          if (r.to !== null && (to === null || r.to < to)) to = r.to;
        }
        return r.value;
      };
      const value = this.evaluateFormula(v, { param: (x) => read(x, date, true), paramOn: (x, d) => read(x, d, false) });
      out = { ...v, value, from, to, inputs };
    }
    if (this.resolved.size >= 10_000) this.resolved.clear();
    this.resolved.set(key, out);
    return out;
  }

  /** Computes a derived value with the reads a caller provides (a decision: overrides, recorded reads). */
  evaluateFormula(v: ParameterValue, scope: DerivedScope): string | number | string[] {
    const expr = this.compiled.get(v);
    if (!expr) throw new Error('not a derived parameter value');
    const evaluation: EvaluationScope = { param: (x) => scope.param(x), paramOn: (x, d) => scope.paramOn(x, d), value: () => undefined };
    const result = expr({}, evaluation);
    if (result instanceof Dec) return result.toFixed();
    if (typeof result === 'number' && Number.isFinite(result)) return result;
    if (typeof result === 'string') return result;
    throw new Error(`a parameter formula gave ${result === null ? 'null' : typeof result}, not a number`);
  }

  /**
   * Adds every series of the files; a series whose id is already present replaces it whole
   * (how a caller brings a corrected or extended series). Then compiles the derived values'
   * formulas against the series present and refuses cycles. Throws one RulesetError listing all
   * problems.
   */
  static fromFiles(files: readonly unknown[]): ParameterRegistry {
    const reg = new ParameterRegistry();
    const issues: Issue[] = [];
    const paths = new Map<string, ReadonlyArray<string | number>>();
    files.forEach((raw, fileIndex) => {
      const at = [`parameters[${fileIndex}]`];
      const shape = fileShapeIssues(raw, at);
      if (shape.length > 0) {
        issues.push(...shape);
        return;
      }
      const parsed = parameterFileSchema.safeParse(raw);
      if (!parsed.success) {
        issues.push(...zodIssues(parsed.error, at));
        return;
      }
      const file = parsed.data;
      for (const [id, series] of Object.entries(file.parameters)) {
        const p = [...at, 'parameters', id];
        const rest = id.startsWith(file.jurisdiction + '.') ? id.slice(file.jurisdiction.length + 1) : null;
        if (rest === null || !/^[a-z0-9][a-z0-9-]*$/.test(rest)) {
          issues.push({ path: p, message: `a parameter id is the file's jurisdiction and one name: ${file.jurisdiction}.<name>` });
          continue;
        }
        const values = series.values.map((v): ParameterValue => ({ ...v, evidence: defaultEvidence(v) }) as ParameterValue);
        issues.push(...windowIssues(values, p));
        reg.series.set(id, { id, jurisdiction: file.jurisdiction, description: series.description, unit: series.unit, values });
        paths.set(id, p);
      }
    });
    if (issues.length === 0) issues.push(...reg.compileFormulas(paths));
    if (issues.length > 0) throw new RulesetError(issues, 'parameters');
    return reg;
  }

  /** Compiles every formula (known ids, allow-listed operators, no data reads) and checks for cycles. */
  private compileFormulas(paths: ReadonlyMap<string, ReadonlyArray<string | number>>): Issue[] {
    const issues: Issue[] = [];
    // Dependency graph over stored values: node `id#index`.
    const edges = new Map<string, string[]>();
    const indexOn = (id: string, date: string) => this.series.get(id)?.values.findIndex((x) => x.from <= date && (x.to === null || date <= x.to)) ?? -1;
    for (const s of this.series.values()) {
      s.values.forEach((v, i) => {
        if (v.formula === undefined) return;
        const at = [...(paths.get(s.id) ?? [s.id]), 'values', i, 'formula'];
        const forbidden = forbiddenIn(v.formula);
        if (forbidden) {
          issues.push({ path: at, message: `a parameter formula reads other series only: '${forbidden}' is not allowed` });
          return;
        }
        const deps: string[] = [];
        const checkParam = (x: string) => (this.series.has(x) ? undefined : `unknown parameter '${x}'`);
        const expr = compileLogic(v.formula, at, issues, { checkParam, allowParamOn: true });
        for (const [x, date] of paramRefs(v.formula)) {
          const target = this.series.get(x);
          if (!target) continue;
          if (date === null) {
            // Same date: every value of x that overlaps this value's window.
            target.values.forEach((t, j) => {
              if (t.from <= (v.to ?? '9999-12-31') && (t.to === null || v.from <= t.to)) deps.push(`${x}#${j}`);
            });
          } else {
            const j = indexOn(x, date);
            if (j < 0) issues.push({ path: at, message: `${x} has no value on ${date}` });
            else deps.push(`${x}#${j}`);
          }
        }
        edges.set(`${s.id}#${i}`, deps);
        this.compiled.set(v, expr);
      });
    }
    const cycle = findCycle(edges);
    if (cycle) issues.push({ path: ['parameters'], message: `parameter formulas form a cycle: ${cycle.join(' → ')}` });
    return issues;
  }
}

function inputOf(id: string, on: string, r: ResolvedParameterValue): DerivedInput {
  const i: DerivedInput = { id, on, value: r.value, evidence: r.evidence, verified: r.verified };
  if (r.inputs) i.inputs = r.inputs;
  return i;
}

/** The first operator of FORMULA_FORBIDDEN a formula uses, if any. */
function forbiddenIn(logic: unknown): string | undefined {
  if (Array.isArray(logic)) {
    for (const n of logic) {
      const f = forbiddenIn(n);
      if (f) return f;
    }
    return undefined;
  }
  if (logic !== null && typeof logic === 'object') {
    for (const [op, arg] of Object.entries(logic)) {
      if (FORMULA_FORBIDDEN.has(op)) return op;
      const f = forbiddenIn(arg);
      if (f) return f;
    }
  }
  return undefined;
}

/** Every `param` a formula names: [id, null] for the same date, [id, date] for a stated one. */
function paramRefs(logic: unknown, out: Array<[string, string | null]> = []): Array<[string, string | null]> {
  if (Array.isArray(logic)) for (const n of logic) paramRefs(n, out);
  else if (logic !== null && typeof logic === 'object') {
    for (const [op, arg] of Object.entries(logic)) {
      if (op === 'param' && typeof arg === 'string') out.push([arg, null]);
      else if (op === 'param' && Array.isArray(arg) && typeof arg[0] === 'string') out.push([arg[0], typeof arg[1] === 'string' ? arg[1] : null]);
      else paramRefs(arg, out);
    }
  }
  return out;
}

/** A cycle in a dependency graph (as the list of nodes, first repeated at the end), or undefined. */
function findCycle(edges: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 1 | 2>(); // 1 = on the stack, 2 = done
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    state.set(n, 1);
    stack.push(n);
    for (const m of edges.get(n) ?? []) {
      const st = state.get(m);
      if (st === 1) return [...stack.slice(stack.indexOf(m)), m];
      if (st === undefined) {
        const c = visit(m);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(n, 2);
    return undefined;
  };
  for (const n of [...edges.keys()].sort()) {
    if (state.get(n) === undefined) {
      const c = visit(n);
      if (c) return c;
    }
  }
  return undefined;
}

/** Problems with a series' windows: order, from ≤ to, overlaps and gaps. */
function windowIssues(values: readonly ParameterValue[], at: ReadonlyArray<string | number>): Issue[] {
  const issues: Issue[] = [];
  values.forEach((v, i) => {
    if (v.to !== null && v.to < v.from) issues.push({ path: [...at, 'values', i], message: `ends (${v.to}) before it starts (${v.from})` });
    const prev = values[i - 1];
    if (!prev) return;
    if (v.from <= prev.from) {
      issues.push({ path: [...at, 'values', i], message: `values must be in date order (${v.from} after ${prev.from})` });
    } else if (prev.to === null || v.from <= prev.to) {
      issues.push({ path: [...at, 'values', i], message: `overlaps the value from ${prev.from} (to ${prev.to ?? 'open'})` });
    } else if (addDaysIso(prev.to, 1) !== v.from) {
      issues.push({ path: [...at, 'values', i], message: `leaves a gap after ${prev.to} (next value starts ${v.from})` });
    }
  });
  return issues;
}

/** Whether every value of a series is a decimal (then an override must be one too); derived values count as decimals. */
export function isDecimalSeries(series: ParameterSeries): boolean {
  return series.values.every((v) => v.formula !== undefined || isDecimalLike(v.value));
}

/** Whether every value of a series is a list of strings (then an override must be one too). */
export function isListSeries(series: ParameterSeries): boolean {
  return series.values.every((v) => Array.isArray(v.value));
}

/** What is wrong with an override of a series, or undefined when it may be used. */
export function overrideProblem(series: ParameterSeries, value: unknown): string | undefined {
  if (isListSeries(series)) return Array.isArray(value) && value.every((x) => typeof x === 'string') ? undefined : 'expected a list of strings such as ["耕地", "园地"]';
  if (Array.isArray(value)) return 'expected a single value, not a list';
  if (isDecimalSeries(series) && !isDecimalLike(value)) return 'expected a decimal such as "0.3"';
  return undefined;
}

export type { Evidence, ParameterFile, ParameterSource, ParameterValue };
