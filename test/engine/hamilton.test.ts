import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { hamilton, type HamiltonClaim } from '../../src';
import { Dec } from '../../src/engine/decimal';

// The largest-remainder mechanism behind 人地对应 (台政办函〔2019〕47号 三(三)), tested directly.

const places = (r: ReturnType<typeof hamilton>) => Object.fromEntries(r.shares.map((s) => [s.id, s.places]));

describe('hamilton: largest remainder with caps', () => {
  it('no remainder: 5 seats over 2 : 2 : 1 → 2, 2, 1 in one round', () => {
    const r = hamilton(5, [{ id: 'A', weight: '2', cap: 9 }, { id: 'B', weight: '2', cap: 9 }, { id: 'C', weight: '1', cap: 9 }]);
    expect(places(r)).toEqual({ A: 2, B: 2, C: 1 });
    expect(r.rounds).toHaveLength(1);
  });
  it('largest remainder: 4 seats over 1.5 : 1.5 : 2 → exact 1.2, 1.2, 1.6 → 1, 1, 2', () => {
    expect(places(hamilton(4, [{ id: 'A', weight: '1.5', cap: 9 }, { id: 'B', weight: '1.5', cap: 9 }, { id: 'C', weight: '2', cap: 9 }]))).toEqual({ A: 1, B: 1, C: 2 });
  });
  it('equal remainders: the larger weight wins (2 seats over 1 : 3 → 0.5, 1.5 → 0, 2)', () => {
    expect(places(hamilton(2, [{ id: 'A', weight: '1', cap: 9 }, { id: 'B', weight: '3', cap: 9 }]))).toEqual({ A: 0, B: 2 });
  });
  it('equal remainders and weights: the lower id wins, whatever the input order', () => {
    const claims: HamiltonClaim[] = [{ id: 'H-10', weight: '1', cap: 9 }, { id: 'H-02', weight: '1', cap: 9 }];
    expect(places(hamilton(3, claims))).toEqual({ 'H-02': 2, 'H-10': 1 });
    expect(places(hamilton(3, [...claims].reverse()))).toEqual({ 'H-02': 2, 'H-10': 1 });
  });
  it('the rounds list their participants in id order, whatever the input order', () => {
    const r = hamilton(10, [{ id: 'C', weight: '4', cap: 1 }, { id: 'B', weight: '3', cap: 5 }, { id: 'A', weight: '3', cap: 5 }]);
    expect(r.rounds.map((x) => x.participants)).toEqual([['A', 'B', 'C'], ['A', 'B']]);
    expect(r.shares.map((s) => s.id)).toEqual(['C', 'B', 'A']); // shares keep the input order
  });
  it('equal remainders and weights over three: the seats go by id, whatever the input order', () => {
    // 2 seats over 1 : 1 : 1 → 0.667 each, all floor to 0; the two remainder seats go to the lowest ids.
    for (const order of [['c', 'b', 'a'], ['b', 'c', 'a'], ['a', 'b', 'c']]) {
      expect(places(hamilton(2, order.map((id) => ({ id, weight: '1', cap: 9 }))))).toEqual({ a: 1, b: 1, c: 0 });
    }
  });
  it('a capped claimant’s surplus is re-apportioned by the same rule', () => {
    // Round 1: 10 over 3 : 3 : 4 → 3, 3, 4; C can take 1, surplus 3.
    // Round 2: 3 over A, B (3 : 3) → 1.5 each → 1, 1 and the tie to the lower id A.
    const r = hamilton(10, [{ id: 'A', weight: '3', cap: 5 }, { id: 'B', weight: '3', cap: 5 }, { id: 'C', weight: '4', cap: 1 }]);
    expect(places(r)).toEqual({ A: 5, B: 4, C: 1 });
    expect(r.rounds).toEqual([
      { seats: 10, participants: ['A', 'B', 'C'], surplus: 3 },
      { seats: 3, participants: ['A', 'B'], surplus: 0 },
    ]);
    expect(r.shares.find((s) => s.id === 'C')).toMatchObject({ firstRoundPlaces: 4, places: 1, capped: true });
  });
  it('what nobody can absorb is unallocated', () => {
    const r = hamilton(10, [{ id: 'A', weight: '5', cap: 2 }, { id: 'B', weight: '5', cap: 3 }]);
    expect(r).toMatchObject({ allocated: 5, unallocated: 5 });
  });
  it('no weight at all: everything unallocated, exact shares 0; zero weight gets nothing', () => {
    const none = hamilton(2, [{ id: 'A', weight: '0', cap: 4 }, { id: 'B', weight: '0', cap: 1 }]);
    expect(none).toMatchObject({ allocated: 0, unallocated: 2, rounds: [] });
    expect(none.shares.map((s) => s.exactShare.toString())).toEqual(['0', '0']);
    expect(places(hamilton(3, [{ id: 'A', weight: '0', cap: 4 }, { id: 'B', weight: '2', cap: 4 }]))).toEqual({ A: 0, B: 3 });
  });
  it('rejects bad arguments', () => {
    expect(() => hamilton(-1, [])).toThrow(RangeError);
    expect(() => hamilton(1, [{ id: 'A', weight: '1', cap: 1 }, { id: 'A', weight: '1', cap: 1 }])).toThrow("duplicate id 'A'");
    expect(() => hamilton(1.5, [])).toThrow('quota must be a whole number ≥ 0, got 1.5');
    for (const weight of ['-0.01', 'Infinity', '-Infinity']) {
      expect(() => hamilton(1, [{ id: 'A', weight: '1', cap: 1 }, { id: 'B', weight, cap: 1 }])).toThrow("weight of 'B' must be ≥ 0");
    }
    for (const cap of [-1, 1.5, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => hamilton(1, [{ id: 'A', weight: '1', cap }])).toThrow("cap of 'A' must be a whole number ≥ 0");
    }
    expect(hamilton(0, [{ id: 'A', weight: '0', cap: 0 }])).toMatchObject({ allocated: 0, unallocated: 0 });
  });
});

