import { z } from 'zod';
import { Dec } from '../../engine/decimal';
import type { FundingPart } from '../../engine/items';
import { count, decimalInput, idString, isoDate, whenFieldsValid } from '../../engine/schemas';
import type { Localized } from '../../engine/schemas';

const months = count.max(1200, 'at most 1200 months');

/** 三(二): extension contributions after 到龄, for a period of `months`. */
const extension = {
  /** Employee-pension contribution months already credited when the period starts (all schemes converted). */
  contributionMonthsBefore: months,
  /** Months of extension contributions paid in the period. */
  months: months.min(1, 'at least one month'),
};

export const laterSubsidyEvent = z.discriminatedUnion('type', [
  /** 三(二): the person extends as a flexibly employed contributor. */
  z.strictObject({ type: z.literal('flexible-extension'), ...extension }),
  /** 三(二): an employer extends the person's contributions. */
  z.strictObject({ type: z.literal('employer-extension'), ...extension }),
  /** 三(二): still short after the extension years, the person back-pays at once. */
  z.strictObject({
    type: z.literal('lump-back-payment'),
    contributionMonthsBefore: months,
    /** Months already extended before the back payment (三(二): at least 5 years). */
    extensionMonths: months,
    /** The employee pension + medical premiums paid at once (yuan). */
    amount: decimalInput({ min: 0 }),
  }),
  /** 六(一)–(三): release of the guarantee subsidy fixed at expropriation. */
  z.strictObject({
    type: z.literal('guarantee-release'),
    /** `full-contribution` 六(一), `flexible-extension` 六(二), `resident-pension` 六(三). */
    route: z.enum(['full-contribution', 'flexible-extension', 'resident-pension']),
    /** The guarantee subsidy fixed at expropriation (the payout's `guarantee-subsidy`). */
    subsidy: decimalInput({ min: 0 }),
    /** Already released before this event (default 0). */
    alreadyReleased: decimalInput({ min: 0 }).default('0'),
    /** 六(一): employee pension + medical contribution months paid so far. */
    contributionMonths: months.optional(),
    /** 六(二): the person's own share of the extension premiums, net of the government subsidy. */
    personalShare: decimalInput({ min: 0 }).optional(),
    /** 六(二): the person now draws the employee pension. */
    employeePensionStarted: z.boolean().optional(),
    /** 六(三): the person now draws the resident pension. */
    residentPensionStarted: z.boolean().optional(),
  }),
  /** 九: a year of resident medical insurance after the lump-sum medical period. */
  z.strictObject({
    type: z.literal('resident-medical'),
    /** The lump-sum employee medical period has ended. */
    lumpSumMedicalEnded: z.boolean(),
    /** The person's own contribution for the year (yuan). */
    personalContribution: decimalInput({ min: 0 }),
  }),
]);

export const laterSubsidyInput = z
  .strictObject({
    /** The date of the event: it decides the rules and parameters (e.g. last year's wage). */
    eventDate: isoDate,
    personId: idString,
    event: laterSubsidyEvent,
  })
  .superRefine((v, ctx) => {
    const e = v.event;
    if (e.type !== 'guarantee-release') return;
    if (new Dec(e.alreadyReleased).gt(e.subsidy)) {
      ctx.addIssue({ code: 'custom', path: ['event', 'alreadyReleased'], message: `cannot exceed the subsidy (${e.subsidy})` });
    }
    if (e.route === 'full-contribution' && e.contributionMonths === undefined) {
      ctx.addIssue({ code: 'custom', path: ['event', 'contributionMonths'], message: 'required for route full-contribution (六(一))' });
    }
    if (e.route === 'flexible-extension' && e.personalShare === undefined && !e.employeePensionStarted) {
      ctx.addIssue({ code: 'custom', path: ['event', 'personalShare'], message: 'required for route flexible-extension before the employee pension starts (六(二))' });
    }
  }, whenFieldsValid);

/**
 * Input of `later-subsidy` as a caller writes it: the event date, the person and the event (三(二), 六, 九).
 *
 * @example
 * ```ts
 * const input: LaterSubsidyInput = { eventDate: '2025-03-01', personId: 'GC-01',
 *   event: { type: 'resident-medical', lumpSumMedicalEnded: true, personalContribution: '540' } };
 * ```
 */
export type LaterSubsidyInput = z.input<typeof laterSubsidyInput>;
export type LaterSubsidyInputParsed = z.output<typeof laterSubsidyInput>;

/**
 * Outcome of `later-subsidy`.
 *
 * @example
 * ```ts
 * const { items, totals } = engine.laterSubsidy(input).outcome;
 * totals.byPayer; // { district: '…', town: '…' }
 * ```
 */
export interface LaterSubsidyOutcome {
  event: LaterSubsidyInputParsed['event']['type'];
  items: Array<{
    id: string;
    code: string;
    article: string;
    amount: string;
    timing: 'on-event';
    funding: Array<FundingPart & { payer: 'district' | 'town' }>;
    label: Localized;
  }>;
  totals: { amount: string; byPayer: Record<string, string> };
}
