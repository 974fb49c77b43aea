import { z } from 'zod';
import { replayRecords, type ReplayOptions, type ReplayReport } from '../audit/replay';
import type { RecordedRequest } from '../audit/record';
import { BUNDLED_PARAMETERS, BUNDLED_RULESETS } from '../bundled';
import { BUNDLED_KINDS, type Kind, type KindInput, type KindOutcome } from '../kinds';
import type { KindModule } from '../kinds/kind';
import { DecisionContext } from './context';
import { isDecimalLike, NotADecimalError } from './decimal';
import { InputError, NoRulesetInForceError, RuleEvaluationError, RulesetError, type Issue } from './errors';
import { jurisdictionChain } from './jurisdiction';
import { isDecimalSeries, ParameterRegistry, type ParameterSeries, type ParameterValue } from './parameters';
import { loadRuleset, RulesetRegistry, type LoadedRuleset, type RulesetSummary } from './ruleset';
import { isoDate, zodIssues } from './schemas';
import type { DecisionOf, RulesetRef } from './types';

/**
 * A decision of a kind (or of any kind).
 *
 * @example
 * ```ts
 * const d: Decision<'eligibility'> = engine.eligibility(input);
 * const any: Decision = engine.evaluate(request);
 * ```
 */
export type Decision<K extends Kind = Kind> = { [P in K]: DecisionOf<P, KindOutcome<P>> }[K];

/**
 * Per-call parameter overrides: parameter id → value.
 *
 * @example
 * ```ts
 * const overrides: ParameterOverrides = { 'cn.hunan.shaoyang.max-per-capita-mu': '0.4' };
 * ```
 */
export type ParameterOverrides = Readonly<Record<string, string | number>>;

/**
 * What `evaluate` takes.
 *
 * @example
 * ```ts
 * const request: EvaluateRequest<'eligibility'> = { kind: 'eligibility', jurisdiction: 'cn.hunan.shaoyang', input };
 * engine.evaluate(request);
 * ```
 */
export type EvaluateRequest<K extends Kind = Kind> = {
  [P in K]: {
    kind: P;
    /** Dotted jurisdiction (e.g. `cn.hunan.shaoyang`); may be left out when one jurisdiction decides the kind. */
    jurisdiction?: string;
    /** Whose rules and parameters apply; defaults to the input's decisive date. */
    asOf?: string;
    input: KindInput<P>;
    /** Overrides used for this call whatever the date, reported with `overridden: true`. */
    parameters?: ParameterOverrides;
  };
}[K];

/**
 * Options of the typed helpers (`engine.eligibility(input, options)`).
 *
 * @example
 * ```ts
 * engine.eligibility(input, { asOf: '2023-05-10', parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': '0.4' } });
 * ```
 */
export interface EvaluateOptions {
  jurisdiction?: string;
  asOf?: string;
  parameters?: ParameterOverrides;
}

/**
 * Options of {@link createEngine}.
 *
 * @example
 * ```ts
 * const engine = createEngine({ parameters: [myParameterFile], rulesets: [myRulesetFile] });
 * ```
 */
export interface EngineOptions {
  /**
   * Ruleset files (parsed JSON). One whose `id` matches a bundled ruleset replaces it; any other
   * is added. Windows are checked again over the result.
   */
  rulesets?: readonly unknown[];
  /** Parameter files. A series whose id matches a bundled one replaces it whole. */
  parameters?: readonly unknown[];
  /** Start from the bundled rulesets and parameters (default `true`). */
  bundled?: boolean;
  /**
   * Older ruleset files kept by content hash for `replay` only: a record made under one of them
   * is replayed with it exactly. They never decide new requests, so their windows may overlap
   * the current rulesets'.
   */
  archive?: readonly unknown[];
}

type CamelCase<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;

/**
 * One typed method per kind: `engine.eligibility(input, options)`, `engine.laterSubsidy(...)`.
 *
 * @example
 * ```ts
 * engine.eligibility(input, { asOf: '2023-05-10' }); // a KindMethods member
 * ```
 */
export type KindMethods = {
  [K in Kind as CamelCase<K>]: (input: KindInput<K>, options?: EvaluateOptions) => Decision<K>;
};

/**
 * The engine: rulesets and parameters loaded, validated and compiled once.
 *
 * @example
 * ```ts
 * const engine = createEngine();
 * engine.kinds();                                   // ['eligibility', …]
 * engine.parameterOn('cn.hunan.shaoyang.max-per-capita-mu', '2023-05-10')?.value; // '0.3'
 * ```
 */