const claimsArb = fc
  .uniqueArray(
    fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), weight: fc.integer({ min: 0, max: 5000 }).map((n) => (n / 100).toFixed(2)), cap: fc.integer({ min: 0, max: 8 }) }),
    { selector: (c) => c.id, minLength: 1, maxLength: 12 },
  );

describe('hamilton properties', () => {
  test.prop([fc.integer({ min: 0, max: 60 }), claimsArb])('Σ places + unallocated = quota; places ≤ cap; unallocated only when every claimant with weight is full', (quota, claims) => {
    const r = hamilton(quota, claims);
    expect(r.shares.reduce((n, s) => n + s.places, 0)).toBe(quota - r.unallocated);
    expect(r.unallocated).toBeGreaterThanOrEqual(0);
    claims.forEach((c, i) => {
      expect(r.shares[i]!.places).toBeLessThanOrEqual(c.cap);
      if (new Dec(c.weight).isZero()) expect(r.shares[i]!.places).toBe(0);
      if (r.unallocated > 0 && new Dec(c.weight).gt(0)) expect(r.shares[i]!.places).toBe(c.cap);
    });
  });
  test.prop([fc.integer({ min: 0, max: 60 }), claimsArb.chain((c) => fc.tuple(fc.constant(c), fc.shuffledSubarray(c, { minLength: c.length, maxLength: c.length })))])(
    'the result does not depend on the order of the claims',
    (quota, [claims, shuffled]) => {
      const byId = (r: ReturnType<typeof hamilton>) => Object.fromEntries(r.shares.map((s) => [s.id, [s.places, s.firstRoundPlaces, s.capped]]));
      expect(byId(hamilton(quota, shuffled))).toEqual(byId(hamilton(quota, claims)));
    },
  );
  test.prop([fc.integer({ min: 0, max: 60 }), claimsArb])('without binding caps each share is the floor or the ceiling of the exact share', (quota, claims) => {
    const free = claims.map((c) => ({ ...c, cap: 1000 }));
    fc.pre(free.some((c) => Number(c.weight) > 0));
    const r = hamilton(quota, free);
    for (const s of r.shares) {
      expect(s.places).toBeGreaterThanOrEqual(s.exactShare.floor().toNumber());
      expect(s.places).toBeLessThanOrEqual(s.exactShare.ceil().toNumber());
    }
    expect(r.unallocated).toBe(0);
  });
});
