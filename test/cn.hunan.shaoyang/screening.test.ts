import { fc, test as fcTest } from '@fast-check/vitest';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCREENING_FLAGS, type ScreeningEnrollee, type ScreeningInput } from '../../src';
import { engine, inputIssues } from '../helpers';

// Shaoyang workflow, 一、“存量”被征地农民社会保障对象身份甄别, 一(一) 重点范围: people enrolled under
// the older standards are screened; each group of 一(一) is a flag that sends the person to review.
// The notices of existing enrollees predate the ruleset (assumed in force from 2020-01-01), so the
// screening is called with asOf = the screening date.

const ASOF = { asOf: '2024-03-01' };

const person = (over: Partial<ScreeningEnrollee> = {}): ScreeningEnrollee => ({
  id: 'E1',
  birthDate: '1970-01-01',
  collectiveMemberAtNotice: true,
  perCapitaAfterMu: '0.2',
  publicServiceStaff: false,
  ...over,
});

const roster = (enrollees: ScreeningEnrollee[], over: Partial<ScreeningInput> = {}): ScreeningInput => ({
  noticeDate: '2012-05-10',
  historicalStandardMu: '0.3',
  enrollees,
  ...over,
});

const screen = (e: ScreeningEnrollee, over: Partial<ScreeningInput> = {}) => engine.screening(roster([e], over), ASOF).outcome.enrollees[0]!;

describe('一(一) under-16-at-notice: under 16 on the compensation-and-resettlement notice date', () => {
  it('one day short (born 1996-05-11: still 15 on 2012-05-10) is flagged, and the reason says the age', () => {
    expect(screen(person({ birthDate: '1996-05-11' }))).toMatchObject({ status: 'needs-review', flags: ['under-16-at-notice'] });
    const d = engine.screening(roster([person({ birthDate: '1996-05-11' })]), ASOF);
    const r = d.reasons.find((x) => x.rule === 'under-16-at-notice')!;
    expect(r).toMatchObject({ holds: false, subject: 'E1', citation: { article: '一(一)' }, values: { age: 15, minAge: 16, noticeDate: '2012-05-10' } });
    expect(r.message.zh).toContain('仅满15周岁');
  });
});

describe('一(一) land-above-standard: per-capita land after expropriation above the standard then in force (strict)', () => {
  it('the message names the figures', () => {
    const d = engine.screening(roster([person({ perCapitaAfterMu: '0.45' })]), ASOF);
    expect(d.reasons.find((r) => r.rule === 'land-above-standard')!.message.zh).toContain('0.4500 亩，大于当时被征地农民社会保障对象原认定标准 0.3 亩');
  });
});

describe('一(一) lump-sum-after-2017: joined the enterprise pension by one-time back payment on or after 2017-01-01', () => {
  it('the cut-off is a parameter: overridden to 2018-01-01, a 2017-06-01 lump sum is clear', () => {
    const d = engine.screening(roster([person({ enterprisePension: { joinedOn: '2017-06-01', byLumpSum: true } })]), {
      ...ASOF,
      parameters: { 'cn.hunan.shaoyang.lump-sum-cutoff': '2018-01-01' },
    });
    expect(d.outcome.enrollees[0]!.flags).toEqual([]);
    expect(d.parameters.find((p) => p.id === 'cn.hunan.shaoyang.lump-sum-cutoff')).toMatchObject({ value: '2018-01-01', overridden: true });
  });
});

describe('一(一) excluded-by-rule: excluded by another law or city rule', () => {
  it('flags the person and names the reason and its basis', () => {
    const d = engine.screening(roster([person({ excludedByRule: { reason: '在押服刑人员', basis: '市人民政府规定' } })]), ASOF);
    expect(d.outcome.enrollees[0]!.flags).toEqual(['excluded-by-rule']);
    const r = d.reasons.find((x) => x.rule === 'excluded-by-rule')!;
    expect(r.message.zh).toContain('在押服刑人员（依据：市人民政府规定）');
  });
});

