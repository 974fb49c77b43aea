import { z } from 'zod';
import { decimalInput, idString, isoDate, whenFieldsValid } from '../../engine/schemas';
import type { FundingPart } from '../../engine/items';
import type { Localized } from '../../engine/schemas';
import type { PayoutPayer } from './payers';

export type { PayoutPayer } from './payers';

/**
 * What a person already draws on the expropriation date.
 *
 * @example
 * ```ts
 * PENSION_STATUSES; // ['none', 'resident-pension', 'employee-pension', 'old-worker-allowance']
 * ```
 */
export const PENSION_STATUSES = ['none', 'resident-pension', 'employee-pension', 'old-worker-allowance'] as const;

export const payoutPerson = z.strictObject({
  id: idString,
  sex: z.enum(['male', 'female']),
  birthDate: isoDate,
  /** 完全丧失劳动能力: fully unable to work. */
  fullyDisabled: z.boolean().optional(),
  /**
   * `resident-pension`: already draws the urban-rural resident pension; `employee-pension`: draws
   * the employee pension monthly; `old-worker-allowance`: draws the 精简退职回乡老职工生活费.
   */
  pensionStatus: z.enum(PENSION_STATUSES),
  /** 四(一): a pension-stage person on the resident pension chooses employee insurance. */
  electsEmployeeInsurance: z.boolean().optional(),
  /** 四(一): the resident-pension individual account (needed when electing employee insurance). */
  residentPensionAccount: z
    .strictObject({
      balance: decimalInput({ min: 0 }),
      individualContributions: decimalInput({ min: 0 }),
      collectiveSubsidies: decimalInput({ min: 0 }),
    })
    .optional(),
  /** 七: signed and handed in the papers on time. */
  cooperated: z.boolean(),
});

export const payoutInput = z
  .strictObject({
    /** 征地时: the date ages, stage and every parameter are taken on. */
    expropriationDate: isoDate,
    person: payoutPerson,
  })
  .superRefine((v, ctx) => {
    const p = v.person;
    if (p.birthDate > v.expropriationDate) {
      ctx.addIssue({ code: 'custom', path: ['person', 'birthDate'], message: `is after the expropriation date ${v.expropriationDate}` });
    }
    // 四(一)'s conditions on electsEmployeeInsurance and residentPensionAccount are the ruleset's
    // input checks (`inputChecks`), run before the kind decides (KindContract.inputChecks).
  }, whenFieldsValid);

/**
 * Input of `payout` as a caller writes it: the expropriation date and the person.
 *
 * @example
 * ```ts
 * const input: PayoutInput = { expropriationDate: '2024-09-20',
 *   person: { id: 'GC-01', sex: 'male', birthDate: '1988-04-12', pensionStatus: 'none', cooperated: true } };
 * ```
 */
export type PayoutInput = z.input<typeof payoutInput>;
export type PayoutInputParsed = z.output<typeof payoutInput>;

/**
 * One item of the bill.
 *
 * @example
 * ```ts
 * engine.payout(input).outcome.items.map((i: PayoutItem) => `${i.article} ${i.code} ${i.amount}`);
 * ```
 */
export interface PayoutItem {
  /** The ruleset item (several items may share a code under different articles). */
  id: string;
  code: string;
  article: string;
  /** Yuan, two decimals. */
  amount: string;
  timing: 'at-expropriation' | 'deferred';
  /** Who pays what: the payers the ruleset declares (`payers`); for the bundled rulesets, {@link PayoutPayer}. */
  funding: Array<FundingPart & { payer: PayoutPayer }>;
  label: Localized;
}

/**
 * Outcome of `payout`.
 *
 * @example
 * ```ts
 * const o: PayoutOutcome = engine.payout(input).outcome;
 * o.stage; o.totals.byPayer; // 'employment', { 'acquiring-unit': '…', district: '…', town: '…' }
 * ```
 */
export interface PayoutOutcome {
  stage: 'employment' | 'pension';
  ageAtExpropriation: number;
  /** Whether the person is in scope (一: aged 16+); out of scope, no item applies. */
  inScope: boolean;
  /** 到龄: the date the person reaches the pension age (men 60, women 55). */
  pensionAgeDate: string;
  items: PayoutItem[];
  totals: { amount: string; atExpropriation: string; deferred: string; byPayer: Record<string, string> };
}
