import { z } from 'zod';
import { localized } from './schemas';

/**
 * A jurisdiction file (`rulesets/<jurisdiction>/jurisdiction.json`): its id, its name, and the
 * kinds for which it is the default jurisdiction (`engine.eligibility(input)` without a
 * `jurisdiction` goes there). Declared, never counted: adding a second jurisdiction that decides
 * a kind does not change the default.
 *
 * @example
 * ```ts
 * const file: JurisdictionFile = { id: 'cn.hunan.shaoyang', name: { zh: '湖南省邵阳市', en: 'Shaoyang, Hunan' }, defaultFor: ['eligibility'] };
 * ```
 */
export const jurisdictionFileSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z]{2}(\.[a-z0-9-]+)*$/, 'a jurisdiction is dotted lower-case words, e.g. cn.hunan.shaoyang'),
  name: localized,
  /** The kinds this jurisdiction decides by default. */
  defaultFor: z.array(z.string().min(1).max(40)).default([]),
  /** What the folder's law text is (e.g. `law/source.txt`), for people reading the folder. */
  law: z.string().max(300).optional(),
  /** Ids its callers may rely on in every version (see {@link JurisdictionPromises}). */
  promises: z
    .strictObject({
      /** Why these (e.g. the contract that fixes them). */
      why: z.string().max(300).optional(),
      rules: z.record(z.string().min(1).max(40), z.array(z.string().min(1).max(80)).max(200)).optional(),
      itemCodes: z.record(z.string().min(1).max(40), z.array(z.string().min(1).max(80)).max(200)).optional(),
      parameters: z.array(z.string().min(1).max(120)).max(500).optional(),
    })
    .optional(),
});

/**
 * What a jurisdiction promises its callers on every version of its rules (`jurisdiction.json`
 * `promises`): per kind, the rule ids (`failed` lists them) and item codes (`items[].code`) it
 * always has, and the parameter ids it always provides. A ruleset of the jurisdiction that
 * breaks one does not load (`RulesetError`, code `broken_promise`).
 *
 * @example
 * ```ts
 * const p: JurisdictionPromises = { rules: { eligibility: ['age-16', 'per-capita-under-0.3', 'membership'] } };
 * ```
 */
export type JurisdictionPromises = NonNullable<z.output<typeof jurisdictionFileSchema>['promises']>;

/**
 * A jurisdiction file as written.
 *
 * @example
 * ```ts
 * const j: JurisdictionFile = { id: 'xx.example', name: { zh: '示例', en: 'Example' }, defaultFor: ['income-test'] };
 * ```
 */
export type JurisdictionFile = z.input<typeof jurisdictionFileSchema>;
