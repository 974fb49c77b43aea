import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, createEngine, formatPath, InputError, NoRulesetInForceError, rulesetHash, type EligibilityInput } from '../../src';
import { jurisdictionChain } from '../../src/engine/jurisdiction';
import shaoyang from '../../rulesets/cn.hunan.shaoyang/ruleset.2020-01-01.json';
import { engine, inputIssues, jurisdictionParameters } from '../helpers';

const shaoyangParameters = jurisdictionParameters('cn.hunan.shaoyang');

// The engine's public contract (shared/spec/API.md): listing rulesets, finding one by hash,
// parameters by date, per-call overrides reported as such, the documented errors, and the
// jurisdiction chain that decides which parameters a ruleset may read.

const input: EligibilityInput = {
  noticeDate: '2023-05-10',
  household: { originalCultivatedMu: '2.4', expropriatedCultivatedMu: '1.8', memberCount: 4 }, // 0.6 / 4 = 0.15 mu
  applicants: [{ id: 'A1', sex: 'female', birthDate: '1980-03-02', basis: 'member', collectiveMember: true, holdsContractRight: true }],
};

describe('rulesets(), rulesetByHash(), kinds(), parameterSeries(), parameterOn()', () => {
  it('lists the bundled Shaoyang ruleset with its window, source and content hash', () => {
    expect(engine.rulesets().map((x) => x.jurisdiction)).toEqual(['cn.hunan.shaoyang', 'cn.shanghai.baoshan.gucun', 'cn.zhejiang.taizhou']);
    const r = engine.rulesets().find((x) => x.jurisdiction === 'cn.hunan.shaoyang');
    expect(r).toEqual({
      id: 'cn.hunan.shaoyang/2020-01-01',
      jurisdiction: 'cn.hunan.shaoyang',
      kinds: shaoyang.kinds,
      version: shaoyang.version,
      effectiveFrom: '2020-01-01',
      effectiveTo: null,
      sunset: null,
      source: { docNo: shaoyang.source.docNo, title: shaoyang.source.title, issuedOn: null },
      hash: rulesetHash(shaoyang),
    });
    expect(r!.hash).toMatch(/^[0-9a-f]{64}$/);
  });
  it('finds a ruleset by its hash, and nothing for another hash', () => {
    const [r] = engine.rulesets();
    expect(engine.rulesetByHash(r!.hash)).toEqual(r);
    expect(engine.rulesetByHash('0'.repeat(64))).toBeUndefined();
  });
  it('orders rulesets by jurisdiction, then by date', () => {
    const later = { ...structuredClone(shaoyang), id: 'cn.hunan.shaoyang/2030-01-01', effectiveFrom: '2030-01-01' };
    const first = { ...structuredClone(shaoyang), effectiveTo: '2029-12-31' };
    const e = createEngine({ rulesets: [later, first] });
    expect(e.rulesets().filter((x) => x.jurisdiction === 'cn.hunan.shaoyang').map((x) => [x.id, x.effectiveFrom, x.effectiveTo])).toEqual([
      ['cn.hunan.shaoyang/2020-01-01', '2020-01-01', '2029-12-31'],
      ['cn.hunan.shaoyang/2030-01-01', '2030-01-01', null],
    ]);
    // A decision takes the ruleset in force on its date; its ref names it.
    expect(e.eligibility({ ...input, noticeDate: '2029-12-31' }).ruleset.id).toBe('cn.hunan.shaoyang/2020-01-01');
    expect(e.eligibility({ ...input, noticeDate: '2030-01-01' }).ruleset).toMatchObject({ id: 'cn.hunan.shaoyang/2030-01-01', effectiveFrom: '2030-01-01', effectiveTo: null });
  });
  it('with two jurisdictions deciding a kind, the declared default still answers (never chosen by counting); rulesets are listed by jurisdiction', () => {
    // A sub-district (reads its parent's parameters) with its own copy of the rules, listed first in the options.
    const district = { ...structuredClone(shaoyang), id: 'cn.hunan.shaoyang.daxiang/2021-01-01', jurisdiction: 'cn.hunan.shaoyang.daxiang', effectiveFrom: '2021-01-01' };
    const e = createEngine({ rulesets: [district] });
    expect(e.rulesets().map((x) => x.jurisdiction).filter((j) => j.startsWith('cn.hunan'))).toEqual(['cn.hunan.shaoyang', 'cn.hunan.shaoyang.daxiang']);
    expect(e.defaultJurisdiction('eligibility')).toBe('cn.hunan.shaoyang');
    expect(e.eligibility(input).ruleset.id).toBe('cn.hunan.shaoyang/2020-01-01');
    expect(e.eligibility(input, { jurisdiction: 'cn.hunan.shaoyang.daxiang' }).ruleset.id).toBe('cn.hunan.shaoyang.daxiang/2021-01-01');
    expect(e.eligibility(input, { jurisdiction: 'cn.hunan.shaoyang' }).ruleset.id).toBe('cn.hunan.shaoyang/2020-01-01');
    // The district may read Shaoyang's parameters, and a per-call override of them.
    expect(e.eligibility(input, { jurisdiction: 'cn.hunan.shaoyang.daxiang', parameters: { 'cn.hunan.shaoyang.min-age': 50 } }).outcome.applicants[0]!.failed).toEqual(['age-16']);
  });
  it('an engine without the bundled files has no ruleset and decides nothing', () => {
    const e = createEngine({ bundled: false });
    expect(e.rulesets()).toEqual([]);
    expect(e.parameterSeries()).toEqual([]);
    expect(inputIssues(() => e.eligibility(input))).toEqual([{ path: 'jurisdiction', message: expect.stringContaining('no ruleset') }]);
  });
  it('kinds() names the kinds; each has a typed helper equal to evaluate and decide', () => {
    expect(engine.kinds()).toContain('eligibility');
    const a = engine.eligibility(input);
    expect(engine.evaluate({ kind: 'eligibility', input })).toEqual(a);
    expect(engine.decide('eligibility', input)).toEqual(a);
    // The notice date governs an eligibility decision: a different asOf is not used, and warned.
    const asked = engine.decide('eligibility', input, { jurisdiction: 'cn.hunan.shaoyang', asOf: '2024-01-01' });
    expect(asked.asOf).toBe('2023-05-10');
    expect(asked.warnings.map((w) => w.code)).toContain('AS_OF_IGNORED');
  });
  it('parameterSeries() lists Shaoyang’s figures; parameterOn() gives the value in force or nothing', () => {
    const ids = engine.parameterSeries().map((s) => s.id);
    expect(ids.filter((id) => id.startsWith('cn.hunan.shaoyang.')).sort()).toEqual(Object.keys(shaoyangParameters.parameters).sort());
    expect(ids).toEqual([...ids].sort());
    expect(engine.parameterOn('cn.hunan.shaoyang.min-age', '2020-01-01')).toMatchObject({ value: 16, from: '2020-01-01', to: null, verified: true });
    expect(engine.parameterOn('cn.hunan.shaoyang.min-age', '2019-12-31')).toBeUndefined();
    expect(engine.parameterOn('no.such.parameter', '2023-01-01')).toBeUndefined();
  });
});

