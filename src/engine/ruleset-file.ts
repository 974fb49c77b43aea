import { z } from 'zod';
import { isoDate, localized } from './schemas';

/**
 * The format of a ruleset file: one jurisdiction, one version, one effective window. Rules are
 * JSON Logic; each cites its clause and explains itself in Chinese and English. See
 * docs/rulesets.md for a walk-through.
 */

const ruleId = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,79}$/, 'rule ids are lower-case words joined by - or .');
const payerId = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a payer is a lower-case word joined by -');
const valueName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'value names are identifiers');

export const ruleSchema = z.strictObject({
  /** Stable id reported in reasons (e.g. `age-16`). */
  id: ruleId,
  /** The decision kind the rule belongs to. */
  kind: z.string().min(1).max(40),
  /** What the rule is evaluated for, as the kind defines it (e.g. `applicant`, `household`). */
  scope: z.string().min(1).max(40),
  /** The article cited (e.g. `二(一)`). */
  clause: z.string().min(1).max(80),
  /** The document cited, when it is not the ruleset's source. */
  docNo: z.string().min(1).max(120).optional(),
  /**
   * `condition`: the decision depends on it. `warning`: when it does not hold, the decision
   * carries a warning (with `warningCode`) but its outcome is unchanged.
   */
  effect: z.enum(['condition', 'warning']).default('condition'),
  warningCode: z.string().regex(/^[A-Z][A-Z0-9_]{0,59}$/).optional(),
  /** Named values computed before the test, shown in messages and reasons. */
  values: z.record(valueName, z.unknown()).default({}),
  /** JSON Logic; truthy = the rule holds. May read the values with `{"value": "name"}`. */
  test: z.unknown(),
  /** Texts for both outcomes; `{name}` or `{name:4}` (4 decimals) insert a value, `{subject}` the subject. */
  message: z.strictObject({ holds: localized, fails: localized }),
});
/**
 * One rule of a ruleset file as written: id, kind, scope, clause, computed values, the JSON Logic test and its messages.
 *
 * @example
 * ```ts
 * const rule: RuleFile = { id: 'age-16', kind: 'eligibility', scope: 'applicant', clause: '二(一)',
 *   values: { age: { 'date-age': [{ var: 'applicant.birthDate' }, { var: 'noticeDate' }] }, minAge: { param: 'cn.hunan.shaoyang.min-age' } },
 *   test: { '>=': [{ value: 'age' }, { value: 'minAge' }] },
 *   message: { holds: { zh: '年满{minAge}周岁', en: 'aged {age}' }, fails: { zh: '未满{minAge}周岁', en: 'under {minAge}' } } };
 * ```
 */
export type RuleFile = z.input<typeof ruleSchema>;

export const formulaSchema = z.strictObject({
  id: ruleId,
  kind: z.string().min(1).max(40),
  clause: z.string().min(1).max(80).optional(),
  description: localized.optional(),
  /** JSON Logic computing the value. */
  expr: z.unknown(),
});

/**
 * One part of an item's funding. Parts are taken in order from the item's amount (already rounded
 * to the fen): `upTo` takes at most that much (rounded to the fen, never below 0), `share` takes
 * that fraction of what is left when the part is reached (rounded to the fen half-up), and the
 * last part, which has neither, takes the exact rest. So the parts always add up to the amount.
 */
export const fundingPartSchema = z.strictObject({
  payer: payerId,
  upTo: z.unknown().optional(),
  share: z.unknown().optional(),
});

/**
 * An item of money a kind may grant (a payment, a subsidy): when it applies, how much, when it
 * is paid and who pays. Evaluated like a rule (its `values` first, then `applies`), and reported
 * as a reason; when it applies its `amount` (JSON Logic, a decimal) is rounded to the fen.
 */
export const itemSchema = z.strictObject({
  /** Stable id, unique in the ruleset for its kind (e.g. `lump-sum-premium-employment`). */
  id: ruleId,
  kind: z.string().min(1).max(40),
  scope: z.string().min(1).max(40),
  /** The code reported in the outcome (several items may share one, e.g. under two articles). */
  code: ruleId,
  clause: z.string().min(1).max(80),
  docNo: z.string().min(1).max(120).optional(),
  label: localized,
  /** When it is paid, in the kind's terms (e.g. `at-expropriation`, `deferred`). */
  timing: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
  values: z.record(valueName, z.unknown()).default({}),
  /** JSON Logic; truthy = the item is granted. May read the values. */
  applies: z.unknown(),
  /** JSON Logic giving the exact amount (a decimal); may read the values. */
  amount: z.unknown(),
  funding: z.array(fundingPartSchema).min(1).max(10),
  /** Optional texts for the reason; `{amount}`, `{label}` and the values may be inserted. */
  message: z.strictObject({ holds: localized, fails: localized }).optional(),
});
export type ItemFile = z.input<typeof itemSchema>;

