/**
 * One evaluation path for everything a ruleset lists per subject: a rule is an entry whose test
 * decides whether it holds; a money item is an entry whose test (`applies`) decides whether it is
 * granted, and which then has an amount. Both compute their named values first, read parameters
 * through the decision, and become one reason.
 */
import { MissingParameterError, RuleEvaluationError } from './errors';
import type { CompiledLogic, EvaluationScope } from './logic/compile';
import { truthy } from './logic/truthy';
import type { Citation } from './ruleset';
import type { JsonValue, Reason } from './types';

/** What an entry's expressions read: the decision's parameters and the entry's own values. */
export class EntryScope implements EvaluationScope {
  readonly values: Record<string, unknown> = {};
  constructor(private readonly params: EntryParams) {}
  param(id: string): unknown {
    return this.params.param(id);
  }
  value(name: string): unknown {
    return this.values[name];
  }
  constant(key: CompiledLogic, raw: CompiledLogic): unknown {
    const p = this.params;
    return p.constant === undefined ? raw(undefined, this) : p.constant(key, raw);
  }
}

/** What an entry reads parameters through: the decision (which may fold parameter-only expressions). */
export interface EntryParams {
  param(id: string): unknown;
  constant?(key: CompiledLogic, raw: CompiledLogic): unknown;
}

/** An error inside an entry's expressions, as a RuleEvaluationError naming the entry. */
export function entryError(id: string, e: unknown): never {
  if (e instanceof MissingParameterError || e instanceof RuleEvaluationError) throw e;
  throw new RuleEvaluationError(id, e instanceof Error ? e.message : String(e));
}

/**
 * Computes an entry's named values in order into `scope.values`, then its test: whether it holds
 * (a rule) or applies (an item). Errors propagate; callers name the entry with {@link entryError}.
 */
export function evaluateEntry(scope: EntryScope, values: ReadonlyArray<readonly [string, CompiledLogic]>, test: CompiledLogic, data: unknown): boolean {
  const out = scope.values;
  for (let i = 0; i < values.length; i++) {
    const [name, expr] = values[i]!;
    out[name] = expr(data, scope);
  }
  return truthy(test(data, scope));
}

/**
 * Computes an entry's named values in order, then its test; `then` runs on the same scope when
 * the test holds (an item's amount and funding). Any error names the entry.
 */
export function runEntry<T>(
  params: EntryParams,
  id: string,
  values: ReadonlyArray<readonly [string, CompiledLogic]>,
  test: CompiledLogic,
  data: unknown,
  then?: (scope: EntryScope) => T,
): { holds: boolean; scope: EntryScope; then: T | undefined } {
  const scope = new EntryScope(params);
  try {
    const holds = evaluateEntry(scope, values, test, data);
    return { holds, scope, then: holds && then ? then(scope) : undefined };
  } catch (e) {
    return entryError(id, e);
  }
}

/** The reason of an entry: id, outcome, subject (when there is one), citation, message, values. */
export function entryReason(id: string, holds: boolean, citation: Citation, message: Reason['message'], subject: string | undefined, values: Record<string, JsonValue> | undefined): Reason {
  const reason: Reason = subject === undefined ? { rule: id, holds, citation, message } : { rule: id, holds, subject, citation, message };
  if (values !== undefined) reason.values = values;
  return reason;
}
