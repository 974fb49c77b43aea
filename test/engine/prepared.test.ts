import { describe, expect, it } from 'vitest';
import { createEngine, type PayoutInput } from '../../src';
import type { Issue } from '../../src/engine/errors';
import { addDaysIso } from '../../src/engine/dates';
import { compileLogic, type EvaluationScope } from '../../src/engine/logic/compile';
import type { ParameterRegistry } from '../../src/engine/parameters';
import { preparedEnvironment } from '../../src/engine/prepared';
import type { LoadedRuleset } from '../../src/engine/ruleset';

// Issue 21: decisions of one ruleset, date and override set share a prepared environment
// (parameter reads, folded premiums, messages). What a decision says must not depend on what was
// decided before it in the same engine, nor on a caller changing an earlier decision.

const person = (id: string, birthDate: string): PayoutInput => ({
  expropriationDate: '2024-09-20',
  person: { id, sex: 'male', birthDate, pensionStatus: 'none', cooperated: true },
});
const someone = person('P1', '1988-04-12'); // 36 on 2024-09-20: employment stage, 三(一) applies
// 三(一): 12 years × 12 months × base × (pension rate + medical rate), the figures pinned here.
const figures = { 'cn.shanghai.contribution-base': '7384', 'cn.shanghai.pension-rate': '0.24', 'cn.shanghai.medical-rate': '0.10' };

describe('prepared environments', () => {
  it('a decision is the same whatever the engine decided before (other dates, other overrides)', () => {
    const fresh = createEngine().payout(someone);
    const engine = createEngine();
    engine.payout({ ...person('P2', '1960-01-01'), expropriationDate: '2022-09-20' });
    engine.payout(someone, { parameters: figures });
    engine.payout(person('P3', '2001-02-03'));
    expect(engine.payout(someone)).toEqual(fresh);
    expect(JSON.stringify(engine.payout(someone))).toBe(JSON.stringify(fresh));
  });

  it('a folded premium follows the overrides of its own request: 12 × 12 × 7384 × (0.24 + 0.10) = 361,520.64', () => {
    const engine = createEngine();
    const premium = (d: ReturnType<typeof engine.payout>) => d.outcome.items.find((i) => i.id === 'lump-sum-premium-employment')!.amount;
    const registry = premium(engine.payout(someone));
    // 7384 × 0.34 = 2,510.56; × 144 = 361,520.64.
    expect(premium(engine.payout(someone, { parameters: figures }))).toBe('361520.64');
    expect(premium(engine.payout(person('P4', '1990-05-06'), { parameters: figures }))).toBe('361520.64');
    expect(premium(engine.payout(someone))).toBe(registry);
    // The overridden figures are recorded as overrides, each read once, in the order the items read them.
    const reads = engine.payout(someone, { parameters: figures }).parameters.filter((p) => p.overridden).map((p) => p.id);
    expect(reads).toEqual(['cn.shanghai.contribution-base', 'cn.shanghai.pension-rate', 'cn.shanghai.medical-rate']);
  });

  it('changing a decision changes no later one (reads, warnings and messages are copies)', () => {
    const engine = createEngine();
    const first = engine.payout(someone);
    const expected = JSON.stringify(engine.payout(someone));
    first.parameters[0]!.value = 'changed';
    first.warnings[0]!.code = 'CHANGED';
    first.reasons[0]!.message.zh = 'changed';
    first.outcome.items[0]!.label.zh = 'changed';
    expect(JSON.stringify(engine.payout(someone))).toBe(expected);
  });
});

describe('folding (compileLogic)', () => {
  const compile = (logic: unknown) => {
    const issues: Issue[] = [];
    const f = compileLogic(logic, [], issues, { checkParam: () => undefined });
    expect(issues).toEqual([]);
    return f;
  };
  const scope = () => {
    const folded: unknown[] = [];
    const s: EvaluationScope = { param: (id) => ({ years: 12, base: '7384' })[id], value: () => undefined, constant: (key, raw) => (folded.push(key), raw(undefined, s)) };
    return { s, folded };
  };

  it('offers an operator over parameters and literals to the scope as a constant: 12 × 12 × 7384 = 1,063,296', () => {
    const { s, folded } = scope();
    const premium = compile({ 'dec*': [{ param: 'years' }, 12, { param: 'base' }] });
    expect(String(premium({}, s))).toBe('1063296');
    expect(folded).toEqual([premium]);
  });

  it('does not when the expression reads the data, a rule value, or nothing but literals', () => {
    const { s, folded } = scope();
    expect(String(compile({ 'dec*': [{ var: 'months' }, { param: 'base' }] })({ months: 2 }, s))).toBe('14768'); // 2 × 7384
    expect(compile({ '*': [12, 2] })({}, s)).toBe(24);
    expect(compile({ param: 'years' })({}, s)).toBe(12);
    expect(folded).toEqual([]);
  });
});

describe('the bound of prepared environments (2,048 per parameter registry)', () => {
  // A synthetic registry and ruleset: only their identity keys the cache.
  const params = {} as unknown as ParameterRegistry;
  const ruleset = { file: { assumptions: [] } } as unknown as LoadedRuleset;
  const days = (n: number) => Array.from({ length: n }, (_, i) => addDaysIso('2022-04-01', i));
  it('every day of a five-year window (1,826 dates) keeps its environment through a second pass in the same order', () => {
    const dates = days(1826);
    const first = dates.map((d) => preparedEnvironment(params, ruleset, 'payout', d, new Map()));
    const second = dates.map((d) => preparedEnvironment(params, ruleset, 'payout', d, new Map()));
    expect(second.every((env, i) => env === first[i])).toBe(true);
  });
  it('past 2,048 it starts again empty (bounded memory), and then keeps the new ones', () => {
    const p = {} as unknown as ParameterRegistry;
    const dates = days(2049);
    const first = dates.map((d) => preparedEnvironment(p, ruleset, 'payout', d, new Map()));
    expect(preparedEnvironment(p, ruleset, 'payout', dates[0]!, new Map())).not.toBe(first[0]);
    const again = preparedEnvironment(p, ruleset, 'payout', dates[0]!, new Map());
    expect(preparedEnvironment(p, ruleset, 'payout', dates[0]!, new Map())).toBe(again);
  });
  it('overrides are part of the key, in canonical order', () => {
    const a = preparedEnvironment(params, ruleset, 'payout', '2024-01-01', new Map<string, string>([['x.a', '1'], ['x.b', '2']]));
    expect(preparedEnvironment(params, ruleset, 'payout', '2024-01-01', new Map<string, string>([['x.b', '2'], ['x.a', '1']]))).toBe(a);
    expect(preparedEnvironment(params, ruleset, 'payout', '2024-01-01', new Map<string, string>([['x.a', '1'], ['x.b', '3']]))).not.toBe(a);
    expect(preparedEnvironment(params, ruleset, 'payout', '2024-01-01', new Map())).not.toBe(a);
  });
});
