import { fc, test as propTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src';
import { compileLogic } from '../../src/engine/logic/compile';
import { CUSTOM_OPERATORS } from '../../src/engine/logic/custom-operators';
import { Dec } from '../../src/engine/decimal';

// Operators added for the rulings of 2026-12-01: the form-figure check (附表1) and lists of
// departments / venues (二(二)3–4, 附表3).
const op = (name: string) => CUSTOM_OPERATORS[name]!;

describe('dec-consistent [reported, exact]: rounded to the reported places AND strictly within half a unit', () => {
  it('examples worked by hand', () => {
    expect(op('dec-consistent')('0.27', '0.26666')).toBe(true); // 0.27 − 0.26666 = 0.00334 < 0.005
    expect(op('dec-consistent')('0.3', '0.26666')).toBe(true); // 0.0333 < 0.05
    expect(op('dec-consistent')('1', '0.5')).toBe(false); // rounds to 1, but 0.5 is not < 0.5
    expect(op('dec-consistent')('0.2', '0.15')).toBe(false); // 0.05 is not < 0.05
    expect(op('dec-consistent')('0.20', '0.18')).toBe(false); // the form's two places count: 0.18 ≠ 0.20
    expect(op('dec-consistent')('0.150', '0.1504')).toBe(true);
    expect(op('dec-consistent')('0.3', '0.2501')).toBe(true); // 0.0499 < 0.05
  });
  propTest.prop([fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 4 })])(
    'the rounded figure is consistent exactly when it is less than half a unit away; one unit off never is',
    (n, places) => {
      const exact = new Dec(n).div(1_000_000);
      const rounded = exact.toDecimalPlaces(places, Dec.ROUND_HALF_UP).toFixed(places);
      const half = new Dec(5).times(new Dec(10).pow(-(places + 1)));
      expect(op('dec-consistent')(rounded, exact.toFixed())).toBe(new Dec(rounded).minus(exact).abs().lt(half));
      const unit = new Dec(10).pow(-places);
      expect(op('dec-consistent')(new Dec(rounded).plus(unit).toFixed(places), exact.toFixed())).toBe(false);
    },
  );
});

describe('list-missing and list-labels', () => {
  it('list-missing [required, present]: the required items not present, in the order required', () => {
    expect(op('list-missing')(['natural-resources', 'agriculture-rural', 'police-station'], ['police-station', 'other'])).toEqual(['natural-resources', 'agriculture-rural']);
    expect(op('list-missing')(['village'], ['village'])).toEqual([]);
    expect(op('list-missing')(['village'], null)).toEqual(['village']);
  });
  it('list-labels [keys, pairs]: each key’s label, or the key itself', () => {
    expect(op('list-labels')(['police-station', 'x'], [['police-station', '派出所']])).toEqual(['派出所', 'x']);
  });
  it('a rule may nest literal pairs (arrays, not objects) in JSON Logic', () => {
    const issues: Issue[] = [];
    const f = compileLogic({ 'list-labels': [{ 'list-missing': [['a', 'b'], { var: 'have' }] }, [['a', '甲'], ['b', '乙']]] }, ['at'], issues);
    expect(issues).toEqual([]);
    expect(f({ have: ['b'] }, { param: () => undefined, value: () => undefined })).toEqual(['甲']);
  });
});

describe('param on a stated date is for parameter formulas only', () => {
  it('in a rule, {"param": [id, date]} is refused', () => {
    const issues: Issue[] = [];
    compileLogic({ param: ['cn.x', '2020-01-01'] }, ['at'], issues);
    expect(issues.map((i) => i.message)).toEqual(['param takes one literal parameter id']);
  });
  it('in a formula it reads the stated date; a malformed date is refused', () => {
    const issues: Issue[] = [];
    const f = compileLogic({ param: ['cn.x', '2020-01-01'] }, ['at'], issues, { allowParamOn: true });
    expect(f({}, { param: () => 'same', paramOn: (id, d) => `${id}@${d}`, value: () => undefined })).toBe('cn.x@2020-01-01');
    compileLogic({ param: ['cn.x', '2020-1-1'] }, ['at'], issues, { allowParamOn: true });
    expect(issues.map((i) => i.message)).toEqual(["param on a stated date takes a YYYY-MM-DD date, got '2020-1-1'"]);
  });
});
