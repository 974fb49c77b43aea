/**
 * One engine, pluggable kinds (issue 17): a kind and a jurisdiction of the caller's own,
 * registered without touching src/, decided with their types flowing; a second jurisdiction for
 * an existing kind leaves the declared default in place.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { createEngine, createEngineCore, defineKind, InputError, RuleEvaluationError, RulesetError } from '../../src';

/** A synthetic kind: is a household's monthly income under the place's line? */
const incomeTest = defineKind({
  kind: 'income-test',
  contract: { scopes: ['household'], formulas: ['per-person'], rules: { 'under-line': 'household' } },
  schema: z.strictObject({ on: z.iso.date(), income: z.string().regex(/^\d+(\.\d+)?$/), members: z.number().int().min(1) }),
  decisiveDate: (input) => input.on,
  decide(ctx, input) {
    const perPerson = String(ctx.formula('per-person', input));
    const { failed } = ctx.scope('household', { ...input, perPerson });
    return { perPerson, passes: !failed.includes('under-line') };
  },
});

const jurisdiction = { id: 'xx.example', name: { zh: '示例', en: 'Example' }, defaultFor: ['income-test'] };
const parameters = {
  jurisdiction: 'xx.example',
  parameters: {
    'xx.example.income-line': {
      description: { zh: '人均月收入线', en: 'Monthly income line per person' },
      unit: 'yuan',
      values: [{ value: '1000', from: '2020-01-01', to: null, source: 'test', verified: true }],
    },
  },
};
const ruleset = {
  id: 'xx.example/2020-01-01',
  jurisdiction: 'xx.example',
  kinds: ['income-test'],
  version: '1.0.0',
  effectiveFrom: '2020-01-01',
  effectiveTo: null,
  source: { docNo: 'TEST-1', title: 'A test rule', issuedOn: '2020-01-01' },
  formulas: [{ id: 'per-person', kind: 'income-test', expr: { 'dec/': [{ var: 'income' }, { var: 'members' }] } }],
  rules: [
    {
      id: 'under-line',
      kind: 'income-test',
      scope: 'household',
      clause: '1',
      values: { perPerson: { var: 'perPerson' }, line: { param: 'xx.example.income-line' } },
      test: { 'dec<': [{ value: 'perPerson' }, { value: 'line' }] },
      message: { holds: { zh: '人均{perPerson}低于{line}', en: '{perPerson} per person is under {line}' }, fails: { zh: '人均{perPerson}不低于{line}', en: '{perPerson} per person is not under {line}' } },
    },
  ],
};

