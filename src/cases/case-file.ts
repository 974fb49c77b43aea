import { z } from 'zod';

/**
 * A hand-worked case, as a jurist writes it beside the rules (`rulesets/<jurisdiction>/cases/*.yaml`,
 * like OpenFisca's YAML tests): the clause, the arithmetic as a note, the request, and the parts
 * of the decision it expects. Only what `expect` names is compared.
 *
 * @example
 * ```yaml
 * - name: signing fee and reward for a person who cooperated
 *   clause: 宝顾府〔2022〕13号 七
 *   note: 3,000 signing fee + 10,000 employment-guarantee reward, both paid by the town.
 *   request:
 *     kind: payout
 *     input: { expropriationDate: 2023-06-01, person: { id: P1, sex: male, birthDate: 1983-06-01, pensionStatus: none, cooperated: true } }
 *   expect:
 *     outcome:
 *       totals: { byPayer: { town: "13000.00" } }
 * ```
 */
export const caseSchema = z.strictObject({
  /** What the case shows, in a sentence. */
  name: z.string().min(1).max(300),
  /** The document and article the case states (e.g. `台政办函〔2019〕47号 三(二)`). */
  clause: z.string().min(1).max(200),
  /** The arithmetic worked by hand, or why the outcome follows. */
  note: z.string().max(5000).optional(),
  /** An evaluate request (`kind`, `jurisdiction?`, `asOf?`, `input`, `parameters?`). */
  request: z.record(z.string(), z.unknown()),
  /**
   * The expected parts of the decision: objects are matched key by key (keys not named are not
   * compared), arrays element by element and in full length, decimal strings as numbers.
   * Where the decision holds an array, `{ includes: [...], excludes: [...] }` instead queries its
   * elements in any order: each `includes` element (itself matched key by key) must match some
   * element, no `excludes` element may match any — e.g.
   * `reasons: { includes: [{ rule: age-16, holds: false, values: { age: 15 } }] }` or
   * `outcome: { items: { excludes: [{ code: guarantee-subsidy }] } }`.
   * `warnings` lists codes: in full and in order (`warnings: [ASSUMED_EFFECTIVE_DATE]`), or
   * `warnings: { includes: [AS_OF_IGNORED], excludes: [...] }`.
   */
  expect: z
    .strictObject({
      outcome: z.unknown().optional(),
      jurisdiction: z.string().optional(),
      asOf: z.string().optional(),
      ruleset: z.record(z.string(), z.unknown()).optional(),
      reasons: z.unknown().optional(),
      parameters: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      warnings: z
        .union([z.array(z.string()), z.strictObject({ includes: z.array(z.string()).default([]), excludes: z.array(z.string()).default([]) })])
        .optional(),
      /** The request must fail with this error code (and, when given, issues at these paths). */
      error: z.strictObject({ code: z.string(), paths: z.array(z.string()).optional() }).optional(),
    })
    .refine((e) => e.error === undefined || Object.keys(e).length === 1, 'a case that expects an error expects nothing else'),
});

/** A hand-worked case as written. */
export type CaseFile = z.input<typeof caseSchema>;
/** A hand-worked case, validated. */
export type Case = z.output<typeof caseSchema>;

/** A case file holds one case or a list of them. */
export const caseFileSchema = z.union([z.array(caseSchema).min(1), caseSchema.transform((c) => [c])]);
