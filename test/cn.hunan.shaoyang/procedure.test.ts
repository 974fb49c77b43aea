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
  JSON.parse(readFileSync(new URL(`../../fixtures/cn.hunan.shaoyang/${name}`, import.meta.url), 'utf8')) as { input: ProcedureInput };

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
const without = (...types: Array<Ev['type']>) => {
  const input = base();
  input.events = input.events.filter((e) => !types.includes(e.type));
  return input;
};
const add = (e: Ev, input = base()) => ({ ...input, events: [...input.events, e] });

const run = (input: ProcedureInput) => engine.procedure(input);
const violated = (input: ProcedureInput) => run(input).outcome.violations.map((v) => v.rule);
const violation = (input: ProcedureInput, rule: string) => run(input).outcome.violations.find((v) => v.rule === rule);

describe('the compliant sample case file', () => {
  it('is compliant and complete, decided on its approval date, and every rule held', () => {
    const d = run(base());
    expect(d.outcome).toMatchObject({ caseId: 'DX-2023-05-TJ', compliant: true, complete: true, violations: [], pendingSteps: [] });
    expect(d.asOf).toBe('2023-05-08');
    expect(d.outcome.decisiveDate).toEqual({ date: '2023-05-08', source: 'approval' });
    expect(d.reasons.filter((r) => !r.holds)).toEqual([]);
    expect(d.warnings.map((w) => w.code)).toEqual(['ASSUMED_EFFECTIVE_DATE']);
    expect(d.outcome.counts).toEqual({ applications: 4, objections: 1, unresolvedObjections: 0, representatives: 11 });
  });
  it('is deterministic (the same request gives a deep-equal decision)', () => {
    expect(run(base())).toEqual(run(base()));
  });
});

describe('二(二)1 申报: after the pre-notice, with the documents', () => {
  it('pre-notice-recorded: applications without a pre-notice is one case violation', () => {
    const v = run(without('pre-notice')).outcome.violations;
    expect(v.map((x) => [x.rule, x.clause, x.step])).toEqual([['pre-notice-recorded', '二(二)1', 1]]);
  });
  it('application-after-pre-notice: applying the day before (2023-02-28) fails; the same day (2023-03-01) passes', () => {
    const early = base();
    (early.events[1] as Extract<Ev, { type: 'application' }>).date = '2023-02-28';
    const v = violation(early, 'application-after-pre-notice')!;
    expect(v).toMatchObject({ clause: '二(二)1', step: 1, subject: 'TJ-01-1 刘建国', stepName: { zh: '申报' } });
    expect(v.message.zh).toBe('TJ-01-1 刘建国于2023-02-28申报，早于《征收土地预公告》发布日2023-03-01');
    const same = base();
    (same.events[1] as Extract<Ev, { type: 'application' }>).date = '2023-03-01';
    expect(violated(same)).toEqual([]);
  });
  it('application-documents: an application without the land-contract certificate and the ID card names both', () => {
    const input = base();
    (input.events[2] as Extract<Ev, { type: 'application' }>).documents = ['application-form', 'household-register'];
    const v = violation(input, 'application-documents')!;
    expect(v).toMatchObject({ clause: '二(二)1', subject: 'TJ-01-2 王秀英' });
    expect(v.message.zh).toContain('缺少：居民身份证、土地承包经营权证');
    expect(v.message.en).toContain('lacks: id-card, land-contract-certificate');
  });
  it('application-recorded: a preliminary review with no application at all', () => {
    expect(violated(without('application'))).toEqual(['application-recorded']);
  });
});

describe('二(二)2 初审: after the land measurement is registered', () => {
  it('preliminary-review-after-land-measurement: measurement registered after the review fails; same day passes', () => {
    const late = withEvent('land-measurement', { date: '2023-03-26' });
    expect(violation(late, 'preliminary-review-after-land-measurement')!.message.en).toContain('2023-03-25');
    expect(violated(withEvent('land-measurement', { date: '2023-03-25' }))).toEqual([]);
  });
  it('land-measurement-recorded: a preliminary review with no land measurement at all', () => {
    expect(violated(without('land-measurement'))).toEqual(['land-measurement-recorded']);
  });
  it('application-before-preliminary-review: an application after the review was never reviewed', () => {
    const input = base();
    (input.events[4] as Extract<Ev, { type: 'application' }>).date = '2023-03-26';
    expect(violated(input)).toEqual(['application-before-preliminary-review']);
  });
  it('preliminary-review-recorded: a first notice without a preliminary review', () => {
    expect(violated(without('preliminary-review'))).toEqual(['preliminary-review-recorded']);
  });
});

