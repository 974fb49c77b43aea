/**
 * What a kind needs from every ruleset that declares it, checked when the ruleset loads: a
 * ruleset that lacks one does not load (`RulesetError` naming it).
 *
 * @example
 * ```ts
 * const contract: KindContract = {
 *   scopes: ['household', 'applicant'],
 *   formulas: ['per-capita-after-mu'],
 *   rules: { 'age-16': 'applicant' },
 * };
 * ```
 */
export interface KindContract<Scope extends string = string> {
  /** Scopes a rule or item of this kind may have; the kind evaluates no other. */
  readonly scopes: readonly Scope[];
  /** Formulas the ruleset must provide. */
  readonly formulas?: readonly string[];
  /**
   * Rules the kind's code reads by id (their outcome changes what the kind does), each with the
   * scope it must have. A rule that is only reported needs no entry.
   */
  readonly rules?: Readonly<Record<string, Scope>>;
  /** Item codes the ruleset must provide (at least one item with each code). */
  readonly itemCodes?: readonly string[];
  /** Timings an item of this kind may have (items are not allowed when absent). */
  readonly itemTimings?: readonly string[];
  /**
   * Parameter roles the kind's code reads through `ctx.role(name)`: the ruleset's `parameterRoles`
   * maps each to a parameter id of its jurisdiction (so no kind hard-codes one place's ids).
   */
  readonly parameterRoles?: readonly string[];
}
