/**
 * Errors thrown by the engine. Each has a stable `code` so callers can branch on it without
 * matching messages.
 *
 * @example
 * ```ts
 * try { engine.evaluate(request) } catch (e) {
 *   if (e instanceof InputError) for (const i of e.issues) console.log(i.path, i.message);
 * }
 * ```
 */
export abstract class ZhengdiError extends Error {
  /** Stable machine-readable code. */
  abstract readonly code: string;
}

/**
 * One problem found in an input, a ruleset or a parameter file.
 *
 * @example
 * ```ts
 * const i: Issue = { path: ['input', 'applicants', 0, 'birthDate'], message: 'expected YYYY-MM-DD' };
 * ```
 */
export interface Issue {
  /**
   * What kind of problem, machine-readable: zod's issue codes for schema problems
   * (`invalid_type`, `too_big`, `unrecognized_keys`, `custom`, …) and the engine's own
   * (`unknown_kind`, `unknown_parameter`, `jurisdiction_required`, …); a rule of the law gives its
   * own upper-case code (`ACCOUNT_PARTS_EXCEED_BALANCE`, `VALIDITY_ABOVE_MAXIMUM`).
   */
  readonly code?: string;
  /** Where the problem is, as a path of keys and indexes (e.g. `['input', 'applicants', 0, 'birthDate']`). */
  readonly path: ReadonlyArray<string | number>;
  /** What is wrong, in English. */
  readonly message: string;
}

/**
 * Formats a path as `input.applicants[0].birthDate`.
 *
 * @example
 * ```ts
 * formatPath(['input', 'applicants', 0, 'birthDate']); // 'input.applicants[0].birthDate'
 * ```
 */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out === '' ? '(root)' : out;
}

function listIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `  - ${formatPath(i.path)}: ${i.message}`).join('\n');
}

/**
 * The request or its input is invalid. Lists every problem with its path; thrown before any
 * rule runs.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof InputError) console.error(e.issues) }
 * ```
 */
export class InputError extends ZhengdiError {
  readonly code = 'INVALID_INPUT' as const;
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[]) {
    const n = issues.length;
    super(`Invalid input (${n} problem${n === 1 ? '' : 's'}):\n${listIssues(issues)}`);
    this.name = 'InputError';
    this.issues = issues;
  }
}

/**
 * No ruleset of the jurisdiction covers the kind on the date. Never a silent fallback to the
 * nearest rules.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof NoRulesetInForceError) console.log(e.jurisdiction, e.kind, e.date) }
 * ```
 */
export class NoRulesetInForceError extends ZhengdiError {
  readonly code = 'NO_RULESET_IN_FORCE' as const;
  readonly jurisdiction: string;
  readonly kind: string;
  readonly date: string;
  constructor(jurisdiction: string, kind: string, date: string, detail?: string) {
    super(
      `No ruleset of ${jurisdiction} for '${kind}' is in force on ${date}` + (detail ? `. ${detail}` : ''),
    );
    this.name = 'NoRulesetInForceError';
    this.jurisdiction = jurisdiction;
    this.kind = kind;
    this.date = date;
  }
}

/**
 * No value of a parameter series covers the date, and the call gave no override.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof MissingParameterError) console.log(e.parameter, e.date) }
 * ```
 */
export class MissingParameterError extends ZhengdiError {
  readonly code = 'MISSING_PARAMETER' as const;
  readonly parameter: string;
  readonly date: string;
  constructor(parameter: string, date: string, detail?: string) {
    super(`Parameter ${parameter} has no value on ${date}` + (detail ? ` (${detail})` : ''));
    this.name = 'MissingParameterError';
    this.parameter = parameter;
    this.date = date;
  }
}

/**
 * A ruleset or parameter file failed validation: schema, windows that overlap or leave gaps,
 * unknown or disallowed operators, unsafe variable paths, a hash that does not match.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof RulesetError) console.error(e.source, e.issues) }
 * ```
 */
export class RulesetError extends ZhengdiError {
  readonly code = 'INVALID_RULESET' as const;
  readonly issues: readonly Issue[];
  /** Which file or ruleset the problems are in, when known. */
  readonly source: string | undefined;
  constructor(issues: readonly Issue[], source?: string) {
    const n = issues.length;
    super(
      `Invalid ruleset or parameter file${source ? ` ${source}` : ''} (${n} problem${n === 1 ? '' : 's'}):\n${listIssues(issues)}`,
    );
    this.name = 'RulesetError';
    this.issues = issues;
    this.source = source;
  }
}

/**
 * A rule failed while it ran (for example a decimal operator received a value that is not a
 * number). Points to a ruleset defect rather than to bad input, which is caught earlier.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof RuleEvaluationError) console.error('ruleset defect in', e.rule) }
 * ```
 */
export class RuleEvaluationError extends ZhengdiError {
  readonly code = 'RULE_EVALUATION_FAILED' as const;
  readonly rule: string;
  constructor(rule: string, message: string) {
    super(`Rule ${rule} could not be evaluated: ${message}`);
    this.name = 'RuleEvaluationError';
    this.rule = rule;
  }
}

/**
 * A ruleset named by hash (replay) does not decide the request: another jurisdiction or kind, or
 * the request's law date is outside its window.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof RulesetNotApplicableError) console.log(e.hash, e.message) }
 * ```
 */
export class RulesetNotApplicableError extends ZhengdiError {
  readonly code = 'RULESET_NOT_APPLICABLE' as const;
  constructor(
    readonly hash: string,
    message: string,
  ) {
    super(message);
    this.name = 'RulesetNotApplicableError';
  }
}
