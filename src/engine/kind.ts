import type { z } from 'zod';
import type { DecisionContext } from './context';
import type { KindContract } from './contract';
import type { Issue } from './errors';

export type { KindContract } from './contract';

/**
 * How a kind's decision is dated (the law's date, DOMAIN.md "The law's date").
 *
 * - `'law-date'`: the clause names the date (征地时, the notice date, the event): the ruleset in
 *   force and every parameter are taken on `decisiveDate(input)`, whatever the caller's `asOf`.
 *   A request whose `asOf` differs is decided on the law's date and warned (`AS_OF_IGNORED`).
 * - `'observation'`: rules and parameters are taken on the decisive date as above; `asOf` is only
 *   the day the facts are known up to (events after it are not counted), e.g. enrolment status.
 * - `'selects-rules'`: the input has no date of its own that the law names (screening of
 *   historical rosters): `asOf` chooses the rules and parameters; default the decisive date.
 *
 * @example
 * ```ts
 * const policy: AsOfPolicy = 'law-date';
 * ```
 */
export type AsOfPolicy = 'law-date' | 'observation' | 'selects-rules';

/**
 * A decision kind: how its input is validated, which date decides it, and the mechanism that
 * turns rules and formulas from the ruleset into an outcome. Thresholds and amounts are not
 * here; they live in the ruleset and parameter files.
 *
 * @example
 * ```ts
 * const k: KindModule = engine.kindModule('eligibility')!;
 * k.contract.scopes; // ['household', 'applicant']
 * ```
 */
export interface KindModule<Schema extends z.ZodType = z.ZodType, Outcome = unknown, Scope extends string = string> {
  readonly kind: string;
  /** What every ruleset declaring this kind must provide. */
  readonly contract: KindContract<Scope>;
  /** Validates and normalises the input (decimals become plain strings). */
  readonly schema: Schema;
  /**
   * Optional fast path of `schema` (plain code, no zod): the value `schema.safeParse(input)`
   * gives when it is sure the input is valid, else undefined, and the engine runs `schema`
   * (whose issues are then the ones reported). It must never give a value the schema would not.
   */
  fastParse?(input: unknown): z.output<Schema> | undefined;
  /** The date the law names for this kind (e.g. the expropriation date): rules and figures are taken on it. */
  decisiveDate(input: z.output<Schema>): string;
  /** How `asOf` is used (default `'law-date'`). */
  readonly asOf?: AsOfPolicy;
  /**
   * Said in the error when no ruleset is in force on the decisive date and the call gave no
   * `asOf` (only for `'selects-rules'` kinds, where an `asOf` may help).
   */
  readonly asOfHint?: string;
  /**
   * Checks of the parameters the decision will use that the kind needs to hold (a rounding mode
   * it knows, a validity within the law's maximum), run in the validate step with the input's
   * other problems, before `decide`: a bad per-call override is an `InputError` issue naming
   * the parameter, listed with every other problem. Reads nothing into the decision.
   */
  checkParameters?(read: ParameterLookup, input: z.output<Schema>): Issue[];
  /** Evaluates the rules of the kind and returns the outcome (plain JSON). */
  decide(ctx: DecisionContext<Scope>, input: z.output<Schema>): Outcome;
}

/**
 * What {@link KindModule.checkParameters} reads: each parameter as the decision will see it (a
 * per-call override, else, in a replay, the value the record read, else the series on the law's
 * date), without recording a read.
 *
 * @example
 * ```ts
 * const id = read.roleId('quota-rounding-mode'); // 'cn.zhejiang.taizhou.quota-rounding-mode'
 * if (id && !['half-up', 'down'].includes(String(read.value(id)))) issues.push({ code: 'invalid_value', path: ['parameters', id], message: '…' });
 * ```
 */
export interface ParameterLookup {
  /** The id a parameter role resolves to for the ruleset's jurisdiction (or a parent), or undefined. */
  roleId(name: string): string | undefined;
  /** The value the decision will read, or undefined when there is none on the date. */
  value(id: string): string | number | string[] | undefined;
  /** Whether the call overrides it. */
  overridden(id: string): boolean;
}

/**
 * Declares a kind with its types inferred: its input type, outcome type and scope names flow into
 * `engine.evaluate` once it is registered (`createEngine({ kinds: { [kind]: module } })`).
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * const hello = defineKind({
 *   kind: 'hello',
 *   contract: { scopes: ['person'] },
 *   schema: z.strictObject({ on: z.string() }),
 *   decisiveDate: (input) => input.on,
 *   decide: (ctx, input) => ({ held: ctx.scope('person', input).failed.length === 0 }),
 * });
 * ```
 */
export function defineKind<Schema extends z.ZodType, Outcome, const Scope extends string>(
  m: KindModule<Schema, Outcome, Scope>,
): KindModule<Schema, Outcome, Scope> {
  return m;
}

/**
 * Kinds by name, as an engine is given them.
 *
 * @example
 * ```ts
 * const kinds: KindMap = { hello };
 * ```
 */
// The schema and outcome are existential here: each entry keeps its own types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type KindMap = Readonly<Record<string, KindModule<any, any, any>>>;

/**
 * The input of kind `K` of a kind map, as a caller writes it.
 *
 * @example
 * ```ts
 * type In = InputOf<typeof kinds, 'hello'>; // { on: string }
 * ```
 */
export type InputOf<KM extends KindMap, K extends keyof KM> = z.input<KM[K]['schema']>;

/**
 * The outcome of kind `K` of a kind map.
 *
 * @example
 * ```ts
 * type Out = OutcomeOf<typeof kinds, 'hello'>; // { held: boolean }
 * ```
 */
export type OutcomeOf<KM extends KindMap, K extends keyof KM> = ReturnType<KM[K]['decide']>;
