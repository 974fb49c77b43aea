import { z } from 'zod';
import { idString, isoDate } from '../../engine/schemas';

/**
 * A case file of the "three reviews, two notices" procedure (三审两公示, 二(二)): dated events,
 * each with a `type`. Written by hand in JSON; every field is checked and unknown fields are
 * rejected.
 */

/**
 * Documents an application may carry (二(二)1 and 附表1).
 *
 * @example
 * ```ts
 * APPLICATION_DOCUMENTS.includes('household-register'); // true
 * ```
 */
export const APPLICATION_DOCUMENTS = [
  /** 《湖南省被征地农民社会保障对象认定表》 filled in. */
  'application-form',
  /** 居民身份证 (original and copy). */
  'id-card',
  /** 居民户口簿内页 (original and copy). */
  'household-register',
  /** 土地承包经营权证 (original and copy). */
  'land-contract-certificate',
  /** Anything else (related materials). */
  'other',
] as const;

/**
 * Departments of the district joint review (二(二)5, 附表1 会审, 附表3).
 *
 * @example
 * ```ts
 * JOINT_REVIEW_DEPARTMENTS.length; // 4
 * ```
 */
export const JOINT_REVIEW_DEPARTMENTS = ['public-security', 'expropriation', 'natural-resources', 'agriculture-rural', 'human-resources-social-security', 'other'] as const;

/**
 * Departments at the township review (二(二)4, 附表3: 自然资源、农业农村、派出所等部门).
 *
 * @example
 * ```ts
 * TOWNSHIP_REVIEW_DEPARTMENTS.includes('police-station'); // true
 * ```
 */
export const TOWNSHIP_REVIEW_DEPARTMENTS = ['natural-resources', 'agriculture-rural', 'police-station', 'human-resources-social-security', 'other'] as const;

/**
 * Where the first notice is posted (二(二)3: 在村集体显著位置张榜).
 *
 * @example
 * ```ts
 * FIRST_NOTICE_VENUES; // ['village', 'other']
 * ```
 */
export const FIRST_NOTICE_VENUES = ['village', 'other'] as const;

/**
 * Where the second notice is posted (二(二)6).
 *
 * @example
 * ```ts
 * SECOND_NOTICE_VENUES; // ['district-portal', 'village']
 * ```
 */
export const SECOND_NOTICE_VENUES = ['district-portal', 'village'] as const;

/** Every event type of a case file. */
export const EVENT_TYPES = [
  'pre-notice',
  'land-measurement',
  'application',
  'preliminary-review',
  'first-notice',
  'objection',
  'representatives-signatures',
  'compensation-agreement',
  'township-review',
  'joint-review',
  'second-notice',
  'approval',
  'city-filing',
] as const;

const note = z.string().max(1000).optional();
const base = { id: idString.optional(), note };

const dated = <T extends string>(type: T) => z.strictObject({ type: z.literal(type), date: isoDate, ...base });
const period = <T extends string, S extends z.ZodRawShape>(type: T, extra: S) =>
  z.strictObject({
    type: z.literal(type),
    /** First day posted. */
    from: isoDate,
    /** Last day posted (inclusive). */
    to: isoDate,
    ...base,
    ...extra,
  });

export const procedureEvent = z.discriminatedUnion(
  'type',
  [
    /** 《征收土地预公告》 published. */
    dated('pre-notice'),
    /** 土地丈量面积登记: the land measurement registered. */
    dated('land-measurement'),
    /** 申报: one person's application with the documents handed in. */
    z.strictObject({
      type: z.literal('application'),
      date: isoDate,
      /** The applicant (id or name), unique in the case file. */
      applicant: idString,
      documents: z.array(z.enum(APPLICATION_DOCUMENTS)).max(20),
      ...base,
    }),
    /** 初审: the village's discussion and preliminary review (the roster 花名册 is drawn up). */
    dated('preliminary-review'),
    /** 第一轮公示 at the village; `venues`: where it was posted (checked: the village). */
    period('first-notice', { venues: z.array(z.enum(FIRST_NOTICE_VENUES)).max(10).optional() }),
    /** An objection raised during a notice; `resolvedOn` when it was settled (absent: still open). */
    z.strictObject({
      type: z.literal('objection'),
      date: isoDate,
      notice: z.enum(['first', 'second']),
      by: z.string().max(200).optional(),
      resolvedOn: isoDate.nullable().optional(),
      ...base,
    }),
    /** Villager representatives sign the roster (names; each distinct name counts once). */
    z.strictObject({ type: z.literal('representatives-signatures'), date: isoDate, representatives: z.array(z.string().trim().min(1, 'a name must not be blank').max(100)).max(1000), ...base }),
    /** 征地补偿安置协议 / 土地补偿协议 signed. */
    dated('compensation-agreement'),
    /** 复审 led by the township (street office); `departments`: who took part (checked against 附表3). */
    z.strictObject({ type: z.literal('township-review'), date: isoDate, departments: z.array(z.enum(TOWNSHIP_REVIEW_DEPARTMENTS)).max(20).optional(), ...base }),
    /** 会审 by the district with the departments present. */
    z.strictObject({ type: z.literal('joint-review'), date: isoDate, departments: z.array(z.enum(JOINT_REVIEW_DEPARTMENTS)).max(20), ...base }),
    /** 第二轮公示 with the venues where it was posted. */
    period('second-notice', { venues: z.array(z.enum(SECOND_NOTICE_VENUES)).min(1, 'at least one venue').max(10) }),
    /** 审定 by the district government. */
    dated('approval'),
    /** The roster filed with the city HR and social-security bureau (报市人社部门备案). */
    dated('city-filing'),
  ],
  { error: (iss): string | undefined => (iss.code === 'invalid_union' ? `unknown event type (one of ${EVENT_TYPES.join(', ')})` : undefined) },
);
/**
 * One dated step of the case file (application, notices, reviews, approval, filing).
 *
 * @example
 * ```ts
 * const e: ProcedureEvent = { type: 'approval', date: '2023-06-01' };
 * ```
 */
