import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { engine } from '../helpers';

// The sample village (rulesets/cn.zhejiang.taizhou/samples/village-dongpu.json) through all four kinds,
// each figure worked out by hand.
const v = JSON.parse(readFileSync(new URL('../../rulesets/cn.zhejiang.taizhou/samples/village-dongpu.json', import.meta.url), 'utf8'));

describe('东浦村 sample: 三(二) → 三(三) → 三(四) → 三(三)', () => {
  const q = engine.quota(v.quota).outcome;
  it('三(二) (ruling 2026-12-01: all agricultural land counts): a = 18.60 + 3.10 (园地) + 2.40 = 24.10, b = 612 + 41.50 (园地) + 120 (林地) + 88 = 861.50, c − d = 1036 − 196 = 840; 24.10 × 840 ÷ 861.50 = 23.4985… → 23', () => {
    expect(q).toMatchObject({ approvedAreaMu: '24.1', villageLandMu: '861.5', cap: 840, quota: 23, validUntil: '2021-06-18' });
    expect(q.exactQuota).toMatch(/^23\.498/);
    // left out: 建设用地 1.25 of (a); 建设用地 96.30 and 未利用地 7.20 of (b)
    expect(q.excludedLand.map((x) => `${x.figure}:${x.type}`)).toEqual(['approved:建设用地', 'village:建设用地', 'village:未利用地']);
  });
  const households = v.allocation.households.map(({ name: _n, ...h }: { name: string }) => h);
  const a = engine.allocation({ approvalDate: v.allocation.approvalDate, quota: q.quota, households }).outcome;
  it('三(三) with 23 places over 21.0 mu: 23 × area ÷ 21 = 4.6, 3.943, 3.943, 3.067, 2.738, 2.3, 1.533, 0.876 → floors 4,3,3,3,2,2,1,0 (18) + 5 by remainder (DP02, DP03 (tie .943, same area, id order), DP08 .876, DP05 .738, DP01 .6) = 5,4,4,3,3,2,1,1; DP03 capped at 3, DP05 at 1: surplus 3 over DP04, DP06, DP07, DP08 (2.8 : 2.1 : 1.4 : 0.8 of 7.1 → 1.183, 0.887, 0.592, 0.338 → 1 + DP06 + DP07) → 5,4,3,4,1,3,2,1', () => {
    expect(a.households.map((h) => h.places)).toEqual([5, 4, 3, 4, 1, 3, 2, 1]);
    expect(a).toMatchObject({ allocated: 23, unallocated: 0 });
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
