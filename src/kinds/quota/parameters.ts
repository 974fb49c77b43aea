import type { DecisionContext } from '../../engine/context';
import { ROUNDING_MODES } from '../../engine/decimal';
import { InputError } from '../../engine/errors';

/**
 * Checks of the quota parameters that a caller may override per call, so that a bad override is
 * an `InputError` naming the parameter instead of a rule failing deep inside a formula. The kinds
 * name them by role (`quota-rounding-mode`, `quota-validity-months`): the ruleset's jurisdiction
 * (or a parent) provides `<jurisdiction>.<role>`, so no Taizhou id is spelled here.
 */
export const ROUNDING_MODE_ROLE = 'quota-rounding-mode';
export const VALIDITY_MONTHS_ROLE = 'quota-validity-months';

export function checkRoundingMode(ctx: DecisionContext): string {
  const mode = ctx.role(ROUNDING_MODE_ROLE);
  if (typeof mode !== 'string' || !Object.prototype.hasOwnProperty.call(ROUNDING_MODES, mode)) {
    throw new InputError([{ code: 'invalid_value', path: ['parameters', ctx.roleId(ROUNDING_MODE_ROLE)], message: `expected one of ${Object.keys(ROUNDING_MODES).join(', ')}, got ${JSON.stringify(mode)}` }]);
  }
  return mode;
}

export function checkValidityMonths(ctx: DecisionContext): number {
  const months = Number(ctx.role(VALIDITY_MONTHS_ROLE));
  if (!Number.isInteger(months) || months < 1 || months > 120) {
    throw new InputError([{ code: 'invalid_value', path: ['parameters', ctx.roleId(VALIDITY_MONTHS_ROLE)], message: 'expected a whole number of months from 1 to 120' }]);
  }
  return months;
}