describe('二(二)3 第一轮公示: 7 days at the village, then ≥ 10 representatives sign', () => {
  it('first-notice-7-days: 2023-03-27 to 2023-04-01 is 6 days (27..31 = 5, + 1 April) and fails; to 2023-04-02 is 7 and passes', () => {
    const six = withEvent('first-notice', { to: '2023-04-01' });
    const v = violation(six, 'first-notice-7-days')!;
    expect(v).toMatchObject({ clause: '二(二)3', step: 3, values: { from: '2023-03-27', to: '2023-04-01', days: 6, minDays: 7 } });
    expect(v.message.zh).toBe('第一轮公示自2023-03-27至2023-04-01，仅6天（首尾两日均计入），不足7天');
    expect(violated(base())).toEqual([]);
  });
  it('across a month end and a leap day: 2024-02-26 to 2024-03-03 is 7 days (26, 27, 28, 29, 1, 2, 3)', () => {
    const input = base();
    input.events = input.events.filter((e) => !['first-notice', 'objection'].includes(e.type));
    input.events.push({ type: 'first-notice', from: '2024-02-26', to: '2024-03-03' });
    const d = engine.procedure(input);
    expect(d.reasons.find((r) => r.rule === 'first-notice-7-days')!.values).toMatchObject({ days: 7 });
  });
  it('first-notice-after-preliminary-review: posted before the roster was drawn up fails', () => {
    expect(violated(withEvent('first-notice', { from: '2023-03-24' }))).toEqual(['first-notice-after-preliminary-review']);
  });
  it('first-notice-recorded: signatures without a first notice', () => {
    expect(violated(without('first-notice', 'objection'))).toEqual(['first-notice-recorded']);
  });
  it('representatives-at-least-10: 9 signatures fail, 10 pass; a name written twice counts once', () => {
    const names = (fixture('case-compliant.json').input.events.find((e) => e.type === 'representatives-signatures') as { representatives: string[] }).representatives;
    const nine = withEvent('representatives-signatures', { representatives: names.slice(0, 9) });
    const v = violation(nine, 'representatives-at-least-10')!;
    expect(v).toMatchObject({ clause: '二(二)3', values: { count: 9, minCount: 10, signedOn: '2023-04-04' } });
    expect(v.message.zh).toBe('2023-04-04仅有9名被征地村民代表在花名册上签字，少于10名');
    expect(violated(withEvent('representatives-signatures', { representatives: names.slice(0, 10) }))).toEqual([]);
    expect(violated(withEvent('representatives-signatures', { representatives: [...names.slice(0, 9), names[0]!] }))).toEqual(['representatives-at-least-10']);
  });
  it('representatives-after-first-notice: signing on the notice\'s last day (2023-04-02) fails; the next day passes', () => {
    expect(violated(withEvent('representatives-signatures', { date: '2023-04-02' }))).toEqual(['representatives-after-first-notice']);
    expect(violated(withEvent('representatives-signatures', { date: '2023-04-03' }))).toEqual([]);
  });
  it('first-notice-objections-resolved: an objection still open when they sign fails; resolved on the signing day passes', () => {
    const open = withEvent('objection', { resolvedOn: undefined });
    const v = violation(open, 'first-notice-objections-resolved')!;
    expect(v.message.zh).toContain('仍有1项异议未处理：2023-03-29 村民 唐某');
    expect(violated(withEvent('objection', { resolvedOn: '2023-04-04' }))).toEqual([]);
    expect(violated(withEvent('objection', { resolvedOn: '2023-04-05' }))).toContain('first-notice-objections-resolved');
  });
  it('representatives-signatures-recorded: a township review without the signatures', () => {
    expect(violated(without('representatives-signatures'))).toEqual(['representatives-signatures-recorded']);
  });
});

