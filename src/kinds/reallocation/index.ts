import { defineKind } from '../../engine/kind';
import { reallocationInput, type ReallocationOutcome } from './schema';

/**
 * `reallocation` (Taizhou, 三(三)): freed and adjustment places handed on. The adjustment list
 * must have passed 五议两公开 (rules of scope `procedure`); if not, it is refused with the rules
 * that failed. Otherwise each candidate is checked (scope `candidate`): members of the collective
 * not yet enrolled may get a place; those whose land was expropriated come first, in list order,
 * then the others in list order, until the places run out.
 */
export const reallocation = defineKind({
  kind: 'reallocation',
  contract: { scopes: ['procedure', 'candidate'], rules: { 'candidate-same-collective': 'candidate', 'candidate-not-insured': 'candidate', 'candidate-land-expropriated': 'candidate' } },
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
    const checked = input.candidates.map((candidate) => {
      const { failed } = ctx.scope('candidate', { candidate }, candidate.id);
      const eligible = !failed.includes('candidate-same-collective') && !failed.includes('candidate-not-insured');
      return { id: candidate.id, failed, eligible, priority: eligible && !failed.includes('candidate-land-expropriated') };
    });
    const order = [...checked.filter((c) => c.priority), ...checked.filter((c) => c.eligible && !c.priority)];
    const assigned = order.slice(0, total).map((c) => ({ id: c.id, priority: c.priority }));
    const got = new Set(assigned.map((a) => a.id));
    const notAssigned = checked
      .filter((c) => !got.has(c.id))
      .map((c) => ({ id: c.id, failed: c.eligible ? [...c.failed, 'no-place-left'] : c.failed }));
    return { refused: false, refusedBecause: [], places, assigned, notAssigned, remaining: total - assigned.length };
  },
});

export * from './schema';
