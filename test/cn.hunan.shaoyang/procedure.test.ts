import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProcedureEvent, ProcedureInput } from '../../src';
import { engine, inputIssues } from '../helpers';

// Shaoyang workflow 二(二) 认定程序: “三审两公示” — 1 申报 after the pre-notice, with the documents;
// 2 初审 after the land measurement is registered; 3 first notice 7 days, then ≥ 10 representatives
// sign once it passed without objection; 4 复审 after the land compensation agreement; 5 会审 by the
// district with the departments; 6 second notice 7 days on the district portal and at the village;
// 7 审定 after the second notice passed without objection; then filing with the city (附表3).
// 7 days: calendar days, both ends counted.

type Ev = ProcedureInput['events'][number];
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../rulesets/cn.hunan.shaoyang/samples/${name}`, import.meta.url), 'utf8')) as { input: ProcedureInput };

/** The compliant sample case file (every date checked by hand in its description). */
const base = (): ProcedureInput => structuredClone(fixture('case-compliant.json').input);

/** The case with the first event of a type changed (or removed when `patch` is null). */
function withEvent(type: Ev['type'], patch: Partial<Record<string, unknown>> | null, input = base()): ProcedureInput {
  const i = input.events.findIndex((e) => e.type === type);
  if (i < 0) throw new Error(`no ${type} in the case`);
  if (patch === null) input.events.splice(i, 1);
  else input.events[i] = { ...input.events[i]!, ...patch } as Ev;
  return input;
}

const run = (input: ProcedureInput) => engine.procedure(input);
const violation = (input: ProcedureInput, rule: string) => run(input).outcome.violations.find((v) => v.rule === rule);

describe('the compliant sample case file', () => {
  it('is deterministic (the same request gives a deep-equal decision)', () => {
    expect(run(base())).toEqual(run(base()));
  });
});

describe('二(二)1 申报: after the pre-notice, with the documents', () => {
  it('application-documents: an application without the land-contract certificate and the ID card names both', () => {
    const input = base();
    (input.events[2] as Extract<Ev, { type: 'application' }>).documents = ['application-form', 'household-register'];
    const v = violation(input, 'application-documents')!;
    expect(v).toMatchObject({ clause: '二(二)1', subject: 'TJ-01-2 王秀英' });
    expect(v.message.zh).toContain('缺少：居民身份证、土地承包经营权证');
    expect(v.message.en).toContain('lacks: id-card, land-contract-certificate');
  });
});

describe('二(二)2 初审: after the land measurement is registered', () => {
  it('preliminary-review-after-land-measurement: measurement registered after the review fails, naming the review date (the same day passing is a case)', () => {
    const late = withEvent('land-measurement', { date: '2023-03-26' });
    expect(violation(late, 'preliminary-review-after-land-measurement')!.message.en).toContain('2023-03-25');
  });
});

describe('二(二)3 第一轮公示: 7 days at the village, then ≥ 10 representatives sign', () => {
  it('first-notice-objections-resolved: an objection still open when they sign fails, named in the message (resolved on the signing day or after it are cases)', () => {
    const open = withEvent('objection', { resolvedOn: undefined });
    const v = violation(open, 'first-notice-objections-resolved')!;
    expect(v.message.zh).toContain('仍有1项异议未处理：2023-03-29 村民 唐某');
  });
});

describe('a case file without an approval yet (interpretation procedure-incomplete-case)', () => {
  const upToFirstNotice = () => {
    const input = base();
    const stop = input.events.findIndex((e) => e.type === 'representatives-signatures');
    input.events = input.events.slice(0, stop);
    return input;
  };
  it('is decided on its latest date (the first notice ends 2023-04-02), later steps pending, not missing', () => {
    const d = run(upToFirstNotice());
    expect(d.asOf).toBe('2023-04-02');
    expect(d.outcome).toMatchObject({ compliant: true, complete: false, decisiveDate: { date: '2023-04-02', source: 'latest-event' }, pendingSteps: [4, 5, 6, 7] });
    expect(d.warnings.map((w) => w.code)).toContain('PROCEDURE_INCOMPLETE');
    expect(d.warnings.find((w) => w.code === 'PROCEDURE_INCOMPLETE')!.message.zh).toContain('复审、会审、第二轮公示、审定');
  });
});

describe('the sample case file with violations', () => {
  it('reports each violation with its clause, step and the dates or counts involved', () => {
    const d = run(fixture('case-violations.json').input);
    expect(d.outcome.compliant).toBe(false);
    expect(d.outcome.violations.map((v) => [v.rule, v.clause, v.step])).toEqual([
      ['application-after-pre-notice', '二(二)1', 1], // 2023-05-08 < pre-notice 2023-05-10
      ['application-documents', '二(二)1', 1], // no land-contract certificate
      ['first-notice-7-days', '二(二)3', 3], // 2023-06-05..10 = 6 days
      ['representatives-at-least-10', '二(二)3', 3], // 9 signatures
      ['township-review-after-compensation-agreement', '二(二)4', 4], // 06-16 before 06-20
      ['joint-review-departments', '二(二)5', 5], // no agriculture and rural affairs
      ['second-notice-venues', '二(二)6', 6], // portal only
      ['approval-without-open-objection', '二(二)7', 7], // objection of 2023-07-06 open
    ]);
    expect(d.warnings.map((w) => w.code)).toEqual(['ASSUMED_EFFECTIVE_DATE', 'NOT_FILED_WITH_CITY']);
    for (const v of d.outcome.violations) {
      expect(v.message.zh).toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(v.message.en).toMatch(/\d{4}-\d{2}-\d{2}/);
    }
  });
});

describe('parameters (二(二)3, 6)', () => {
  it('reads the 7 days and the 10 representatives from parameters, and an override applies', () => {
    const d = run(base());
    expect(d.parameters.map((p) => [p.id, p.value])).toEqual([
      ['cn.hunan.shaoyang.notice-days', 7],
      ['cn.hunan.shaoyang.first-notice-venues', ['village']],
      ['cn.hunan.shaoyang.min-representatives', 10],
      ['cn.hunan.shaoyang.township-review-departments', ['natural-resources', 'agriculture-rural', 'police-station']],
      // 1.2.1: the lists of 二(二)5 (附表3), 二(二)6 and 二(二)1 are parameters too, read when their rules run.
      ['cn.hunan.shaoyang.joint-review-departments', ['public-security', 'expropriation', 'natural-resources', 'agriculture-rural']],
      ['cn.hunan.shaoyang.second-notice-venues', ['district-portal', 'village']],
      ['cn.hunan.shaoyang.application-documents', ['application-form', 'id-card', 'household-register', 'land-contract-certificate']],
    ]);
    const strict = engine.procedure(base(), { parameters: { 'cn.hunan.shaoyang.notice-days': 8, 'cn.hunan.shaoyang.min-representatives': 12 } });
    expect(strict.outcome.violations.map((v) => v.rule)).toEqual(['first-notice-7-days', 'representatives-at-least-10', 'second-notice-7-days']);
  });
});

describe('lists as parameters (1.2.1): each entry written once, its label beside the rule', () => {
  it('会审 without 征拆: the joint-review-departments list names it, in Chinese from the labels; a list override without it holds', () => {
    // 附表3: “区人民政府组织自然资源、农业农村、公安、征拆等部门…联合会审”. The sample's joint review had five
    // departments; without expropriation (征拆) one of the four is missing.
    const input = base();
    const joint = input.events.find((e) => e.type === 'joint-review') as Extract<Ev, { type: 'joint-review' }>;
    joint.departments = joint.departments.filter((d) => d !== 'expropriation');
    const v = violation(input, 'joint-review-departments')!;
    expect(v.message.zh).toBe('会审（2023-04-20）缺少以下部门：征拆');
    expect(v.message.en).toBe('The joint review (2023-04-20) lacked these departments: expropriation');
    const fewer = engine.procedure(input, { parameters: { 'cn.hunan.shaoyang.joint-review-departments': ['public-security', 'natural-resources', 'agriculture-rural'] } });
    expect(fewer.outcome.violations).toEqual([]);
  });
});

describe('malformed case files', () => {
  it('give one InputError listing every problem with its path', () => {
    const events: unknown[] = [
      { type: 'pre-notice', date: '2023-02-30' },
      { type: 'press-release', date: '2023-03-01' },
      { type: 'application', date: '2023-03-02', documents: ['passport'] },
      { type: 'first-notice', from: '2023-03-10', to: '2023-03-05' },
      { type: 'joint-review', date: '2023-04-01', departments: ['police'], chair: 'x' },
      { type: 'second-notice', from: '2023-04-10', to: '2023-04-16', venues: [] },
      { type: 'approval', date: '2023-05-01' },
      { type: 'approval', date: '2023-05-02' },
      { type: 'objection', date: '2023-03-08', notice: 'first', resolvedOn: '2023-03-07' },
    ];
    const issues = inputIssues(() => engine.evaluate({ kind: 'procedure', input: { caseId: '', events, extra: 1 } } as never));
    expect(issues.map((i) => i.path)).toEqual([
      'input.caseId',
      'input.events.0.date',
      'input.events.1.type',
      'input.events.2.applicant',
      'input.events.2.documents.0',
      'input.events.4.departments.0',
      'input.events.4',
      'input.events.5.venues',
      'input',
    ]);
    expect(issues.find((i) => i.path === 'input.events.4')!.message).toContain('chair');
    expect(issues.find((i) => i.path === 'input')!.message).toContain('extra');
    expect(issues.find((i) => i.path === 'input.events.1.type')!.message).toContain('unknown event type');
  });
  it('cross-event problems are listed together once each event is well formed', () => {
    const events: ProcedureEvent[] = [
      { type: 'first-notice', from: '2023-03-10', to: '2023-03-05' },
      { type: 'approval', date: '2023-05-01' },
      { type: 'approval', date: '2023-05-02' },
      { type: 'objection', date: '2023-03-08', notice: 'first', resolvedOn: '2023-03-07' },
      { type: 'application', date: '2023-03-01', applicant: 'A', documents: [] },
      { type: 'application', date: '2023-03-01', applicant: 'A', documents: [] },
    ];
    const issues = inputIssues(() => engine.procedure({ caseId: 'C', events }));
    expect(issues.map((i) => i.path)).toEqual(['input.events.0.to', 'input.events.2.type', 'input.events.3.resolvedOn', 'input.events.5.applicant']);
  });
});