/**
 * A decision table of a kind (a status table, a priority order): rows tried in order, the first
 * whose `when` holds gives its `then`. `when` names rules that failed or held (of the kind, for the
 * subject being decided) and facts the kind supplies; an empty `when` always holds, and the last
 * row must have one. What `then` may say is the kind's contract (`KindContract.tables`).
 */
export const tableSchema = z.strictObject({
  /** The id the kind reads it by (e.g. `enrollment-status`). */
  id: ruleId,
  kind: z.string().min(1).max(40),
  /** The article the table states. */
  clause: z.string().min(1).max(80),
  docNo: z.string().min(1).max(120).optional(),
  description: localized.optional(),
  rows: z
    .array(
      z.strictObject({
        when: z.strictObject({
          /** Every one of these rules did not hold. */
          failed: z.array(ruleId).max(20).optional(),
          /** None of these rules failed. */
          held: z.array(ruleId).max(20).optional(),
          /** Facts the kind supplies (`KindContract.tables[id].facts`), each true or false. */
          facts: z.record(valueName, z.boolean()).optional(),
        }),
        /** What the row decides, in the kind's terms (checked against the kind's contract). */
        then: z.record(valueName, z.unknown()),
      }),
    )
    .min(1)
    .max(100),
});
/**
 * A decision table as written in a ruleset file.
 *
 * @example
 * ```ts
 * const table: TableFile = { id: 'reallocation-priority', kind: 'reallocation', clause: '三(三)', rows: [
 *   { when: { failed: ['candidate-same-collective'] }, then: { rank: null } },
 *   { when: {}, then: { rank: 1 } } ] };
 * ```
 */
export type TableFile = z.input<typeof tableSchema>;

/**
 * A check of the input that the law states (e.g. who may elect what), evaluated after the ruleset
 * is resolved and before the kind decides: when `when` holds (default: always) and `test` does
 * not, the request is refused with an `InputError` issue at `input.<path>` with this `code` and
 * the English `message` (`{name}` inserts a value). It reads the input only, never a parameter.
 */
export const inputCheckSchema = z.strictObject({
  id: ruleId,
  kind: z.string().min(1).max(40),
  clause: z.string().min(1).max(80),
  docNo: z.string().min(1).max(120).optional(),
  /** Where in the input the issue is reported (under `input`). */
  path: z.array(z.union([z.string().min(1).max(80), z.number().int().min(0)])).min(1).max(20),
  code: z.string().regex(/^[A-Z][A-Z0-9_]{0,59}$/),
  values: z.record(valueName, z.unknown()).default({}),
  /** JSON Logic; the check applies only when it holds (default: always). */
  when: z.unknown().optional(),
  /** JSON Logic; truthy = the input is acceptable. */
  test: z.unknown(),
  message: localized,
});
/**
 * An input check as written in a ruleset file.
 *
 * @example
 * ```ts
 * const check: InputCheckFile = { id: 'deadline-after-roster', kind: 'enrollment', clause: '三(四)', path: ['deadline'], code: 'DEADLINE_BEFORE_ROSTER',
 *   test: { '>=': [{ var: 'deadline' }, { var: 'rosterReportedOn' }] }, message: { zh: '期限早于名单上报日', en: 'is before the roster date' } };
 * ```
 */
export type InputCheckFile = z.input<typeof inputCheckSchema>;

