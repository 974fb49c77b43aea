import { describe, expect, it } from 'vitest';
import { createEngine, RulesetError } from '../../src';
import { monthsBetween } from '../../src/engine/dates';
import { Dec } from '../../src/engine/decimal';
import { apportion } from '../../src/engine/items';
import gucun from '../../rulesets/cn.shanghai.baoshan.gucun/ruleset.2022-04-01.json';

describe('money: splits whose parts add up', () => {
  const split = (amount: string, share: Dec) => apportion(new Dec(amount), [{ payer: 'district', share }, { payer: 'town' }]).map((p) => p.amount.toFixed(2));
  it('a 50/50 split gives the district the rounded half, the town the exact rest', () => {
    expect(split('0.05', new Dec('0.5'))).toEqual(['0.03', '0.02']);
    expect(split('100.00', new Dec('0.5'))).toEqual(['50.00', '50.00']);
    expect(split('0.00', new Dec('0.5'))).toEqual(['0.00', '0.00']);
  });
  it('a share is rounded half-up: 10.00 × 1/3 → 3.33 + 6.67', () => {
    expect(split('10.00', new Dec(1).div(3))).toEqual(['3.33', '6.67']);
  });
  it('apportion: upTo takes at most its value, share a fraction of what is left, the last the rest', () => {
    const parts = apportion(new Dec('100.01'), [
      { payer: 'account', upTo: new Dec('40') },
      { payer: 'district', share: new Dec('0.5') },
      { payer: 'town' },
    ]);
    expect(parts.map((p) => `${p.payer} ${p.amount.toFixed(2)}`)).toEqual(['account 40.00', 'district 30.01', 'town 30.00']);
    const over = apportion(new Dec('10'), [{ payer: 'account', upTo: new Dec('25') }, { payer: 'town' }]);
    expect(over.map((p) => p.amount.toFixed(2))).toEqual(['10.00', '0.00']);
  });
});

describe('dates: monthsBetween', () => {
  it('counts whole months; up counts a part month as a full one', () => {
    expect(monthsBetween('2023-03-15', '2025-06-15', 'up')).toBe(27);
    expect(monthsBetween('2023-03-15', '2025-06-15', 'down')).toBe(27);
    expect(monthsBetween('2023-03-15', '2025-06-16', 'up')).toBe(28);
    expect(monthsBetween('2023-03-15', '2025-06-16', 'down')).toBe(27);
    expect(monthsBetween('2023-03-15', '2025-06-14', 'up')).toBe(27);
    expect(monthsBetween('2023-03-15', '2025-06-14', 'down')).toBe(26);
    expect(monthsBetween('2023-06-15', '2023-06-16', 'up')).toBe(1);
    expect(monthsBetween('2023-06-15', '2023-06-16', 'down')).toBe(0);
  });
  it('month ends clamp as addMonthsIso: 2023-01-31 → 2023-02-28 is one month', () => {
    expect(monthsBetween('2023-01-31', '2023-02-28', 'up')).toBe(1);
    expect(monthsBetween('2023-01-31', '2023-02-28', 'down')).toBe(1);
    expect(monthsBetween('2023-01-31', '2023-03-01', 'up')).toBe(2);
  });
  it('is 0 when the end is not after the start', () => {
    expect(monthsBetween('2023-06-15', '2023-06-15', 'up')).toBe(0);
    expect(monthsBetween('2023-06-15', '2020-01-01', 'up')).toBe(0);
  });
});

describe('ruleset items are validated on load', () => {
  const withItem = (patch: Record<string, unknown>) => {
    const rs = structuredClone(gucun) as unknown as { id: string; items: Array<Record<string, unknown>> };
    rs.id = 'test/gucun-bad';
    Object.assign(rs.items[0]!, patch);
    return rs;
  };
  const problems = (rs: unknown) => {
    try {
      createEngine({ rulesets: [{ ...(rs as object), id: 'cn.shanghai.baoshan.gucun/2022-04-01' }] });
    } catch (e) {
      if (e instanceof RulesetError) return e.message;
      throw e;
    }
    return '';
  };
  it('the last funding part takes the rest and has no share', () => {
    expect(problems(withItem({ funding: [{ payer: 'town', share: 0.5 }] }))).toContain('the last funding part takes the rest');
  });
  it('a timing the kind does not know', () => {
    expect(problems(withItem({ timing: 'someday' }))).toContain("timing 'someday'");
  });
  it('an unknown parameter and a disallowed operator in the amount', () => {
    const msg = problems(withItem({ amount: { 'dec*': [{ param: 'cn.shanghai.nope' }, { method: ['x', 'y'] }] } }));
    expect(msg).toContain("unknown parameter 'cn.shanghai.nope'");
    expect(msg).toContain("'method'");
  });
  it('a parameter of a jurisdiction the town does not inherit', () => {
    expect(problems(withItem({ amount: { param: 'cn.hunan.shaoyang.min-age' } }))).toContain('does not inherit');
  });
  it('the bundled ruleset loads', () => {
    expect(problems(gucun)).toBe('');
  });
});
