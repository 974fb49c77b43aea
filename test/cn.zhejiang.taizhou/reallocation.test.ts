import { describe, expect, it } from 'vitest';
import type { ReallocationInput } from '../../src';
import { engine } from '../helpers';

// 台政办函〔2019〕47号 三(三): places freed by waivers and lawful adjustment places go first to
// members of the village collective whose land was expropriated but who are not yet enrolled;
// the adjustment list must come out of the “five deliberations, two disclosures” procedure.

type Candidate = ReallocationInput['candidates'][number];
const c = (id: string, over: Partial<Candidate> = {}): Candidate => ({ id, collectiveMember: true, landExpropriated: true, alreadyInsured: false, ...over });
const complete = {
  suggestedOn: '2021-07-01',
  proposedOn: '2021-07-03',
  consultedOn: '2021-07-05',
  reviewedOn: '2021-07-08',
  resolvedOn: '2021-07-10',
  resolutionAdopted: true,
  resolutionDisclosedOn: '2021-07-11',
  resultDisclosedOn: '2021-07-20',
};
const run = (over: Partial<ReallocationInput> = {}) =>
  engine.reallocation({ rosterReportedOn: '2020-06-15', freedPlaces: 2, adjustmentPlaces: 1, candidates: [c('C1'), c('C2')], procedure: complete, ...over });

describe('三(三) 五议两公开 must be complete', () => {
  it('refuses an adjustment list whose party-members’ review is missing, with the reason', () => {
    const { reviewedOn: _r, ...noReview } = complete;
    const d = run({ procedure: noReview });
    expect(d.outcome).toMatchObject({ refused: true, refusedBecause: ['deliberation-review'], assigned: [], remaining: 3 });
    const r = d.reasons.find((x) => x.rule === 'deliberation-review')!;
    expect(r).toMatchObject({ holds: false, citation: { article: '三(三)' } });
    expect(r.message.zh).toContain('党员大会审议');
  });
  it('refuses a list with no record at all', () => {
    const o = run({ procedure: undefined }).outcome;
    expect(o.refused).toBe(true);
    expect(o.refusedBecause).toEqual(['deliberation-suggestion', 'deliberation-proposal', 'deliberation-consultation', 'deliberation-review', 'deliberation-resolution', 'resolution-disclosed']);
  });
  it('refuses a resolution that was not adopted, and a vote never disclosed', () => {
    expect(run({ procedure: { ...complete, resolutionAdopted: false } }).outcome.refusedBecause).toEqual(['deliberation-resolution']);
    const { resolutionDisclosedOn: _d, ...undisclosed } = complete;
    expect(run({ procedure: undisclosed }).outcome.refusedBecause).toEqual(['resolution-disclosed']);
  });
  it('refuses steps out of order (the review before the consultation)', () => {
    expect(run({ procedure: { ...complete, reviewedOn: '2021-07-04' } }).outcome.refusedBecause).toEqual(['deliberation-order']);
  });
  it('same-day steps are in order', () => {
    expect(run({ procedure: { ...complete, proposedOn: '2021-07-01', consultedOn: '2021-07-01' } }).outcome.refused).toBe(false);
  });
  it('without the result disclosure the list is used, with a reminder warning', () => {
    const { resultDisclosedOn: _x, ...noResult } = complete;
    const d = run({ procedure: noResult });
    expect(d.outcome.refused).toBe(false);
    expect(d.warnings.map((w) => w.code)).toEqual(['RESULT_DISCLOSURE_DUE']);
  });
});

describe('三(三) who gets the freed and adjustment places', () => {
  it('expropriated-but-not-enrolled members first in list order, then other members; never non-members or the enrolled', () => {
    // 2 freed + 1 adjustment = 3 places. List: C1 (land not taken), C2 (priority), C3 (not a
    // member), C4 (enrolled), C5 (priority), C6 (priority) → C2, C5, C6 get them; C1 waits.
    const o = run({
      candidates: [c('C1', { landExpropriated: false }), c('C2'), c('C3', { collectiveMember: false }), c('C4', { alreadyInsured: true }), c('C5'), c('C6')],
    }).outcome;
    expect(o.assigned).toEqual([{ id: 'C2', priority: true }, { id: 'C5', priority: true }, { id: 'C6', priority: true }]);
    expect(o.remaining).toBe(0);
    expect(o.notAssigned).toEqual([
      { id: 'C1', failed: ['candidate-land-expropriated', 'no-place-left'] },
      { id: 'C3', failed: ['candidate-same-collective'] },
      { id: 'C4', failed: ['candidate-not-insured'] },
    ]);
  });
  it('places left after the priority group go to other members in list order; the rest remains', () => {
    const o = run({ freedPlaces: 4, adjustmentPlaces: 0, candidates: [c('C1', { landExpropriated: false }), c('C2')] }).outcome;
    expect(o.assigned).toEqual([{ id: 'C2', priority: true }, { id: 'C1', priority: false }]);
    expect(o).toMatchObject({ places: { freed: 4, adjustment: 0, total: 4 }, remaining: 2 });
  });
});
