import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { AllocationInput } from '../../src';
import { engine } from '../helpers';

// 台政办函〔2019〕47号 三(三) 人地对应、征收谁安置谁: the village quota goes to households by the
// cultivated and other agricultural land expropriated from each household's contracted land;
// each household chooses eligible members (so it can take no more places than it has).

type Household = AllocationInput['households'][number];
const h = (id: string, expropriatedAreaMu: string, eligibleMembers: number): Household => ({ id, expropriatedAreaMu, eligibleMembers });
const run = (quota: number, households: Household[]) => engine.allocation({ approvalDate: '2020-05-01', quota, households });
const placesOf = (o: ReturnType<typeof run>['outcome']) => Object.fromEntries(o.households.map((x) => [x.id, x.places]));

describe('三(三) person–land correspondence (Hamilton on expropriated area)', () => {
  it('a small household cannot take its share: 10 places over 3 : 3 : 4 mu, the last with 1 eligible member', () => {
    // Round 1: exact 3, 3, 4 → H3 takes 1 (cap), surplus 3.  Round 2: 3 over H1, H2 (equal
    // area) → 1.5 each → 1, 1, the tie to H1.  Result 5, 4, 1 = 10.
    const d = run(10, [h('H1', '3', 5), h('H2', '3', 5), h('H3', '4', 1)]);
    expect(placesOf(d.outcome)).toEqual({ H1: 5, H2: 4, H3: 1 });
    expect(d.outcome).toMatchObject({ allocated: 10, unallocated: 0 });
    expect(d.outcome.households[2]).toMatchObject({ firstRoundPlaces: 4, capped: true, failed: ['household-share-within-members'] });
    const r = d.reasons.find((x) => x.rule === 'household-share-within-members' && x.subject === 'H3')!;
    expect(r).toMatchObject({ holds: false, citation: { article: '三(三)' } });
    expect(r.message.zh).toContain('只有 1 名符合条件的成员');
  });
});

const householdsArb = fc.uniqueArray(
  fc.record({
    id: fc.stringMatching(/^[A-Z]{1,2}-\d{1,2}$/),
    expropriatedAreaMu: fc.integer({ min: 0, max: 3000 }).map((n) => (n / 100).toFixed(2)),
    eligibleMembers: fc.integer({ min: 0, max: 6 }),
  }),
  { selector: (x) => x.id, minLength: 1, maxLength: 15 },
);

describe('三(三) properties', () => {
  test.prop([fc.integer({ min: 0, max: 80 }), householdsArb])('allocations sum to quota − unallocated; no household gets more than its eligible members', (quota, households) => {
    const o = run(quota, households).outcome;
    expect(o.households.reduce((n, x) => n + x.places, 0)).toBe(quota - o.unallocated);
    expect(o.allocated + o.unallocated).toBe(quota);
    o.households.forEach((x, i) => expect(x.places).toBeLessThanOrEqual(households[i]!.eligibleMembers));
  });
  test.prop([fc.integer({ min: 0, max: 80 }), householdsArb.chain((hs) => fc.tuple(fc.constant(hs), fc.shuffledSubarray(hs, { minLength: hs.length, maxLength: hs.length })))])(
    'allocation is independent of the order households are listed in',
    (quota, [households, shuffled]) => {
      const a = placesOf(run(quota, households).outcome);
      const b = placesOf(run(quota, shuffled).outcome);
      expect(b).toEqual(a);
    },
  );
});
