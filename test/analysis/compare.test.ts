import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { compare, createEngine, diffJson, type EligibilityInput } from '../../src';
import village from '../../rulesets/cn.hunan.shaoyang/samples/village-eligibility.json';
import { engine } from '../helpers';

// What-if (issue 7). Shaoyang 二(一): per-capita cultivated land after expropriation must be
// UNDER cn.hunan.shaoyang.max-per-capita-mu (0.3). Raising the bound can only let more
// households pass that one condition; every other condition is unchanged.

const MAX = 'cn.hunan.shaoyang.max-per-capita-mu';
type Applicant = EligibilityInput['applicants'][number];
const member = (id: string, over: Partial<Applicant> = {}): Applicant => ({ id, sex: 'male', birthDate: '1970-01-01', basis: 'member', collectiveMember: true, holdsContractRight: true, ...over });

describe('compare: raising 二(一) max-per-capita-mu', () => {
  it('a household keeping 1.4 mu for 4 people (0.35 mu each) gains eligibility at 0.4, not at 0.3', () => {
    // (3.0 − 1.6) / 4 = 0.35; 0.35 < 0.3 is false; 0.35 < 0.4 is true.
    const h: EligibilityInput = { noticeDate: '2023-05-10', household: { originalCultivatedMu: '3.0', expropriatedCultivatedMu: '1.6', memberCount: 4 }, applicants: [member('A'), member('B', { birthDate: '2010-01-01' })] };
    const cmp = compare({}, { parameters: { [MAX]: '0.4' } }, [h], { kind: 'eligibility', engine });
    expect(cmp.items[0]!.gained).toEqual(['A']); // B is 13: still fails age-16
    expect(cmp.items[0]!.lost).toEqual([]);
    expect(cmp.items[0]!.diffs).toContainEqual({ path: 'applicants[0].eligible', baseline: false, reform: true });
    expect(cmp.items[0]!.diffs).toContainEqual({ path: 'applicants[0].failed[0]', baseline: 'per-capita-under-0.3', reform: undefined });
    expect(cmp.totals.eligible).toEqual({ baseline: 0, reform: 1, gained: 1, lost: 0 });
    expect(cmp.totals.changed).toBe(1);
  });

  it('at exactly the new bound the household still fails (strict "不足")', () => {
    // (3.0 − 1.4) / 4 = 0.4, not under 0.4.
    const h: EligibilityInput = { noticeDate: '2023-05-10', household: { originalCultivatedMu: '3.0', expropriatedCultivatedMu: '1.4', memberCount: 4 }, applicants: [member('A')] };
    const cmp = compare({}, { parameters: { [MAX]: '0.4' } }, [h], { kind: 'eligibility', engine });
    expect(cmp.totals.changed).toBe(0);
    expect(cmp.items[0]!.changed).toBe(false);
  });

  it('on the sample village (檀江村) 0.5 mu lets some people in and nobody out', () => {
    const inputs = village.households.map((h) => h.input);
    const cmp = compare({ label: '0.3 mu' }, { label: '0.5 mu', parameters: { [MAX]: '0.5' } }, inputs, { kind: 'eligibility', engine, keep: 'changed' });
    expect(cmp.labels).toEqual({ baseline: '0.3 mu', reform: '0.5 mu' });
    expect(cmp.totals.eligible.lost).toBe(0);
    expect(cmp.totals.eligible.gained).toBeGreaterThan(0);
    expect(cmp.items.every((i) => i.changed)).toBe(true);
  });

  const applicantArb = fc.record({
    sex: fc.constantFrom('male' as const, 'female' as const),
    birthYear: fc.integer({ min: 1930, max: 2015 }),
    basis: fc.constantFrom('member' as const, 'student' as const, 'conscript' as const, 'parent-member' as const, 'democratic-decision' as const),
    collectiveMember: fc.boolean(),
    holdsContractRight: fc.boolean(),
    flag: fc.boolean(),
    flag2: fc.boolean(),
  });
  const householdArb = fc
    .record({
      originalTenths: fc.integer({ min: 0, max: 80 }),
      takenShare: fc.double({ min: 0, max: 1, noNaN: true }),
      members: fc.integer({ min: 1, max: 8 }),
      applicants: fc.array(applicantArb, { minLength: 1, maxLength: 8 }),
      noticeYear: fc.integer({ min: 2020, max: 2025 }),
    })
    .map(({ originalTenths, takenShare, members, applicants, noticeYear }): EligibilityInput => ({
      noticeDate: `${noticeYear}-06-30`,
      household: { originalCultivatedMu: (originalTenths / 10).toFixed(1), expropriatedCultivatedMu: (Math.floor(originalTenths * takenShare) / 10).toFixed(1), memberCount: Math.max(members, applicants.length) },
      applicants: applicants.map((a, i) => ({
        id: `P${i}`,
        sex: a.sex,
        birthDate: `${a.birthYear}-03-15`,
        basis: a.basis,
        collectiveMember: a.collectiveMember,
        holdsContractRight: a.holdsContractRight,
        ...(a.basis === 'student' || a.basis === 'conscript' ? { qualifiedBeforeLeaving: a.flag } : {}),
        ...(a.basis === 'parent-member' ? { parentIsMember: a.flag } : {}),
        ...(a.basis === 'democratic-decision' ? { democraticDecision: { approved: a.flag, noticeWithoutObjection: a.flag2 } } : {}),
      })),
    }));

  fcTest.prop([fc.array(householdArb, { minLength: 1, maxLength: 20 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 30 })], { numRuns: 150 })(
    'property: raising the bound never makes anyone ineligible, and whoever gains failed only the land condition',
    (hs, lowHundredths, raiseHundredths) => {
      const low = (lowHundredths / 100).toFixed(2);
      const high = ((lowHundredths + raiseHundredths) / 100).toFixed(2);
      const cmp = compare({ parameters: { [MAX]: low } }, { parameters: { [MAX]: high } }, hs, { kind: 'eligibility', engine });
      expect(cmp.totals.errors).toEqual({ baseline: 0, reform: 0 });
      expect(cmp.totals.eligible.lost).toBe(0);
      expect(cmp.totals.eligible.reform - cmp.totals.eligible.baseline).toBe(cmp.totals.eligible.gained);
      for (const item of cmp.items) {
        if (!('decision' in item.baseline)) throw new Error('unexpected error');
        for (const id of item.gained) {
          expect(item.baseline.decision.outcome.applicants.find((a) => a.id === id)!.failed).toEqual(['per-capita-under-0.3']);
        }
      }
    },
  );

  it('some people do gain: a generated population has gainers between 0.3 and 0.5', () => {
    const hs = fc.sample(householdArb, { numRuns: 300, seed: 42 });
    const cmp = compare({}, { parameters: { [MAX]: '0.5' } }, hs, { kind: 'eligibility', engine, keep: 'none' });
    expect(cmp.items).toEqual([]);
    expect(cmp.totals.items).toBe(300);
    expect(cmp.totals.eligible.gained).toBeGreaterThan(0);
    expect(cmp.totals.eligible.lost).toBe(0);
  });
});

