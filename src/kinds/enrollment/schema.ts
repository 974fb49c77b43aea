import { z } from 'zod';
import { idString, isoDate, addDuplicateIdIssues } from '../../engine/schemas';

export const enrollmentNominee = z.strictObject({
  id: idString,
  /** The household the nominee was chosen from. */
  householdId: idString.optional(),
  /** Date of enrolment registration (参保登记). */
  enrolledOn: isoDate.optional(),
  /** Date the contribution was paid (缴费). Enrolment is complete on the later of the two. */
  paidOn: isoDate.optional(),
  /** Date the nominee declared in writing that they waive the place (放弃参保). */
  declaredWaiverOn: isoDate.optional(),
  /** A just cause (正当理由) for not completing in time, in words (illness, service, …). */
  justCause: z.string().min(1).max(500).optional(),
});

export const enrollmentInput = z
  .strictObject({
    /** Date the roster was reported (the validity runs from it). */
    rosterReportedOn: isoDate,
    /** Deadline set for enrolment and payment (inclusive); defaults to, and never goes past, the quota's validity. */
    deadline: isoDate.optional(),
    nominees: z.array(enrollmentNominee).min(1, 'at least one nominee').max(10_000),
  })
  .superRefine((v, ctx) => {
    if (v.deadline !== undefined && v.deadline < v.rosterReportedOn) {
      ctx.addIssue({ code: 'custom', path: ['deadline'], message: `is before the roster date ${v.rosterReportedOn}` });
    }
    addDuplicateIdIssues(ctx, v.nominees, 'nominees', 'nominee');
    v.nominees.forEach((n, i) => {
      for (const k of ['enrolledOn', 'paidOn', 'declaredWaiverOn'] as const) {
        const d = n[k];
        if (d !== undefined && d < v.rosterReportedOn) ctx.addIssue({ code: 'custom', path: ['nominees', i, k], message: `is before the roster date ${v.rosterReportedOn}` });
      }
      if (n.declaredWaiverOn !== undefined && (n.enrolledOn !== undefined || n.paidOn !== undefined)) {
        ctx.addIssue({ code: 'custom', path: ['nominees', i, 'declaredWaiverOn'], message: 'a nominee who declared a waiver cannot also have enrolment or payment dates' });
      }
    });
  });

/**
 * Input of `enrollment` as a caller writes it.
 *
 * @example
 * ```ts
 * const input: EnrollmentInput = { rosterReportedOn: '2020-06-18',
 *   nominees: [{ id: 'DP01-1', householdId: 'DP01', enrolledOn: '2020-08-04', paidOn: '2020-08-04' }, { id: 'DP03-2', householdId: 'DP03', declaredWaiverOn: '2020-08-05' }] };
 * ```
 */
export type EnrollmentInput = z.input<typeof enrollmentInput>;
export type EnrollmentInputParsed = z.output<typeof enrollmentInput>;

/**
 * A nominee's status on the `asOf` date: enrolled, waived (declared or deemed, 三(四)) or still pending.
 *
 * @example
 * ```ts
 * const waived = outcome.nominees.filter((n) => n.status === ('waived' satisfies EnrollmentStatus));
 * ```
 */
export type EnrollmentStatus = 'enrolled' | 'waived' | 'pending';

/**
 * A row of the ruleset's status table `enrollment-status` (三(四)): the status it gives, how a
 * waiver came about, whether the enrolment was late, and the rule whose reason is reported.
 *
 * @example
 * ```ts
 * enrollmentStatusRow.parse({ status: 'waived', waivedHow: 'deemed', decidedBy: 'not-deemed-waived' }).late; // false
 * ```
 */
export const enrollmentStatusRow = z.strictObject({
  status: z.enum(['enrolled', 'waived', 'pending']),
  waivedHow: z.enum(['declared', 'deemed']).nullable().default(null),
  late: z.boolean().default(false),
  decidedBy: z.string().min(1).max(80),
});
/**
 * A row of the status table as the kind reads it (defaults applied).
 *
 * @example
 * ```ts
 * const row: EnrollmentStatusRow = { status: 'pending', waivedHow: null, late: false, decidedBy: 'not-deemed-waived' };
 * ```
 */
export type EnrollmentStatusRow = z.output<typeof enrollmentStatusRow>;

/**
 * Outcome of `enrollment`.
 *
 * @example
 * ```ts
 * const { counts, freedPlaces } = engine.enrollment(input, { asOf: '2021-07-01' }).outcome;
 * counts; // { enrolled: 20, waived: 3, pending: 1 }
 * ```
 */
export interface EnrollmentOutcome {
  rosterReportedOn: string;
  /** Last valid day of the quota (inclusive). */
  validUntil: string;
  /** Deadline applied (inclusive): the one given, never past validUntil. */
  deadline: string;
  /** The date the statuses are taken on. */
  asOf: string;
  nominees: Array<{
    id: string;
    householdId: string | null;
    status: EnrollmentStatus;
    /** For `waived`: declared by the nominee, or deemed (三(四)). */
    waivedHow: 'declared' | 'deemed' | null;
    /** Later of registration and payment, when both are known by asOf. */
    completedOn: string | null;
    /** Enrolled after the deadline, accepted for just cause. */
    late: boolean;
    /** Whether a just cause was given. */
    justCause: boolean;
    /** The rule whose result settled the status, and its message. */
    decidedBy: string;
    reason: { zh: string; en: string };
    failed: string[];
  }>;
  counts: { enrolled: number; waived: number; pending: number };
  /** Places freed by waivers (declared and deemed), for `reallocation`. */
  freedPlaces: number;
}
