/**
 * The prepared evaluator (issue 21): what every decision of one ruleset, kind, law's date and set
 * of parameter overrides shares, worked out once and kept in a bounded cache. Pure: the cache is
 * keyed by the ruleset's content hash, the kind, the date and the overrides in canonical order;
 * nothing in it depends on a clock or on the order decisions come in.
 *
 * - Each parameter's first read in a decision is resolved once: its value, the read as recorded,
 *   and the steps reading it causes (the same-date inputs of a derived value, read first, and the
 *   warnings of unverified figures, in the order the unprepared path gives them). A decision
 *   replays the steps, so its `parameters` and `warnings` are exactly what they were.
 * - Expressions that depend only on parameters (every Gucun premium) are folded: computed once,
 *   with the ids they read, which each decision still reads (and records) in the same order.
 *
 * Replay under recorded reads (`pinned`) does not use it.
 */
import { MissingParameterError } from './errors';
import type { CompiledLogic, EvaluationScope } from './logic/compile';
import type { DerivedInput, ParameterRegistry, ParameterValue } from './parameters';
import type { Evidence } from './ruleset-file';
import type { LoadedRuleset } from './ruleset';
import type { Localized } from './schemas';
import type { ParameterRead } from './types';

/** A warning a parameter read gives, with its once-per-decision key. */
export interface PreparedWarning {
  readonly key: string;
  readonly message: Localized;
  readonly parameter: string;
  readonly evidence: Evidence;
}

/** One step of a first read: read a same-date input first, or warn. */
export interface ReadStep {
  readonly input?: string;
  readonly warning?: PreparedWarning;
}

/** A parameter's first read in a decision, resolved for the environment. */
export interface ResolvedRead {
  /**
   * The read's place in the environment (0, 1, 2… in the order first resolved): a decision keeps
   * its reads in arrays by slot instead of maps by id.
   */
  readonly slot: number;
  readonly value: string | number | string[];
  readonly read: ParameterRead;
  readonly steps: readonly ReadStep[];
}

/** A folded expression: its value and the parameters it reads, in the order first read. */
interface Folded {
  readonly value: unknown;
  readonly reads: readonly string[];
}

const EVIDENCE_TEXT: Record<Evidence, Localized> = {
  official: { zh: '官方来源，尚未核实', en: 'an official figure not yet checked' },
  secondary: { zh: '二手来源', en: 'a secondary-source figure' },
  derived: { zh: '由其他参数推算', en: 'derived from other parameters' },
  interpretation: { zh: '本包的解释', en: "the package's interpretation" },
  placeholder: { zh: '占位值', en: 'a PLACEHOLDER' },
};

// The warning text of an unverified parameter value, built once per value and date (not per decision).
const unverifiedMessages = new WeakMap<ParameterValue, Map<string, Localized>>();

/** The text of the warning that a parameter value is not verified (shared, built once per value and date). */
export function unverifiedMessage(id: string, v: ParameterValue & { value: string | number | string[] }, statedDate: string | undefined): Localized {
  let byKey = unverifiedMessages.get(v);
  if (!byKey) {
    byKey = new Map();
    unverifiedMessages.set(v, byKey);
  }
  const key = `${String(v.value)}|${v.from}|${statedDate ?? ''}`;
  let m = byKey.get(key);
  if (!m) {
    const e = EVIDENCE_TEXT[v.evidence];
    const value = Array.isArray(v.value) ? v.value.join(', ') : String(v.value);
    const onZh = statedDate ? `（按 ${statedDate} 的取值）` : '';
    const onEn = statedDate ? ` (its value on ${statedDate})` : '';
    m = {
      zh: `参数 ${id}${onZh} 的取值 ${value}（${v.from} 起）尚未核实，属${e.zh}：${v.source}`,
      en: `Parameter ${id}${onEn} = ${value} (from ${v.from}) is not verified against its source, ${e.en}: ${v.source}`,
    };
    byKey.set(key, m);
  }
  return m;
}

/** The once-per-decision key of a parameter's warning (the same as `DecisionContext.warn` would make). */
export function parameterWarning(id: string, v: ParameterValue & { value: string | number | string[] }, on: string, lawDate: string): PreparedWarning {
  const message = unverifiedMessage(id, v, on === lawDate ? undefined : on);
  return { key: `UNVERIFIED_PARAMETER|${id}|${message.en}`, message, parameter: id, evidence: v.evidence };
}

