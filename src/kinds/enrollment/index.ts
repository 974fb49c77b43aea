import { maxDate, minDate } from '../../engine/dates';
import { RuleEvaluationError } from '../../engine/errors';
import { defineKind } from '../../engine/kind';
import { tableRow } from '../../engine/tables';
import { readValidityMonths, validityMonthsIssues } from '../quota/parameters';
import { enrollmentInput, enrollmentStatusRow, type EnrollmentOutcome, type EnrollmentStatusRow } from './schema';

/**
 * `enrollment` (Taizhou, 三(四) 即征即保): as of `asOf`, who on the reported roster has enrolled,
 * who has waived (declared, or deemed for not enrolling and paying in time without just cause)
 * and who is pending; waived places are counted for `reallocation`. Which status follows from
 * which rules is the ruleset's table `enrollment-status` (the first row whose rules and facts
 * match; the fact `completed`: registration and payment both known by `asOf`). The waiver scope
 * is evaluated first: a declared waiver settles the nominee and the nominee scope is not evaluated. The last valid day is the
 * ruleset's formula `valid-until` (roster date + validity months, inclusive); events dated after
 * `asOf` are not known yet and are ignored with a warning.
 */
export const enrollment = defineKind({
  kind: 'enrollment',
  contract: {
    scopes: ['roster', 'waiver', 'nominee'],
    formulas: ['valid-until'],
    tables: { 'enrollment-status': { then: enrollmentStatusRow, facts: ['completed'], ruleFields: ['decidedBy'] } },
    parameterRoles: ['quota-validity-months', 'quota-validity-max-months'],
  },
  asOf: 'observation',
  schema: enrollmentInput,
  decisiveDate: (input) => input.rosterReportedOn,
  checkParameters: (read) => validityMonthsIssues(read),
  decide(ctx, input): EnrollmentOutcome {
    const asOf = ctx.asOf;
    readValidityMonths(ctx);
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
      // 三(四): the ruleset's status table turns the rules that failed into a status.
      const { status, waivedHow, late, decidedBy } = tableRow<EnrollmentStatusRow>(ctx.ruleset, ctx.kind, 'enrollment-status', failed, { completed: completedOn !== null });
      const decisive = ctx.reasons.filter((r) => r.subject === n.id && r.rule === decidedBy).slice(-1)[0];
      if (!decisive) throw new RuleEvaluationError(`enrollment/${decidedBy}`, `the status table decides ${n.id} by rule '${decidedBy}', which was not evaluated for them`);
      const reason = decisive.message;
      return { id: n.id, householdId: n.householdId ?? null, status, waivedHow, completedOn, late, justCause: n.justCause !== undefined, decidedBy, reason, failed };
    });
    const counts = { enrolled: 0, waived: 0, pending: 0 };
    for (const n of nominees) counts[n.status]++;
    return { rosterReportedOn: input.rosterReportedOn, validUntil, deadline, asOf, nominees, counts, freedPlaces: counts.waived };
  },
});

export * from './schema';
