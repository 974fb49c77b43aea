import { defineKind } from '../../engine/kind';
import { tableRow } from '../../engine/tables';
import { reallocationInput, reallocationPriorityRow, type ReallocationOutcome, type ReallocationPriorityRow } from './schema';

/**
 * `reallocation` (Taizhou, 三(三)): freed and adjustment places handed on. The adjustment list
 * must have passed 五议两公开 (rules of scope `procedure`); if not, it is refused with the rules
 * that failed. Otherwise each candidate is checked (scope `candidate`) and the ruleset's table
 * `reallocation-priority` gives each a rank by the rules that failed (none: no place); places go
 * by rank, then in list order, until they run out. (Taizhou: members of the collective not yet
 * enrolled may get a place; those whose land was expropriated come first.)
 */
export const reallocation = defineKind({
  kind: 'reallocation',
  contract: { scopes: ['procedure', 'candidate'], tables: { 'reallocation-priority': { then: reallocationPriorityRow } } },
  asOf: 'observation',
  schema: reallocationInput,
  decisiveDate: (input) => input.rosterReportedOn,
  decide(ctx, input): ReallocationOutcome {
    const total = input.freedPlaces + input.adjustmentPlaces;
    const places = { freed: input.freedPlaces, adjustment: input.adjustmentPlaces, total };
    const { failed: refusedBecause } = ctx.scope('procedure', { procedure: input.procedure ?? {}, asOf: ctx.asOf });
    if (refusedBecause.length > 0) {
      return {
        refused: true,
        refusedBecause,
        places,
        assigned: [],
        notAssigned: input.candidates.map((c) => ({ id: c.id, failed: ['adjustment-list-refused'] })),
        remaining: total,
      };
    }
    const checked = input.candidates.map((candidate, at) => {
      const { failed } = ctx.scope('candidate', { candidate }, candidate.id);
      // 三(三): the ruleset's priority order says who may get a place and who comes first.
      const { rank, priority } = tableRow<ReallocationPriorityRow>(ctx.ruleset, ctx.kind, 'reallocation-priority', failed);
      return { id: candidate.id, failed, eligible: rank !== null, rank: rank ?? Infinity, priority, at };
    });
    // By rank, then in list order.
    const order = checked.filter((c) => c.eligible).sort((a, b) => a.rank - b.rank || a.at - b.at);
    const assigned = order.slice(0, total).map((c) => ({ id: c.id, priority: c.priority }));
    const got = new Set(assigned.map((a) => a.id));
    const notAssigned = checked
      .filter((c) => !got.has(c.id))
      .map((c) => ({ id: c.id, failed: c.eligible ? [...c.failed, 'no-place-left'] : c.failed }));
    return { refused: false, refusedBecause: [], places, assigned, notAssigned, remaining: total - assigned.length };
  },
});

export * from './schema';