describe('二(二)4 复审: after the land compensation agreement is signed', () => {
  it('township-review-after-compensation-agreement: a review dated before the agreement fails; the same day passes', () => {
    const before = withEvent('compensation-agreement', { date: '2023-04-11' });
    const v = violation(before, 'township-review-after-compensation-agreement')!;
    expect(v).toMatchObject({ clause: '二(二)4', step: 4, values: { reviewedOn: '2023-04-10', agreementOn: '2023-04-11' } });
    expect(v.message.zh).toBe('复审日期2023-04-10，早于土地补偿协议签订日2023-04-11，复审须在协议签订后进行');
    expect(violated(withEvent('compensation-agreement', { date: '2023-04-10' }))).toEqual([]);
  });
  it('compensation-agreement-recorded: a township review with no agreement at all', () => {
    expect(violated(without('compensation-agreement'))).toEqual(['compensation-agreement-recorded']);
  });
  it('township-review-after-signatures: the roster reaches the township only once signed', () => {
    // 2023-04-03: before the signatures (04-04) and before the agreement (04-06): two violations.
    expect(violated(withEvent('township-review', { date: '2023-04-03' }))).toEqual(['township-review-after-compensation-agreement', 'township-review-after-signatures']);
    expect(violated(withEvent('township-review', { date: '2023-04-04' }, withEvent('compensation-agreement', { date: '2023-04-04' })))).toEqual([]);
  });
  it('township-review-recorded: a joint review without a township review', () => {
    expect(violated(without('township-review'))).toEqual(['township-review-recorded']);
  });
});

describe('二(二)5 会审: by the district with the four departments', () => {
  it('joint-review-departments: without agriculture and rural affairs fails naming it; all four pass', () => {
    const three = withEvent('joint-review', { departments: ['public-security', 'expropriation', 'natural-resources'] });
    const v = violation(three, 'joint-review-departments')!;
    expect(v.message.zh).toBe('会审（2023-04-20）缺少以下部门：农业农村');
    expect(v.values).toMatchObject({ missing: ['agriculture-rural'] });
    expect(violated(withEvent('joint-review', { departments: ['agriculture-rural', 'natural-resources', 'expropriation', 'public-security'] }))).toEqual([]);
    expect(violation(withEvent('joint-review', { departments: [] }), 'joint-review-departments')!.values).toMatchObject({
      missing: ['public-security', 'expropriation', 'natural-resources', 'agriculture-rural'],
    });
  });
  it('joint-review-after-township-review and joint-review-recorded', () => {
    expect(violated(withEvent('joint-review', { date: '2023-04-09' }))).toEqual(['joint-review-after-township-review']);
    expect(violated(without('joint-review'))).toEqual(['joint-review-recorded']);
  });
});

describe('二(二)6 第二轮公示: 7 days on the district portal and at the village', () => {
  it('second-notice-venues: only on the portal fails; both pass', () => {
    const v = violation(withEvent('second-notice', { venues: ['district-portal'] }), 'second-notice-venues')!;
    expect(v).toMatchObject({ clause: '二(二)6', step: 6, stepName: { zh: '第二轮公示', en: 'second notice' } });
    expect(v.message.zh).toBe('第二轮公示（2023-04-24起）未在所在村集体公示');
    expect(violated(withEvent('second-notice', { venues: ['village'] }))).toEqual(['second-notice-venues']);
  });
  it('second-notice-7-days: 2023-04-24 to 2023-04-29 is 6 days and fails', () => {
    expect(violation(withEvent('second-notice', { to: '2023-04-29' }), 'second-notice-7-days')!.values).toMatchObject({ days: 6 });
  });
  it('second-notice-after-joint-review and second-notice-recorded', () => {
    expect(violated(withEvent('second-notice', { from: '2023-04-19' }))).toEqual(['second-notice-after-joint-review']);
    expect(violated(without('second-notice'))).toEqual(['second-notice-recorded']);
  });
});

