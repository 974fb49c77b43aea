import type { z } from 'zod';

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
   * Parameter roles the kind's code reads through `ctx.role(name)`: each resolves by name to
   * `<jurisdiction>.<name>` of the ruleset's jurisdiction or its nearest parent that has that series
   * (`resolveRole`), so no kind hard-codes one place's ids.
   */
  readonly parameterRoles?: readonly string[];
  /**
   * Decision tables the kind's code reads (`ruleset.tables`, read with `tableRow`): the ruleset
   * must give each, and a ruleset table of the kind that is not declared here is an error too.
   */
  readonly tables?: Readonly<Record<string, TableContract>>;
  /**
   * Input paths (dotted, under the input) whose validity across fields the law decides: the
   * ruleset must state at least one input check (`inputChecks`) reported at each.
   */
  readonly inputChecks?: readonly string[];
  /** The ruleset must declare its payers (`payers`), and every item's funding must name one of them. */
  readonly declaresPayers?: boolean;
}

/**
 * What a kind reads from one decision table of its ruleset.
 *
 * @example
 * ```ts
 * const t: TableContract = { then: z.strictObject({ rank: z.number().int().min(1).nullable() }), facts: ['completed'], ruleFields: [] };
 * ```
 */
export interface TableContract {
  /** The shape of a row's `then` (validated at load; the parsed value, defaults applied, is what the kind gets). */
  readonly then: z.ZodType;
  /** Facts the kind supplies that a row's `when.facts` may test; no other. */
  readonly facts?: readonly string[];
  /** Fields of `then` that name a rule of the kind (checked at load). */
  readonly ruleFields?: readonly string[];
}
