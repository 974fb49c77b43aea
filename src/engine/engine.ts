/**
 * The engine core: kinds, rulesets and parameters given to it, validated and compiled once; one
 * way through for every decision (validate → resolve → decide → decision). It knows no bundled
 * data and no bundled kind: `createEngine()` (src/create-engine.ts) wires those in.
 */
import { z } from 'zod';
import { DecisionContext } from './context';
import { deferReasons } from './lazy-reasons';
import { hasOnlyKeys, isIsoDateInput, isObjectLike, withinLength } from './fast-parse';
import { NotADecimalError } from './decimal';
import { InputError, NoRulesetInForceError, RuleEvaluationError, RulesetError, RulesetNotApplicableError, type Issue } from './errors';
import { jurisdictionChain } from './jurisdiction';
import { jurisdictionFileSchema } from './jurisdiction-file';
import type { InputOf, KindMap, KindModule, OutcomeOf, ParameterLookup } from './kind';
import { overrideProblem, ParameterRegistry, type ParameterSeries, type ParameterValue } from './parameters';
import { promiseIssues } from './promises';
import { loadRuleset, RulesetRegistry, type LoadedRuleset, type RulesetSummary } from './ruleset';
import { isoDate, zodIssues } from './schemas';
import { inputCheckIssues } from './tables';
import { resolveRole } from './roles';
import type { DecisionOf, DecisionRequest, ParameterRead, RulesetRef, Warning } from './types';

/**
 * Per-call parameter overrides: parameter id → value.
 *
 * @example
 * ```ts
 * const overrides: ParameterOverrides = { 'cn.hunan.shaoyang.max-per-capita-mu': '0.4' };
 * ```
 */
export type ParameterOverrides = Readonly<Record<string, string | number | readonly string[]>>;

/**
 * A decision of kind `K` of a kind map (or of any of its kinds).
 *
 * @example
 * ```ts
 * type D = DecisionFor<typeof kinds, 'hello'>;
 * ```
 */
export type DecisionFor<KM extends KindMap, K extends keyof KM & string = keyof KM & string> = {
  [P in K]: DecisionOf<P, OutcomeOf<KM, P>>;
}[K];

/**
 * A decision of some kind, its outcome not known to the type system (what records and replay handle).
 *
 * @example
 * ```ts
 * const d: AnyDecision = engine.evaluate(request);
 * ```
 */
export type AnyDecision = DecisionOf<string, unknown>;

/**
 * What `evaluate` takes, for kind `K` of a kind map.
 *
 * @example
 * ```ts
 * const request: RequestFor<typeof kinds, 'hello'> = { kind: 'hello', input: { on: '2024-01-01' } };
 * ```
 */
export type RequestFor<KM extends KindMap, K extends keyof KM & string = keyof KM & string> = {
  [P in K]: {
    kind: P;
    /** Dotted jurisdiction (e.g. `cn.hunan.shaoyang`); when left out, the kind's declared default. */
    jurisdiction?: string;
    /**
     * For kinds whose clause names a date (most), rules and figures are taken on that date and
     * `asOf` never moves them (see `AsOfPolicy`); for `screening`, `asOf` selects the rules.
     */
    asOf?: string;
    input: InputOf<KM, P>;
    /** Overrides used for this call whatever the date, reported with `overridden: true`. */
    parameters?: ParameterOverrides;
  };
}[K];

/**
 * Options of the typed helpers (`engine.eligibility(input, options)`).
 *
 * @example
 * ```ts
 * engine.eligibility(input, { parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': '0.4' } });
 * ```
 */
export interface EvaluateOptions {
  jurisdiction?: string;
  asOf?: string;
  parameters?: ParameterOverrides;
}

/**
 * How a request is re-decided for replay: under the ruleset with a content hash, with the
 * parameter reads of the record (the figures it was made with) instead of today's series.
 *
 * @example
 * ```ts
 * core.evaluateUnder(record.ruleset.hash, record.request, { pinned: record.decision.parameters });
 * ```
 */
export interface EvaluateUnderOptions {
  /** Parameter reads to reproduce (a record's `decision.parameters`); omitted = today's figures. */
  pinned?: readonly ParameterRead[];
}

