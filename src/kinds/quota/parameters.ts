import type { DecisionContext } from '../../engine/context';
import { ROUNDING_MODES } from '../../engine/decimal';
import { InputError } from '../../engine/errors';

/**
 * Checks of the quota parameters that a caller may override per call, so that a bad override is
 * an `InputError` naming the parameter instead of a rule failing deep inside a formula. The kinds
 * name them by role (`quota-rounding-mode`, `quota-validity-months`, `quota-validity-max-months`):
 * the ruleset's jurisdiction (or a parent) provides `<jurisdiction>.<role>`, so no Taizhou id is
 * spelled here.
 */
export const ROUNDING_MODE_ROLE = 'quota-rounding-mode';
export const VALIDITY_MONTHS_ROLE = 'quota-validity-months';
export const VALIDITY_MAX_MONTHS_ROLE = 'quota-validity-max-months';

export function checkRoundingMode(ctx: DecisionContext): string {
  const mode = ctx.role(ROUNDING_MODE_ROLE);
  if (typeof mode !== 'string' || !Object.prototype.hasOwnProperty.call(ROUNDING_MODES, mode)) {
    throw new InputError([{ code: 'invalid_value', path: ['parameters', ctx.roleId(ROUNDING_MODE_ROLE)], message: `expected one of ${Object.keys(ROUNDING_MODES).join(', ')}, got ${JSON.stringify(mode)}` }]);
  }
  return mode;
}

/**
 * The quota's validity in months: a whole number from 1 to the maximum of 三(四) (“最长为1年”,
 * parameter role quota-validity-max-months). A county may shorten it, never lengthen it: above the
 * maximum is an InputError (code VALIDITY_ABOVE_MAXIMUM).
 */
export function checkValidityMonths(ctx: DecisionContext): number {
  const id = ctx.roleId(VALIDITY_MONTHS_ROLE);
  const months = Number(ctx.param(id));
  if (!Number.isInteger(months) || months < 1) {
    throw new InputError([{ code: 'invalid_value', path: ['parameters', id], message: 'expected a whole number of months, at least 1' }]);
  }
  // Only an override can lengthen it (the bundled value is the maximum itself), so the maximum is
  // read only then: decisions without an override read what they always read.
  const overridden = ctx.parameters().some((p) => p.id === id && p.overridden);
  if (!overridden) return months;
  const max = Number(ctx.role(VALIDITY_MAX_MONTHS_ROLE));
  if (months > max) {
    throw new InputError([
      { path: ['parameters', id], code: 'VALIDITY_ABOVE_MAXIMUM', message: `${months} months is longer than the ${max} months 三(四) allows (“参保名额指标有效期最长为1年”): a county may shorten the validity, not lengthen it` },
    ]);
  }
  return months;
}