/** What a decision gives a folded expression to read through: its own parameter reads. */
export interface ParamReader {
  param(id: string): unknown;
}

/**
 * Everything decisions of one ruleset, kind, date and override set share. Built lazily: a
 * parameter is resolved, an expression folded, the first time a decision needs it.
 */
export class PreparedEnvironment {
  private readonly resolved = new Map<string, ResolvedRead>();
  /** How many reads are resolved (the next read's slot). */
  private slots = 0;
  private readonly unresolvable = new Set<string>();
  private readonly folded = new Map<CompiledLogic, Folded>();
  /** Parameter ids of roles (`ctx.role`), by local name. */
  readonly roles = new Map<string, string>();
  /** The ruleset's assumptions as warnings, each with its key. */
  readonly assumptions: ReadonlyArray<{ readonly key: string; readonly code: string; readonly message: Localized }>;

  constructor(
    private readonly params: ParameterRegistry,
    readonly ruleset: LoadedRuleset,
    private readonly lawDate: string,
    private readonly overrides: ReadonlyMap<string, string | number | string[]>,
  ) {
    this.assumptions = ruleset.file.assumptions.map((a) => ({ key: `${a.code}||${a.message.en}`, code: a.code, message: a.message }));
  }

  /**
   * A parameter's first read, or undefined when it cannot be resolved (no such parameter, no
   * value on the date): the caller then takes the unprepared path, which throws the error.
   */
  resolve(id: string): ResolvedRead | undefined {
    const known = this.resolved.get(id);
    if (known !== undefined) return known;
    if (this.unresolvable.has(id)) return undefined;
    let computed: Omit<ResolvedRead, 'slot'>;
    try {
      computed = this.compute(id);
    } catch {
      this.unresolvable.add(id);
      return undefined;
    }
    // Its inputs (resolved while computing it) have their slots already.
    const r: ResolvedRead = { slot: this.slots++, value: computed.value, read: computed.read, steps: computed.steps };
    this.resolved.set(id, r);
    return r;
  }

  // Mirrors DecisionContext's unprepared read (an override, else the stored value, computing a
  // derived one), recording as steps what that read does to a decision.
  private compute(id: string): Omit<ResolvedRead, 'slot'> {
    const series = this.params.get(id);
    if (!series) throw new MissingParameterError(id, this.lawDate, 'no such parameter');
    const override = this.overrides.get(id);
    if (override !== undefined) {
      const read: ParameterRead = { id, value: override, effectiveFrom: null, effectiveTo: null, unit: series.unit, source: 'override', verified: false, overridden: true, evidence: 'placeholder' };
      return { value: override, read, steps: [] };
    }
    const v = this.params.storedOn(id, this.lawDate);
    if (!v) throw new MissingParameterError(id, this.lawDate, 'no value on the date');
    const steps: ReadStep[] = [];
    let value = v.value!;
    let from = v.from;
    let to = v.to;
    let inputs: DerivedInput[] | undefined;
    if (v.formula !== undefined) {
      const list: DerivedInput[] = [];
      inputs = list;
      value = this.params.evaluateFormula(v, {
        param: (x) => {
          const rx = this.resolve(x);
          if (rx === undefined) throw new Error(`${x} cannot be resolved`);
          steps.push({ input: x });
          const r = rx.read;
          list.push(inputOf(x, this.lawDate, rx.value, r.evidence, r.verified, r.inputs));
          if (r.effectiveFrom !== null && r.effectiveFrom > from) from = r.effectiveFrom;
          if (r.effectiveTo !== null && (to === null || r.effectiveTo < to)) to = r.effectiveTo;
          return rx.value;
        },
        paramOn: (x, date) => {
          const r = this.params.valueOn(x, date);
          if (!r) throw new MissingParameterError(x, date, `read by the formula of ${id}`);
          list.push(inputOf(x, date, r.value, r.evidence, r.verified, r.inputs));
          this.statedWarnings(x, date, r, steps);
          return r.value;
        },
      });
    }
    const read: ParameterRead = { id, value, effectiveFrom: from, effectiveTo: to, unit: series.unit, source: v.source, verified: v.verified, overridden: false, evidence: v.evidence };
    if (v.sources) read.sources = v.sources;
    if (inputs) read.inputs = inputs;
    if (!v.verified) steps.push({ warning: parameterWarning(id, { ...v, value, from }, this.lawDate, this.lawDate) });
    return { value, read, steps };
  }

