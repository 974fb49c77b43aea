import { maxDate, minDate } from '../../engine/dates';
import { defineKind } from '../../engine/kind';
import { checkValidityMonths } from '../quota/parameters';
import { enrollmentInput, type EnrollmentOutcome, type EnrollmentStatus } from './schema';

/**
 * `enrollment` (Taizhou, 三(四) 即征即保): as of `asOf`, who on the reported roster has enrolled,
 * who has waived (declared, or deemed for not enrolling and paying in time without just cause)
 * and who is pending; waived places are counted for `reallocation`. The last valid day is the
 * ruleset's formula `valid-until` (roster date + validity months, inclusive); events dated after
 * `asOf` are not known yet and are ignored with a warning.
 */
export const enrollment = defineKind({
  kind: 'enrollment',
  contract: { scopes: ['roster', 'waiver', 'nominee'], formulas: ['valid-until'], rules: { 'no-waiver-declared': 'waiver', 'enrolled-by-deadline': 'nominee', 'not-deemed-waived': 'nominee' }, parameterRoles: ['quota-validity-months', 'quota-validity-max-months'] },
  asOf: 'observation',
  schema: enrollmentInput,
  decisiveDate: (input) => input.rosterReportedOn,
  decide(ctx, input): EnrollmentOutcome {
    const asOf = ctx.asOf;
    checkValidityMonths(ctx);
    const validUntil = ctx.formula('valid-until', { rosterReportedOn: input.rosterReportedOn }) as string;
    const deadline = input.deadline === undefined ? validUntil : minDate(input.deadline, validUntil);
    const roster = { rosterReportedOn: input.rosterReportedOn, validUntil, deadlineGiven: input.deadline ?? null, deadline, asOf };
    ctx.scope('roster', roster);
    const known = (id: string, field: string, d: string | undefined): string | null => {
      if (d === undefined) return null;
      if (d > asOf) {
        ctx.warn('EVENT_AFTER_AS_OF', {
          zh: `${id} 的 ${field}（${d}）晚于决定日 ${asOf}，本决定不计`,
          en: `${id}'s ${field} (${d}) is after asOf ${asOf} and is not counted in this decision`,
        }, `${id}|${field}`);
        return null;
      }
      return d;
    };
    const nominees = input.nominees.map((n) => {
      const enrolledOn = known(n.id, 'enrolledOn', n.enrolledOn);
      const paidOn = known(n.id, 'paidOn', n.paidOn);
      const declaredWaiverOn = known(n.id, 'declaredWaiverOn', n.declaredWaiverOn);
      const completedOn = enrolledOn !== null && paidOn !== null ? maxDate(enrolledOn, paidOn) : null;
      const data = { ...roster, nominee: n, completedOn, declaredWaiverOn, justCause: n.justCause ?? null };
      // A declared waiver settles the nominee: the deadline rules are not evaluated.
      const waiver = ctx.scope('waiver', data, n.id);
      const failed = waiver.failed.length > 0 ? waiver.failed : ctx.scope('nominee', data, n.id).failed;
      let status: EnrollmentStatus;
      let waivedHow: 'declared' | 'deemed' | null = null;
      let late = false;
      let decidedBy = 'not-deemed-waived';
      if (failed.includes('no-waiver-declared')) {
        status = 'waived';
        waivedHow = 'declared';
        decidedBy = 'no-waiver-declared';
      } else if (!failed.includes('enrolled-by-deadline')) {
        status = 'enrolled';
        decidedBy = 'enrolled-by-deadline';
      } else if (failed.includes('not-deemed-waived')) {
        status = 'waived';
        waivedHow = 'deemed';
      } else if (completedOn !== null) {
        // Completed after the deadline, not deemed a waiver (just cause): enrolled, late.
        status = 'enrolled';
        late = true;
      } else {
        status = 'pending';
      }
      const reason = ctx.reasons.filter((r) => r.subject === n.id && r.rule === decidedBy).slice(-1)[0]!.message;
      return { id: n.id, householdId: n.householdId ?? null, status, waivedHow, completedOn, late, justCause: n.justCause !== undefined, decidedBy, reason, failed };
    });
    const counts = { enrolled: 0, waived: 0, pending: 0 };
    for (const n of nominees) counts[n.status]++;
    return { rosterReportedOn: input.rosterReportedOn, validUntil, deadline, asOf, nominees, counts, freedPlaces: counts.waived };
  },
});

export * from './schema';
