/**
 * `createEngine()`: the engine core (src/engine/, which knows no bundled data) with the bundled
 * kinds, rulesets, archived versions, parameters and jurisdictions wired in, and `replay`.
 */
import { replayRecords, type ReplayOptions, type ReplayReport } from './audit/replay';
import { BUNDLED_ARCHIVE, BUNDLED_JURISDICTIONS, BUNDLED_PARAMETERS, BUNDLED_RULESETS } from './bundled';
import { createEngineCore, type DecisionFor, type EngineCore as EngineCoreFor, type EvaluateOptions, type KindMethodsFor, type ParameterOverrides, type RequestFor } from './engine/engine';
import type { KindMap } from './engine/kind';
import { BUNDLED_KINDS, type BundledKinds, type Kind } from './kinds';

export type { EvaluateOptions, ParameterOverrides };

/**
 * The engine core over the bundled kinds (what `createEngine()` returns, without the typed
 * helpers and `replay`).
 *
 * @example
 * ```ts
 * const core: EngineCore = createEngine();
 * ```
 */
export type EngineCore = EngineCoreFor<BundledKinds>;

/**
 * A decision of a bundled kind (or of any bundled kind).
 *
 * @example
 * ```ts
 * const d: Decision<'eligibility'> = engine.eligibility(input);
 * const any: Decision = engine.evaluate(request);
 * ```
 */
export type Decision<K extends Kind = Kind> = DecisionFor<BundledKinds, K>;

/**
 * What `evaluate` takes for a bundled kind.
 *
 * @example
 * ```ts
 * const request: EvaluateRequest<'eligibility'> = { kind: 'eligibility', jurisdiction: 'cn.hunan.shaoyang', input };
 * engine.evaluate(request);
 * ```
 */
export type EvaluateRequest<K extends Kind = Kind> = RequestFor<BundledKinds, K>;

/**
 * One typed method per bundled kind.
 *
 * @example
 * ```ts
 * engine.eligibility(input); // a KindMethods member
 * ```
 */
export type KindMethods = KindMethodsFor<BundledKinds>;

/**
 * Options of {@link createEngine}.
 *
 * @example
 * ```ts
 * const engine = createEngine({ parameters: [myParameterFile], rulesets: [myRulesetFile] });
 * ```
 */
export interface EngineOptions<Extra extends KindMap = Record<never, never>> {
  /**
   * Ruleset files (parsed JSON). One whose `id` matches a bundled ruleset replaces it; any other
   * is added (a successor version, a new jurisdiction). Windows are checked again over the result.
   */
  rulesets?: readonly unknown[];
  /** Parameter files. A series whose id matches a bundled one replaces it whole. */
  parameters?: readonly unknown[];
  /** Start from the bundled rulesets, archive, parameters and jurisdictions (default `true`); the bundled kinds are always there. */
  bundled?: boolean;
  /**
   * Older ruleset files kept by content hash for `replay` only: a record made under one of them
   * is replayed with it exactly. They never decide new requests, so their windows may overlap
   * the current rulesets'. The bundled archive is always included unless `bundled: false`.
   */
  archive?: readonly unknown[];
  /** Kinds of the caller's own, added to the bundled ones (a bundled name is replaced). */
  kinds?: Extra;
  /** Jurisdiction files (names and the kinds each is the default for). */
  jurisdictions?: readonly unknown[];
  /** The default jurisdiction per kind, over the jurisdiction files'. */
  defaults?: Readonly<Record<string, string>>;
}

/**
 * The engine returned by {@link createEngine}: the core, one typed method per kind, and `replay`.
 *
 * @example
 * ```ts
 * const engine: Engine = createEngine();
 * engine.eligibility(input).outcome.eligibleCount;
 * ```
 */
export type Engine<KM extends KindMap = BundledKinds> = EngineCoreFor<KM> &
  KindMethodsFor<KM> & {
    /**
     * Re-evaluates decision records (made by `toRecord`) with the ruleset each names by hash and
     * the figures it recorded, and compares outcome, reasons, warnings and parameter values field
     * by field. A record whose ruleset hash the engine does not have fails with
     * `UNKNOWN_RULESET`; it is never passed. With `{ against: 'in-force' }` each record is
     * re-decided under the rules and figures in force today instead, which shows what a
     * correction changed. Synchronous for arrays and iterables, a promise for async iterables.
     */
    replay(records: Iterable<unknown>, options?: ReplayOptions): ReplayReport;
    /**
     * The same for an async iterable of records (lines of a file, a database cursor).
     *
     * @example
     * ```ts
     * const report = await engine.replay(readLines('decisions.jsonl'));
     * ```
     */
    replay(records: AsyncIterable<unknown>, options?: ReplayOptions): Promise<ReplayReport>;
  };

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
 * Creates an engine with the bundled kinds, rulesets and parameters, plus any given. Validates
 * and compiles everything once; throws `RulesetError` listing every problem.
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
export function createEngine(options?: EngineOptions): Engine;
/**
 * With kinds of the caller's own: their input and outcome types flow into `evaluate` and the typed helpers.
 *
 * @example
 * ```ts
 * const engine = createEngine({ kinds: { hello }, rulesets: [helloRuleset], parameters: [helloParameters], defaults: { hello: 'xx.example' } });
 * engine.hello({ on: '2024-01-01' }).outcome;
 * ```
 */
export function createEngine<Extra extends KindMap>(options: EngineOptions<Extra> & { kinds: Extra }): Engine<Omit<BundledKinds, keyof Extra> & Extra>;
export function createEngine<Extra extends KindMap>(options: EngineOptions<Extra> = {}): Engine<Omit<BundledKinds, keyof Extra> & Extra> {
  const bundled = options.bundled ?? true;
  // Kinds are mechanism, not data: `bundled: false` leaves out the bundled rulesets and figures, not the kinds.
  const kinds = { ...BUNDLED_KINDS, ...(options.kinds ?? {}) } as unknown as Omit<BundledKinds, keyof Extra> & Extra;
  const core = createEngineCore({
    kinds,
    rulesets: mergeById(bundled ? BUNDLED_RULESETS : [], options.rulesets ?? []),
    parameters: [...(bundled ? BUNDLED_PARAMETERS : []), ...(options.parameters ?? [])],
    archive: [...(bundled ? BUNDLED_ARCHIVE : []), ...(options.archive ?? [])],
    jurisdictions: mergeById(bundled ? BUNDLED_JURISDICTIONS : [], options.jurisdictions ?? []),
    ...(options.defaults ? { defaults: options.defaults as never } : {}),
  });
  const replay = ((records: Iterable<unknown> | AsyncIterable<unknown>, opts?: ReplayOptions) =>
    replayRecords(core, records as Iterable<unknown>, opts)) as Engine['replay'];
  return Object.freeze({ ...core, replay }) as unknown as Engine<Omit<BundledKinds, keyof Extra> & Extra>;
}
