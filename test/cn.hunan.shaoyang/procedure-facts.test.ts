import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProcedureInput } from '../../src';
import { engine } from '../helpers';

// The facts the procedure rules read (src/kinds/procedure/index.ts, caseFacts), checked through
// the decisions on variants of the compliant sample case file: which objections are open when the
// representatives sign and when the district approves (二(二)3 and 7), how signatures count, the
// decisive date of a case without an approval, the incomplete-case warning and the timeline.

type Ev = ProcedureInput['events'][number];
const base = (): ProcedureInput =>
  structuredClone((JSON.parse(readFileSync(new URL('../../rulesets/cn.hunan.shaoyang/samples/case-compliant.json', import.meta.url), 'utf8')) as { input: ProcedureInput }).input);
const withEvents = (...extra: Ev[]): ProcedureInput => {
  const input = base();
  input.events.push(...extra);
  return input;
};
const withoutTypes = (input: ProcedureInput, ...types: Array<Ev['type']>): ProcedureInput => ({ ...input, events: input.events.filter((e) => !types.includes(e.type)) });
const violation = (input: ProcedureInput, rule: string) => engine.procedure(input).outcome.violations.find((v) => v.rule === rule);

// In the sample the representatives sign on 2023-04-04 and the district approves on 2023-05-08.
describe('二(二)3: objections to the first notice open when the representatives sign', () => {
  it('one raised on the signing day and not resolved is open, named by date, who raised it and its id', () => {
    const v = violation(withEvents({ type: 'objection', date: '2023-04-04', notice: 'first', by: '村民 唐某', id: 'OB-7' }), 'first-notice-objections-resolved');
    expect(v).toBeDefined();
    expect(v!.values.openObjections).toEqual(['2023-04-04 村民 唐某 [OB-7]']);
    expect(v!.message.en).toContain('1 objection(s) to the first notice were still open: 2023-04-04 村民 唐某 [OB-7]');
  });
});

describe('a case without an approval: decided on its latest date', () => {
  const open = () => withoutTypes(base(), 'approval', 'city-filing');

  it('the warning names the date and the steps not reached yet, in both languages', () => {
    const d = engine.procedure(open());
    expect(d.outcome.pendingSteps).toEqual([7]);
    expect(d.warnings.find((w) => w.code === 'PROCEDURE_INCOMPLETE')!.message).toEqual({
      zh: '案卷尚无审定记录，按案卷最晚日期 2023-04-30 审查；尚未进行的步骤：审定',
      en: 'The case file records no approval yet; it is checked as of its latest date 2023-04-30. Steps not reached yet: approval',
    });
    const early = withoutTypes(base(), 'township-review', 'joint-review', 'second-notice', 'approval', 'city-filing');
    expect(engine.procedure(early).warnings.find((w) => w.code === 'PROCEDURE_INCOMPLETE')!.message.en).toMatch(/Steps not reached yet: township review, joint review, second notice, approval$/);
  });
});

describe('the timeline', () => {
  it('lists the events by date whatever their order in the file, keeping the file order on a tie', () => {
    const input = base();
    const sorted = engine.procedure(input).outcome.timeline;
    const reversed = engine.procedure({ ...input, events: [...input.events].reverse() }).outcome.timeline;
    expect(sorted.map((t) => t.date)).toEqual([...sorted.map((t) => t.date)].sort());
    // Two applications share 2023-03-06: in file order in each case.
    const sameDay = (t: typeof sorted) => t.filter((x) => x.date === '2023-03-06').map((x) => x.subject);
    expect(sameDay(sorted)).toEqual(['TJ-01-1 刘建国', 'TJ-01-2 王秀英']);
    expect(sameDay(reversed)).toEqual(['TJ-01-2 王秀英', 'TJ-01-1 刘建国']);
    expect(reversed.filter((x) => x.date !== '2023-03-06')).toEqual(sorted.filter((x) => x.date !== '2023-03-06'));
  });

  it('a notice has its first and last day, an application its applicant, any other event only date, type and step', () => {
    const t = engine.procedure(base()).outcome.timeline;
    expect(t.find((x) => x.type === 'first-notice')).toStrictEqual({ date: '2023-03-27', to: '2023-04-02', type: 'first-notice', step: 3 });
    expect(t.find((x) => x.type === 'application')).toStrictEqual({ date: '2023-03-06', type: 'application', step: 1, subject: 'TJ-01-1 刘建国' });
    expect(t.find((x) => x.type === 'township-review')).toStrictEqual({ date: '2023-04-10', type: 'township-review', step: 4 });
    expect(t.find((x) => x.type === 'pre-notice')).toStrictEqual({ date: '2023-03-01', type: 'pre-notice', step: null });
  });
});
