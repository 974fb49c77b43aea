import { z } from 'zod';
import { count, idString, isoDate, addDuplicateIdIssues } from '../../engine/schemas';

/**
 * The village's “five deliberations, two disclosures” (五议两公开) record for the adjustment list,
 * each step with its date. Steps not yet held are left out.
 */
export const fiveDeliberationsRecord = z.strictObject({
  /** 1. 党员群众建议: suggestion by party members and villagers. */
  suggestedOn: isoDate.optional(),
  /** 2. 村党组织提议: proposal by the village party organisation. */
  proposedOn: isoDate.optional(),
  /** 3. 村务联席会议商议: consultation of the village joint meeting. */
  consultedOn: isoDate.optional(),
  /** 4. 党员大会审议: review by the party members' meeting. */
  reviewedOn: isoDate.optional(),
  /** 5. 村民（代表）会议决议: resolution of the villagers' (representatives') meeting. */
  resolvedOn: isoDate.optional(),
  /** Whether the resolution was adopted. */
  resolutionAdopted: z.boolean().optional(),
  /** Disclosure 1, 表决结果公开: the vote made public. */
  resolutionDisclosedOn: isoDate.optional(),
  /** Disclosure 2, 实施结果公开: the result made public (after the re-use). */
  resultDisclosedOn: isoDate.optional(),
});

export const reallocationCandidate = z.strictObject({
  id: idString,
  /** Member of this village's collective economic organisation. */
  collectiveMember: z.boolean(),
  /** Land of theirs (their household's contracted land) was expropriated. */
  landExpropriated: z.boolean(),
  /** Already enrolled in land-expropriation social security. */
  alreadyInsured: z.boolean(),
});

export const reallocationInput = z
  .strictObject({
    /** Date the original roster was reported (decides the rules in force). */
    rosterReportedOn: isoDate,
    /** Places freed by waivers (e.g. `enrollment`'s freedPlaces). */
    freedPlaces: count,
    /** Lawful adjustment places (调剂指标) given to the village. */
    adjustmentPlaces: count.default(0),
    /** The adjustment list (调剂名单), in the order the village list gives. */
    candidates: z.array(reallocationCandidate).max(10_000),
    /** The 五议两公开 record of the adjustment list. */
    procedure: fiveDeliberationsRecord.optional(),
  })
  .superRefine((v, ctx) => {
    addDuplicateIdIssues(ctx, v.candidates, 'candidates', 'candidate');
  });

/**
 * Input of `reallocation` as a caller writes it.
 *
 * @example
 * ```ts
 * const o = engine.reallocation(input as ReallocationInput, { asOf: '2021-08-10' }).outcome; // freed and adjustment places, candidates, the 五议两公开 record
 * ```
 */
export type ReallocationInput = z.input<typeof reallocationInput>;
export type ReallocationInputParsed = z.output<typeof reallocationInput>;

/**
 * A row of the ruleset's priority order `reallocation-priority` (三(三)): the candidate's rank
 * (1 is served first; `null`: no place may go to them) and whether the outcome marks them as
 * served with priority.
 *
 * @example
 * ```ts
 * reallocationPriorityRow.parse({ rank: 2 }).priority; // false
 * ```
 */
export const reallocationPriorityRow = z.strictObject({
  rank: z.number().int().min(1).max(99).nullable(),
  priority: z.boolean().default(false),
});
/**
 * A row of the priority order as the kind reads it (defaults applied).
 *
 * @example
 * ```ts
 * const row: ReallocationPriorityRow = { rank: 1, priority: true };
 * ```
 */
export type ReallocationPriorityRow = z.output<typeof reallocationPriorityRow>;

/**
 * Outcome of `reallocation`.
 *
 * @example
 * ```ts
 * const o: ReallocationOutcome = engine.reallocation(input, { asOf: '2021-08-10' }).outcome;
 * o.assigned.map((c) => c.id); o.remaining;
 * ```
 */
export interface ReallocationOutcome {
  /** The adjustment list was refused (五议两公开 incomplete): nobody gets a place. */
  refused: boolean;
  /** Ids of the procedure rules that did not hold. */
  refusedBecause: string[];
  places: { freed: number; adjustment: number; total: number };
  /** Who got a place, in the order served. */
  assigned: Array<{ id: string; priority: boolean }>;
  /** Candidates who got no place, with the rule ids that excluded them (`no-place-left` when places ran out). */
  notAssigned: Array<{ id: string; failed: string[] }>;
  /** Places left after the list. */
  remaining: number;
}
