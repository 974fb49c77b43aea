import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compare, evaluateBatch, isBatchSuccess, payoutItemRows, totalsByPayer, totalsByStage, type PayoutInput } from '../../src';
import { Dec, toMoney } from '../../src/engine/decimal';
import { engine } from '../helpers';

// Issue 7 acceptance: a what-if on the Shanghai contribution base changes the Gucun bill
// (宝顾府〔2022〕13号) by an amount worked out BY HAND from the document's formulas, and the
// summary rows add up on the engine's real Gucun decisions (rulesets/…/samples/expropriation-40.json).

interface Expropriation {
  expropriationDate: string;
  people: Array<{ name: string; person: PayoutInput['person'] }>;
}
const ex = JSON.parse(readFileSync(new URL('../../rulesets/cn.shanghai.baoshan.gucun/samples/expropriation-40.json', import.meta.url), 'utf8')) as Expropriation;
const inputs: PayoutInput[] = ex.people.map((p) => ({ expropriationDate: ex.expropriationDate, person: p.person }));
const ids = ex.people.map((p) => p.person.id);

// The rates are pinned by overrides so that the arithmetic does not depend on the (unverified)
// city series; the baseline base is pinned too (7384 is the 2024-07-01 row, in force on the
// expropriation date 2024-09-20). The reform raises the base by 100 yuan.
const PINNED = { 'cn.shanghai.pension-rate': '0.24', 'cn.shanghai.medical-rate': '0.10', 'cn.shanghai.contribution-base': '7384' };
const REFORM = { 'cn.shanghai.contribution-base': '7484' };

/*
 * BY HAND. A premium for N years is N × 12 × base × (pension + medical rate) (三(一)), so with
 * Δbase = 100 one premium-year changes by 12 × 100 × (0.24 + 0.10) = 408.00 yuan. With an integer
 * base and these rates every amount is exact to the fen, so no rounding enters the deltas.
 * Items that do not read the base (五 living subsidies, 七 fees, 四(一) refund) do not change. The
 * 四(三) standard does (ruling 2026-12-01): it is standard(2017) + C(Y) − C(2017), C(Y) = 12 years of
 * premiums − 15 years of medical premiums on year Y's base, so ΔC = 4896 − 180 × 100 × 0.10 = 3096.
 *
 * Per person (ages on 2024-09-20; stage 一; items as in docs/jurisdictions/cn.shanghai.baoshan.gucun.md):
 *
 *  group                                          people                               Δ acquiring unit       Δ district / town
 *  A employment, 12 years (三(一)) + 六 3 years   GC-01…10, 13, 14 (12 people)         12 × 408 = 4896        3 × 408 / 2 = 612 each
 *  B employment, 12 + 3 extra years, no 六        GC-11, 12 (fully unable to work),    15 × 408 = 6120        0 (六 is not paid with
 *    (ruling 2026-12-01)                                                                                       the 3 extra years)
 *                                                  GC-15…20, 22 (men 55+, women 50+)
 *                                                  (9 people)
 *  C pension stage, resident pension, electing     GC-25…29 (5 people)                  12 × 408 = 4896        3 × 408 / 2 = 612 each
 *    employee insurance (四(一)): 12 years by the                                                              (the account balance, at
 *    unit; 3 individual years paid first from the                                                              most 31000.00, is below the
 *    account balance, the rest district ½ / town                                                               3-year premium ≈ 90380, so
 *                                                                                                             the whole Δ falls on the rest)
 *  D pension stage, resident pension, not electing GC-21, 30…34 (6 people)              medical 180 × 100 × 0.10 = 1800   0
 *    (四(二)): 15-year medical premium + (12-year                                        + compensation 4896 − 1800 = 3096
 *    premium − 15-year medical premium)                                                  = 4896
 *  E 四(三): employee pension (GC-23, 24, 35, 36),  (6 people)                          ΔC = 3096              0
 *    old-worker allowance (GC-37, 38)
 *  F no base-dependent item: pension stage         GC-39, 40 (2 people)                 0                      0
 *    without pension (no 四 item), under 16
 *
 *  12 + 9 + 5 + 6 + 6 + 2 = 40 people.
 *  Premium-years borne by the acquiring unit: A 12 × 12 + B 9 × 15 + C 5 × 12 + D 6 × 12
 *    = 144 + 135 + 60 + 72 = 411 → 411 × 408 = 167,688.00; plus E 6 × 3096 = 18,576.00 → Δ 186,264.00
 *  Premium-years shared by district and town (½ each): 六 (A only) 12 × 3 + 四(一) C 5 × 3 = 51
 *    → Δ each = 51 / 2 × 408 = 10,404.00
 *  individual account: Δ 0.00 (it pays its balance either way).
 *  Total Δ = 186,264.00 + 2 × 10,404.00 = 207,072.00.
 */