export interface EngineCore {
  /** Makes a decision. Synchronous and pure: the same request gives a deep-equal decision. */
  evaluate<K extends Kind>(request: EvaluateRequest<K>): Decision<K>;
  /** Same as `evaluate({ kind, input, ...options })`. */
  decide<K extends Kind>(kind: K, input: KindInput<K>, options?: EvaluateOptions): Decision<K>;
  /** Every ruleset, ordered by jurisdiction and date. */
  rulesets(): RulesetSummary[];
  /** The ruleset with a content hash, if the engine has it (current or archived). */
  rulesetByHash(hash: string): RulesetSummary | undefined;
  /** The archived rulesets (`createEngine({ archive })`), used only by replay. */
  archivedRulesets(): RulesetSummary[];
  /**
   * Re-evaluates decision records (made by `toRecord`) with the ruleset each names by hash and
   * compares outcome, reasons, warnings and parameter values field by field. A record whose
   * ruleset hash the engine does not have fails with `UNKNOWN_RULESET`; it is never passed.
   * Synchronous for arrays and iterables, a promise for async iterables (streams).
   */
  replay(records: Iterable<unknown>, options?: ReplayOptions): ReplayReport;
  /**
   * The same for an async iterable of records (lines of a file, a database cursor): a promise of
   * the report.
   *
   * @example
   * ```ts
   * const report = await engine.replay(readLines('decisions.jsonl'));
   * ```
   */
  replay(records: AsyncIterable<unknown>, options?: ReplayOptions): Promise<ReplayReport>;
  /** The kinds this engine decides. */
  kinds(): Kind[];
  /** Every parameter series. */
  parameterSeries(): ParameterSeries[];
  /** The value of a parameter in force on a date, if any. */
  parameterOn(id: string, date: string): ParameterValue | undefined;
}

/**
 * The engine returned by {@link createEngine}: `evaluate`, `decide`, listings, and one typed method per kind.
 *
 * @example
 * ```ts
 * const engine: Engine = createEngine();
 * engine.eligibility(input).outcome.eligibleCount;
 * ```
 */
export type Engine = EngineCore & KindMethods;

const requestEnvelope = z.strictObject({
  kind: z.string().max(40),
  jurisdiction: z.string().max(100).optional(),
  asOf: isoDate.optional(),
  input: z.unknown(),
  parameters: z.record(z.string().max(120), z.union([z.string().max(100), z.number()])).optional(),
});

