/**
 * What a jurisdiction promises its callers on every version of its rules: the rule ids,
 * item codes and parameter ids they switch on (API.md fixes Shaoyang's `failed` ids, Gucun's
 * item codes, a dozen parameter ids; `src/ids.ts` exports them as unions). A kind's contract says
 * what its *code* reads; a promise says what *callers* read. A version of the rules that drops or
 * renames a promised id does not load, so an edit cannot silently change what callers see: a
 * law that really drops one changes the promise too, in `jurisdiction.json`, as a breaking change.
 */
import type { Issue } from './errors';
import type { JurisdictionPromises } from './jurisdiction-file';

/** What the promise check needs of a loaded ruleset. */
export interface PromisedRulesetView {
  readonly id: string;
  readonly jurisdiction: string;
  readonly kinds: readonly string[];
  readonly file: { readonly rules: ReadonlyArray<{ id: string; kind: string }>; readonly items: ReadonlyArray<{ code: string; kind: string }> };
}

/**
 * Every promise of a jurisdiction that one of its rulesets breaks, and every promised parameter
 * that has no series; each issue names the id, the kind and the ruleset.
 *
 * @example
 * ```ts
 * promiseIssues('cn.hunan.shaoyang', { rules: { eligibility: ['age-16'] } }, rulesets, (id) => parameters.has(id));
 * // [] when every eligibility version of Shaoyang has a rule 'age-16'
 * ```
 */
export function promiseIssues(
  jurisdiction: string,
  promises: JurisdictionPromises,
  rulesets: readonly PromisedRulesetView[],
  hasParameter: (id: string) => boolean,
): Issue[] {
  const issues: Issue[] = [];
  const at = [`jurisdiction ${jurisdiction}`, 'promises'];
  for (const r of rulesets) {
    if (r.jurisdiction !== jurisdiction) continue;
    for (const kind of r.kinds) {
      for (const id of promises.rules?.[kind] ?? []) {
        if (!r.file.rules.some((x) => x.kind === kind && x.id === id)) {
          issues.push({ code: 'broken_promise', path: [...at, 'rules', kind], message: `${jurisdiction} promises its callers the ${kind} rule '${id}' (jurisdiction.json), which ruleset ${r.id} does not have: keep the id (show a changed value in the message), or change the promise as a breaking change` });
        }
      }
      for (const code of promises.itemCodes?.[kind] ?? []) {
        if (!r.file.items.some((x) => x.kind === kind && x.code === code)) {
          issues.push({ code: 'broken_promise', path: [...at, 'itemCodes', kind], message: `${jurisdiction} promises its callers ${kind} items with code '${code}' (jurisdiction.json), which ruleset ${r.id} does not provide` });
        }
      }
    }
  }
  for (const id of promises.parameters ?? []) {
    if (!hasParameter(id)) issues.push({ code: 'broken_promise', path: [...at, 'parameters'], message: `${jurisdiction} promises its callers the parameter '${id}' (jurisdiction.json), which has no series` });
  }
  return issues;
}
