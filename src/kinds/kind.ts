import type { z } from 'zod';
import type { DecisionContext } from '../engine/context';
import type { KindShape } from '../engine/ruleset';

/**
 * A decision kind: how its input is validated, which date decides it, and the mechanism that
 * turns rules and formulas from the ruleset into an outcome. Thresholds and amounts are not
 * here; they live in the ruleset and parameter files.
 */
export interface KindModule<Schema extends z.ZodType = z.ZodType, Outcome = unknown> extends KindShape {
  readonly kind: string;
  /** Validates and normalises the input (decimals become plain strings). */
  readonly schema: Schema;
  /** The default `asOf`: the date that decides which rules are in force. */
  decisiveDate(input: z.output<Schema>): string;
  /**
   * Said in the error when no ruleset is in force on the decisive date and the call gave no
   * `asOf` (e.g. a historical date that predates every ruleset of the kind).
   */
  readonly asOfHint?: string;
  /** Evaluates the rules of the kind and returns the outcome (plain JSON). */
  decide(ctx: DecisionContext, input: z.output<Schema>): Outcome;
}

/** Declares a kind with its types inferred. */
export function defineKind<Schema extends z.ZodType, Outcome>(m: KindModule<Schema, Outcome>): KindModule<Schema, Outcome> {
  return m;
}