/**
 * Options of {@link createEngineCore}.
 *
 * @example
 * ```ts
 * const core = createEngineCore({ kinds: { hello }, rulesets: [helloRuleset], parameters: [helloParameters],
 *   defaults: { hello: 'xx.example' } });
 * ```
 */
export interface EngineCoreOptions<KM extends KindMap> {
  /** The decision kinds, by name. */
  kinds: KM;
  /** Ruleset files (parsed JSON). */
  rulesets?: readonly unknown[];
  /** Parameter files. A later series with the id of an earlier one replaces it whole. */
  parameters?: readonly unknown[];
  /**
   * Superseded or corrected ruleset files kept by content hash for `replay` only: a record made
   * under one of them is replayed with it exactly. They never decide new requests.
   */
  archive?: readonly unknown[];
  /** Jurisdiction files (`rulesets/<jurisdiction>/jurisdiction.json`): names and default kinds. */
  jurisdictions?: readonly unknown[];
  /** The default jurisdiction per kind (wins over the jurisdiction files' `defaultFor`). */
  defaults?: Readonly<Partial<Record<keyof KM & string, string>>>;
}

/**
 * A jurisdiction as the engine knows it.
 *
 * @example
 * ```ts
 * engine.jurisdictions().map((j) => `${j.id}: ${j.name.en}`);
 * ```
 */
export interface JurisdictionSummary {
  readonly id: string;
  readonly name: { readonly zh: string; readonly en: string };
  /** Kinds for which this is the default jurisdiction. */
  readonly defaultFor: readonly string[];
}

/**
 * The engine: kinds, rulesets and parameters loaded, validated and compiled once.
 *
 * @example
 * ```ts
 * const engine = createEngine();
 * engine.kinds();                                   // ['eligibility', …]
 * engine.parameterOn('cn.hunan.shaoyang.max-per-capita-mu', '2023-05-10')?.value; // '0.3'
 * ```
 */
export interface EngineCore<KM extends KindMap = KindMap> {
  /** Makes a decision. Synchronous and pure: the same request gives a deep-equal decision. */
  evaluate<K extends keyof KM & string>(request: RequestFor<KM, K>): DecisionFor<KM, K>;
  /** Same as `evaluate({ kind, input, ...options })`. */
  decide<K extends keyof KM & string>(kind: K, input: InputOf<KM, K>, options?: EvaluateOptions): DecisionFor<KM, K>;
  /**
   * Decides a request under the ruleset with this content hash (current or archived), optionally
   * with a record's parameter reads: what `replay` does. Throws `NoRulesetInForceError` when the
   * engine has no ruleset with the hash.
   */
  evaluateUnder(hash: string, request: unknown, options?: EvaluateUnderOptions): AnyDecision;
  /**
   * `evaluate` for writing a compact record only (`compactText`): the same outcome, parameters,
   * warnings and rule results, but the reasons' messages (and rules' values) are left unwritten (empty).
   * Not for anything that shows or keeps the decision itself. @internal
   */
  evaluateResults(request: unknown): AnyDecision;
  /** Every ruleset that decides requests, ordered by jurisdiction and date. */
  rulesets(): RulesetSummary[];
  /** The ruleset with a content hash, if the engine has it (current or archived). */
  rulesetByHash(hash: string): RulesetSummary | undefined;
  /** The ruleset in force for a jurisdiction, kind and date (throws `NoRulesetInForceError`). */
  rulesetInForce(jurisdiction: string, kind: string, date: string): RulesetSummary;
  /** The archived rulesets, used only by replay. */
  archivedRulesets(): RulesetSummary[];
  /** The kinds this engine decides. */
  kinds(): Array<keyof KM & string>;
  /** A kind's module (schema, contract, decisive date). */
  kindModule(kind: string): KindModule | undefined;
  /** The jurisdictions the engine knows, with the kinds each is the default for. */
  jurisdictions(): JurisdictionSummary[];
  /** The default jurisdiction of a kind, if one is declared. */
  defaultJurisdiction(kind: string): string | undefined;
  /** Every parameter series. */
  parameterSeries(): ParameterSeries[];
  /** The value of a parameter in force on a date, if any. */
  parameterOn(id: string, date: string): ParameterValue | undefined;
}

type CamelCase<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;

