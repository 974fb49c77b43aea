import { ageOn } from '../../engine/dates';
import { itemTotals, scopeItems } from '../../engine/items';
import { defineKind } from '../../engine/kind';
import { fastPayoutInput } from './fast-parse';
import { payoutInput, type PayoutItem, type PayoutOutcome } from './schema';

const TIMINGS = ['at-expropriation', 'deferred'] as const;

/**
 * `payout` (Gucun, 宝顾府〔2022〕13号 三–七): the itemised bill for one person at expropriation.
 * The ruleset's formulas give the stage (`stage`) and the date of 到龄 (`pension-age-date`); its
 * rules of scope `person` check scope and flag unusual cases; its items of scope `person` say
 * what is paid, how much, when and by whom. Here: the order, the totals and the outcome's shape.
 */
export const payout = defineKind({
  kind: 'payout',
  contract: {
    scopes: ['person'],
    formulas: ['stage', 'pension-age-date'],
    itemTimings: TIMINGS,
    // Who pays is the ruleset's (payers, checked against every item's funding at load); when the
    // election and the account are acceptable is its input checks (Gucun: 四(一)).
    declaresPayers: true,
    inputChecks: ['person.electsEmployeeInsurance', 'person.residentPensionAccount'],
  },
  schema: payoutInput,
  fastParse: fastPayoutInput,
  decisiveDate: (input) => input.expropriationDate,
  decide(ctx, input): PayoutOutcome {
    const { person, expropriationDate } = input;
    const age = ageOn(person.birthDate, expropriationDate);
    const base = { expropriationDate, person, age };
    const stage = ctx.formula('stage', base) === 'pension' ? 'pension' : 'employment';
    const pensionAgeDate = String(ctx.formula('pension-age-date', base));
    // One literal, not a spread of base (issue 21: spreads were a tenth of a decision).
    const data = { expropriationDate, person, age, stage, pensionAgeDate };
    const { failed } = ctx.scope('person', data, person.id);
    const inScope = failed.length === 0;
    const items = (inScope ? scopeItems(ctx, 'person', data, person.id) : []) as PayoutItem[];
    const t = itemTotals(items, TIMINGS);
    return {
      stage,
      ageAtExpropriation: age,
      inScope,
      pensionAgeDate,
      items,
      totals: { amount: t.amount, atExpropriation: t.byTiming['at-expropriation']!, deferred: t.byTiming['deferred']!, byPayer: t.byPayer },
    };
  },
});

export * from './schema';