describe('the decision record (API.md "Decision")', () => {
  const d = engine.eligibility(input);
  it('says kind, jurisdiction, asOf (the notice date by default) and the ruleset with its hash', () => {
    expect(d.kind).toBe('eligibility');
    expect(d.jurisdiction).toBe('cn.hunan.shaoyang');
    expect(d.asOf).toBe('2023-05-10');
    expect(d.ruleset).toEqual({ id: shaoyang.id, version: shaoyang.version, effectiveFrom: '2020-01-01', effectiveTo: null, hash: rulesetHash(shaoyang), source: { docNo: shaoyang.source.docNo, title: shaoyang.source.title, issuedOn: null } });
  });
  it('lists each parameter read once, in the order read, with its window and source', () => {
    // (the household check of the form's figure against the threshold, ruleset 1.2.0, reads max-per-capita-mu first)
    expect(d.parameters.map((p) => p.id)).toEqual(['cn.hunan.shaoyang.max-per-capita-mu', 'cn.hunan.shaoyang.min-age']);
    expect(d.parameters[1]).toEqual({
      id: 'cn.hunan.shaoyang.min-age', value: 16, effectiveFrom: '2020-01-01', effectiveTo: null, unit: 'year', source: expect.stringContaining('年满16周岁'), verified: true, overridden: false,
      evidence: 'official', sources: [expect.objectContaining({ quote: '年满16周岁（含）' })],
    });
  });
  it('is plain JSON: it survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    expect(contentHash(JSON.parse(canonicalJson(d)))).toBe(contentHash(d));
  });
});