/**
 * One typed method per kind of a kind map: `engine.eligibility(input, options)`, `engine.laterSubsidy(...)`.
 *
 * @example
 * ```ts
 * engine.eligibility(input); // a KindMethodsFor<BundledKinds> member
 * ```
 */
export type KindMethodsFor<KM extends KindMap> = {
  [K in keyof KM & string as CamelCase<K>]: (input: InputOf<KM, K>, options?: EvaluateOptions) => DecisionFor<KM, K>;
};

/**
 * Per-call parameter overrides as `evaluate` checks them (a decimal or number, a word, or a list of words).
 *
 * @example
 * ```ts
 * parameterOverridesSchema.parse({ 'cn.hunan.shaoyang.max-per-capita-mu': '0.4' });
 * ```
 */
export const parameterOverridesSchema = z.record(z.string().max(120), z.union([z.string().max(100), z.number(), z.array(z.string().max(100)).max(100)]));

/**
 * The envelope `evaluate` checks before the kind's input (the one schema the service and the JSON
 * Schemas use too).
 *
 * @example
 * ```ts
 * requestEnvelopeSchema.safeParse({ kind: 'eligibility', input: {} }).success; // true
 * ```
 */
export const requestEnvelopeSchema = z.strictObject({
  kind: z.string().max(40),
  jurisdiction: z.string().max(100).optional(),
  asOf: isoDate.optional(),
  input: z.unknown(),
  parameters: parameterOverridesSchema.optional(),
});
const requestEnvelope = requestEnvelopeSchema;
type Envelope = z.output<typeof requestEnvelope>;

/** The envelope's keys in the schema's order (test/engine/fast-parse.test.ts checks them against its shape). */
const ENVELOPE_KEYS: ReadonlySet<string> = new Set(['kind', 'jurisdiction', 'asOf', 'input', 'parameters']);

/**
 * `requestEnvelopeSchema.safeParse(request).data` for the usual envelope (no `parameters`, or
 * `parameters` undefined), in plain code; undefined when it is not sure (overrides given, or any
 * doubt), for the schema then to decide and say why. Keys as zod reads them (fast-parse.ts).
 *
 * @example
 * ```ts
 * fastRequestEnvelope({ kind: 'eligibility', jurisdiction: 'cn.hunan.shaoyang', input: {} }); // { kind: 'eligibility', jurisdiction: 'cn.hunan.shaoyang', input: {} }
 * fastRequestEnvelope({ kind: 'eligibility', input: {}, parameters: {} });                   // undefined (the schema checks the overrides)
 * ```
 */
export function fastRequestEnvelope(request: unknown): Envelope | undefined {
  if (!isObjectLike(request) || !hasOnlyKeys(request, ENVELOPE_KEYS)) return undefined;
  const kind = request.kind;
  if (typeof kind !== 'string' || !withinLength(kind, 40) || !('input' in request)) return undefined;
  // Keys added in the schema's order (input after the optional jurisdiction and asOf).
  const out = { kind } as Envelope;
  if ('jurisdiction' in request) {
    const j = request.jurisdiction;
    if (j !== undefined && (typeof j !== 'string' || !withinLength(j, 100))) return undefined;
    out.jurisdiction = j;
  }
  if ('asOf' in request) {
    const asOf = request.asOf;
    if (asOf !== undefined && !isIsoDateInput(asOf)) return undefined;
    out.asOf = asOf;
  }
  out.input = request.input;
  if ('parameters' in request) {
    if (request.parameters !== undefined) return undefined;
    out.parameters = undefined;
  }
  return out;
}

/**
 * The request a decision carries: the jurisdiction and `asOf` used (the caller's `asOf` when the
 * kind ignored it, with `AS_OF_IGNORED`: replay then makes the same call and the same warning),
 * the input and the overrides as given (`raw` is the caller's request, already validated).
 */
function normalisedRequest(raw: Envelope, kind: string, jurisdiction: string, dates: { asOf: string; warning?: Warning }): DecisionRequest {
  const out: DecisionRequest = { kind, jurisdiction, asOf: dates.warning && raw.asOf !== undefined ? raw.asOf : dates.asOf, input: raw.input };
  if (raw.parameters && Object.keys(raw.parameters).length > 0) out.parameters = { ...raw.parameters };
  return out;
}