describe('a kind of the caller\'s own', () => {
  it('checks the parameters it needs before deciding (checkParameters), with the call\'s other problems', () => {
    // The line must be positive; the kind reads it by role, as the decision will (an override wins).
    const checked = defineKind({
      ...incomeTest,
      checkParameters: (read) => {
        const id = read.roleId('income-line');
        const v = id === undefined ? undefined : read.value(id);
        return id !== undefined && v !== undefined && !(Number(v) > 0) ? [{ code: 'invalid_value', path: ['parameters', id], message: `the income line must be positive (${read.overridden(id) ? 'overridden' : 'in force'}: ${String(v)})` }] : [];
      },
    });
    const core = createEngineCore({ kinds: { 'income-test': checked }, rulesets: [ruleset], parameters: [parameters], defaults: { 'income-test': 'xx.example' } });
    const input = { on: '2024-01-01', income: '2400', members: 3 };
    expect(core.evaluate({ kind: 'income-test', input }).outcome.passes).toBe(true);
    let error: unknown;
    try {
      core.evaluate({ kind: 'income-test', input, parameters: { 'xx.example.income-line': '0', 'xx.example.unknown': '1' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues.map((i) => [i.path.join('.'), i.code, i.message])).toEqual([
      ['parameters.xx.example.unknown', 'unknown_parameter', 'unknown parameter'],
      ['parameters.xx.example.income-line', 'invalid_value', 'the income line must be positive (overridden: 0)'],
    ]);
  });

  it('registers with the bundled ones and decides, its types flowing into evaluate and the typed helper', () => {
    const engine = createEngine({ kinds: { 'income-test': incomeTest }, rulesets: [ruleset], parameters: [parameters], jurisdictions: [jurisdiction] });
    expect(engine.kinds()).toContain('income-test');
    expect(engine.kinds()).toContain('eligibility');
    // 2,400 ÷ 3 = 800 < 1,000: passes; 3,300 ÷ 3 = 1,100: does not.
    const d = engine.evaluate({ kind: 'income-test', input: { on: '2024-01-01', income: '2400', members: 3 } });
    expect(d.jurisdiction).toBe('xx.example');
    expect(d.outcome).toEqual({ perPerson: '800', passes: true });
    expectTypeOf(d.outcome).toEqualTypeOf<{ perPerson: string; passes: boolean }>();
    expect(engine.incomeTest({ on: '2024-01-01', income: '3300', members: 3 }).outcome.passes).toBe(false);
    expect(d.reasons[0]).toMatchObject({ rule: 'under-line', holds: true, citation: { docNo: 'TEST-1', article: '1' } });
    expect(d.parameters.map((p) => [p.id, p.value])).toEqual([['xx.example.income-line', '1000']]);
    // The bundled kinds still answer.
    expect(engine.kinds()).toEqual(expect.arrayContaining(['payout', 'quota']));
  });

  it('runs on the core alone, with no bundled data at all', () => {
    const core = createEngineCore({ kinds: { 'income-test': incomeTest }, rulesets: [ruleset], parameters: [parameters], defaults: { 'income-test': 'xx.example' } });
    expect(core.kinds()).toEqual(['income-test']);
    expect(core.rulesets().map((r) => r.id)).toEqual(['xx.example/2020-01-01']);
    expect(() => core.evaluate({ kind: 'income-test', input: { on: '2019-12-31', income: '1', members: 1 } })).toThrow(/NO_RULESET_IN_FORCE|No ruleset|Rulesets known/);
    expect(core.evaluate({ kind: 'income-test', input: { on: '2020-01-01', income: '999', members: 1 } }).outcome.passes).toBe(true);
  });

  it('without a declared default the jurisdiction is required (never counted)', () => {
    const core = createEngineCore({ kinds: { 'income-test': incomeTest }, rulesets: [ruleset], parameters: [parameters] });
    try {
      core.evaluate({ kind: 'income-test', input: { on: '2024-01-01', income: '1', members: 1 } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).issues).toEqual([
        { code: 'jurisdiction_required', path: ['jurisdiction'], message: "required: no default jurisdiction is declared for 'income-test' (decided by xx.example)" },
      ]);
    }
    expect(core.evaluate({ kind: 'income-test', jurisdiction: 'xx.example', input: { on: '2024-01-01', income: '1', members: 1 } }).outcome.passes).toBe(true);
  });

  it('a ruleset that lacks what the kind reads does not load, naming it', () => {
    const renamed = structuredClone(ruleset);
    renamed.rules[0]!.id = 'below-line';
    expect(() => createEngineCore({ kinds: { 'income-test': incomeTest }, rulesets: [renamed], parameters: [parameters] })).toThrow(
      "kind income-test needs a rule 'under-line' (scope household): its code reads that rule's outcome",
    );
    const noFormula = structuredClone(ruleset);
    noFormula.formulas = [];
    expect(() => createEngineCore({ kinds: { 'income-test': incomeTest }, rulesets: [noFormula], parameters: [parameters] })).toThrow("kind income-test needs a formula 'per-person'");
  });

  it('a scope the kind does not declare is an error, not "no rules, so everything holds"', () => {
    const sloppy = defineKind({ ...incomeTest, decide: (ctx, input) => ctx.scope('houshold' as 'household', input).failed });
    const core = createEngineCore({ kinds: { 'income-test': sloppy }, rulesets: [ruleset], parameters: [parameters], defaults: { 'income-test': 'xx.example' } });
    expect(() => core.evaluate({ kind: 'income-test', input: { on: '2024-01-01', income: '1', members: 1 } })).toThrow(RuleEvaluationError);
    expect(() => core.evaluate({ kind: 'income-test', input: { on: '2024-01-01', income: '1', members: 1 } })).toThrow("'houshold' is not one of the scopes kind income-test declares (household)");
  });

  it('a default naming a jurisdiction that does not decide the kind does not load', () => {
    expect(() => createEngineCore({ kinds: { 'income-test': incomeTest }, rulesets: [ruleset], parameters: [parameters], defaults: { 'income-test': 'xx.other' } })).toThrow(RulesetError);
  });
});

describe('a second jurisdiction for an existing kind (eligibility)', () => {
  const second = {
    id: 'xx.second/2021-01-01',
    jurisdiction: 'xx.second',
    kinds: ['eligibility'],
    version: '1.0.0',
    effectiveFrom: '2021-01-01',
    effectiveTo: null,
    source: { docNo: 'TEST-2', title: 'Another place', issuedOn: null },
    formulas: [
      {
        id: 'per-capita-after-mu',
        kind: 'eligibility',
        expr: { 'dec/': [{ 'dec-': [{ var: 'household.originalCultivatedMu' }, { var: 'household.expropriatedCultivatedMu' }] }, { var: 'household.memberCount' }] },
      },
    ],
    rules: [
      {
        id: 'member',
        kind: 'eligibility',
        scope: 'applicant',
        clause: '1',
        test: { var: 'applicant.collectiveMember' },
        message: { holds: { zh: '成员', en: 'a member' }, fails: { zh: '非成员', en: 'not a member' } },
      },
    ],
  };
  const input = {
    noticeDate: '2023-05-10',
    household: { originalCultivatedMu: '2.4', expropriatedCultivatedMu: '1.8', memberCount: 4 },
    applicants: [{ id: 'A1', sex: 'female' as const, birthDate: '1980-03-02', basis: 'member' as const, collectiveMember: true, holdsContractRight: true }],
  };

  it('engine.eligibility(input) still answers for the declared default; the new place answers when named', () => {
    const engine = createEngine({ rulesets: [second] });
    expect(engine.defaultJurisdiction('eligibility')).toBe('cn.hunan.shaoyang');
    const d = engine.eligibility(input);
    expect(d.jurisdiction).toBe('cn.hunan.shaoyang');
    // (2.4 − 1.8) ÷ 4 = 0.15 mu per person, under 0.3; aged 43; a member.
    expect(d.outcome.applicants[0]!.eligible).toBe(true);
    const other = engine.eligibility(input, { jurisdiction: 'xx.second' });
    expect(other.jurisdiction).toBe('xx.second');
    expect(other.ruleset.id).toBe('xx.second/2021-01-01');
    expect(other.reasons.map((r) => r.rule)).toEqual(['member']);
  });
});
