import { z } from 'zod';
import { count, decimalInput, isoDate } from '../../engine/schemas';

/**
 * Land types of the national land classification (《土地利用现状分类》, as the land-change survey
 * reports them): the top-level agricultural classes, the survey's aggregate 其他农用地 and its
 * subclasses (设施农用地, 农村道路, 坑塘水面, 沟渠, 田坎), construction and unused land. Which of them
 * count for the quota is the parameter `cn.zhejiang.taizhou.counted-land-classes` (ruling
 * 2026-12-01: all 农用地, 三(二)).
 *
 * @example
 * ```ts
 * LAND_TYPES.includes('园地'); // true
 * ```
 */
export const LAND_TYPES = ['耕地', '园地', '林地', '草地', '其他农用地', '设施农用地', '农村道路', '坑塘水面', '沟渠', '田坎', '建设用地', '未利用地'] as const;
/**
 * One of the land types (地类) a quota input may list.
 *
 * @example
 * ```ts
 * const t: LandType = '其他农用地';
 * ```
 */
export type LandType = (typeof LAND_TYPES)[number];

/**
 * The subclasses the survey adds up as 其他农用地: listing both would count the land twice.
 *
 * @example
 * ```ts
 * OTHER_AGRICULTURAL_SUBCLASSES.includes('沟渠'); // true
 * ```
 */
export const OTHER_AGRICULTURAL_SUBCLASSES = ['设施农用地', '农村道路', '坑塘水面', '沟渠', '田坎'] as const;

/**
 * Land listed by type (mu): any of the types, each at most once; unknown types are rejected, and so
 * is 其他农用地 listed together with one of its subclasses (code LAND_CLASS_COUNTED_TWICE).
 */
export const landByType = z
  .strictObject(Object.fromEntries(LAND_TYPES.map((t) => [t, decimalInput({ min: 0 }).optional()])) as Record<LandType, z.ZodOptional<ReturnType<typeof decimalInput>>>)
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'list at least one land type')
  .superRefine((v, ctx) => {
    if (v['其他农用地'] === undefined) return;
    for (const sub of OTHER_AGRICULTURAL_SUBCLASSES) {
      if (v[sub] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [sub], params: { code: 'LAND_CLASS_COUNTED_TWICE' }, message: `${sub} is part of 其他农用地, which is listed too: give either the total or its subclasses` });
      }
    }
  });

const village = z
  .strictObject({
    /** (b) cultivated + other agricultural land at the end of last year (land-change survey), mu. */
    agriculturalLandMu: decimalInput({ min: 0, minExclusive: true }).optional(),
    /** (b) given by type instead; only the counted types are used. */
    landByType: landByType.optional(),
    /** (c) agricultural population aged 16+, public-security traditional basis. */
    population16Plus: count,
    /** (d) people already enrolled in land-expropriation social security. */
    alreadyInsured: count,
  })
  .superRefine((v, ctx) => {
    if ((v.agriculturalLandMu === undefined) === (v.landByType === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['agriculturalLandMu'], message: 'give exactly one of agriculturalLandMu or landByType' });
    }
    if (v.alreadyInsured >= v.population16Plus) {
      ctx.addIssue({
        code: 'custom',
        path: ['alreadyInsured'],
        message: `must be less than population16Plus (${v.population16Plus}): with no one left to enrol there is no land per person to divide by`,
      });
    }
  });

export const quotaInput = z
  .strictObject({
    /** Date the expropriation was approved (decides the rules in force). */
    approvalDate: isoDate,
    /** (a) cultivated + other agricultural land approved for expropriation, mu. */
    approvedAreaMu: decimalInput({ min: 0 }).optional(),
    /** (a) given by type instead; only the counted types are used. */
    approvedLandByType: landByType.optional(),
    village,
    /** Date the roster was reported; gives `validUntil`. */
    rosterReportedOn: isoDate.optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.approvedAreaMu === undefined) === (v.approvedLandByType === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['approvedAreaMu'], message: 'give exactly one of approvedAreaMu or approvedLandByType' });
    }
    if (v.rosterReportedOn !== undefined && v.rosterReportedOn < v.approvalDate) {
      ctx.addIssue({ code: 'custom', path: ['rosterReportedOn'], message: `is before the approval date ${v.approvalDate}` });
    }
  });

/**
 * Input of `quota` as a caller writes it.
 *
 * @example
 * ```ts
 * const input: QuotaInput = { approvalDate: '2020-04-20', approvedAreaMu: '21',
 *   village: { agriculturalLandMu: '700', population16Plus: 1036, alreadyInsured: 196 }, rosterReportedOn: '2020-06-18' };
 * ```
 */
export type QuotaInput = z.input<typeof quotaInput>;
export type QuotaInputParsed = z.output<typeof quotaInput>;

/**
 * Land of a type that did not count, and why.
 *
 * @example
 * ```ts
 * const x: ExcludedLand = { figure: 'approved', type: '园地', areaMu: '3.10', reason: { zh: '园地不计入', en: 'garden land is not counted' } };
 * ```
 */
export interface ExcludedLand {
  /** `approved` (a) or `village` (b). */
  figure: 'approved' | 'village';
  type: LandType;
  areaMu: string;
  reason: { zh: string; en: string };
}

/**
 * Outcome of `quota`.
 *
 * @example
 * ```ts
 * const o: QuotaOutcome = engine.quota(input).outcome;
 * o.exactQuota; o.quota; // '25.2', 25
 * ```
 */
export interface QuotaOutcome {
  /** Whole-person quota: rounded by the mode, at most `cap`. */
  quota: number;
  /** a × (c − d) ÷ b, unrounded (40 significant digits). */
  exactQuota: string;
  /** b ÷ (c − d), half-up to 4 decimals for display. */
  landPerPersonMu: string;
  /** The same, unrounded. */
  landPerPersonMuExact: string;
  /** c − d: people aged 16+ not yet enrolled. */
  cap: number;
  /** Whether the rounded quota was above the cap and was cut to it. */
  capApplied: boolean;
  /** The rounding mode used. */
  roundingMode: string;
  /** Last valid day (inclusive): roster date + validity months; null without a roster date. */
  validUntil: string | null;
  /** (a) and (b) as counted. */
  approvedAreaMu: string;
  villageLandMu: string;
  /** Land listed by type that did not count. Empty when single figures were given. */
  excludedLand: ExcludedLand[];
}