/** `later-subsidy` → `laterSubsidy`. */
export function camelCase(s: string): string {
  return s.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

function rulesetRef(r: LoadedRuleset): RulesetRef {
  return {
    id: r.id,
    version: r.version,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.sunset,
    hash: r.hash,
    source: { docNo: r.source.docNo, title: r.source.title, issuedOn: r.source.issuedOn },
  };
}

function summary(r: LoadedRuleset): RulesetSummary {
  return {
    id: r.id,
    jurisdiction: r.jurisdiction,
    kinds: [...r.kinds],
    version: r.version,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    sunset: r.sunset,
    ...(r.supersededBy !== undefined ? { supersededBy: r.supersededBy } : {}),
    source: { ...r.source },
    hash: r.hash,
  };
}

/** The jurisdictions and the default jurisdiction of each kind, from the files and the option. */
function loadJurisdictions(
  files: readonly unknown[],
  defaults: Readonly<Record<string, string | undefined>>,
  kinds: ReadonlyMap<string, KindModule>,
  rulesets: RulesetRegistry,
  hasParameter: (id: string) => boolean,
): { list: JurisdictionSummary[]; defaults: Map<string, string> } {
  const issues: Issue[] = [];
  const list: JurisdictionSummary[] = [];
  const byKind = new Map<string, string>();
  files.forEach((raw, i) => {
    const parsed = jurisdictionFileSchema.safeParse(raw);
    if (!parsed.success) {
      issues.push(...zodIssues(parsed.error, [`jurisdictions[${i}]`]));
      return;
    }
    const j = parsed.data;
    list.push({ id: j.id, name: j.name, defaultFor: [...j.defaultFor] });
    if (j.promises) issues.push(...promiseIssues(j.id, j.promises, rulesets.list, hasParameter));
    j.defaultFor.forEach((k, n) => {
      const other = byKind.get(k);
      if (other !== undefined && other !== j.id) {
        issues.push({ code: 'duplicate_default', path: [`jurisdiction ${j.id}`, 'defaultFor', n], message: `${other} is already the default jurisdiction of ${k}` });
      }
      byKind.set(k, j.id);
    });
  });
  for (const [k, j] of Object.entries(defaults)) if (j !== undefined) byKind.set(k, j);
  for (const [k, j] of byKind) {
    const at = ['defaults', k];
    if (!kinds.has(k)) issues.push({ code: 'unknown_kind', path: at, message: `unknown decision kind '${k}'` });
    else if (!rulesets.jurisdictionsFor(k).includes(j)) {
      issues.push({ code: 'no_ruleset', path: at, message: `${j} is declared the default jurisdiction of ${k}, but no ruleset of ${j} decides it` });
    }
  }
  if (issues.length > 0) throw new RulesetError(issues, 'jurisdictions');
  for (const [k, j] of byKind) {
    if (!list.some((x) => x.id === j)) list.push({ id: j, name: { zh: j, en: j }, defaultFor: [k] });
    else {
      const entry = list.find((x) => x.id === j)!;
      if (!entry.defaultFor.includes(k)) (entry.defaultFor as string[]).push(k);
    }
  }
  for (const j of new Set(rulesets.list.map((r) => r.jurisdiction))) {
    if (!list.some((x) => x.id === j)) list.push({ id: j, name: { zh: j, en: j }, defaultFor: [] });
  }
  list.sort((a, b) => (a.id < b.id ? -1 : 1));
  return { list, defaults: byKind };
}

/**
 * Creates an engine from kinds, rulesets and parameters given explicitly: no bundled data is
 * read. Validates and compiles everything once; throws `RulesetError` listing every problem.
 * Most callers want `createEngine()`, which adds the bundled kinds, rulesets and parameters.
 *
 * @example
 * ```ts
 * import { createEngineCore, defineKind } from 'zhengdi-rules';
 * const core = createEngineCore({ kinds: { hello }, rulesets: [helloRuleset], parameters: [helloParameters],
 *   defaults: { hello: 'xx.example' } });
 * core.evaluate({ kind: 'hello', input: { on: '2024-01-01' } }).outcome;
 * ```
 */
export function createEngineCore<KM extends KindMap>(options: EngineCoreOptions<KM>): EngineCore<KM> & KindMethodsFor<KM> {
  const kindModules = new Map<string, KindModule>(Object.entries(options.kinds) as Array<[string, KindModule]>);
  const contracts = new Map([...kindModules].map(([k, m]) => [k, m.contract] as const));
  const params = ParameterRegistry.fromFiles(options.parameters ?? []);
  // A file written before its kind read tables, input checks or payers from the ruleset reads them
  // from the version that restates it (`restates`), given as a ruleset or in the archive.
  const restaters = [...(options.rulesets ?? []), ...(options.archive ?? [])];
  const rulesets = RulesetRegistry.load(options.rulesets ?? [], params, contracts, restaters);
  const archive = new Map<string, LoadedRuleset>();
  if (options.archive && options.archive.length > 0) {
    const issues: Issue[] = [];
    options.archive.forEach((raw, i) => {
      const r = loadRuleset(raw, `archive[${i}]`, params, contracts, issues, restaters);
      if (r && !rulesets.byContentHash(r.hash)) archive.set(r.hash, r);
    });
    if (issues.length > 0) throw new RulesetError(issues, 'archive');
  }
  const juris = loadJurisdictions(options.jurisdictions ?? [], (options.defaults ?? {}) as Record<string, string | undefined>, kindModules, rulesets, (id) => params.get(id) !== undefined);
  const anyByHash = (hash: string) => rulesets.byContentHash(hash) ?? archive.get(hash);

  // Step 1: the envelope and the kind.
  function validateEnvelope(request: unknown): { req: Envelope; mod: KindModule } {
    let req = fastRequestEnvelope(request);
    if (req === undefined) {
      const env = requestEnvelope.safeParse(request);
      if (!env.success) throw new InputError(zodIssues(env.error));
      req = env.data;
    }
    const mod = kindModules.get(req.kind);
    if (!mod) {
      throw new InputError([{ code: 'unknown_kind', path: ['kind'], message: `unknown kind '${req.kind}' (one of ${[...kindModules.keys()].join(', ')})` }]);
    }
    return { req, mod };
  }

  // Step 2: every input check, collected into one InputError before anything is decided: the
  // envelope, the kind's schema, the input checks the ruleset in force states (steps 3 and 4 run
  // here for them when the input parses), the overrides.
  function validateRequest(req: Envelope, mod: KindModule, under: LoadedRuleset | undefined, pinned?: readonly ParameterRead[]) {
    const issues: Issue[] = [];
    const jurisdiction = req.jurisdiction ?? juris.defaults.get(req.kind);
    if (jurisdiction === undefined) {
      const known = rulesets.jurisdictionsFor(req.kind);
      issues.push({ code: 'jurisdiction_required', path: ['jurisdiction'], message: `required: no default jurisdiction is declared for '${req.kind}' (decided by ${known.join(', ') || 'no ruleset'})` });
    }
    // The kind's fast path when it is sure, else zod (the same value; zod's issues when invalid).
    const fast: unknown = mod.fastParse?.(req.input);
    const parsed = fast !== undefined ? { success: true as const, data: fast } : mod.schema.safeParse(req.input);
    if (!parsed.success) issues.push(...zodIssues(parsed.error, ['input']));
    let resolved: { dates: ReturnType<typeof resolveDates>; ruleset: LoadedRuleset } | undefined;
    let unresolved: unknown;
    if (parsed.success && jurisdiction !== undefined) {
      const dates = resolveDates(mod, parsed.data, req.asOf);
      try {
        const ruleset = under ? checkApplies(under, mod.kind, jurisdiction, dates.lawDate) : resolveRuleset(mod, jurisdiction, dates.lawDate, req.asOf);
        resolved = { dates, ruleset };
        issues.push(...inputCheckIssues(ruleset, mod.kind, parsed.data));
      } catch (e) {
        unresolved = e; // thrown after the input issues, if there are none
      }
    }
    const overrides = new Map<string, string | number | string[]>();
    let chain: Set<string> | undefined; // only needed to check overrides
    for (const [id, value] of Object.entries(req.parameters ?? {})) {
      chain ??= new Set(jurisdiction ? jurisdictionChain(jurisdiction) : []);
      const series = params.get(id);
      const at = ['parameters', id];
      if (!series) issues.push({ code: 'unknown_parameter', path: at, message: 'unknown parameter' });
      else if (jurisdiction && !chain.has(series.jurisdiction)) issues.push({ code: 'foreign_parameter', path: at, message: `belongs to ${series.jurisdiction}, not to ${jurisdiction} or its parents` });
      // (NaN and ±Infinity never get here: the envelope's z.number() refuses them.)
      else if (overrideProblem(series, value)) issues.push({ code: 'invalid_type', path: at, message: overrideProblem(series, value)! });
      else overrides.set(id, Object.is(value, -0) ? 0 : value);
    }
    if (resolved && mod.checkParameters && parsed.success) issues.push(...mod.checkParameters(parameterLookup(resolved.ruleset.jurisdiction, resolved.dates.lawDate, overrides, pinned), parsed.data));
    if (issues.length > 0 || !parsed.success || jurisdiction === undefined) throw new InputError(issues);
    if (!resolved) throw unresolved;
    return { jurisdiction, input: parsed.data as unknown, overrides, ...resolved };
  }

  // The parameters as a decision on `lawDate` will read them, for a kind's checks before it decides.
  function parameterLookup(jurisdiction: string, lawDate: string, overrides: ReadonlyMap<string, string | number | string[]>, pinned: readonly ParameterRead[] | undefined): ParameterLookup {
    return {
      roleId: (name) => resolveRole(params, jurisdiction, name),
      overridden: (id) => overrides.has(id),
      value(id) {
        if (overrides.has(id)) return overrides.get(id);
        const read = pinned?.find((p) => p.id === id);
        if (read) return read.value;
        try {
          return params.valueOn(id, lawDate)?.value;
        } catch {
          return undefined; // a derived value that cannot be computed: decide reports it
        }
      },
    };
  }

  // Step 3: the law's date, the observation date, and what to warn about a caller's asOf.
  function resolveDates(mod: KindModule, input: unknown, asOf: string | undefined): { lawDate: string; asOf: string; warning?: Warning } {
    const decisive = mod.decisiveDate(input);
    const policy = mod.asOf ?? 'law-date';
    if (policy === 'selects-rules') return { lawDate: asOf ?? decisive, asOf: asOf ?? decisive };
    if (policy === 'observation') return { lawDate: decisive, asOf: asOf ?? decisive };
    if (asOf === undefined || asOf === decisive) return { lawDate: decisive, asOf: decisive };
    return {
      lawDate: decisive,
      asOf: decisive,
      warning: {
        code: 'AS_OF_IGNORED',
        message: {
          zh: `本类决定（${mod.kind}）的规则和参数按法定日期 ${decisive} 确定；调用方给出的 asOf ${asOf} 不予采用`,
          en: `A ${mod.kind} decision takes its rules and figures on the date the law names, ${decisive}; the asOf given (${asOf}) is not used`,
        },
      },
    };
  }

  // Step 4: the ruleset in force on the law's date (never a fallback into another window).
  function resolveRuleset(mod: KindModule, jurisdiction: string, lawDate: string, callerAsOf: string | undefined): LoadedRuleset {
    try {
      return rulesets.resolve(jurisdiction, mod.kind, lawDate);
    } catch (e) {
      if (e instanceof NoRulesetInForceError && callerAsOf === undefined && mod.asOfHint && (mod.asOf ?? 'law-date') === 'selects-rules') {
        throw new NoRulesetInForceError(e.jurisdiction, e.kind, e.date, `${e.message.slice(e.message.indexOf('. ') + 2)}. ${mod.asOfHint}`);
      }
      throw e;
    }
  }

  // Replay: the ruleset named by hash must decide this jurisdiction and kind on the law's date.
  function checkApplies(r: LoadedRuleset, kind: string, jurisdiction: string, lawDate: string): LoadedRuleset {
    const end = r.ends.get(kind);
    if (r.jurisdiction !== jurisdiction || end === undefined || lawDate < r.effectiveFrom || (end !== null && lawDate > end)) {
      throw new RulesetNotApplicableError(
        r.hash,
        `ruleset ${r.id} (hash ${r.hash.slice(0, 12)}) does not decide ${jurisdiction} ${kind} on ${lawDate} (${r.jurisdiction}, ${r.kinds.join('/')}, ${r.effectiveFrom} to ${r.effectiveTo ?? 'open'})`,
      );
    }
    return r;
  }

  /** Decides a request: validate → resolve → decide → decision. */
  function evaluate(request: unknown, under?: { ruleset: LoadedRuleset; pinned?: readonly ParameterRead[] }, resultsOnly = false): AnyDecision {
    const { req, mod } = validateEnvelope(request);
    const { jurisdiction, input, overrides, dates, ruleset } = validateRequest(req, mod, under?.ruleset, under?.pinned);
    const ctx = new DecisionContext({
      ruleset,
      kind: mod.kind,
      scopes: mod.contract.scopes,
      asOf: dates.asOf,
      lawDate: dates.lawDate,
      params,
      overrides,
      ...(under?.pinned ? { pinned: new Map(under.pinned.map((p) => [p.id, p])) } : {}),
      ...(resultsOnly ? { resultsOnly } : {}),
    });
    if (dates.warning) ctx.warn(dates.warning.code, dates.warning.message);
    let outcome: unknown;
    try {
      outcome = mod.decide(ctx, input);
    } catch (e) {
      // Inputs were checked: a value that is not a decimal here came from a formula or item of the rule file.
      if (e instanceof NotADecimalError) throw new RuleEvaluationError(ruleset.id, `a formula or item gave a value that is not a decimal (${e.message})`);
      throw e;
    }
    const deferred = !resultsOnly && ctx.deferMessages;
    const decision: AnyDecision = {
      kind: req.kind,
      jurisdiction,
      asOf: dates.asOf,
      ruleset: rulesetRef(ruleset),
      outcome,
      // Messages made anew for a subject are written when first read (lazy-reasons.ts): a decision
      // written as a compact record never writes them.
      reasons: resultsOnly ? (ctx.reasonResults() as AnyDecision['reasons']) : deferred ? (undefined as unknown as AnyDecision['reasons']) : ctx.reasons,
      parameters: ctx.parameters(),
      warnings: ctx.warnings,
    };
    if (deferred) deferReasons(decision, ctx);
    Object.defineProperty(decision, 'request', { value: normalisedRequest(request as Envelope, req.kind, jurisdiction, dates), enumerable: false });
    return decision;
  }

  const byDate = (a: RulesetSummary, b: RulesetSummary) =>
    a.jurisdiction === b.jurisdiction ? (a.effectiveFrom < b.effectiveFrom ? -1 : 1) : a.jurisdiction < b.jurisdiction ? -1 : 1;
  const core: EngineCore<KM> = {
    evaluate: ((request: unknown) => evaluate(request)) as EngineCore<KM>['evaluate'],
    decide: ((kind: string, input: unknown, opts: EvaluateOptions = {}) => evaluate({ ...opts, kind, input })) as EngineCore<KM>['decide'],
    evaluateResults: (request) => evaluate(request, undefined, true),
    evaluateUnder: (hash, request, opts = {}) => {
      const r = anyByHash(hash);
      if (!r) throw new NoRulesetInForceError('(any)', '(any)', '(any)', `No ruleset with hash ${hash.slice(0, 12)} is loaded`);
      return evaluate(request, { ruleset: r, ...(opts.pinned ? { pinned: opts.pinned } : {}) });
    },
    rulesets: () => rulesets.list.map(summary).sort(byDate),
    rulesetByHash: (hash) => {
      const r = anyByHash(hash);
      return r ? summary(r) : undefined;
    },
    rulesetInForce: (j, k, d) => summary(rulesets.resolve(j, k, d)),
    archivedRulesets: () => [...archive.values()].map(summary).sort(byDate),
    kinds: () => [...kindModules.keys()] as Array<keyof KM & string>,
    kindModule: (kind) => kindModules.get(kind),
    jurisdictions: () => juris.list.map((j) => ({ ...j, defaultFor: [...j.defaultFor] })),
    defaultJurisdiction: (kind) => juris.defaults.get(kind),
    parameterSeries: () => params.all(),
    parameterOn: (id, date) => params.valueOn(id, date),
  };
  const methods: Record<string, unknown> = {};
  for (const kind of kindModules.keys()) {
    methods[camelCase(kind)] = (input: unknown, opts: EvaluateOptions = {}) => evaluate({ ...opts, kind, input });
  }
  return Object.freeze({ ...core, ...methods }) as EngineCore<KM> & KindMethodsFor<KM>;
}
