import type { DecisionContext } from '../../engine/context';
import { ROUNDING_MODES } from '../../engine/decimal';
import { InputError } from '../../engine/errors';

/**
 * Checks of Taizhou parameters that a caller may override per call, so that a bad override is an
 * `InputError` naming the parameter instead of a rule failing deep inside a formula.
 */
export const ROUNDING_MODE_PARAM = 'cn.zhejiang.taizhou.quota-rounding-mode';
export const VALIDITY_MONTHS_PARAM = 'cn.zhejiang.taizhou.quota-validity-months';

export function checkRoundingMode(ctx: DecisionContext): string {
  const mode = ctx.param(ROUNDING_MODE_PARAM);
  if (typeof mode !== 'string' || !Object.prototype.hasOwnProperty.call(ROUNDING_MODES, mode)) {
    throw new InputError([{ path: ['parameters', ROUNDING_MODE_PARAM], message: `expected one of ${Object.keys(ROUNDING_MODES).join(', ')}, got ${JSON.stringify(mode)}` }]);
  }
  return mode;
}

export function checkValidityMonths(ctx: DecisionContext): number {
  const months = Number(ctx.param(VALIDITY_MONTHS_PARAM));
  if (!Number.isInteger(months) || months < 1 || months > 120) {
    throw new InputError([{ path: ['parameters', VALIDITY_MONTHS_PARAM], message: 'expected a whole number of months from 1 to 120' }]);
  }
  return months;
}
