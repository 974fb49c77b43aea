import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { canonicalJson, createEngine, MissingParameterError, NoRulesetInForceError, RulesetError, rulesetHash, type EligibilityInput, type ScreeningInput } from '../../src';
import { addMonthsIso, monthsBetween } from '../../src/engine/dates';
import { Dec, toDec } from '../../src/engine/decimal';
import shaoyang from '../../rulesets/cn.hunan.shaoyang/ruleset.2020-01-01.json';
import { runs } from '../property-runs';
import { engine, inputIssues, jurisdictionParameters } from '../helpers';

const shaoyangParameters = jurisdictionParameters('cn.hunan.shaoyang');

// Details of the engine's contract (shared/spec/API.md) that the broader contract tests leave
// open: the errors' exact wording where a caller reads it, how caller files merge with the bundled
// ones, the order of rulesets, and the date and decimal helpers' edge cases.

const roster: ScreeningInput = {
  noticeDate: '2012-08-20',
  historicalStandardMu: '0.3',
  enrollees: [{ id: 'E1', birthDate: '1970-01-01', collectiveMemberAtNotice: true, perCapitaAfterMu: '0.2', publicServiceStaff: false }],
};
const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
};

describe('no ruleset in force', () => {
  const known = 'Rulesets known: cn.hunan.shaoyang/2020-01-01: 2020-01-01 to open';
  it('a kind with a hint (screening: a roster predates its rules) adds it when the date came from the input', () => {
    const e = thrown(() => engine.screening(roster)) as NoRulesetInForceError;
    expect(e).toBeInstanceOf(NoRulesetInForceError);
    expect([e.jurisdiction, e.kind, e.date]).toEqual(['cn.hunan.shaoyang', 'screening', '2012-08-20']);
    expect(e.message).toBe(
      `No ruleset of cn.hunan.shaoyang for 'screening' is in force on 2012-08-20. ${known}. ` +
        'A roster of existing enrollees usually predates the rules it is screened under: pass asOf = the screening date (e.g. engine.screening(roster, { asOf: "2024-03-01" }))',
    );
  });
  it('… but not when the caller gave asOf, and never for a kind without a hint', () => {
    expect((thrown(() => engine.screening(roster, { asOf: '2019-12-31' })) as Error).message).toBe(`No ruleset of cn.hunan.shaoyang for 'screening' is in force on 2019-12-31. ${known}`);
    const household: EligibilityInput = {
      noticeDate: '2019-12-31',
      household: { originalCultivatedMu: '1', expropriatedCultivatedMu: '1', memberCount: 1 },
      applicants: [{ id: 'A', sex: 'male', birthDate: '1970-01-01', basis: 'member', collectiveMember: true, holdsContractRight: true }],
    };
    expect((thrown(() => engine.eligibility(household)) as Error).message).toBe(`No ruleset of cn.hunan.shaoyang for 'eligibility' is in force on 2019-12-31. ${known}`);
  });
  it('an engine without rulesets says no ruleset decides the kind', () => {
    expect(inputIssues(() => createEngine({ bundled: false }).evaluate({ kind: 'eligibility', input: {} } as never))).toContainEqual({ path: 'jurisdiction', message: "required: no default jurisdiction is declared for 'eligibility' (decided by no ruleset)" });
  });
});

describe('a parameter without a value on the date', () => {
  it('names the parameter, the date and the windows that do have values (an open end as "open")', () => {
    const file = structuredClone(shaoyangParameters) as { parameters: Record<string, { values: Array<{ from: string; to: string | null }> }> };
    const series = file.parameters['cn.hunan.shaoyang.min-age']!;
    series.values = [
      { ...series.values[0]!, from: '2021-01-01', to: '2021-12-31' },
      { ...series.values[0]!, from: '2022-01-01', to: null },
    ];
    // A current ruleset that reads it does not load at all (issue 16) …
    expect(() => createEngine({ parameters: [file] })).toThrow('the ruleset reads cn.hunan.shaoyang.min-age, which has no value on 2020-01-01, inside its window (2020-01-01 to open)');
    // … so the error is met only through an archived version kept for replay.
    const archived = createEngine({ bundled: false, parameters: [file], archive: [shaoyang] });
    const e = thrown(() =>
      archived.evaluateUnder(rulesetHash(shaoyang as Record<string, unknown>), {
        kind: 'eligibility',
        jurisdiction: 'cn.hunan.shaoyang',
        input: {
          noticeDate: '2020-06-01',
          household: { originalCultivatedMu: '1', expropriatedCultivatedMu: '1', memberCount: 1 },
          applicants: [{ id: 'A', sex: 'male', birthDate: '1970-01-01', basis: 'member', collectiveMember: true, holdsContractRight: true }],
        },
      }),
    ) as MissingParameterError;
    expect(e).toBeInstanceOf(MissingParameterError);
    expect(e.message).toBe('Parameter cn.hunan.shaoyang.min-age has no value on 2020-06-01 (values exist for 2021-01-01..2021-12-31, 2022-01-01..open)');
  });
});

