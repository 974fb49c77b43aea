import { describe, expect, it } from 'vitest';
import type { EnrollmentInput } from '../../src';
import { engine, inputIssues } from '../helpers';

// 台政办函〔2019〕47号 三(四) 即征即保: the quota is valid for at most 1 year from the roster's report;
// nominees must complete enrolment and payment within the period; without just cause, not doing
// so is deemed a waiver. Last valid day = roster date + 12 months, inclusive (Civil Code 201–202).

type Nominee = EnrollmentInput['nominees'][number];
const roster = (nominees: Nominee[], over: Partial<EnrollmentInput> = {}): EnrollmentInput => ({ rosterReportedOn: '2020-06-15', nominees, ...over });
const status = (i: EnrollmentInput, asOf: string) => engine.enrollment(i, { asOf }).outcome;

describe('三(四) enrolment within the validity', () => {
  it('pays on the last valid day (2021-06-15 for a roster of 2020-06-15): enrolled', () => {
    const o = status(roster([{ id: 'N1', enrolledOn: '2021-06-10', paidOn: '2021-06-15' }]), '2021-07-01');
    expect(o).toMatchObject({ validUntil: '2021-06-15', deadline: '2021-06-15' });
    expect(o.nominees[0]).toMatchObject({ status: 'enrolled', completedOn: '2021-06-15', late: false });
  });

  it('pays the day after (2021-06-16), no just cause: deemed waived, the place is freed', () => {
    const d = engine.enrollment(roster([{ id: 'N2', enrolledOn: '2021-06-10', paidOn: '2021-06-16' }]), { asOf: '2021-07-01' });
    expect(d.outcome.nominees[0]).toMatchObject({ status: 'waived', waivedHow: 'deemed', failed: ['enrolled-by-deadline', 'not-deemed-waived'] });
    expect(d.outcome.freedPlaces).toBe(1);
    expect(d.reasons.find((r) => r.rule === 'not-deemed-waived')).toMatchObject({ holds: false, subject: 'N2', citation: { article: '三(四)' } });
  });

  it('registration alone is not enrolment: payment is needed too', () => {
    expect(status(roster([{ id: 'N1', enrolledOn: '2020-07-01' }]), '2021-06-16').nominees[0]!.status).toBe('waived');
  });

  it('before the deadline, nothing done yet: pending', () => {
    expect(status(roster([{ id: 'N1' }]), '2021-06-15').nominees[0]).toMatchObject({ status: 'pending', waivedHow: null });
  });

  it('a county deadline earlier than the validity applies: due 2020-12-31, paid 2021-01-02 → waived', () => {
    const o = status(roster([{ id: 'N1', enrolledOn: '2020-12-01', paidOn: '2021-01-02' }], { deadline: '2020-12-31' }), '2021-02-01');
    expect(o).toMatchObject({ deadline: '2020-12-31', validUntil: '2021-06-15' });
    expect(o.nominees[0]!.status).toBe('waived');
  });

  it('a deadline past the validity is cut to the last valid day, with a warning', () => {
    const d = engine.enrollment(roster([{ id: 'N1', enrolledOn: '2021-06-20', paidOn: '2021-06-20' }], { deadline: '2021-12-31' }), { asOf: '2021-12-31' });
    expect(d.outcome.deadline).toBe('2021-06-15');
    expect(d.outcome.nominees[0]!.status).toBe('waived');
    expect(d.warnings.map((w) => w.code)).toContain('DEADLINE_BEYOND_VALIDITY');
  });

  it('roster on 29 February 2020: the last valid day is 28 February 2021', () => {
    const i = roster([{ id: 'N1', enrolledOn: '2021-02-28', paidOn: '2021-02-28' }, { id: 'N2', enrolledOn: '2021-03-01', paidOn: '2021-03-01' }], { rosterReportedOn: '2020-02-29' });
    const o = status(i, '2021-03-31');
    expect(o.validUntil).toBe('2021-02-28');
    expect(o.nominees.map((n) => n.status)).toEqual(['enrolled', 'waived']);
  });
});

describe('三(四) just cause and declared waivers', () => {
  it('past the deadline with just cause and nothing done: pending (not deemed a waiver)', () => {
    const o = status(roster([{ id: 'N1', justCause: '住院治疗' }]), '2021-07-01');
    expect(o.nominees[0]).toMatchObject({ status: 'pending', justCause: true });
    expect(o.freedPlaces).toBe(0);
  });
  it('completed late with just cause: enrolled, marked late', () => {
    const o = status(roster([{ id: 'N1', enrolledOn: '2021-06-20', paidOn: '2021-06-20', justCause: '服兵役' }]), '2021-07-01');
    expect(o.nominees[0]).toMatchObject({ status: 'enrolled', late: true });
  });
  it('a declared waiver frees the place at once (三(三) 放弃参保的节余指标)', () => {
    const o = status(roster([{ id: 'N1', declaredWaiverOn: '2020-07-01' }, { id: 'N2' }]), '2020-08-01');
    expect(o.nominees.map((n) => [n.status, n.waivedHow, n.decidedBy])).toEqual([['waived', 'declared', 'no-waiver-declared'], ['pending', null, 'not-deemed-waived']]);
    expect(o.nominees[0]!.failed).toEqual(['no-waiver-declared']);
    expect(o.nominees[0]!.reason.zh).toContain('声明放弃参保');
    expect(o).toMatchObject({ counts: { enrolled: 0, waived: 1, pending: 1 }, freedPlaces: 1 });
  });
  it('events after asOf are not known yet: ignored, with a warning', () => {
    const d = engine.enrollment(roster([{ id: 'N1', enrolledOn: '2020-09-01', paidOn: '2020-09-01' }]), { asOf: '2020-08-01' });
    expect(d.outcome.nominees[0]!.status).toBe('pending');
    expect(d.warnings.map((w) => w.code)).toContain('EVENT_AFTER_AS_OF');
  });
  it('by default the statuses are taken on the roster date (API decisive date)', () => {
    expect(engine.enrollment(roster([{ id: 'N1' }])).outcome).toMatchObject({ asOf: '2020-06-15', counts: { pending: 1 } });
  });
});

describe('bad input', () => {
  it('dates before the roster, a waiver with payment, duplicate ids', () => {
    const issues = inputIssues(() =>
      engine.enrollment(roster([{ id: 'N1', paidOn: '2020-01-01' }, { id: 'N1', declaredWaiverOn: '2020-07-01', paidOn: '2020-07-02' }])),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(['input.nominees.0.paidOn', 'input.nominees.1.declaredWaiverOn', 'input.nominees.1.id']);
  });
});
