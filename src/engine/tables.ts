/**
 * Reading what a ruleset declares for its kinds beyond rules and items: decision tables (status
 * tables, priority orders) and the input checks the law states. The law is in the ruleset; here is
 * only how a table is read and how a check becomes an input issue.
 */
import { interpolate } from './context';
import { runEntry } from './entry';
import { RuleEvaluationError, type Issue } from './errors';
import { truthy } from './logic/truthy';
import type { LoadedRuleset } from './ruleset';

/**
 * The `then` of the first row of a ruleset's table whose `when` holds for a subject: each rule in
 * `when.failed` is among `failed`, no rule in `when.held` is, and every fact has the value given.
 * The table is the one the kind's contract declares (`KindContract.tables`), so it exists and its
 * last row always holds; `then` has the shape the contract parsed.
 *
 * @example
 * ```ts
 * // inside a kind's decide(ctx, input):
 * const row = tableRow<{ rank: number | null }>(ctx.ruleset, ctx.kind, 'reallocation-priority', failed);
 * ```
 */
export function tableRow<T>(ruleset: LoadedRuleset, kind: string, id: string, failed: readonly string[], facts: Readonly<Record<string, boolean>> = {}): T {
  const table = ruleset.tables.get(`${kind}/${id}`);
  if (!table) throw new RuleEvaluationError(`${kind}/${id}`, `the ruleset ${ruleset.id} has no table '${id}' for kind ${kind}`);
  for (const row of table.rows) {
    if (!row.failed.every((r) => failed.includes(r))) continue;
    if (row.held.some((r) => failed.includes(r))) continue;
    if (!row.facts.every(([name, value]) => facts[name] === value)) continue;
    return row.then as T;
  }
  // Unreachable for a loaded ruleset: its last row has an empty `when`.
  throw new RuleEvaluationError(`${kind}/${id}`, `no row of table '${id}' applies`);
}

const NO_PARAMS = {
  param(id: string): never {
    throw new RuleEvaluationError(id, 'an input check reads no parameter');
  },
};

/**
 * The issues the ruleset's input checks of a kind find in a (schema-valid) input, in file order,
 * each at `input.<path>` with the check's code and English message.
 *
 * @example
 * ```ts
 * const issues = inputCheckIssues(ruleset, 'payout', input); // [] when every check holds
 * ```
 */
export function inputCheckIssues(ruleset: LoadedRuleset, kind: string, input: unknown): Issue[] {
  const issues: Issue[] = [];
  for (const c of ruleset.inputChecks) {
    if (c.kind !== kind) continue;
    const test = c.when === undefined ? c.test : (data: unknown, scope: Parameters<typeof c.test>[1]) => !truthy(c.when!(data, scope)) || truthy(c.test(data, scope));
    const { holds, scope } = runEntry(NO_PARAMS, c.id, c.values, test, input);
    if (holds) continue;
    issues.push({ code: c.code, path: ['input', ...c.path], message: interpolate(c.message.en, scope.values, undefined, 'en') });
  }
  return issues;
}
