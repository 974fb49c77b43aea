import { z } from 'zod';
import { Dec } from '../../engine/decimal';
import { count, decimalInput, idString, isoDate, addDuplicateIdIssues } from '../../engine/schemas';

/**
 * The flags of 一(一) (重点范围), one per rule of scope `enrollee`; each sends the person to review.
 *
 * @example
 * ```ts
 * SCREENING_FLAGS.includes('lump-sum-after-2017'); // true
 * ```
 */
export const SCREENING_FLAGS = [
  'under-16-at-notice',
  'not-member-at-notice',
  'land-above-standard',
  'public-service-staff',
  'lump-sum-after-2017',
  'excluded-by-rule',
] as const;
/**
 * A flag of 一(一) that sends an enrolled person to review.
 *
 * @example
 * ```ts
 * const f: ScreeningFlag = 'land-above-standard';
 * ```
 */
export type ScreeningFlag = (typeof SCREENING_FLAGS)[number];

/** The household's land, from which per-capita land after expropriation is computed. */
const screeningHousehold = z.strictObject({
  /** 家庭原有耕地面积 (mu). */
  originalCultivatedMu: decimalInput({ min: 0 }),
  /** 家庭被征耕地面积 (mu). */
  expropriatedCultivatedMu: decimalInput({ min: 0 }),
  /** Household members (the divisor). */
  memberCount: count.min(1, 'a household has at least one member'),
});

export const screeningEnrollee = z.strictObject({
  id: idString,
  /** Name as on the roster (shown, never used in a rule). */
  name: z.string().max(100).optional(),
  birthDate: isoDate,
  /** This person's 征地补偿安置公告 date when it differs from the roster's `noticeDate`. */
  noticeDate: isoDate.optional(),
  /** Member of the village (community) collective economic organisation on the notice date. */
  collectiveMemberAtNotice: z.boolean(),
  /** The household's land; per-capita land after expropriation is computed from it exactly. */
  household: screeningHousehold.optional(),
  /** Per-capita land after expropriation as recorded at enrolment, when the land figures are not given. */
  perCapitaAfterMu: decimalInput({ min: 0 }).optional(),
  /** The per-capita standard in force when this person was enrolled, when it differs from the roster's. */
  historicalStandardMu: decimalInput({ min: 0 }).optional(),
  /** On the payroll establishment (在编) of a state organ or public institution. */
  publicServiceStaff: z.boolean(),
  /** Enterprise employee pension: when and how the person joined, if they did. */
  enterprisePension: z
    .strictObject({
      joinedOn: isoDate,
      /** Joined by a one-time back payment (一次性补缴). */
      byLumpSum: z.boolean(),
    })
    .optional(),
  /** Excluded by another law, regulation or city rule: the reason (and where it comes from). */
  excludedByRule: z.strictObject({ reason: z.string().min(1).max(500), basis: z.string().max(200).optional() }).optional(),
});

export const screeningInput = z
  .strictObject({
    /** 征地补偿安置公告 date of the roster (the decisive date); an enrollee may carry their own. */
    noticeDate: isoDate,
    /** The roster: village, project (shown only). */
    roster: z.string().max(200).optional(),
    /** The per-capita standard (mu) that was in force when the roster's people were enrolled. */
    historicalStandardMu: decimalInput({ min: 0 }).optional(),
    enrollees: z.array(screeningEnrollee).min(1, 'at least one enrollee').max(50_000),
  })
  .superRefine((v, ctx) => {
    addDuplicateIdIssues(ctx, v.enrollees, 'enrollees', 'enrollee');
    v.enrollees.forEach((e, i) => {
      if (e.household === undefined && e.perCapitaAfterMu === undefined) {
        ctx.addIssue({ code: 'custom', path: ['enrollees', i, 'household'], message: 'give the household land (household) or the recorded per-capita figure (perCapitaAfterMu)' });
      }
      if (e.household && new Dec(e.household.expropriatedCultivatedMu).gt(e.household.originalCultivatedMu)) {
        ctx.addIssue({ code: 'custom', path: ['enrollees', i, 'household', 'expropriatedCultivatedMu'], message: `cannot exceed originalCultivatedMu (${e.household.originalCultivatedMu})` });
      }
      if (e.historicalStandardMu === undefined && v.historicalStandardMu === undefined) {
        ctx.addIssue({ code: 'custom', path: ['enrollees', i, 'historicalStandardMu'], message: 'required when the roster gives no historicalStandardMu' });
      }
    });
  });

/**
 * Input of `screening` as a caller writes it.
 *
 * @example
 * ```ts
 * const o = engine.screening(input as ScreeningInput, { asOf: '2023-05-10' }).outcome; // the household, the roster of enrollees
 * ```
 */
export type ScreeningInput = z.input<typeof screeningInput>;
export type ScreeningInputParsed = z.output<typeof screeningInput>;
/**
 * One enrolled person of a {@link ScreeningInput} roster.
 *
 * @example
 * ```ts
 * const e: ScreeningEnrollee = input.enrollees[0];
 * ```
 */
export type ScreeningEnrollee = ScreeningInput['enrollees'][number];

/**
 * Outcome of `screening`.
 *
 * @example
 * ```ts
 * const o: ScreeningOutcome = engine.screening(input).outcome;
 * o.enrollees.filter((e) => e.flags.length > 0).map((e) => e.id);
 * ```
 */
export interface ScreeningOutcome {
  enrollees: Array<{
    id: string;
    /** `needs-review` (身份存疑) when at least one flag is raised; flags never remove anyone. */
    status: 'clear' | 'needs-review';
    /** The flags raised (ids of the `enrollee` rules that did not hold, see {@link SCREENING_FLAGS}), in rule order. */
    flags: string[];
    /** The notice date the person was screened on. */
    noticeDate: string;
    /** Per-capita land after expropriation (exact decimal string) and the standard it was compared with. */
    perCapitaAfterMu: string;
    historicalStandardMu: string;
  }>;
  counts: {
    total: number;
    clear: number;
    needsReview: number;
    /** How many enrollees carry each flag (every rule of scope `enrollee` listed, 0 included). */
    flags: Record<string, number>;
  };
}
