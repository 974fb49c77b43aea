import { toDec } from '../../engine/decimal';
import { defineKind } from '../../engine/kind';
import { fastEligibilityInput } from './fast-parse';
import { eligibilityInput, type EligibilityOutcome } from './schema';

/**
 * `eligibility` (Shaoyang, 二、新增认定): who among a household's applicants is included on the
 * date of the land-expropriation notice. The household's per-capita land after expropriation is
 * the ruleset's formula `per-capita-after-mu`; rules of scope `household` run once (e.g. the check
 * of the figure written on the form), rules of scope `applicant` run for each applicant, and an
 * applicant is eligible when every condition holds.
 */
export const eligibility = defineKind({
  kind: 'eligibility',
  contract: { scopes: ['household', 'applicant'], formulas: ['per-capita-after-mu'] },
  schema: eligibilityInput,
  fastParse: fastEligibilityInput,
  decisiveDate: (input) => input.noticeDate,
  decide(ctx, input): EligibilityOutcome {
    const perCapita = toDec(ctx.formula('per-capita-after-mu', input));
    const household = { noticeDate: input.noticeDate, household: input.household, perCapitaAfterMu: perCapita };
    ctx.scope('household', household);
    const applicants = input.applicants.map((applicant) => {
      const data = { noticeDate: input.noticeDate, household: input.household, perCapitaAfterMu: perCapita, applicant };
      const { failed } = ctx.scope('applicant', data, applicant.id);
      return { id: applicant.id, eligible: failed.length === 0, failed };
    });
    return {
      perCapitaAfterMu: perCapita.toFixed(4),
      perCapitaAfterMuExact: perCapita.toFixed(),
      applicants,
      eligibleCount: applicants.filter((a) => a.eligible).length,
    };
  },
});

export * from './schema';