  private statedWarnings(id: string, date: string, r: ParameterValue & { value: string | number | string[]; inputs?: DerivedInput[] }, steps: ReadStep[]): void {
    if (!r.verified) steps.push({ warning: parameterWarning(id, r, date, this.lawDate) });
    for (const i of r.inputs ?? []) {
      const v = this.params.valueOn(i.id, i.on);
      if (v) this.statedWarnings(i.id, i.on, v, steps);
    }
  }

  /**
   * The value of an expression that depends only on parameters (see `compileLogic`): computed
   * the first time with the decision's reads, then reused; every decision still reads the same
   * parameters in the same order. An error is not kept: the next decision computes again.
   */
  fold(key: CompiledLogic, raw: CompiledLogic, reader: ParamReader): unknown {
    const known = this.folded.get(key);
    if (known !== undefined) {
      const ids = known.reads;
      for (let i = 0; i < ids.length; i++) reader.param(ids[i]!);
      return known.value;
    }
    const reads: string[] = [];
    const recording: EvaluationScope = {
      param: (id) => {
        if (!reads.includes(id)) reads.push(id);
        return reader.param(id);
      },
      value: () => undefined,
    };
    const value = raw(undefined, recording);
    this.folded.set(key, { value, reads });
    return value;
  }
}

function inputOf(id: string, on: string, value: string | number | string[], evidence: Evidence, verified: boolean, inputs: DerivedInput[] | undefined): DerivedInput {
  return inputs ? { id, on, value, evidence, verified, inputs } : { id, on, value, evidence, verified };
}

// About 13 KiB an environment (a payout's, measured with --expose-gc over 250 dates), so at most
// about 26 MiB; 2,048 holds every day of a five-year ruleset window (Gucun's is 1,826 days).
const MAX_ENVIRONMENTS = 2048;

/** Per parameter registry: environments by ruleset (its content hash identifies it), then kind and overrides, then date. */
interface EnvironmentCache {
  byRuleset: WeakMap<LoadedRuleset, Map<string, Map<string, PreparedEnvironment>>>;
  size: number;
}
const caches = new WeakMap<ParameterRegistry, EnvironmentCache>();

/** Overrides in canonical order (by id), as a cache key. */
function overridesKey(overrides: ReadonlyMap<string, string | number | string[]>): string {
  if (overrides.size === 0) return '';
  const ids = [...overrides.keys()].sort();
  return JSON.stringify(ids.map((id) => [id, overrides.get(id)]));
}

/**
 * The prepared environment of a ruleset, kind, law's date and override set, from a bounded cache
 * per parameter registry (at most 2,048 environments; when full it starts again empty). Nested
 * maps, so that the usual decision (no overrides) builds no key string.
 */
export function preparedEnvironment(
  params: ParameterRegistry,
  ruleset: LoadedRuleset,
  kind: string,
  lawDate: string,
  overrides: ReadonlyMap<string, string | number | string[]>,
): PreparedEnvironment {
  let cache = caches.get(params);
  if (!cache || cache.size >= MAX_ENVIRONMENTS) {
    cache = { byRuleset: new WeakMap(), size: 0 };
    caches.set(params, cache);
  }
  let byKind = cache.byRuleset.get(ruleset);
  if (!byKind) {
    byKind = new Map();
    cache.byRuleset.set(ruleset, byKind);
  }
  const kindKey = overrides.size === 0 ? kind : `${kind}|${overridesKey(overrides)}`;
  let byDate = byKind.get(kindKey);
  if (!byDate) {
    byDate = new Map();
    byKind.set(kindKey, byDate);
  }
  let env = byDate.get(lawDate);
  if (env === undefined) {
    env = new PreparedEnvironment(params, ruleset, lawDate, overrides);
    byDate.set(lawDate, env);
    cache.size++;
  }
  return env;
}