describe('compare: mechanics', () => {
  const h: EligibilityInput = { noticeDate: '2023-05-10', household: { originalCultivatedMu: '2.4', expropriatedCultivatedMu: '1.8', memberCount: 4 }, applicants: [member('A')] };

  it('a reform may be a replacement engine (other parameter file)', () => {
    const strict = createEngine({
      parameters: [{ jurisdiction: 'cn.hunan.shaoyang', parameters: { [MAX]: { description: { zh: '测', en: 't' }, unit: 'mu', values: [{ value: '0.1', from: '2020-01-01', to: null, source: 'what-if', verified: false }] } } }],
    });
    // 0.15 mu each: under 0.3, not under 0.1.
    const cmp = compare({}, { engine: strict }, [h], { kind: 'eligibility', engine });
    expect(cmp.items[0]!.lost).toEqual(['A']);
    expect(cmp.totals.eligible).toEqual({ baseline: 1, reform: 0, gained: 0, lost: 1 });
  });

  it('reports errors per item on each side, and a change of error as a diff', () => {
    const cmp = compare({}, { parameters: { [MAX]: 'lots' } }, [h], { kind: 'eligibility', engine });
    expect(cmp.totals.errors).toEqual({ baseline: 0, reform: 1 });
    expect(cmp.items[0]!.diffs).toEqual([{ path: 'error', baseline: null, reform: 'INVALID_INPUT' }]);
  });

  it('accepts an async iterable and returns a promise', async () => {
    async function* gen() {
      yield h;
    }
    const cmp = await compare({}, {}, gen(), { kind: 'eligibility', engine });
    expect(cmp.totals).toMatchObject({ items: 1, changed: 0 });
  });

  it('sums outcome.totals.byPayer exactly, before and after (payout-shaped outcomes)', () => {
    // A stand-in engine whose outcome has the public payout shape: the lump-sum premium is
    // base × 24% × 12 months × years, paid by the district; a signing fee of 3000.00 by the unit.
    const stub = {
      evaluate: (req: { input: unknown; parameters?: Record<string, string | number> }) => {
        const years = (req.input as { years: number }).years;
        const base = Number(req.parameters?.base ?? 6000);
        const premium = ((base * 24 * 12 * years) / 100).toFixed(2); // test arithmetic on integers only
        return {
          kind: 'eligibility',
          outcome: { stage: 'employment', items: [], totals: { amount: (Number(premium) + 3000).toFixed(2), byPayer: { district: premium, 'acquiring-unit': '3000.00' } } },
        };
      },
    } as unknown as typeof engine;
    // base 6000: 6000 × 0.24 × 12 = 17280 per year; 12 years → 207360.00; 15 years → 259200.00
    // base 7000: 7000 × 0.24 × 12 = 20160 per year; 12 → 241920.00; 15 → 302400.00
    // district before 466560.00, after 544320.00, delta 77760.00 (= 1000 × 0.24 × 12 × 27)
    const cmp = compare({}, { parameters: { base: 7000 } }, [{ years: 12 }, { years: 15 }], { kind: 'eligibility', engine: stub });
    expect(cmp.totals.byPayer).toEqual({
      'acquiring-unit': { baseline: '6000.00', reform: '6000.00', delta: '0.00' },
      district: { baseline: '466560.00', reform: '544320.00', delta: '77760.00' },
    });
    expect(cmp.totals.amount).toEqual({ baseline: '472560.00', reform: '550320.00', delta: '77760.00' });
  });

  it('diffJson walks objects by key and arrays by position', () => {
    expect(diffJson({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3, 4] })).toEqual([
      { path: 'b[1]', baseline: 2, reform: 3 },
      { path: 'b[2]', baseline: undefined, reform: 4 },
    ]);
    expect(diffJson('x', 'y')).toEqual([{ path: '$', baseline: 'x', reform: 'y' }]);
    expect(diffJson({ a: { b: null } }, { a: { b: null } })).toEqual([]);
  });
});
