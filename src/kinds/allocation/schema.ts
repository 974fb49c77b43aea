import { z } from 'zod';
import { count, decimalInput, idString, isoDate, addDuplicateIdIssues } from '../../engine/schemas';

export const allocationHousehold = z.strictObject({
  /** Household id (the last tie-break: lower id first). */
  id: idString,
  /** Cultivated and other agricultural land expropriated from the household's contracted land, mu. */
  expropriatedAreaMu: decimalInput({ min: 0 }),
  /** Members who meet the conditions and may be chosen as nominees: the household's cap. */
  eligibleMembers: count,
});

export const allocationInput = z
  .strictObject({
    /** Date the expropriation was approved (decides the rules in force). */
    approvalDate: isoDate,
    /** The village's whole-person quota (the `quota` decision's `quota`). */
    quota: count.max(1_000_000, 'too large'),
    households: z.array(allocationHousehold).min(1, 'at least one household').max(10_000),
  })
  .superRefine((v, ctx) => {
    addDuplicateIdIssues(ctx, v.households, 'households', 'household');
  });

/**
 * Input of `allocation` as a caller writes it.
 *
 * @example
 * ```ts
 * const input: AllocationInput = { approvalDate: '2020-04-20', quota: 25,
 *   households: [{ id: 'DP01', expropriatedAreaMu: '4.20', eligibleMembers: 5 }, { id: 'DP02', expropriatedAreaMu: '3.60', eligibleMembers: 4 }] };
 * ```
 */
export type AllocationInput = z.input<typeof allocationInput>;
export type AllocationInputParsed = z.output<typeof allocationInput>;

/**
 * Outcome of `allocation`.
 *
 * @example
 * ```ts
 * const { households, allocated, unallocated } = engine.allocation(input).outcome;
 * households.map((h) => `${h.id}: ${h.places}`);
 * ```
 */
export interface AllocationOutcome {
  quota: number;
  /** Σ expropriated area of the households (mu). */
  totalAreaMu: string;
  households: Array<{
    id: string;
    expropriatedAreaMu: string;
    eligibleMembers: number;
    /** quota × area ÷ Σ area, exact (first round, before any cap). */
    exactShare: string;
    /** Whole places of the first Hamilton round, before the cap. */
    firstRoundPlaces: number;
    /** Places given (never more than eligibleMembers). */
    places: number;
    /** Whether the cap cut the household's share. */
    capped: boolean;
    /** Ids of the rules that did not hold. */
    failed: string[];
  }>;
  allocated: number;
  /** Places no household could absorb. allocated + unallocated = quota. */
  unallocated: number;
  /** The Hamilton rounds: seats, who took part, surplus carried on. */
  rounds: Array<{ seats: number; participants: string[]; surplus: number }>;
}