export const rulesetFileSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Unique id, by convention `<jurisdiction>/<effectiveFrom>`. */
  id: z.string().min(1).max(120),
  /** Dotted, most general first: `cn.hunan.shaoyang`. */
  jurisdiction: z.string().regex(/^[a-z]{2}(\.[a-z0-9-]+)*$/, 'a jurisdiction is dotted lower-case words, e.g. cn.hunan.shaoyang'),
  kinds: z.array(z.string().min(1).max(40)).min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'a version is semver, e.g. 1.0.0'),
  effectiveFrom: isoDate,
  /** Last day in force (inclusive); null = open-ended. */
  effectiveTo: isoDate.nullable(),
  source: z.strictObject({
    docNo: z.string().min(1).max(120),
    title: z.string().min(1).max(300),
    /** The document's date; null when it carries none. */
    issuedOn: isoDate.nullable(),
    /** Where the text is kept (e.g. the seed file). */
    file: z.string().max(200).optional(),
  }),
  /** The document this one replaced, and whether the package carries it. */
  supersedes: z
    .strictObject({ docNo: z.string().min(1).max(120), available: z.boolean(), note: localized })
    .optional(),
  /** Choices the package made where the document is silent; each is warned on every decision. */
  assumptions: z
    .array(z.strictObject({ code: z.string().regex(/^[A-Z][A-Z0-9_]{0,59}$/), clause: z.string().optional(), message: localized }))
    .default([]),
  /** How a clause is read (documented, not warned). */
  interpretations: z.array(z.strictObject({ id: ruleId, clause: z.string().min(1), text: localized })).default([]),
  rules: z.array(ruleSchema),
  formulas: z.array(formulaSchema).default([]),
  /** Money items a kind grants (see {@link itemSchema}); optional. */
  items: z.array(itemSchema).default([]),
  /** Decision tables its kinds read (status tables, priority orders; see {@link tableSchema}). */
  tables: z.array(tableSchema).default([]),
  /** Checks of the input the law states, run before the kind decides (see {@link inputCheckSchema}). */
  inputChecks: z.array(inputCheckSchema).default([]),
  /**
   * Who pays, when its items have funding: every payer an item's funding names must be declared
   * here (checked at load); the order is the order they are listed in.
   */
  payers: z.array(z.strictObject({ id: payerId, name: localized })).max(20).optional(),
  /**
   * Earlier versions of this ruleset (same id) that it restates: written when the kinds read their
   * tables, input checks and payers from code, they lack those sections; an archived one of these
   * versions reads the sections it lacks from this file (so that its records replay as decided).
   */
  restates: z.array(z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/)).max(50).optional(),
  /** Optional: the content hash; when present it must match the file's content. */
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'a hash is 64 lower-case hex digits').optional(),
});

/**
 * A ruleset file as written (before defaults).
 *
 * @example
 * ```ts
 * import ruleset from './rulesets/cn.hunan.shaoyang/ruleset.2020-01-01.json';
 * const file: RulesetFile = ruleset;
 * createEngine({ rulesets: [file] });
 * ```
 */
export type RulesetFile = z.input<typeof rulesetFileSchema>;
/** A ruleset file as validated. */
export type RulesetFileParsed = z.output<typeof rulesetFileSchema>;

/**
 * How a parameter value is known (DOMAIN.md §3, ruling 2026-12-01):
 * - `official`: read in the issuing body's own text (or stated by the seed document itself);
 * - `secondary`: reported by a secondary source (a summary page, a consultancy, a news report);
 * - `derived`: computed by a formula from other series (a value's `formula`);
 * - `interpretation`: the package's reading of silent or ambiguous text;
 * - `placeholder`: no source; a stand-in so that decisions compute.
 * Only `official` values may be `verified`.
 *
 * @example
 * ```ts
 * EVIDENCE_KINDS.includes('derived'); // true
 * ```
 */
export const EVIDENCE_KINDS = ['official', 'secondary', 'derived', 'interpretation', 'placeholder'] as const;
/**
 * How a parameter value is known (one of {@link EVIDENCE_KINDS}).
 *
 * @example
 * ```ts
 * const e: Evidence = 'secondary';
 * ```
 */
export type Evidence = (typeof EVIDENCE_KINDS)[number];

/** A source a value was found in: its title, its address, the words quoted. */
export const parameterSourceSchema = z.strictObject({
  title: z.string().min(1).max(300),
  /** A URL, or where the text is kept (e.g. `shared/seeds/004_….txt`). */
  address: z.string().min(1).max(500).optional(),
  quote: z.string().max(1000).optional(),
});
/**
 * Where a parameter value comes from: the source's title, its address, and a short quote.
 *
 * @example
 * ```ts
 * const s: ParameterSource = { title: 'Shine: minimum subsistence allowance raised', address: 'https://www.shine.cn/news/metro/2106241064/', quote: '1,330 yuan' };
 * ```
 */
export type ParameterSource = z.output<typeof parameterSourceSchema>;

const literalValue = z.union([
  z.string().max(100),
  z.number().refine(Number.isFinite, 'numbers must be finite'),
  /** A list (e.g. the departments a review needs); items are strings. */
  z.array(z.string().min(1).max(100)).max(100),
]);

