import { Dec } from '../../engine/decimal';
import { defineKind } from '../../engine/kind';
import { hamilton } from './hamilton';
import { allocationInput, type AllocationOutcome } from './schema';

/**
 * `allocation` (Taizhou, 三(三) 人地对应): the village quota shared among households by the land
 * expropriated from each, capped by each household's eligible members. The apportionment is
 * {@link hamilton} (largest remainder, surplus re-apportioned by the same rule); the rules of
 * scope `household` explain each household's share and cap, and `village` warns about places
 * nobody could take.
 */
export const allocation = defineKind({
  kind: 'allocation',
  contract: { scopes: ['household', 'village'] },
  schema: allocationInput,
  decisiveDate: (input) => input.approvalDate,
  decide(ctx, input): AllocationOutcome {
    const result = hamilton(
      input.quota,
      input.households.map((h) => ({ id: h.id, weight: h.expropriatedAreaMu, cap: h.eligibleMembers })),
    );
    const households = input.households.map((household, i) => {
      const share = result.shares[i]!;
      const data = { household, exactShare: share.exactShare, firstRoundPlaces: share.firstRoundPlaces, places: share.places };
      const { failed } = ctx.scope('household', data, household.id);
      return {
        id: household.id,
        expropriatedAreaMu: household.expropriatedAreaMu,
        eligibleMembers: household.eligibleMembers,
        exactShare: share.exactShare.toFixed(),
        firstRoundPlaces: share.firstRoundPlaces,
        places: share.places,
        capped: share.capped,
        failed,
      };
    });
    const totalAreaMu = input.households.reduce((acc, h) => acc.plus(h.expropriatedAreaMu), new Dec(0));
    ctx.scope('village', { quota: input.quota, allocated: result.allocated, unallocated: result.unallocated, totalAreaMu });
    return {
      quota: input.quota,
      totalAreaMu: totalAreaMu.toFixed(),
      households,
      allocated: result.allocated,
      unallocated: result.unallocated,
      rounds: result.rounds.map((r) => ({ seats: r.seats, participants: [...r.participants], surplus: r.surplus })),
    };
  },
});

export * from './schema';
export { hamilton, type HamiltonClaim, type HamiltonResult, type HamiltonShare, type HamiltonRound } from './hamilton';