describe('caller files and the bundled ones', () => {
  it('a caller ruleset that is not an object or has no string id is added (and refused as a ruleset), not matched to a bundled one', () => {
    for (const bad of [null, 7, { ...structuredClone(shaoyang), id: 42 }]) {
      const e = thrown(() => createEngine({ rulesets: [bad] }));
      expect(e).toBeInstanceOf(RulesetError);
    }
  });
  it('rulesets() lists by jurisdiction, then by start date, whatever order the files came in', () => {
    const at = (from: string, to: string | null) => ({ ...structuredClone(shaoyang), id: `cn.hunan.shaoyang/${from}`, effectiveFrom: from, effectiveTo: to });
    const e = createEngine({ rulesets: [at('2030-01-01', null), at('2025-01-01', '2029-12-31'), { ...structuredClone(shaoyang), effectiveTo: '2024-12-31' }] });
    expect(e.rulesets().map((r) => `${r.jurisdiction} ${r.effectiveFrom}`)).toEqual([
      'cn.hunan.shaoyang 2020-01-01',
      'cn.hunan.shaoyang 2025-01-01',
      'cn.hunan.shaoyang 2030-01-01',
      'cn.shanghai.baoshan.gucun 2022-04-01',
      'cn.zhejiang.taizhou 2019-08-09',
    ]);
  });
  it('an archive: an empty one is fine; a file identical to a current ruleset is not archived; a bad one is a RulesetError at archive[i]', () => {
    // A caller's archive adds to the bundled one (rulesets/*/archive/).
    const bundledArchive = createEngine().archivedRulesets();
    expect(createEngine({ archive: [] }).archivedRulesets()).toEqual(bundledArchive);
    expect(createEngine({ archive: [structuredClone(shaoyang)] }).archivedRulesets()).toEqual(bundledArchive);
    const older = { ...structuredClone(shaoyang), version: '0.9.0', effectiveTo: '2021-12-31' };
    expect(createEngine({ archive: [older] }).archivedRulesets().filter((r) => !bundledArchive.some((b) => b.hash === r.hash)).map((r) => r.version)).toEqual(['0.9.0']);
    const e = thrown(() => createEngine({ archive: [older, { id: 'x' }] })) as RulesetError;
    expect(e).toBeInstanceOf(RulesetError);
    expect(e.issues.length).toBeGreaterThan(0);
    expect(e.issues.every((i) => String(i.path[0]).startsWith(`archive[${bundledArchive.length + 1}]`))).toBe(true);
  });
});

describe('canonical JSON', () => {
  it('refuses a value JSON cannot write', () => {
    expect(() => canonicalJson(undefined)).toThrow(new TypeError('value cannot be written as JSON'));
  });
});

describe('decimals: negative zero, and what the errors show', () => {
  it('-0 reads as a decimal and keeps its sign, whichever of 0 and -0 was read first (the parse cache keys them apart)', () => {
    expect(toDec(0).isNegative()).toBe(false);
    expect(toDec(-0).isNegative()).toBe(true);
    expect(toDec(0).isNegative()).toBe(false);
    expect(toDec(-0).eq(0)).toBe(true);
  });
  it('a string is shown quoted, up to 40 characters; other values as themselves', () => {
    const forty = 'x'.repeat(40);
    expect(() => toDec(forty)).toThrow(new TypeError(`expected a decimal, got "${forty}"`));
    expect(() => toDec(forty + 'y')).toThrow(new TypeError(`expected a decimal, got "${forty}…"`));
    expect(() => toDec(Number.NaN)).toThrow(new TypeError('expected a decimal, got NaN'));
    expect(() => toDec(true)).toThrow(new TypeError('expected a decimal, got true'));
    expect(toDec(new Dec('1.5')).toFixed()).toBe('1.5');
  });
});

describe('monthsBetween is the largest n with addMonthsIso(from, n) ≤ to (down), the smallest with ≥ to (up)', () => {
  const day = fc.integer({ min: 0, max: 365 * 40 }).map((n) => new Date(Date.UTC(1990, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  test.prop([day, day], { numRuns: runs(300) })('against counting month by month', (a, b) => {
    const [from, to] = a <= b ? [a, b] : [b, a];
    let down = 0;
    while (addMonthsIso(from, down + 1) <= to) down++;
    expect(monthsBetween(from, to, 'down')).toBe(to === from ? 0 : down);
    expect(monthsBetween(from, to, 'up')).toBe(to === from ? 0 : addMonthsIso(from, down) < to ? down + 1 : down);
  });
});