export type ProcedureEvent = z.output<typeof procedureEvent>;
/**
 * The type of a {@link ProcedureEvent}.
 *
 * @example
 * ```ts
 * const t: ProcedureEventType = 'first-notice';
 * ```
 */
export type ProcedureEventType = ProcedureEvent['type'];
// Every type of the union is listed in EVENT_TYPES and nothing else.
type _SameTypes = [ProcedureEventType] extends [(typeof EVENT_TYPES)[number]] ? ([(typeof EVENT_TYPES)[number]] extends [ProcedureEventType] ? true : never) : never;
const _sameTypes: _SameTypes = true;
void _sameTypes;



/** Event types that may appear many times; every other type at most once per case file. */
const REPEATABLE: ReadonlySet<string> = new Set(['application', 'objection']);

export const procedureInput = z
  .strictObject({
    /** The case file's id (the subject of case-wide reasons). */
    caseId: idString,
    /** Where and what (shown only). */
    district: z.string().max(100).optional(),
    township: z.string().max(100).optional(),
    village: z.string().max(100).optional(),
    project: z.string().max(200).optional(),
    events: z.array(procedureEvent).min(1, 'a case file has at least one event').max(10_000),
  })
  .superRefine((v, ctx) => {
    const firstIndex = new Map<string, number>();
    const applicants = new Set<string>();
    v.events.forEach((e, i) => {
      if (!REPEATABLE.has(e.type)) {
        const prev = firstIndex.get(e.type);
        if (prev !== undefined) ctx.addIssue({ code: 'custom', path: ['events', i, 'type'], message: `a second '${e.type}' event (the first is events[${prev}]); a case file records each step once` });
        else firstIndex.set(e.type, i);
      }
      if ((e.type === 'first-notice' || e.type === 'second-notice') && e.to < e.from) {
        ctx.addIssue({ code: 'custom', path: ['events', i, 'to'], message: `ends (${e.to}) before it starts (${e.from})` });
      }
      if (e.type === 'objection' && e.resolvedOn != null && e.resolvedOn < e.date) {
        ctx.addIssue({ code: 'custom', path: ['events', i, 'resolvedOn'], message: `resolved (${e.resolvedOn}) before it was raised (${e.date})` });
      }
      if (e.type === 'application') {
        if (applicants.has(e.applicant)) ctx.addIssue({ code: 'custom', path: ['events', i, 'applicant'], message: `a second application of '${e.applicant}'` });
        applicants.add(e.applicant);
      }
    });
  });

/**
 * Input of `procedure` as a caller writes it.
 *
 * @example
 * ```ts
 * const o = engine.procedure(input as ProcedureInput).outcome; // the case file: applications and dated events
 * ```
 */
export type ProcedureInput = z.input<typeof procedureInput>;
export type ProcedureInputParsed = z.output<typeof procedureInput>;

/**
 * One rule of 二(二) the case file breaks.
 *
 * @example
 * ```ts
 * for (const v of engine.procedure(input).outcome.violations) console.log(v.clause, v.subject, v.message.zh);
 * ```
 */
export interface ProcedureViolation {
  rule: string;
  /** The article, e.g. `二(二)3`. */
  clause: string;
  /** The step of 二(二) (1 申报 … 7 审定), read from the clause. */
  step: number | null;
  stepName: { zh: string; en: string } | null;
  /** The case id, or the applicant for a rule of one application. */
  subject: string;
  message: { zh: string; en: string };
  /** The dates and counts the rule looked at. */
  values: Record<string, unknown>;
}

/**
 * Outcome of `procedure`.
 *
 * @example
 * ```ts
 * const o: ProcedureOutcome = engine.procedure(input).outcome;
 * o.violations.map((v) => `${v.clause} ${v.rule}`);
 * ```
 */
export interface ProcedureOutcome {
  caseId: string;
  /** No violation in the steps recorded so far. */
  compliant: boolean;
  /** Whether the approval (审定) is recorded; when not, later steps are pending, not missing. */
  complete: boolean;
  /** The date decided on: the approval's, or (no approval yet) the latest date in the case file. */
  decisiveDate: { date: string; source: 'approval' | 'latest-event' };
  violations: ProcedureViolation[];
  /** Steps not reached yet (only when the case is incomplete). */
  pendingSteps: number[];
  /** The events in date order, with the step each belongs to. */
  timeline: Array<{ date: string; to?: string; type: ProcedureEventType; step: number | null; subject?: string }>;
  counts: { applications: number; objections: number; unresolvedObjections: number; representatives: number };
}
