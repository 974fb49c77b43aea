import type { DerivedInput } from './parameters';
import type { Evidence, ParameterSource } from './ruleset-file';
import type { Localized } from './schemas';
import type { Citation, RulesetSource } from './ruleset';

/**
 * A value a rule saw, as JSON (decimals as strings).
 *
 * @example
 * ```ts
 * const v: JsonValue = { age: 43, perCapita: '0.15', member: true };
 * ```
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * One rule evaluated: whether it held, for whom, where it comes from, and why.
 *
 * @example
 * ```ts
 * for (const r of decision.reasons) console.log(r.rule, r.holds, r.subject, r.citation.article, r.message.zh);
 * ```
 */
export interface Reason {
  /** Rule id (e.g. `age-16`). */
  rule: string;
  holds: boolean;
  /** Whom or what it was evaluated for (an applicant id, a household id). */
  subject?: string;
  citation: Citation;
  message: Localized;
  /** The named values the rule computed, as shown in its message. */
  values?: Record<string, JsonValue>;
  /** `warning` when the rule only warns; absent for conditions. */
  effect?: 'warning';
}

/**
 * A parameter read by a decision.
 *
 * @example
 * ```ts
 * const p: ParameterRead | undefined = decision.parameters.find((x) => x.id === 'cn.hunan.shaoyang.min-age');
 * p?.value; // 16
 * ```
 */
export interface ParameterRead {
  id: string;
  value: string | number | string[];
  /** First day of the value's window; null when overridden. */
  effectiveFrom: string | null;
  /** Last day of the value's window; null when open or overridden. */
  effectiveTo: string | null;
  unit: string;
  source: string;
  verified: boolean;
  overridden: boolean;
  /**
   * How the value is known: `official`, `secondary`, `derived` (computed from `inputs`),
   * `interpretation` or `placeholder`. An override is reported as `placeholder`: the package
   * knows no source for it.
   */
  evidence: Evidence;
  /** The sources read for the value (title, address, quote), when the series gives them. */
  sources?: ParameterSource[];
  /** A derived value: every series its formula read, with the date read on and the value. */
  inputs?: DerivedInput[];
}

/**
 * Something an auditor should see: an unverified figure, an inconsistent form, an assumption.
 *
 * @example
 * ```ts
 * decision.warnings.filter((w) => w.code === 'UNVERIFIED_PARAMETER').map((w) => w.message.en);
 * ```
 */
export interface Warning {
  code: string;
  message: Localized;
  /** For a parameter's warning (`UNVERIFIED_PARAMETER`): the parameter and how its value is known. */
  parameter?: string;
  evidence?: Evidence;
}

/**
 * The ruleset a decision was made under.
 *
 * @example
 * ```ts
 * const { id, version, hash } = decision.ruleset;
 * ```
 */
export interface RulesetRef {
  id: string;
  version: string;
  effectiveFrom: string;
  /**
   * The end the ruleset file itself states (a sunset the law names), or null. A decision records
   * what its ruleset says, so adding a later version changes no decision already made; the end a
   * successor gives it is in `engine.rulesets()`.
   */
  effectiveTo: string | null;
  hash: string;
  source: RulesetSource;
}

/**
 * A decision: outcome and everything needed to understand and replay it.
 *
 * @example
 * ```ts
 * const d: DecisionOf<'eligibility', EligibilityOutcome> = engine.eligibility(input);
 * d.reasons.filter((r) => !r.holds).map((r) => r.message.en);
 * ```
 */
export interface DecisionOf<K extends string, O> {
  kind: K;
  jurisdiction: string;
  /**
   * The date the decision speaks as of. For kinds whose clause names a date (the expropriation,
   * the notice, the event) it is that date, on which the rules and every parameter were taken;
   * for `enrollment` and `reallocation` the day the facts are known up to; for `screening` the
   * date whose rules were applied.
   */
  asOf: string;
  ruleset: RulesetRef;
  outcome: O;
  reasons: Reason[];
  parameters: ParameterRead[];
  warnings: Warning[];
  /**
   * The request as the engine took it, every field explicit: what a record stores and replay
   * makes again. A non-enumerable property: `JSON.stringify(decision)` and deep equality leave it
   * out, and a decision parsed from JSON (or copied with a spread) has none.
   */
  readonly request?: DecisionRequest;
}

/**
 * The normalised request a decision carries (`decision.request`, not enumerable): the kind, the
 * jurisdiction actually used, the `asOf` as a record stores it (the caller's when the kind
 * ignored it and warned `AS_OF_IGNORED`, so that replay makes the same call), the input as given
 * (before normalisation) and the per-call overrides, when there were any.
 *
 * @example
 * ```ts
 * const r: DecisionRequest = { kind: 'eligibility', jurisdiction: 'cn.hunan.shaoyang', asOf: '2023-05-10', input };
 * ```
 */
export interface DecisionRequest {
  kind: string;
  jurisdiction: string;
  asOf: string;
  /** The input exactly as given (before normalisation). */
  input: unknown;
  /** Per-call overrides, when the call had any. */
  parameters?: Record<string, string | number | readonly string[]>;
}