describe('一(一) every flag of one person, status and counts', () => {
  it('a person in every group has all six flags in rule order; the counts add up', () => {
    const all = person({
      id: 'X',
      birthDate: '2000-01-01',
      collectiveMemberAtNotice: false,
      perCapitaAfterMu: '1',
      publicServiceStaff: true,
      enterprisePension: { joinedOn: '2020-01-01', byLumpSum: true },
      excludedByRule: { reason: 'r' },
    });
    const d = engine.screening(roster([all, person({ id: 'Y' })]), ASOF);
    expect(d.outcome.enrollees[0]!.flags).toEqual([...SCREENING_FLAGS]);
    expect(d.outcome.counts).toEqual({
      total: 2,
      clear: 1,
      needsReview: 1,
      flags: Object.fromEntries(SCREENING_FLAGS.map((f) => [f, 1])),
    });
    // Every reason cites 一(一) and names its enrollee.
    expect(d.reasons.every((r) => r.citation.article === '一(一)' && (r.subject === 'X' || r.subject === 'Y'))).toBe(true);
    expect(d.reasons).toHaveLength(12);
  });
});

describe('the sample roster (rulesets/cn.hunan.shaoyang/samples/screening-roster.json)', () => {
  it('flags exactly the people the description names', () => {
    const f = JSON.parse(readFileSync(new URL('../../rulesets/cn.hunan.shaoyang/samples/screening-roster.json', import.meta.url), 'utf8')) as { asOf: string; input: ScreeningInput };
    const d = engine.screening(f.input, { asOf: f.asOf });
    const flags = Object.fromEntries(d.outcome.enrollees.map((e) => [e.id.split(' ')[0], e.flags]));
    expect(flags).toEqual({
      'TJ-C01': [],
      'TJ-C02': [], // regular contributions from 2015
      'TJ-C03': ['under-16-at-notice'], // born 1996-08-21: 15 on 2012-08-20
      'TJ-C04': [], // born 1996-08-20: 16 on the day
      'TJ-C05': ['land-above-standard'], // 0.62 > 0.5
      'TJ-C06': ['public-service-staff'], // 0.35 ≤ 0.5, 在编
      'TJ-C07': ['not-member-at-notice'],
      'TJ-C08': ['lump-sum-after-2017'], // lump sum on 2017-01-01
      'TJ-C09': [], // lump sum on 2016-12-31
      'TJ-C10': ['excluded-by-rule'],
      'TJ-C11': ['under-16-at-notice'], // born 1999-03-10: 15 on her own notice 2014-04-01
      'TJ-C12': ['not-member-at-notice', 'land-above-standard', 'lump-sum-after-2017'], // 0.45 > own standard 0.4
    });
    expect(d.outcome.enrollees[0]!.perCapitaAfterMu).toBe('0.225'); // (4.80 − 3.90) ÷ 4
  });
});