const parameterValueSchema = z
  .strictObject({
    /** A number, a string (decimals are best written as strings: "0.3"), or a list of strings. */
    value: literalValue.optional(),
    /**
     * Instead of `value`: JSON Logic computing it from other series, `{"param": "id"}` on the same
     * date or `{"param": ["id", "YYYY-MM-DD"]}` on a stated date. Checked at load: known ids, the
     * allow-listed operators, no `var`, no cycle. Its evidence is `derived`.
     */
    formula: z.unknown().optional(),
    /** First day in force. */
    from: isoDate,
    /** Last day in force (inclusive); null = until replaced. */
    to: isoDate.nullable(),
    /** Where the value comes from (document and article, or publication). */
    source: z.string().min(1).max(500),
    /** Whether the value has been checked against its source (only `official` values may be). */
    verified: z.boolean(),
    /** How the value is known; when absent, `official` if verified, else `placeholder`. */
    evidence: z.enum(EVIDENCE_KINDS).optional(),
    /** The sources read for it: title, address, quote. */
    sources: z.array(parameterSourceSchema).max(10).optional(),
    note: z.string().max(1000).optional(),
  })
  .superRefine((v, ctx) => {
    const hasValue = v.value !== undefined;
    const hasFormula = v.formula !== undefined;
    if (hasValue === hasFormula) ctx.addIssue({ code: 'custom', path: ['value'], message: 'give exactly one of value and formula' });
    if (hasFormula && v.evidence !== undefined && v.evidence !== 'derived') {
      ctx.addIssue({ code: 'custom', path: ['evidence'], message: "a value given by a formula has evidence 'derived'" });
    }
    if (hasValue && v.evidence === 'derived') ctx.addIssue({ code: 'custom', path: ['evidence'], message: "evidence 'derived' needs a formula" });
    if (v.verified && (hasFormula || (v.evidence !== undefined && v.evidence !== 'official'))) {
      ctx.addIssue({ code: 'custom', path: ['verified'], message: "only a value whose evidence is 'official' may be verified" });
    }
  });
// (No transform here, so the schema stays representable as JSON Schema: the registry fills in a
// missing `evidence` — see defaultEvidence.)

/** The evidence of a value written without one: derived for a formula, else official if verified, else placeholder. */
export function defaultEvidence(v: { formula?: unknown; verified: boolean; evidence?: Evidence | undefined }): Evidence {
  return v.evidence ?? (v.formula !== undefined ? 'derived' : v.verified ? 'official' : 'placeholder');
}

/** A parameter value as the registry holds it: `evidence` always set; `value` absent when a `formula` gives it. */
export interface ParsedParameterValue {
  value?: string | number | string[];
  formula?: unknown;
  from: string;
  to: string | null;
  source: string;
  verified: boolean;
  evidence: Evidence;
  sources?: ParameterSource[];
  note?: string;
}

export const parameterSeriesSchema = z.strictObject({
  description: localized,
  unit: z.string().min(1).max(40),
  values: z.array(parameterValueSchema).min(1),
});

export const parameterFileSchema = z.strictObject({
  $schema: z.string().optional(),
  jurisdiction: z.string().regex(/^[a-z]{2}(\.[a-z0-9-]+)*$/),
  parameters: z.record(z.string().min(1).max(120), parameterSeriesSchema),
});

/**
 * A parameter file as written.
 *
 * @example
 * ```ts
 * const file: ParameterFile = { jurisdiction: 'cn.hunan.shaoyang', parameters: { 'cn.hunan.shaoyang.min-age': {
 *   description: { zh: '…', en: '…' }, unit: 'year',
 *   values: [{ value: 16, from: '2020-01-01', to: null, source: '二(一)', verified: true }] } } };
 * createEngine({ parameters: [file] });
 * ```
 */
export type ParameterFile = z.input<typeof parameterFileSchema>;
/**
 * One dated value of a parameter series: the value, its window (`from`, `to`; `to: null` is open),
 * its source, how it is known (`evidence`) and whether it was checked against the document. For a
 * derived value (`formula`), `engine.parameterOn` gives the computed `value`.
 *
 * @example
 * ```ts
 * const v: ParameterValue | undefined = engine.parameterOn('cn.hunan.shaoyang.min-age', '2023-05-10');
 * v?.value; // 16
 * v?.evidence; // 'official'
 * ```
 */
export type ParameterValue = ParsedParameterValue;
/**
 * One dated value as written in a parameter file (`evidence` optional, see {@link EVIDENCE_KINDS}).
 *
 * @example
 * ```ts
 * const v: ParameterValueInput = { value: '1650', from: '2025-07-01', to: null, source: 'the 2025 bulletin', verified: false, evidence: 'secondary' };
 * ```
 */
export type ParameterValueInput = z.input<typeof parameterValueSchema>;
