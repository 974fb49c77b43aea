import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { engine } from '../helpers';

// The sample village (fixtures/cn.zhejiang.taizhou/village-dongpu.json) through all four kinds,
// each figure worked out by hand.
const v = JSON.parse(readFileSync(new URL('../../fixtures/cn.zhejiang.taizhou/village-dongpu.json', import.meta.url), 'utf8'));

describe('东浦村 sample: 三(二) → 三(三) → 三(四) → 三(三)', () => {
  const q = engine.quota(v.quota).outcome;
  it('三(二): a = 18.60 + 2.40 = 21, b = 612 + 88 = 700, c − d = 1036 − 196 = 840; 21 × 840 ÷ 700 = 25.2 → 25', () => {
    expect(q).toMatchObject({ approvedAreaMu: '21', villageLandMu: '700', cap: 840, exactQuota: '25.2', quota: 25, validUntil: '2021-06-18' });
    expect(q.excludedLand).toHaveLength(6);
  });
  const households = v.allocation.households.map(({ name: _n, ...h }: { name: string }) => h);
  const a = engine.allocation({ approvalDate: v.allocation.approvalDate, quota: q.quota, households }).outcome;
  it('三(三): round 1 gives 5,4,4,3,3,3,2,1 (remainders .976 .952 .667 .5 win); DP03 (3) and DP05 (1) are capped, surplus 3; round 2 over DP04 and DP08 (2.8 : 0.8 → 2.33, 0.67 → 2, 1); DP04 takes 1; 1 place left', () => {
    expect(a.households.map((h) => h.places)).toEqual([5, 4, 3, 4, 1, 3, 2, 2]);
    expect(a).toMatchObject({ allocated: 24, unallocated: 1 });
  });
  const e = engine.enrollment({ rosterReportedOn: v.enrollment.rosterReportedOn, nominees: v.enrollment.nominees }, { asOf: v.enrollment.asOf }).outcome;
  it('三(四): of 24 nominees, one paid on the last valid day 2021-06-18 (enrolled), one 3 days late, one declared, one did nothing (waived), one with just cause (pending)', () => {
    expect(e.nominees).toHaveLength(24);
    expect(e.counts).toEqual({ enrolled: 20, waived: 3, pending: 1 });
    expect(e.freedPlaces).toBe(3);
  });
  it('三(三): 3 freed + 1 adjustment places → the three expropriated members in list order, then the first other member', () => {
    const base = { rosterReportedOn: v.reallocation.rosterReportedOn, freedPlaces: e.freedPlaces, adjustmentPlaces: v.reallocation.adjustmentPlaces, candidates: v.reallocation.candidates };
    const r = engine.reallocation({ ...base, procedure: v.reallocation.procedure }, { asOf: v.reallocation.asOf }).outcome;
    expect(r.assigned.map((x) => x.id)).toEqual(['DP05-2 李国庆', 'DP03-4 王晓东', 'DP10-1 黄志勇', 'DP09-1 郑小燕']);
    expect(r.remaining).toBe(0);
    const refused = engine.reallocation({ ...base, procedure: v.reallocation.incompleteProcedure }, { asOf: v.reallocation.asOf }).outcome;
    expect(refused).toMatchObject({ refused: true, refusedBecause: ['deliberation-suggestion', 'deliberation-review', 'resolution-disclosed'], remaining: 4 });
  });
});