describe('a roster is one call (property: status needs-review iff at least one flag; counts add up)', () => {
  const notice = '2012-06-15';
  // Oracle written independently of the engine: full years on 2012-06-15.
  const ageOnNotice = (y: number, m: number, d: number) => 2012 - y - (m > 6 || (m === 6 && d > 15) ? 1 : 0);
  const enrolleeArb = fc.record({
    y: fc.integer({ min: 1930, max: 2011 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    member: fc.boolean(),
    perCapitaHundredths: fc.integer({ min: 0, max: 80 }),
    staff: fc.boolean(),
    pension: fc.option(fc.record({ year: fc.integer({ min: 2010, max: 2023 }), lump: fc.boolean() }), { nil: undefined }),
    excluded: fc.boolean(),
  });

  fcTest.prop([fc.array(enrolleeArb, { minLength: 1000, maxLength: 1000 })], { numRuns: 3 })('1,000 generated enrollees', (gen) => {
    const pad = (n: number) => String(n).padStart(2, '0');
    const enrollees: ScreeningEnrollee[] = gen.map((g, i) => ({
      id: `P${i}`,
      birthDate: `${g.y}-${pad(g.m)}-${pad(g.d)}`,
      collectiveMemberAtNotice: g.member,
      perCapitaAfterMu: (g.perCapitaHundredths / 100).toFixed(2),
      publicServiceStaff: g.staff,
      ...(g.pension ? { enterprisePension: { joinedOn: `${g.pension.year}-01-01`, byLumpSum: g.pension.lump } } : {}),
      ...(g.excluded ? { excludedByRule: { reason: 'test' } } : {}),
    }));
    const d = engine.screening({ noticeDate: notice, historicalStandardMu: '0.4', enrollees }, ASOF);
    const o = d.outcome;
    expect(o.enrollees).toHaveLength(1000);
    const tally: Record<string, number> = Object.fromEntries(SCREENING_FLAGS.map((f) => [f, 0]));
    o.enrollees.forEach((e, i) => {
      const g = gen[i]!;
      const expected = [
        ageOnNotice(g.y, g.m, g.d) < 16 && 'under-16-at-notice',
        !g.member && 'not-member-at-notice',
        g.perCapitaHundredths > 40 && 'land-above-standard',
        g.staff && 'public-service-staff',
        g.pension && g.pension.lump && g.pension.year >= 2017 && 'lump-sum-after-2017',
        g.excluded && 'excluded-by-rule',
      ].filter(Boolean);
      expect(e.flags).toEqual(expected);
      expect(e.status === 'needs-review').toBe(e.flags.length > 0);
      for (const f of e.flags) tally[f]!++;
    });
    expect(o.counts.flags).toEqual(tally);
    expect(o.counts.total).toBe(1000);
    expect(o.counts.clear + o.counts.needsReview).toBe(1000);
    expect(o.counts.needsReview).toBe(o.enrollees.filter((e) => e.flags.length > 0).length);
  });
});

describe('the decisive date (input.noticeDate) and the ruleset window', () => {
  it('a notice on or after 2020-01-01 needs no asOf', () => {
    const d = engine.screening(roster([person()], { noticeDate: '2020-01-01' }));
    expect(d).toMatchObject({ asOf: '2020-01-01', kind: 'screening', ruleset: { version: '1.2.1' } });
  });
});

describe('malformed rosters', () => {
  it('give one InputError listing every problem with its path', () => {
    const issues = inputIssues(() =>
      engine.evaluate({
        kind: 'screening',
        asOf: '2024-03-01',
        input: {
          noticeDate: '2012-13-01',
          enrollees: [
            { id: 'A', birthDate: '1970-02-30', collectiveMemberAtNotice: 'yes', publicServiceStaff: false },
            { id: 'A', birthDate: '1970-01-01', collectiveMemberAtNotice: true, publicServiceStaff: false, perCapitaAfterMu: 'x', enterprisePension: { joinedOn: '2017-01-01' } },
          ],
        },
      } as never),
    );
    expect(issues.map((i) => i.path)).toEqual([
      'input.noticeDate',
      'input.enrollees.0.birthDate',
      'input.enrollees.0.collectiveMemberAtNotice',
      'input.enrollees.1.perCapitaAfterMu',
      'input.enrollees.1.enterprisePension.byLumpSum',
    ]);
  });
});

describe('一(一) screening of a historical roster without asOf', () => {
  it('throws NoRulesetInForceError that says to pass the screening date as asOf', async () => {
    const { readFileSync } = await import('node:fs');
    const { NoRulesetInForceError } = await import('../../src');
    const { engine } = await import('../helpers');
    const roster = JSON.parse(readFileSync(new URL('../../rulesets/cn.hunan.shaoyang/samples/screening-roster.json', import.meta.url), 'utf8'));
    expect(() => engine.screening(roster.input)).toThrow(NoRulesetInForceError);
    expect(() => engine.screening(roster.input)).toThrow(/2012-08-20.*pass asOf = the screening date/s);
    expect(engine.screening(roster.input, { asOf: roster.asOf }).asOf).toBe(roster.asOf);
  });
});
