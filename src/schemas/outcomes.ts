/**
 * zod schemas of each kind's outcome, written from the outcome types of src/kinds/<kind> and
 * checked against real decisions (test/schemas): a field the engine adds or drops makes that
 * test fail, so the published JSON Schemas cannot drift from the decisions. Pure.
 */
import { z } from 'zod';
import { isoDate, localized } from '../engine/schemas';

const money = z.string().regex(/^-?\d+\.\d{2}$/);
const decimal = z.string().regex(/^-?\d+(?:\.\d+)?$/);
const count = z.number().int().min(0);
const ruleIds = z.array(z.string());

const funding = <P extends z.ZodType<string>>(payer: P) => z.array(z.strictObject({ payer, amount: money }));

const eligibility = z.strictObject({
  perCapitaAfterMu: decimal,
  perCapitaAfterMuExact: decimal,
  applicants: z.array(z.strictObject({ id: z.string(), eligible: z.boolean(), failed: ruleIds })),
  eligibleCount: count,
});

const screening = z.strictObject({
  enrollees: z.array(
    z.strictObject({
      id: z.string(),
      status: z.enum(['clear', 'needs-review']),
      flags: z.array(z.string()),
      noticeDate: isoDate,
      perCapitaAfterMu: decimal,
      historicalStandardMu: decimal,
    }),
  ),
  counts: z.strictObject({ total: count, clear: count, needsReview: count, flags: z.record(z.string(), count) }),
});

const violation = z.strictObject({
  rule: z.string(),
  clause: z.string(),
  step: z.number().int().nullable(),
  stepName: localized.nullable(),
  subject: z.string(),
  message: localized,
  values: z.record(z.string(), z.unknown()),
});

const procedure = z.strictObject({
  caseId: z.string(),
  compliant: z.boolean(),
  complete: z.boolean(),
  decisiveDate: z.strictObject({ date: isoDate, source: z.enum(['approval', 'latest-event']) }),
  violations: z.array(violation),
  pendingSteps: z.array(z.number().int()),
  timeline: z.array(z.strictObject({ date: isoDate, to: isoDate.optional(), type: z.string(), step: z.number().int().nullable(), subject: z.string().optional() })),
  counts: z.strictObject({ applications: count, objections: count, unresolvedObjections: count, representatives: count }),
});

const quota = z.strictObject({
  quota: count,
  exactQuota: decimal,
  landPerPersonMu: decimal,
  landPerPersonMuExact: decimal,
  cap: count,
  capApplied: z.boolean(),
  roundingMode: z.string(),
  validUntil: isoDate.nullable(),
  approvedAreaMu: decimal,
  villageLandMu: decimal,
  excludedLand: z.array(z.strictObject({ figure: z.enum(['approved', 'village']), type: z.string(), areaMu: decimal, reason: localized })),
});

const allocation = z.strictObject({
  quota: count,
  totalAreaMu: decimal,
  households: z.array(
    z.strictObject({
      id: z.string(),
      expropriatedAreaMu: decimal,
      eligibleMembers: count,
      exactShare: decimal,
      firstRoundPlaces: count,
      places: count,
      capped: z.boolean(),
      failed: ruleIds,
    }),
  ),
  allocated: count,
  unallocated: count,
  rounds: z.array(z.strictObject({ seats: count, participants: z.array(z.string()), surplus: count })),
});

const enrollment = z.strictObject({
  rosterReportedOn: isoDate,
  validUntil: isoDate,
  deadline: isoDate,
  asOf: isoDate,
  nominees: z.array(
    z.strictObject({
      id: z.string(),
      householdId: z.string().nullable(),
      status: z.enum(['enrolled', 'waived', 'pending']),
      waivedHow: z.enum(['declared', 'deemed']).nullable(),
      completedOn: isoDate.nullable(),
      late: z.boolean(),
      justCause: z.boolean(),
      decidedBy: z.string(),
      reason: localized,
      failed: ruleIds,
    }),
  ),
  counts: z.strictObject({ enrolled: count, waived: count, pending: count }),
  freedPlaces: count,
});

const reallocation = z.strictObject({
  refused: z.boolean(),
  refusedBecause: ruleIds,
  places: z.strictObject({ freed: count, adjustment: count, total: count }),
  assigned: z.array(z.strictObject({ id: z.string(), priority: z.boolean() })),
  notAssigned: z.array(z.strictObject({ id: z.string(), failed: ruleIds })),
  remaining: count,
});

const payout = z.strictObject({
  stage: z.enum(['employment', 'pension']),
  ageAtExpropriation: count,
  inScope: z.boolean(),
  pensionAgeDate: isoDate,
  items: z.array(
    z.strictObject({
      id: z.string(),
      code: z.string(),
      article: z.string(),
      amount: money,
      timing: z.enum(['at-expropriation', 'deferred']),
      funding: funding(z.enum(['acquiring-unit', 'district', 'town', 'individual-account'])),
      label: localized,
    }),
  ),
  totals: z.strictObject({ amount: money, atExpropriation: money, deferred: money, byPayer: z.record(z.string(), money) }),
});

const laterSubsidy = z.strictObject({
  event: z.string(),
  items: z.array(
    z.strictObject({
      id: z.string(),
      code: z.string(),
      article: z.string(),
      amount: money,
      timing: z.literal('on-event'),
      funding: funding(z.enum(['district', 'town'])),
      label: localized,
    }),
  ),
  totals: z.strictObject({ amount: money, byPayer: z.record(z.string(), money) }),
});

/** The outcome schema of every bundled kind. */
export const OUTCOME_SCHEMAS = {
  eligibility,
  screening,
  procedure,
  quota,
  allocation,
  enrollment,
  reallocation,
  payout,
  'later-subsidy': laterSubsidy,
} as const satisfies Record<string, z.ZodType>;
