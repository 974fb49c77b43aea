import type { DecisionContext } from '../../engine/context';
import { ROUNDING_MODES } from '../../engine/decimal';
import type { Issue } from '../../engine/errors';
import type { ParameterLookup } from '../../engine/kind';

/**
 * Checks of the quota parameters that a caller may override per call, run before the decision
 * (`checkParameters` of the kind, in the validate step), so that a bad override is an issue of the
 * `InputError` naming the parameter, listed with every other problem of the call, instead of a
 * rule failing deep inside a formula. The kinds name them by role (`quota-rounding-mode`,
 * `quota-validity-months`, `quota-validity-max-months`): the ruleset's jurisdiction (or a parent)
 * provides `<jurisdiction>.<role>`, so no Taizhou id is spelled here.
 */
export const ROUNDING_MODE_ROLE = 'quota-rounding-mode';
export const VALIDITY_MONTHS_ROLE = 'quota-validity-months';
export const VALIDITY_MAX_MONTHS_ROLE = 'quota-validity-max-months';

/** The rounding mode must be one the engine knows (code `invalid_value`). */
export function roundingModeIssues(read: ParameterLookup): Issue[] {
  const id = read.roleId(ROUNDING_MODE_ROLE);
  if (id === undefined) return []; // no such parameter: the decision names it (MissingParameterError)
  const mode = read.value(id);
  if (mode === undefined || (typeof mode === 'string' && Object.prototype.hasOwnProperty.call(ROUNDING_MODES, mode))) return [];
  return [{ code: 'invalid_value', path: ['parameters', id], message: `expected one of ${Object.keys(ROUNDING_MODES).join(', ')}, got ${JSON.stringify(mode)}` }];
}

/**
 * The quota's validity in months: a whole number from 1 to the maximum of 三(四) (“最长为1年”,
 * parameter role quota-validity-max-months). A county may shorten it, never lengthen it: above the
 * maximum is code `VALIDITY_ABOVE_MAXIMUM`; not a whole number of at least 1 is `invalid_value`.
 */
export function validityMonthsIssues(read: ParameterLookup): Issue[] {
  const id = read.roleId(VALIDITY_MONTHS_ROLE);
  if (id === undefined) return [];
  const raw = read.value(id);
  if (raw === undefined) return [];
  const months = Number(raw);
  if (!Number.isInteger(months) || months < 1) return [{ code: 'invalid_value', path: ['parameters', id], message: 'expected a whole number of months, at least 1' }];
  // Only an override can lengthen it (the bundled value is the maximum itself).
  if (!read.overridden(id)) return [];
  const maxId = read.roleId(VALIDITY_MAX_MONTHS_ROLE);
  const max = maxId === undefined ? undefined : read.value(maxId);
  if (max === undefined || months <= Number(max)) return [];
  return [
    { path: ['parameters', id], code: 'VALIDITY_ABOVE_MAXIMUM', message: `${months} months is longer than the ${Number(max)} months 三(四) allows (“参保名额指标有效期最长为1年”): a county may shorten the validity, not lengthen it` },
  ];
}

/**
 * Reads the validity as the decision uses it (checked before it: {@link validityMonthsIssues}).
 * An override is checked against the maximum, so the maximum is read too and the decision lists
 * it among the parameters it read; without an override only the validity is read.
 */
export function readValidityMonths(ctx: DecisionContext): number {
  const id = ctx.roleId(VALIDITY_MONTHS_ROLE);
  const months = Number(ctx.param(id));
  if (ctx.parameters().some((p) => p.id === id && p.overridden)) ctx.role(VALIDITY_MAX_MONTHS_ROLE);
  return months;
}
