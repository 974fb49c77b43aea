import fc from 'fast-check';
import { Dec } from '../../src/engine/decimal';
import { EDUCATION_TYPES, MEMBERSHIP_BASES, SERVICE_RANKS, type EligibilityInput } from '../../src';
import { idString, isoDateBetween, nonNegativeDecimal } from './common';

type Applicant = EligibilityInput['applicants'][number];

/** One applicant the schema accepts (optional fields sometimes present, whatever the basis). */
export const eligibilityApplicant = (id: string): fc.Arbitrary<Applicant> =>
  fc.record(
    {
      id: fc.constant(id),
      sex: fc.constantFrom('male', 'female') as fc.Arbitrary<'male' | 'female'>,
      // Around the 16th birthday often, including 29 February and births after the notice.
      birthDate: fc.oneof(isoDateBetween('1900-01-01', '2040-12-31'), fc.constantFrom('2004-02-29', '2008-02-29', '2007-05-10', '2007-05-11')),
      basis: fc.constantFrom(...MEMBERSHIP_BASES),
      collectiveMember: fc.boolean(),
      holdsContractRight: fc.boolean(),
      qualifiedBeforeLeaving: fc.boolean(),
      education: fc.constantFrom(...EDUCATION_TYPES),
      serviceRank: fc.constantFrom(...SERVICE_RANKS),
      resettlementAtHome: fc.boolean(),
      parentIsMember: fc.boolean(),
      democraticDecision: fc.record({ approved: fc.boolean(), noticeWithoutObjection: fc.boolean() }),
    },
    { requiredKeys: ['id', 'sex', 'birthDate', 'basis', 'collectiveMember', 'holdsContractRight'] },
  );

export interface EligibilityArbOptions {
  /** Earliest notice date (default 2020-01-01, when the Shaoyang ruleset comes into force). */
  noticeFrom?: string;
  maxApplicants?: number;
}

/** A valid `eligibility` input for Shaoyang: every value is one the schema accepts. */
export function eligibilityInput(options: EligibilityArbOptions = {}): fc.Arbitrary<EligibilityInput> {
  const { noticeFrom = '2020-01-01', maxApplicants = 6 } = options;
  return fc
    .record({
      noticeDate: fc.oneof(isoDateBetween(noticeFrom, '2035-12-31'), fc.constantFrom('2023-05-10', '2024-02-29', '2023-03-01')),
      land: fc.tuple(nonNegativeDecimal, nonNegativeDecimal),
      ids: fc.uniqueArray(idString, { minLength: 1, maxLength: maxApplicants }),
      extraMembers: fc.oneof({ weight: 4, arbitrary: fc.nat(8) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 1e9 - maxApplicants }) }),
      reported: fc.option(nonNegativeDecimal, { nil: undefined }),
    })
    .chain(({ noticeDate, land, ids, extraMembers, reported }) => {
      // expropriated ≤ original: the larger of the two generated figures is the original land.
      const [a, b] = land;
      const [original, expropriated] = new Dec(a).gte(b) ? [a, b] : [b, a];
      return fc.tuple(...ids.map(eligibilityApplicant)).map(
        (applicants): EligibilityInput => ({
          noticeDate,
          household: {
            originalCultivatedMu: original,
            expropriatedCultivatedMu: expropriated,
            memberCount: ids.length + extraMembers,
            ...(reported === undefined ? {} : { reportedPerCapitaAfterMu: reported }),
          },
          applicants,
        }),
      );
    });
}

/** A threshold for `cn.hunan.shaoyang.max-per-capita-mu` (a decimal string ≥ 0). */
export const landThreshold: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.bigInt({ min: 0n, max: 100_000n }), fc.integer({ min: 0, max: 4 })).map(([m, s]) => new Dec(m.toString()).div(10 ** s).toFixed()),
  fc.constantFrom('0', '0.3', '0.29999', '0.30001', '1', '100000'),
);