function camelCase(s: string): string {
  return s.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

function rulesetRef(r: LoadedRuleset): RulesetRef {
  return {
    id: r.id,
    version: r.version,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    hash: r.hash,
    source: { docNo: r.source.docNo, title: r.source.title, issuedOn: r.source.issuedOn },
  };
}

function summary(r: LoadedRuleset): RulesetSummary {
  return { id: r.id, jurisdiction: r.jurisdiction, kinds: [...r.kinds], version: r.version, effectiveFrom: r.effectiveFrom, effectiveTo: r.effectiveTo, source: { ...r.source }, hash: r.hash };
}

/** Merges caller files over bundled ones: same id replaces, new id is added. */
function mergeById(base: readonly unknown[], extra: readonly unknown[]): unknown[] {
  const idOf = (x: unknown) => (x !== null && typeof x === 'object' ? (x as { id?: unknown }).id : undefined);
  const out = [...base];
  for (const e of extra) {
    const id = idOf(e);
    const i = typeof id === 'string' ? out.findIndex((b) => idOf(b) === id) : -1;
    if (i >= 0) out[i] = e;
    else out.push(e);
  }
  return out;
}

/**
 * Creates an engine with the bundled rulesets and parameters, plus any given. Validates and
 * compiles everything once; throws `RulesetError` listing every problem.
 *
 * @example
 * ```ts
 * import { createEngine } from 'zhengdi-rules';
 * const engine = createEngine();
 * const d = engine.eligibility({
 *   noticeDate: '2023-05-10',
 *   household: { originalCultivatedMu: '2.4', expropriatedCultivatedMu: '1.8', memberCount: 4 },
 *   applicants: [{ id: 'A1', sex: 'female', birthDate: '1980-03-02', basis: 'member',
 *                  collectiveMember: true, holdsContractRight: true }],
 * });
 * d.outcome.applicants[0].eligible; // true: 0.15 mu per person, aged 43, a member
 * ```
 */
export function createEngine(options: EngineOptions = {}): Engine {
  const bundled = options.bundled ?? true;
  const params = ParameterRegistry.fromFiles([...(bundled ? BUNDLED_PARAMETERS : []), ...(options.parameters ?? [])]);
  const kindModules = new Map<string, KindModule>(Object.entries(BUNDLED_KINDS) as Array<[string, KindModule]>);
  const rulesets = RulesetRegistry.load(mergeById(bundled ? BUNDLED_RULESETS : [], options.rulesets ?? []), params, kindModules);
  const archive = new Map<string, LoadedRuleset>();
  if (options.archive && options.archive.length > 0) {
    const issues: Issue[] = [];
    options.archive.forEach((raw, i) => {
      const r = loadRuleset(raw, `archive[${i}]`, params, kindModules, issues);
      if (r && !rulesets.byContentHash(r.hash)) archive.set(r.hash, r);
    });
    if (issues.length > 0) throw new RulesetError(issues, 'archive');
  }
  const anyByHash = (hash: string) => rulesets.byContentHash(hash) ?? archive.get(hash);

  /** Decides a request under the ruleset in force on its date, or under `fixed` (replay). */
  function evaluate<K extends Kind>(request: EvaluateRequest<K>, fixed?: LoadedRuleset): Decision<K> {
    const issues: Issue[] = [];
    const env = requestEnvelope.safeParse(request);
    if (!env.success) throw new InputError(zodIssues(env.error));
    const req = env.data;
    const mod = kindModules.get(req.kind);
    if (!mod) {
      throw new InputError([{ path: ['kind'], message: `unknown kind '${req.kind}' (one of ${[...kindModules.keys()].join(', ')})` }]);
    }
    let jurisdiction = req.jurisdiction;
    if (jurisdiction === undefined) {
      const known = rulesets.jurisdictionsFor(req.kind);
      if (known.length === 1) jurisdiction = known[0]!;
      else issues.push({ path: ['jurisdiction'], message: `required: '${req.kind}' is decided by ${known.join(', ') || 'no ruleset'}` });
    }
    const parsed = mod.schema.safeParse(req.input);
    if (!parsed.success) issues.push(...zodIssues(parsed.error, ['input']));
    const overrides = new Map<string, string | number>();
    let chain: Set<string> | undefined; // only needed to check overrides
    for (const [id, value] of Object.entries(req.parameters ?? {})) {
      chain ??= new Set(jurisdiction ? jurisdictionChain(jurisdiction) : []);
      const series = params.get(id);
      const at = ['parameters', id];
      if (!series) issues.push({ path: at, message: 'unknown parameter' });
      else if (jurisdiction && !chain.has(series.jurisdiction)) issues.push({ path: at, message: `belongs to ${series.jurisdiction}, not to ${jurisdiction} or its parents` });
      // (NaN and ±Infinity never get here: the envelope's z.number() refuses them.)
      else if (isDecimalSeries(series) && !isDecimalLike(value)) issues.push({ path: at, message: 'expected a decimal such as "0.3"' });
      else overrides.set(id, Object.is(value, -0) ? 0 : value);
    }
    if (issues.length > 0 || !parsed.success || jurisdiction === undefined) throw new InputError(issues);
    const input = parsed.data;
    const asOf = req.asOf ?? mod.decisiveDate(input);
    let ruleset: LoadedRuleset;
    if (fixed) ruleset = fixed;
    else {
      try {
        ruleset = rulesets.resolve(jurisdiction, req.kind, asOf);
      } catch (e) {
        if (e instanceof NoRulesetInForceError && req.asOf === undefined && mod.asOfHint) {
          throw new NoRulesetInForceError(e.jurisdiction, e.kind, e.date, `${e.message.slice(e.message.indexOf('. ') + 2)}. ${mod.asOfHint}`);
        }
        throw e;
      }
    }
    const ctx = new DecisionContext({ ruleset, asOf, params, overrides });
    let outcome: unknown;
    try {
      outcome = mod.decide(ctx, input);
    } catch (e) {
      // Inputs were checked: a value that is not a decimal here came from a formula or item of the rule file.
      if (e instanceof NotADecimalError) throw new RuleEvaluationError(ruleset.id, `a formula or item gave a value that is not a decimal (${e.message})`);
      throw e;
    }
    return {
      kind: req.kind,
      jurisdiction,
      asOf,
      ruleset: rulesetRef(ruleset),
      outcome,
      reasons: ctx.reasons,
      parameters: ctx.parameters(),
      warnings: ctx.warnings,
    } as Decision<K>;
  }

  const core: EngineCore = {
    evaluate: (request) => evaluate(request),
    decide: (kind, input, opts = {}) => evaluate({ ...opts, kind, input } as unknown as EvaluateRequest<typeof kind>),
    rulesets: () =>
      rulesets.list
        .map(summary)
        .sort((a, b) => (a.jurisdiction === b.jurisdiction ? (a.effectiveFrom < b.effectiveFrom ? -1 : 1) : a.jurisdiction < b.jurisdiction ? -1 : 1)),
    rulesetByHash: (hash) => {
      const r = anyByHash(hash);
      return r ? summary(r) : undefined;
    },
    archivedRulesets: () => [...archive.values()].map(summary),
    replay: ((records: Iterable<unknown> | AsyncIterable<unknown>, opts?: ReplayOptions) =>
      replayRecords(
        {
          inForce: (j, k, d) => summary(rulesets.resolve(j, k, d)),
          byHash: (h) => {
            const r = anyByHash(h);
            return r ? summary(r) : undefined;
          },
          // replayRecords has checked that the ruleset is known and covers the request (covers()).
          evaluateUnder: (hash, req: RecordedRequest) => evaluate(req as unknown as EvaluateRequest, anyByHash(hash)!),
        },
        records as Iterable<unknown>,
        opts,
      )) as EngineCore['replay'],
    kinds: () => [...kindModules.keys()] as Kind[],
    parameterSeries: () => params.all(),
    parameterOn: (id, date) => params.valueOn(id, date),
  };
  const methods: Record<string, unknown> = {};
  for (const kind of kindModules.keys()) {
    methods[camelCase(kind)] = (input: unknown, opts: EvaluateOptions = {}) => evaluate({ ...opts, kind, input } as EvaluateRequest);
  }
  return Object.freeze({ ...core, ...methods }) as Engine;
}