describe('二(二)7 审定: after the second notice ends with no objection', () => {
  it('approval-after-second-notice: on its last day (2023-04-30) fails; the next day passes', () => {
    expect(violated(withEvent('approval', { date: '2023-04-30' }))).toEqual(['approval-after-second-notice']);
    expect(violated(withEvent('approval', { date: '2023-05-01' }))).toEqual([]);
  });
  it('approval-without-open-objection: an objection to the second notice open at approval fails', () => {
    const input = add({ type: 'objection', date: '2023-04-26', notice: 'second', by: '村民 某' });
    const v = violation(input, 'approval-without-open-objection')!;
    expect(v).toMatchObject({ clause: '二(二)7', step: 7, values: { openCount: 1, approvedOn: '2023-05-08' } });
    expect(v.message.zh).toBe('审定日2023-05-08仍有1项异议未处理：2023-04-26 村民 某');
  });
  it('an objection resolved on the approval day, or raised after it, does not count', () => {
    expect(violated(add({ type: 'objection', date: '2023-04-26', notice: 'second', resolvedOn: '2023-05-08' }))).toEqual([]);
    expect(violated(add({ type: 'objection', date: '2023-05-09', notice: 'second' }))).toEqual([]);
  });
  it('approval-recorded: a filing with the city without an approval', () => {
    expect(violated(without('approval'))).toEqual(['approval-recorded']);
  });
});

describe('filing with the city (附表3)', () => {
  it('city-filing-after-approval: filed before the approval is a violation', () => {
    expect(violated(withEvent('city-filing', { date: '2023-05-07' }))).toEqual(['city-filing-after-approval']);
  });
  it('not filed yet is a warning, not a violation', () => {
    const d = run(without('city-filing'));
    expect(d.outcome.compliant).toBe(true);
    expect(d.warnings.map((w) => w.code)).toContain('NOT_FILED_WITH_CITY');
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
  it('still reports violations in the steps it has reached', () => {
    const input = withEvent('first-notice', { to: '2023-04-01' }, upToFirstNotice());
    const d = run(input);
    expect(d.outcome.compliant).toBe(false);
    expect(d.outcome.violations.map((v) => v.rule)).toEqual(['first-notice-7-days']);
    expect(d.asOf).toBe('2023-04-01'); // the shortened notice's last day is the latest date
  });
  it('only the pre-notice and the applications: nothing is missing yet, steps 2–7 pending', () => {
    const input = base();
    input.events = input.events.filter((e) => e.type === 'pre-notice' || e.type === 'application');
    const d = run(input);
    expect(d.outcome).toMatchObject({ compliant: true, complete: false, pendingSteps: [2, 3, 4, 5, 6, 7], decisiveDate: { date: '2023-03-15' } });
  });
  it('a resolution date counts as a date of the case file', () => {
    const input = upToFirstNotice();
    input.events = input.events.filter((e) => e.type !== 'first-notice');
    // preliminary review 2023-03-25, objection raised 2023-03-29, resolved 2023-03-31.
    expect(run(input).asOf).toBe('2023-03-31');
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
      // 1.3.0: the lists of 二(二)5 (附表3), 二(二)6 and 二(二)1 are parameters too, read when their rules run.
      ['cn.hunan.shaoyang.joint-review-departments', ['public-security', 'expropriation', 'natural-resources', 'agriculture-rural']],
      ['cn.hunan.shaoyang.second-notice-venues', ['district-portal', 'village']],
      ['cn.hunan.shaoyang.application-documents', ['application-form', 'id-card', 'household-register', 'land-contract-certificate']],
    ]);
    const strict = engine.procedure(base(), { parameters: { 'cn.hunan.shaoyang.notice-days': 8, 'cn.hunan.shaoyang.min-representatives': 12 } });
    expect(strict.outcome.violations.map((v) => v.rule)).toEqual(['first-notice-7-days', 'representatives-at-least-10', 'second-notice-7-days']);
  });
});

describe('lists as parameters (1.3.0): each entry written once, its label beside the rule', () => {
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
  it('an empty case file is an InputError', () => {
    expect(inputIssues(() => engine.procedure({ caseId: 'C', events: [] })).map((i) => i.path)).toEqual(['input.events']);
  });
});
