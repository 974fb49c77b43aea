import type { DecisionContext } from '../../engine/context';
import type { Reason } from '../../engine/types';
import { defineKind } from '../../engine/kind';
import { procedureInput, type ProcedureEvent, type ProcedureEventType, type ProcedureInputParsed, type ProcedureOutcome, type ProcedureViolation } from './schema';

/** The step of 二(二) each event belongs to (preconditions such as the pre-notice belong to none). */
const STEP_OF: Readonly<Record<ProcedureEventType, number | null>> = {
  'pre-notice': null,
  'land-measurement': null,
  application: 1,
  'preliminary-review': 2,
  'first-notice': 3,
  objection: null,
  'representatives-signatures': 3,
  'compensation-agreement': null,
  'township-review': 4,
  'joint-review': 5,
  'second-notice': 6,
  approval: 7,
  'city-filing': null,
};

/**
 * Names of the seven steps of 二(二) (labels of the document's own headings).
 *
 * @example
 * ```ts
 * PROCEDURE_STEPS[3]; // { zh: '第一轮公示', en: 'first notice' }
 * ```
 */
export const PROCEDURE_STEPS: Readonly<Record<number, { zh: string; en: string }>> = {
  1: { zh: '申报', en: 'application' },
  2: { zh: '初审', en: 'preliminary review' },
  3: { zh: '第一轮公示', en: 'first notice' },
  4: { zh: '复审', en: 'township review' },
  5: { zh: '会审', en: 'joint review' },
  6: { zh: '第二轮公示', en: 'second notice' },
  7: { zh: '审定', en: 'approval' },
};

type Of<T extends ProcedureEventType> = Extract<ProcedureEvent, { type: T }>;

function one<T extends ProcedureEventType>(events: readonly ProcedureEvent[], type: T): Of<T> | undefined {
  return events.find((e): e is Of<T> => e.type === type);
}

function all<T extends ProcedureEventType>(events: readonly ProcedureEvent[], type: T): Array<Of<T>> {
  return events.filter((e): e is Of<T> => e.type === type);
}

/** Every date the case file mentions. */
function datesOf(e: ProcedureEvent): string[] {
  if (e.type === 'first-notice' || e.type === 'second-notice') return [e.from, e.to];
  if (e.type === 'objection' && e.resolvedOn) return [e.date, e.resolvedOn];
  return [e.date];
}

/** The approval's date, else the latest date in the case file (documented in docs/jurisdictions/cn.hunan.shaoyang.md). */
export function procedureDecisiveDate(input: ProcedureInputParsed): { date: string; source: 'approval' | 'latest-event' } {
  const approval = one(input.events, 'approval');
  if (approval) return { date: approval.date, source: 'approval' };
  let latest = '';
  for (const e of input.events) for (const d of datesOf(e)) if (d > latest) latest = d;
  return { date: latest, source: 'latest-event' };
}

/** Objections raised on or before `on` and not resolved by then, described for a message. */
function openObjections(objections: ReadonlyArray<Of<'objection'>>, on: string | undefined, notice?: 'first' | 'second'): string[] {
  if (on === undefined) return [];
  return objections
    .filter((o) => (notice === undefined || o.notice === notice) && o.date <= on && (o.resolvedOn == null || o.resolvedOn > on))
    .map((o) => `${o.date}${o.by ? ` ${o.by}` : ''}${o.id ? ` [${o.id}]` : ''}`);
}

/**
 * The facts the rules of scope `case` read: the date of each step (null when not recorded),
 * which steps are recorded, the signatures counted once per name, and the objections still
 * open when the representatives signed and when the district approved.
 */
function caseFacts(input: ProcedureInputParsed) {
  const ev = input.events;
  const date = (type: Exclude<ProcedureEventType, 'application' | 'objection' | 'first-notice' | 'second-notice' | 'representatives-signatures' | 'joint-review'>) =>
    (one(ev, type) as { date: string } | undefined)?.date ?? null;
  const first = one(ev, 'first-notice');
  const second = one(ev, 'second-notice');
  const sig = one(ev, 'representatives-signatures');
  const joint = one(ev, 'joint-review');
  const township = one(ev, 'township-review');
  const applications = all(ev, 'application');
  const objections = all(ev, 'objection');
  const approval = date('approval');
  const has = (t: ProcedureEventType) => ev.some((e) => e.type === t);
  return {
    caseId: input.caseId,
    recorded: {
      preNotice: has('pre-notice'),
      landMeasurement: has('land-measurement'),
      application: applications.length > 0,
      preliminaryReview: has('preliminary-review'),
      firstNotice: first !== undefined,
      representativesSignatures: sig !== undefined,
      compensationAgreement: has('compensation-agreement'),
      townshipReview: has('township-review'),
      jointReview: joint !== undefined,
      secondNotice: second !== undefined,
      approval: approval !== null,
      cityFiling: has('city-filing'),
    },
    preNotice: date('pre-notice'),
    landMeasurement: date('land-measurement'),
    preliminaryReview: date('preliminary-review'),
    firstNotice: first ? { from: first.from, to: first.to, venues: [...new Set(first.venues ?? [])] } : null,
    signatures: sig ? { date: sig.date, count: new Set(sig.representatives).size } : null,
    compensationAgreement: date('compensation-agreement'),
    townshipReview: date('township-review'),
    townshipReviewDetail: township ? { date: township.date, departments: [...new Set(township.departments ?? [])] } : null,
    jointReview: joint ? { date: joint.date, departments: [...new Set(joint.departments)] } : null,
    secondNotice: second ? { from: second.from, to: second.to, venues: [...new Set(second.venues)] } : null,
    approval,
    cityFiling: date('city-filing'),
    applicationCount: applications.length,
    objectionsOpenAtSignatures: openObjections(objections, sig?.date, 'first'),
    objectionsOpenAtApproval: openObjections(objections, approval ?? undefined),
  };
}

