import { toDec } from '../../engine/decimal';
import { InputError } from '../../engine/errors';
import { defineKind } from '../../engine/kind';
import { readValidityMonths, ROUNDING_MODE_ROLE, roundingModeIssues, validityMonthsIssues } from './parameters';
import { LAND_TYPES, quotaInput, type ExcludedLand, type LandType, type QuotaOutcome } from './schema';

/**
 * `quota` (Taizhou, 三(二) 以地定量): how many people of a village may enrol after an
 * expropriation is approved. The arithmetic is the ruleset's formulas (`quota-cap`,
 * `quota-land-per-person-mu`, `quota-exact`, `quota-rounded`, `quota-whole`, `valid-until`);
 * this module only counts land by type through the rule `land-type-counted` and assembles the
 * outcome. Rules of scope `village` explain the arithmetic and the cap; `validity` runs when the
 * roster date is given.
 */
export const quota = defineKind({
  kind: 'quota',
  contract: { scopes: ['land-type', 'village', 'validity'], formulas: ['quota-cap', 'quota-land-per-person-mu', 'quota-exact', 'quota-rounded', 'quota-whole', 'valid-until'], rules: { 'quota-within-cap': 'village' }, parameterRoles: ['quota-rounding-mode', 'quota-validity-months', 'quota-validity-max-months'] },
  schema: quotaInput,
  decisiveDate: (input) => input.approvalDate,
  checkParameters: (read, input) => [...roundingModeIssues(read), ...(input.rosterReportedOn !== undefined ? validityMonthsIssues(read) : [])],
  decide(ctx, input): QuotaOutcome {
    const mode = ctx.role(ROUNDING_MODE_ROLE) as string;
    if (input.rosterReportedOn !== undefined) readValidityMonths(ctx);
    const excludedLand: ExcludedLand[] = [];
    const count = (figure: 'approved' | 'village', land: Partial<Record<LandType, string>>) => {
      let sum = toDec(0);
      for (const type of LAND_TYPES) {
        const areaMu = land[type];
        if (areaMu === undefined) continue;
        const subject = `${figure}:${type}`;
        const { failed } = ctx.scope('land-type', { figure, type, areaMu }, subject);
        if (failed.length === 0) sum = sum.plus(areaMu);
        else {
          const why = ctx.reasons.filter((r) => r.subject === subject && !r.holds).map((r) => r.message);
          excludedLand.push({ figure, type, areaMu, reason: { zh: why.map((m) => m.zh).join('；'), en: why.map((m) => m.en).join('; ') } });
        }
      }
      return sum;
    };
    const approvedAreaMu = input.approvedLandByType ? count('approved', input.approvedLandByType) : toDec(input.approvedAreaMu!);
    const villageLandMu = input.village.landByType ? count('village', input.village.landByType) : toDec(input.village.agriculturalLandMu!);
    if (villageLandMu.isZero()) {
      throw new InputError([
        { path: ['input', 'village', 'landByType'], message: 'no counted land (none of the classes listed is one the ruleset counts in the quota): land per person would be zero' },
      ]);
    }
    const data: Record<string, unknown> = {
      approvalDate: input.approvalDate,
      approvedAreaMu,
      villageLandMu,
      population16Plus: input.village.population16Plus,
      alreadyInsured: input.village.alreadyInsured,
      rosterReportedOn: input.rosterReportedOn ?? null,
    };
    data.cap = toDec(ctx.formula('quota-cap', data));
    data.landPerPersonMu = toDec(ctx.formula('quota-land-per-person-mu', data));
    data.exactQuota = toDec(ctx.formula('quota-exact', data));
    data.roundedQuota = toDec(ctx.formula('quota-rounded', data));
    const whole = toDec(ctx.formula('quota-whole', data));
    const validUntil = ctx.formula('valid-until', data) as string | null;
    data.validUntil = validUntil;
    const { failed } = ctx.scope('village', data);
    if (validUntil !== null) ctx.scope('validity', data);
    return {
      quota: whole.toNumber(),
      exactQuota: (data.exactQuota as ReturnType<typeof toDec>).toFixed(),
      landPerPersonMu: (data.landPerPersonMu as ReturnType<typeof toDec>).toFixed(4),
      landPerPersonMuExact: (data.landPerPersonMu as ReturnType<typeof toDec>).toFixed(),
      cap: (data.cap as ReturnType<typeof toDec>).toNumber(),
      capApplied: failed.includes('quota-within-cap'),
      roundingMode: mode,
      validUntil,
      approvedAreaMu: approvedAreaMu.toFixed(),
      villageLandMu: villageLandMu.toFixed(),
      excludedLand,
    };
  },
});

export * from './schema';
