import { z } from 'zod';
import { Dec } from '../../engine/decimal';
import { count, decimalInput, idString, isoDate, whenFieldsValid, addDuplicateIdIssues } from '../../engine/schemas';

/**
 * 认定范围 1–4 (二(一)1–4): the basis on which an applicant claims membership.
 *
 * @example
 * ```ts
 * MEMBERSHIP_BASES.includes('student'); // true
 * ```
 */
export const MEMBERSHIP_BASES = ['member', 'student', 'conscript', 'parent-member', 'democratic-decision'] as const;

/**
 * Schools a student applicant may attend (basis 2 counts 大中专: college and technical-secondary).
 *
 * @example
 * ```ts
 * EDUCATION_TYPES.includes('technical-secondary'); // true
 * ```
 */
export const EDUCATION_TYPES = ['college', 'technical-secondary', 'other'] as const;

/**
 * Ranks of a serving soldier (basis 2 counts a conscript and a first- or second-class sergeant).
 *
 * @example
 * ```ts
 * SERVICE_RANKS.includes('sergeant-third-class'); // true (but it is not basis 2)
 * ```
 */
export const SERVICE_RANKS = ['conscript', 'sergeant-first-class', 'sergeant-second-class', 'sergeant-third-class', 'sergeant-higher', 'officer'] as const;

export const eligibilityApplicant = z.strictObject({
  id: idString,
  sex: z.enum(['male', 'female']),
  birthDate: isoDate,
  basis: z.enum(MEMBERSHIP_BASES),
  /** Member of the local collective economic organisation on the notice date. */
  collectiveMember: z.boolean(),
  /** Holds land-contract rights (土地承包经营权). */
  holdsContractRight: z.boolean(),
  /** student, conscript: met basis 1 before enrolment or enlistment. */
  qualifiedBeforeLeaving: z.boolean().optional(),
  /**
   * student (basis 2): the school attended — `college` (大专及以上), `technical-secondary` (中专);
   * `other` (e.g. 普通高中) is not basis 2. Absent: the condition is not established.
   */
  education: z.enum(EDUCATION_TYPES).optional(),
  /**
   * conscript (basis 2): `conscript` (义务兵), `sergeant-first-class` / `sergeant-second-class`
   * (一、二级士官) count; `sergeant-third-class` and above and `officer` do not.
   */
  serviceRank: z.enum(SERVICE_RANKS).optional(),
  /** conscript (basis 2): entitled to resettlement at home on discharge (符合退役后回原籍安置条件). */
  resettlementAtHome: z.boolean().optional(),
  /** parent-member: one parent is a member. */
  parentIsMember: z.boolean().optional(),
  /** democratic-decision: decided by the collective and noticed without objection. */
  democraticDecision: z.strictObject({ approved: z.boolean(), noticeWithoutObjection: z.boolean() }).optional(),
});

export const eligibilityInput = z
  .strictObject({
    /** 征收土地公告日期: the date every condition is taken on. */
    noticeDate: isoDate,
    household: z.strictObject({
      /** 家庭原有耕地面积 (mu). */
      originalCultivatedMu: decimalInput({ min: 0 }),
      /** 家庭被征土地面积, cultivated (mu). */
      expropriatedCultivatedMu: decimalInput({ min: 0 }),
      /** Household members (the divisor of the per-capita figure). */
      memberCount: count.min(1, 'a household has at least one member'),
      /** 家庭征地后人均耕地面积 as written on the form, if given (its decimals are kept: "0.20" is compared at 2 places). */
      reportedPerCapitaAfterMu: decimalInput({ min: 0, keepPlaces: true }).optional(),
    }),
    applicants: z.array(eligibilityApplicant).min(1, 'at least one applicant').max(10_000),
  })
  .superRefine((v, ctx) => {
    const h = v.household;
    if (new Dec(h.expropriatedCultivatedMu).gt(h.originalCultivatedMu)) {
      ctx.addIssue({ code: 'custom', path: ['household', 'expropriatedCultivatedMu'], message: `cannot exceed originalCultivatedMu (${h.originalCultivatedMu})` });
    }
    if (v.applicants.length > h.memberCount) {
      ctx.addIssue({ code: 'custom', path: ['applicants'], message: `${v.applicants.length} applicants but the household has ${h.memberCount} members` });
    }
    addDuplicateIdIssues(ctx, v.applicants, 'applicants', 'applicant');
  }, whenFieldsValid);

/**
 * Input of `eligibility` as a caller writes it (decimals as strings or numbers).
 *
 * @example
 * ```ts
 * const input: EligibilityInput = {
 *   noticeDate: '2023-05-10',
 *   household: { originalCultivatedMu: '2.4', expropriatedCultivatedMu: '1.8', memberCount: 4 },
 *   applicants: [{ id: 'A1', sex: 'female', birthDate: '1980-03-02', basis: 'member', collectiveMember: true, holdsContractRight: true }],
 * };
 * ```
 */
export type EligibilityInput = z.input<typeof eligibilityInput>;
export type EligibilityInputParsed = z.output<typeof eligibilityInput>;

/**
 * Outcome of `eligibility`.
 *
 * @example
 * ```ts
 * const o: EligibilityOutcome = engine.eligibility(input).outcome;
 * o.perCapitaAfterMu;                 // '0.1500'
 * o.applicants[0];                   // { id: 'A1', eligible: true, failed: [] }
 * ```
 */
export interface EligibilityOutcome {
  /** Per-capita cultivated land after expropriation, rounded half-up to 4 decimals for display. */
  perCapitaAfterMu: string;
  /** The same, exact (the value every comparison used). */
  perCapitaAfterMuExact: string;
  applicants: Array<{
    id: string;
    eligible: boolean;
    /** Ids of the rules that did not hold (`age-16`, `per-capita-under-0.3`, `membership`). */
    failed: string[];
  }>;
  /** How many applicants are eligible. */
  eligibleCount: number;
}