function toViolation(r: Reason): ProcedureViolation {
  const m = /二\(二\)(\d)/.exec(r.citation.article);
  const step = m ? Number(m[1]) : null;
  return {
    rule: r.rule,
    clause: r.citation.article,
    step,
    stepName: step !== null ? (PROCEDURE_STEPS[step] ?? null) : null,
    subject: r.subject ?? '',
    message: r.message,
    values: r.values ?? {},
  };
}

function evaluateCase(ctx: DecisionContext, input: ProcedureInputParsed): ProcedureViolation[] {
  const start = ctx.reasons.length;
  const facts = caseFacts(input);
  ctx.scope('case', facts, input.caseId);
  for (const e of input.events) {
    if (e.type === 'application') ctx.scope('application', { ...facts, application: e }, e.applicant);
  }
  return ctx.reasons
    .slice(start)
    .filter((r) => !r.holds && r.effect !== 'warning')
    .map(toViolation)
    .sort((a, b) => (a.step ?? 99) - (b.step ?? 99));
}

/**
 * `procedure` (Shaoyang, 二(二) 三审两公示): an audit of a case file of dated events. Rules of
 * scope `case` run once over the facts of the case (see `caseFacts`); rules of scope
 * `application` run for each application. Every condition that does not hold is a violation
 * with its clause and step. A case without an approval is decided on its latest date: steps not
 * reached yet are pending, not missing, and the decision warns that the case is incomplete.
 */
export const procedure = defineKind({
  kind: 'procedure',
  contract: { scopes: ['case', 'application'] },
  schema: procedureInput,
  decisiveDate: (input) => procedureDecisiveDate(input).date,
  decide(ctx, input): ProcedureOutcome {
    const decisive = procedureDecisiveDate(input);
    const violations = evaluateCase(ctx, input);
    const stepsRecorded = input.events.map((e) => STEP_OF[e.type]).filter((s): s is number => s !== null);
    const reached = stepsRecorded.length > 0 ? Math.max(...stepsRecorded) : 0;
    const complete = decisive.source === 'approval';
    const pendingSteps = complete ? [] : [1, 2, 3, 4, 5, 6, 7].filter((s) => s > reached);
    if (!complete) {
      // Without an approval (step 7) at least step 7 is pending: the list is never empty.
      const next = pendingSteps.map((s) => PROCEDURE_STEPS[s]!);
      ctx.warn('PROCEDURE_INCOMPLETE', {
        zh: `案卷尚无审定记录，按案卷最晚日期 ${decisive.date} 审查；尚未进行的步骤：${next.map((n) => n.zh).join('、')}`,
        en: `The case file records no approval yet; it is checked as of its latest date ${decisive.date}. Steps not reached yet: ${next.map((n) => n.en).join(', ')}`,
      });
    }
    const timeline = input.events
      .map((e) => {
        const item: ProcedureOutcome['timeline'][number] = { date: e.type === 'first-notice' || e.type === 'second-notice' ? e.from : e.date, type: e.type, step: STEP_OF[e.type] ?? null };
        if (e.type === 'first-notice' || e.type === 'second-notice') item.to = e.to;
        if (e.type === 'application') item.subject = e.applicant;
        return item;
      })
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const objections = all(input.events, 'objection');
    const sig = one(input.events, 'representatives-signatures');
    return {
      caseId: input.caseId,
      compliant: violations.length === 0,
      complete,
      decisiveDate: decisive,
      violations,
      pendingSteps,
      timeline,
      counts: {
        applications: all(input.events, 'application').length,
        objections: objections.length,
        unresolvedObjections: objections.filter((o) => o.resolvedOn == null).length,
        representatives: sig ? new Set(sig.representatives).size : 0,
      },
    };
  },
});

export * from './schema';