const GROUPS: Record<string, string[]> = {
  A: ['GC-01', 'GC-02', 'GC-03', 'GC-04', 'GC-05', 'GC-06', 'GC-07', 'GC-08', 'GC-09', 'GC-10', 'GC-13', 'GC-14'],
  B: ['GC-11', 'GC-12', 'GC-15', 'GC-16', 'GC-17', 'GC-18', 'GC-19', 'GC-20', 'GC-22'],
  C: ['GC-25', 'GC-26', 'GC-27', 'GC-28', 'GC-29'],
  D: ['GC-21', 'GC-30', 'GC-31', 'GC-32', 'GC-33', 'GC-34'],
  E: ['GC-23', 'GC-24', 'GC-35', 'GC-36', 'GC-37', 'GC-38'],
  F: ['GC-39', 'GC-40'],
};
/** Hand-derived Δ by payer per person of each group (see the table above). */
const PERSON_DELTA: Record<string, Record<string, string>> = {
  A: { 'acquiring-unit': '4896.00', district: '612.00', town: '612.00' },
  B: { 'acquiring-unit': '6120.00' },
  C: { 'acquiring-unit': '4896.00', district: '612.00', town: '612.00', 'individual-account': '0.00' },
  D: { 'acquiring-unit': '4896.00' },
  E: { 'acquiring-unit': '3096.00' },
  F: {},
};

describe('issue 7 acceptance: what-if on cn.shanghai.contribution-base, Gucun payout (三(一), 四(一), 四(二), 六)', () => {
  const cmp = compare({ label: 'base 7384' }, { label: 'base 7484', parameters: REFORM }, inputs, { kind: 'payout', engine, parameters: PINNED });

  it('the groups of the hand count cover the 40 people exactly once', () => {
    const all = Object.values(GROUPS).flat();
    expect(all).toHaveLength(40);
    expect([...all].sort()).toEqual([...ids].sort());
  });

  it('Δ by payer: acquiring unit 411 × 408 + 6 × 3096, district and town 25.5 × 408 each', () => {
    expect(cmp.totals.errors).toEqual({ baseline: 0, reform: 0 });
    const delta = Object.fromEntries(Object.entries(cmp.totals.byPayer).map(([p, c]) => [p, c.delta]));
    expect(delta).toEqual({ 'acquiring-unit': '186264.00', district: '10404.00', town: '10404.00', 'individual-account': '0.00' });
    expect(cmp.totals.amount.delta).toBe('207072.00');
    // 40 − 2 people of group F change
    expect(cmp.totals.changed).toBe(38);
  });

  it('Δ per person by payer, as in the hand table', () => {
    for (const [group, members] of Object.entries(GROUPS)) {
      for (const id of members) {
        const item = cmp.items[ids.indexOf(id)]!;
        if (!('decision' in item.baseline) || !('decision' in item.reform)) throw new Error(`${id} failed`);
        const before = item.baseline.decision.outcome.totals.byPayer;
        const after = item.reform.decision.outcome.totals.byPayer;
        const delta: Record<string, string> = {};
        for (const p of new Set([...Object.keys(before), ...Object.keys(after)])) {
          const d = new Dec(after[p] ?? 0).minus(before[p] ?? 0);
          if (!d.isZero() || PERSON_DELTA[group]![p] === '0.00') delta[p] = toMoney(d);
        }
        expect({ id, group, delta }).toEqual({ id, group, delta: PERSON_DELTA[group] });
      }
    }
  });

  it('四(二) split for GC-21: medical premium +1800.00 (180 × 100 × 0.10), compensation +3096.00 (4896 − 1800)', () => {
    const item = cmp.items[ids.indexOf('GC-21')]!;
    if (!('decision' in item.baseline) || !('decision' in item.reform)) throw new Error('GC-21 failed');
    const byId = (o: typeof item.baseline.decision.outcome) => Object.fromEntries(o.items.map((i) => [i.id, i.amount]));
    const before = byId(item.baseline.decision.outcome);
    const after = byId(item.reform.decision.outcome);
    // baseline by hand: medical 180 × 7384 × 0.10 = 132912.00; 12 years 144 × 7384 × 0.34 = 361520.64;
    // compensation 361520.64 − 132912.00 = 228608.64
    expect(before['medical-premium']).toBe('132912.00');
    expect(before['one-time-compensation-resident']).toBe('228608.64');
    expect(after['medical-premium']).toBe('134712.00');
    expect(after['one-time-compensation-resident']).toBe('231704.64');
  });

  it('四(一) GC-26: the district takes the rounded half of (premium − balance), the town the rest; both move by 612.00', () => {
    const item = cmp.items[ids.indexOf('GC-26')]!;
    if (!('decision' in item.baseline) || !('decision' in item.reform)) throw new Error('GC-26 failed');
    const funding = (o: typeof item.baseline.decision.outcome) => Object.fromEntries(o.items.find((i) => i.id === 'individual-premium')!.funding.map((f) => [f.payer, f.amount]));
    // 3-year premium 36 × 7384 × 0.34 = 90380.16; balance 12033.17 → rest 78346.99;
    // district ½ = 39173.495 → 39173.50 (half-up), town 78346.99 − 39173.50 = 39173.49.
    expect(funding(item.baseline.decision.outcome)).toEqual({ 'individual-account': '12033.17', district: '39173.50', town: '39173.49' });
    // reform: 36 × 7484 × 0.34 = 91604.16; rest 79570.99; district 39785.495 → 39785.50, town 39785.49.
    expect(funding(item.reform.decision.outcome)).toEqual({ 'individual-account': '12033.17', district: '39785.50', town: '39785.49' });
  });

  it('a reform equal to the baseline changes nothing (Δ 0.00 for every payer)', () => {
    const same = compare({}, { parameters: { 'cn.shanghai.contribution-base': '7384' } }, inputs, { kind: 'payout', engine, parameters: PINNED, keep: 'none' });
    expect(same.totals.changed).toBe(0);
    expect(Object.values(same.totals.byPayer).map((c) => c.delta)).toEqual(['0.00', '0.00', '0.00', '0.00']);
  });
});

