import { z } from 'zod';
import { isIsoDate } from './dates';
import { Dec, isDecimalLike, toDec } from './decimal';
import type { Issue } from './errors';

/**
 * zod building blocks shared by every input schema, ruleset and parameter file, so that a date,
 * a decimal or an id is checked the same way everywhere.
 */

/** A real calendar date written `YYYY-MM-DD` (rejects 2023-02-30 and five-digit years). */
export const isoDate = z
  .string()
  .max(10, 'expected a date YYYY-MM-DD')
  .refine(isIsoDate, { message: 'expected a real calendar date YYYY-MM-DD' });

/** An identifier written by people: 1 to 100 characters, no control characters. */
export const idString = z
  .string()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters');

export interface DecimalOptions {
  /** Smallest allowed value (inclusive). */
  min?: number;
  /** Whether the minimum itself is excluded. */
  minExclusive?: boolean;
  /**
   * Keep the decimals as written (`"0.20"` stays `"0.20"`, not `"0.2"`): for figures copied from
   * a form, whose precision a rule compares at (issue 6: found while checking the fixtures).
   */
  keepPlaces?: boolean;
}

/** Decimal inputs are below 10^18 in size with at most 20 decimals (areas and money need far less). */
export const MAX_DECIMAL = new Dec('1e18');
export const MAX_DECIMAL_PLACES = 20;

/** Runs a cross-field check only when every field parsed cleanly (zod would otherwise run it on raw values). */
export const whenFieldsValid = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

/**
 * What is wrong with a decimal input, by the rules of `decimalInput` (the value already a
 * string of at most 60 characters or a finite number): `'not-decimal'`, `'range'` (10^18 or more
 * in size, or more than 20 decimals), `'min'` (below the minimum), or undefined when it is fine.
 * The schema and the fast parsers (src/engine/fast-parse.ts) both decide with it.
 *
 * @example
 * ```ts
 * decimalProblem('1.25', { min: 0 }); // undefined
 * decimalProblem('1e3');              // 'not-decimal'
 * ```
 */
export function decimalProblem(v: string | number, options: DecimalOptions = {}): 'not-decimal' | 'range' | 'min' | undefined {
  if (!isDecimalLike(v)) return 'not-decimal';
  const d = toDec(v);
  if (d.abs().gte(MAX_DECIMAL) || d.decimalPlaces() > MAX_DECIMAL_PLACES) return 'range';
  if (options.min !== undefined && (options.minExclusive ? d.lte(options.min) : d.lt(options.min))) return 'min';
  return undefined;
}

/**
 * A valid decimal input as `decimalInput` gives it: a plain decimal string (`-0` becomes
 * `"0"`; with `keepPlaces`, a string keeps the decimals it was written with).
 *
 * @example
 * ```ts
 * normalisedDecimal('01.50');                       // '1.5'
 * normalisedDecimal('0.20', { keepPlaces: true });  // '0.20'
 * ```
 */
export function normalisedDecimal(v: string | number, options: DecimalOptions = {}): string {
  return options.keepPlaces && typeof v === 'string' ? toDec(v).toFixed(v.split('.')[1]?.length ?? 0) : toDec(v).toFixed();
}

/**
 * A decimal given as a plain string (`"1.25"`, at most 60 characters) or a finite number,
 * normalised to a plain decimal string (`-0` becomes `"0"`).
 */
export function decimalInput(options: DecimalOptions = {}) {
  return z
    .union([z.string().max(60, 'a decimal has at most 60 characters'), z.number()], {
      error: (iss) => (iss.input === undefined ? 'required: a decimal such as "1.25"' : 'expected a decimal such as "1.25" (a string or a finite number)'),
    })
    .superRefine((v, ctx) => {
      // Aborting issues (continue: false): zod then skips the refinements of the objects above,
      // as it does for a value of the wrong type, so no cross-field check ever reads a raw value
      // that is not a decimal.
      // (NaN and ±Infinity never get here: zod 4's z.number() refuses them.)
      const problem = decimalProblem(v, options);
      if (problem === 'not-decimal') ctx.addIssue({ code: 'custom', message: 'expected a decimal such as "1.25"', continue: false });
      else if (problem === 'range') ctx.addIssue({ code: 'custom', message: `out of range: at most ${MAX_DECIMAL_PLACES} decimals and less than 10^18 in size`, continue: false });
      else if (problem === 'min') ctx.addIssue({ code: 'custom', message: `must be ${options.minExclusive ? 'greater than' : 'at least'} ${options.min}` });
    })
    .transform((v) => normalisedDecimal(v, options));
}

/** A whole number of people or items (0 up to a billion). */
export const count = z.number().int('expected a whole number').min(0, 'must not be negative').max(1e9, 'too large');

/** zh and en text. */
export const localized = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });
/**
 * A text in Chinese and English.
 *
 * @example
 * ```ts
 * const m: Localized = { zh: '年满16周岁', en: 'aged 16 or over' };
 * ```
 */
export type Localized = z.infer<typeof localized>;

/** Longest key or message an issue repeats; longer text is cut (`…`) with its length. Long enough for the
 * longest message of our own (the list of procedure event types, about 290 characters). */
export const MAX_ISSUE_TEXT = 500;

/** Cuts text taken from the input (an unknown 10 MB key, say) so an InputError stays small. */
function clip(text: string): string {
  return text.length <= MAX_ISSUE_TEXT ? text : `${text.slice(0, MAX_ISSUE_TEXT)}…(${text.length} characters)`;
}

/** Adds an issue at `<field>[i].id` for every item whose id an earlier item already has. */
export function addDuplicateIdIssues(
  ctx: { addIssue(issue: { code: 'custom'; path: Array<string | number>; message: string }): void },
  items: ReadonlyArray<{ id: string }>,
  field: string,
  noun: string,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [field, i, 'id'], message: `duplicate ${noun} id '${item.id}'` });
    seen.add(item.id);
  });
}

/** zod's problems as the package's issues, each path prefixed (e.g. with `input`). */
export function zodIssues(error: z.ZodError, prefix: ReadonlyArray<string | number> = []): Issue[] {
  return error.issues.map((i) => {
    // A refinement may name its own code in params ({ code: 'ACCOUNT_PARTS_EXCEED_BALANCE' }).
    const own = i.code === 'custom' ? (i.params as { code?: unknown } | undefined)?.code : undefined;
    const issue = {
      path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : typeof p === 'string' ? clip(p) : p))],
      message: clip(i.message),
    };
    return { code: typeof own === 'string' ? own : i.code, ...issue };
  });
}