describe('per-call overrides (API.md: used whatever the date, reported with overridden: true)', () => {
  it('an override replaces the figure, is reported as such and is not "verified"', () => {
    // 0.15 mu per person; with the threshold lowered to 0.15 ("under 0.15" is strict) A1 fails.
    const d = engine.eligibility(input, { parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': '0.15' } });
    expect(d.outcome.applicants[0]!.failed).toEqual(['per-capita-under-0.3']);
    expect(d.parameters.find((p) => p.id === 'cn.hunan.shaoyang.max-per-capita-mu')).toEqual({
      id: 'cn.hunan.shaoyang.max-per-capita-mu', value: '0.15', effectiveFrom: null, effectiveTo: null, unit: 'mu', source: 'override', verified: false, overridden: true, evidence: 'placeholder',
    });
    // An override is used whatever the date (a series read by a ruleset has a value on every day of its window).
    const other = engine.eligibility({ ...input, noticeDate: '2021-03-01' }, { parameters: { 'cn.hunan.shaoyang.min-age': 45 } });
    expect(other.outcome.applicants[0]!.failed).toEqual(['age-16']); // 40 on 2021-03-01 (born 1980-03-02), under 45
  });
  it('a numeric override of -0 is read as 0', () => {
    const d = engine.eligibility(input, { parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': -0 } });
    expect(Object.is(d.parameters.find((p) => p.overridden)!.value, 0)).toBe(true);
  });
  it('unknown, foreign, non-finite and non-decimal overrides are input errors at parameters.<id>', () => {
    expect(inputIssues(() => engine.eligibility(input, { parameters: { 'cn.hunan.shaoyang.nope': 1 } }))).toEqual([{ path: 'parameters.cn.hunan.shaoyang.nope', message: 'unknown parameter' }]);
    expect(inputIssues(() => engine.eligibility(input, { parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': 'abc' } }))).toEqual([
      { path: 'parameters.cn.hunan.shaoyang.max-per-capita-mu', message: 'expected a decimal such as "0.3"' },
    ]);
    const foreign = {
      jurisdiction: 'cn.zhejiang.taizhou',
      parameters: { 'cn.zhejiang.taizhou.x': { description: { zh: 'x', en: 'x' }, unit: 'mu', values: [{ value: '1', from: '2020-01-01', to: null, source: 's', verified: true }] } },
    };
    const e = createEngine({ parameters: [foreign] });
    expect(inputIssues(() => e.eligibility(input, { parameters: { 'cn.zhejiang.taizhou.x': '1' } }))).toEqual([
      { path: 'parameters.cn.zhejiang.taizhou.x', message: 'belongs to cn.zhejiang.taizhou, not to cn.hunan.shaoyang or its parents' },
    ]);
  });
});

describe('warnings (context)', () => {
  it('an unverified figure is warned about once per decision, naming the parameter, its value and source', () => {
    const file = {
      jurisdiction: 'cn.hunan.shaoyang',
      parameters: {
        'cn.hunan.shaoyang.min-age': { description: { zh: '年龄', en: 'age' }, unit: 'year', values: [{ value: 18, from: '2020-01-01', to: null, source: 'draft notice', verified: false }] },
      },
    };
    const e = createEngine({ parameters: [file] });
    const three = { ...input, applicants: ['A1', 'A2', 'A3'].map((id) => ({ ...input.applicants[0]!, id })) };
    const d = e.eligibility(three);
    const unverified = d.warnings.filter((w) => w.code === 'UNVERIFIED_PARAMETER');
    expect(unverified).toHaveLength(1);
    // (a value written without evidence that is not verified counts as a placeholder)
    expect(unverified[0]!.message.en).toBe('Parameter cn.hunan.shaoyang.min-age = 18 (from 2020-01-01) is not verified against its source, a PLACEHOLDER: draft notice');
    expect(unverified[0]).toMatchObject({ parameter: 'cn.hunan.shaoyang.min-age', evidence: 'placeholder' });
    expect(d.parameters.find((p) => p.id === 'cn.hunan.shaoyang.min-age')).toMatchObject({ value: 18, verified: false, overridden: false, source: 'draft notice' });
    // An override is the caller's own figure: reported as overridden, not warned about as unverified.
    expect(e.eligibility(three, { parameters: { 'cn.hunan.shaoyang.min-age': 18 } }).warnings.map((w) => w.code)).not.toContain('UNVERIFIED_PARAMETER');
  });
  it('the form-figure mismatch (附表1) is one warning carrying the computed figure; the outcome is unchanged', () => {
    const reporting = (r: string) => ({ ...input, household: { ...input.household, reportedPerCapitaAfterMu: r } }); // computed 0.15
    // Ruling 2026-12-01 (reported-figure-precision): rounded to the form's places AND strictly within half a unit.
    expect(engine.eligibility(reporting('0.2')).warnings.map((w) => w.code)).toContain('REPORTED_PER_CAPITA_MISMATCH'); // 0.15 → 0.2, but 0.05 is not < 0.05
    expect(engine.eligibility(reporting('0.15')).warnings.map((w) => w.code)).not.toContain('REPORTED_PER_CAPITA_MISMATCH');
    expect(engine.eligibility(reporting('0.150')).warnings.map((w) => w.code)).not.toContain('REPORTED_PER_CAPITA_MISMATCH');
    const d = engine.eligibility(reporting('0.14'));
    expect(d.warnings.filter((w) => w.code === 'REPORTED_PER_CAPITA_MISMATCH')).toEqual([{ code: 'REPORTED_PER_CAPITA_MISMATCH', message: expect.objectContaining({ en: expect.stringContaining('0.1500') }) }]);
    expect(d.outcome).toEqual(engine.eligibility(input).outcome);
    expect(d.reasons.find((r) => r.rule === 'reported-per-capita-agrees')).toMatchObject({ holds: false, effect: 'warning', values: { reported: '0.14', computed: '0.15' } });
  });
});

describe('documented errors', () => {
  it('InputError lists every problem at once with its path and a stable code', () => {
    let err: unknown;
    try {
      engine.evaluate({ kind: 'eligibility', jurisdiction: 'cn.hunan.shaoyang', input: { ...input, noticeDate: '2023-02-30', applicants: [] } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const e = err as InputError;
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.issues.map((i) => i.path.join('.')).sort()).toEqual(['input.applicants', 'input.noticeDate']);
    expect(e.message).toMatch(/^Invalid input \(2 problems\):\n {2}- input\.noticeDate: /);
  });
  it('an unknown kind names the kinds there are', () => {
    expect(inputIssues(() => engine.evaluate({ kind: 'nope', input } as never))).toEqual([{ path: 'kind', message: expect.stringMatching(/^unknown kind 'nope' \(one of .*eligibility/) }]);
  });
  it('NoRulesetInForceError names jurisdiction, kind and date (no silent fallback)', () => {
    try {
      engine.eligibility({ ...input, noticeDate: '2019-12-31' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NoRulesetInForceError);
      expect((e as NoRulesetInForceError).code).toBe('NO_RULESET_IN_FORCE');
      expect((e as Error).message).toContain('cn.hunan.shaoyang');
      expect((e as Error).message).toContain('eligibility');
      expect((e as Error).message).toContain('2019-12-31');
    }
  });
  it('formatPath writes indexes in brackets and the root as (root)', () => {
    expect(formatPath(['input', 'applicants', 0, 'birthDate'])).toBe('input.applicants[0].birthDate');
    expect(formatPath([])).toBe('(root)');
    expect(formatPath([3])).toBe('[3]');
  });
});

describe('jurisdiction chain: a jurisdiction and its ancestors, most specific first', () => {
  it('cn.shanghai.baoshan.gucun reads its own, Baoshan’s, Shanghai’s and national parameters', () => {
    expect(jurisdictionChain('cn.shanghai.baoshan.gucun')).toEqual(['cn.shanghai.baoshan.gucun', 'cn.shanghai.baoshan', 'cn.shanghai', 'cn']);
    expect(jurisdictionChain('cn')).toEqual(['cn']);
  });
});