describe('payoutItemRows, totalsByPayer, totalsByStage on the real Gucun decisions (bundled parameters)', () => {
  const results = [...evaluateBatch(engine, 'payout', inputs)];
  const decisions = results.filter(isBatchSuccess).map((r) => r.decision);

  it('all 40 people are decided', () => {
    expect(decisions).toHaveLength(40);
  });

  it('totalsByPayer = the Decimal sum of every outcome.totals.byPayer', () => {
    const sums = new Map<string, InstanceType<typeof Dec>>();
    for (const d of decisions) for (const [p, a] of Object.entries(d.outcome.totals.byPayer)) sums.set(p, (sums.get(p) ?? new Dec(0)).plus(a));
    const expected = Object.fromEntries([...sums].sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, s]) => [p, toMoney(s)]));
    expect(totalsByPayer(results)).toEqual(expected);
    expect(Object.keys(expected).sort()).toEqual(['acquiring-unit', 'district', 'individual-account', 'town']);
    // the same over the plain decisions (not batch results)
    expect(totalsByPayer(decisions)).toEqual(expected);
  });

  it('one row per item; each row’s payer columns add up to its amount; columns add up to the totals by payer', () => {
    const rows = payoutItemRows(results);
    expect(rows).toHaveLength(decisions.reduce((n, d) => n + d.outcome.items.length, 0));
    const columns = new Map<string, InstanceType<typeof Dec>>();
    for (const row of rows) {
      let sum = new Dec(0);
      for (const [k, v] of Object.entries(row)) {
        if (!k.startsWith('payer:')) continue;
        sum = sum.plus(v as string);
        columns.set(k.slice(6), (columns.get(k.slice(6)) ?? new Dec(0)).plus(v as string));
      }
      expect(toMoney(sum)).toBe(row.amount);
    }
    expect(Object.fromEntries([...columns].sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, s]) => [p, toMoney(s)]))).toEqual(totalsByPayer(results));
    // GC-40 (under 16, out of scope) has no rows; GC-01 has the five items of an employment-stage person
    expect(rows.filter((r) => r.index === 39)).toEqual([]);
    expect(rows.filter((r) => r.index === 0).map((r) => r.code)).toEqual(['lump-sum-premium', 'living-subsidy', 'guarantee-subsidy', 'signing-fee', 'cooperation-reward']);
  });

  it('totals by stage (一): men under 60 and women under 55 in the employment stage, the rest in the pension stage', () => {
    const byStage = totalsByStage(results);
    // employment: GC-01…20, 22, 23, 24, 40 = 24 people; pension: GC-21, 25…39 = 16 people
    expect(byStage.map((s) => [s.stage, s.people])).toEqual([
      ['employment', 24],
      ['pension', 16],
    ]);
    const total = byStage.reduce((s, r) => s.plus(r.amount as string), new Dec(0));
    expect(toMoney(total)).toBe(toMoney(decisions.reduce((s, d) => s.plus(d.outcome.totals.amount), new Dec(0))));
    for (const s of byStage) expect(toMoney(new Dec(s.atExpropriation as string).plus(s.deferred as string))).toBe(s.amount);
  });
});
