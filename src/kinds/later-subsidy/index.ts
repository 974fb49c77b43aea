import { itemTotals, scopeItems } from '../../engine/items';
import { defineKind } from '../../engine/kind';
import { laterSubsidyInput, type LaterSubsidyOutcome } from './schema';

/**
 * `later-subsidy` (Gucun, 宝顾府〔2022〕13号 三(二), 六(一)–(三), 九): the subsidies paid on an
 * event after expropriation, each with its district/town split. The ruleset's rules of scope
 * `event` check conditions; its items of scope `event` say what is paid and by whom.
 */
export const laterSubsidy = defineKind({
  kind: 'later-subsidy',
  contract: { scopes: ['event'], itemTimings: ['on-event'] },
  schema: laterSubsidyInput,
  decisiveDate: (input) => input.eventDate,
  decide(ctx, input): LaterSubsidyOutcome {
    const data = { eventDate: input.eventDate, personId: input.personId, event: input.event };
    ctx.scope('event', data, input.personId);
    const items = scopeItems(ctx, 'event', data, input.personId) as LaterSubsidyOutcome['items'];
    const t = itemTotals(items);
    return { event: input.event.type, items, totals: { amount: t.amount, byPayer: t.byPayer } };
  },
});

export * from './schema';
