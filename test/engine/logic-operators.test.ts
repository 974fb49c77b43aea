import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src';
import { compileLogic, paramsIn, type EvaluationScope } from '../../src/engine/logic/compile';
import { CUSTOM_OPERATORS } from '../../src/engine/logic/custom-operators';
import { Dec, ROUNDING_MODES } from '../../src/engine/decimal';

// The JSON Logic the rule files are written in (docs/architecture.md, "Rule format"): the
// custom operators (exact decimals, calendar dates), what compiling refuses, and the
// semantics of the standard operators where json-logic-js defines them.

const op = (name: string) => CUSTOM_OPERATORS[name]!;
const str = (x: unknown) => (x as InstanceType<typeof Dec>).toString();
const scope: EvaluationScope = { param: (id) => `param:${id}`, value: (n) => `value:${n}` };
function run(logic: unknown, data: unknown = {}, options: Parameters<typeof compileLogic>[3] = {}) {
  const issues: Issue[] = [];
  const f = compileLogic(logic, ['at'], issues, options);
  if (issues.length > 0) throw new Error(issues.map((i) => `${i.path.join('/')}: ${i.message}`).join('\n'));
  return f(data, scope);
}
function problems(logic: unknown, options: Parameters<typeof compileLogic>[3] = {}) {
  const issues: Issue[] = [];
  compileLogic(logic, ['at'], issues, options);
  return issues.map((i) => `${i.path.join('/')}: ${i.message}`);
}

describe('decimal operators', () => {
  it('dec+ and dec* take any number of arguments (0 and 1 are their empty values)', () => {
    expect(str(op('dec+')('0.1', '0.2', 0.3))).toBe('0.6');
    expect(str(op('dec+')())).toBe('0');
    expect(str(op('dec*')('1.5', '4'))).toBe('6');
    expect(str(op('dec*')())).toBe('1');
  });
  it('dec- subtracts, or negates one argument; dec/ divides and refuses zero', () => {
    expect(str(op('dec-')('1', '0.3'))).toBe('0.7');
    expect(str(op('dec-')('2.5'))).toBe('-2.5');
    expect(str(op('dec/')('1', '4'))).toBe('0.25');
    expect(() => op('dec/')('1', '0')).toThrow(new TypeError('division by zero'));
  });
  it('dec-min, dec-max; comparisons', () => {
    expect(str(op('dec-min')('2', '1.5', '3'))).toBe('1.5');
    expect(str(op('dec-max')('2', '1.5', '3'))).toBe('3');
    expect([op('dec<')('0.29', '0.3'), op('dec<')('0.3', '0.3'), op('dec<=')('0.3', '0.30'), op('dec<=')('0.31', '0.3')]).toEqual([true, false, true, false]);
    expect([op('dec>')('0.31', '0.3'), op('dec>')('0.3', '0.3'), op('dec>=')('0.3', '0.3'), op('dec>=')('0.29', '0.3')]).toEqual([true, false, true, false]);
    expect([op('dec==')('1.0', 1), op('dec==')('1.01', 1)]).toEqual([true, false]);
  });
  it('dec-round: places 0–20, half-up unless a mode is named', () => {
    expect(str(op('dec-round')('2.345', 2))).toBe('2.35');
    expect(str(op('dec-round')('2.345', '2', null))).toBe('2.35');
    expect(str(op('dec-round')('2.345', 2, 'down'))).toBe('2.34');
    expect(str(op('dec-round')('2.341', 2, 'up'))).toBe('2.35');
    expect(str(op('dec-round')('2.5', 0, 'half-even'))).toBe('2');
    expect(str(op('dec-round')('1.5', 20))).toBe('1.5');
    expect(() => op('dec-round')('1', 21)).toThrow(new TypeError('decimal places must be 0 to 20, got 21'));
    expect(() => op('dec-round')('1', -1)).toThrow(new TypeError('decimal places must be 0 to 20, got -1'));
    expect(() => op('dec-round')('1', 1.5)).toThrow(new TypeError('expected a whole number, got 1.5'));
    expect(() => op('dec-round')('1', 'x')).toThrow(new TypeError('expected a whole number, got "x"'));
    expect(() => op('dec-round')('1', 2, 'sideways')).toThrow(
      new TypeError(`unknown rounding mode "sideways" (one of ${Object.keys(ROUNDING_MODES).join(', ')})`),
    );
    expect(Object.keys(ROUNDING_MODES).length).toBeGreaterThan(1);
    expect(() => op('dec-round')('1', 2, 'toString')).toThrow(/unknown rounding mode "toString"/);
    // only a string names a mode, not something that turns into one
    expect(() => op('dec-round')('1', 2, ['down'])).toThrow(/^unknown rounding mode \["down"\] /);
  });
  it('dec-agrees: a reported figure agrees when the exact one rounds to it at the reported places', () => {
    // 0.18 reported as "0.20": at 2 places 0.18 ≠ 0.20; "0.2" (1 place) — 0.18 → 0.2 agrees
    expect(op('dec-agrees')('0.20', '0.18')).toBe(false);
    expect(op('dec-agrees')('0.2', '0.18')).toBe(true);
    expect(op('dec-agrees')('0.15', '0.1500')).toBe(true);
    expect(op('dec-agrees')('0.150', '0.1504')).toBe(true);
    expect(op('dec-agrees')('0.150', '0.1505')).toBe(false); // half-up → 0.151
    expect(op('dec-agrees')(0.2, '0.18')).toBe(true); // a number has the places it shows
    expect(op('dec-agrees')('-1.50', '-1.5')).toBe(true);
    expect(op('dec-agrees')('2', '1.6')).toBe(true);
    expect(op('dec-agrees')('2', '1.4')).toBe(false);
    // the trailing zero counts whatever the number of whole digits: 12.34 is not "12.30"
    expect(op('dec-agrees')('12.30', '12.34')).toBe(false);
    expect(op('dec-agrees')('12.3', '12.34')).toBe(true);
  });
});

describe('date operators', () => {
  it('age, adding days and months, counting days, birthdays, months between', () => {
    expect(op('date-age')('2007-06-16', '2023-06-15')).toBe(15);
    expect(op('date-add-days')('2023-12-31', '1')).toBe('2024-01-01');
    expect(op('date-add-months')('2023-01-31', 1)).toBe('2023-02-28');
    expect(op('date-days-inclusive')('2023-03-01', '2023-03-07')).toBe(7);
    expect(op('date-days-between')('2023-03-01', '2023-03-07')).toBe(6);
    expect(op('date-birthday')('2000-02-29', 17)).toBe('2017-03-01');
    expect(op('date-months')('2023-01-15', '2023-03-14', 'up')).toBe(2);
    expect(op('date-months')('2023-01-15', '2023-03-14', 'down')).toBe(1);
  });
  it('refuses what is not a date, a whole number or a month rounding, saying what it got', () => {
    expect(() => op('date-age')('2007-02-30', '2023-06-15')).toThrow(new TypeError('expected a date YYYY-MM-DD, got "2007-02-30"'));
    expect(() => op('date-add-days')('2023-01-01', 1.5)).toThrow(new TypeError('expected a whole number, got 1.5'));
    expect(() => op('date-add-days')('2023-01-01', true)).toThrow(new TypeError('expected a whole number, got true'));
    expect(() => op('date-months')('2023-01-01', '2023-02-01', 'round')).toThrow(new TypeError(`date-months rounds 'down' or 'up', got "round"`));
    expect(() => op('date-months')('2023-01-01', '2023-02-01')).toThrow(new TypeError(`date-months rounds 'down' or 'up', got undefined`));
  });
});

describe('compiling: what is refused', () => {
  it('operators outside the allow-list; objects with other than one key; non-finite numbers; functions', () => {
    expect(problems({ eval: ['x'] })[0]).toMatch(/^at\/eval: unknown or disallowed operator 'eval' \(allowed: var missing .* param value\)$/);
    expect(problems({ a: 1, b: 2 })).toEqual(['at: an object in a rule must have exactly one operator key, found 2']);
    expect(problems({})).toEqual(['at: an object in a rule must have exactly one operator key, found 0']);
    expect(problems({ '+': [1, Number.POSITIVE_INFINITY] })).toEqual(['at/+/1: numbers must be finite']);
    expect(problems([() => 1])).toEqual(['at/0: unsupported value of type function']);
  });
  it('var paths: literal, no prototype segments', () => {
    expect(problems({ var: [{ var: 'x' }] })).toEqual(['at/var: a var path must be a literal string or number']);
    expect(problems({ var: 'a.__proto__.b' })).toEqual(["at/var: unsafe variable path 'a.__proto__.b' (segment '__proto__')"]);
    expect(problems({ var: 'constructor' })).toEqual(["at/var: unsafe variable path 'constructor' (segment 'constructor')"]);
  });
  it('param: one literal id the jurisdiction has; value: one literal name of the rule', () => {
    expect(problems({ param: ['a', 'b'] })).toEqual(['at/param: param takes one literal parameter id']);
    expect(problems({ param: [{ var: 'x' }] })).toEqual(['at/param: param takes one literal parameter id']);
    expect(problems({ param: 'p' }, { checkParam: (id) => (id === 'p' ? 'no such' : undefined) })).toEqual(['at/param: no such']);
    expect(problems({ param: 'q' }, { checkParam: () => undefined })).toEqual([]);
    expect(problems({ value: ['a', 'b'] })).toEqual(['at/value: value takes one literal name']);
    expect(problems({ value: 5 })).toEqual(['at/value: value takes one literal name']);
    expect(problems({ param: 5 })).toEqual(['at/param: param takes one literal parameter id']);
    // without a checkParam (compiling outside a ruleset), any literal id compiles and is read from the scope
    expect(problems({ param: 'p' })).toEqual([]);
    expect(run({ param: 'p' })).toBe('param:p');
    expect(problems({ value: 'v' })).toEqual(["at/value: value 'v' is not one of this rule's values"]);
    expect(problems({ value: 'v' }, { valueNames: new Set(['v']) })).toEqual([]);
  });
  it('depth and size limits, reported once', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5; i++) deep = { '!': [deep] };
    expect(problems(deep, { maxDepth: 4 })).toEqual(['at/!/0/!/0/!/0/!/0/!/0: expression nested deeper than 4 levels']);
    expect(problems(deep, { maxDepth: 10 })).toEqual([]);
    // a list is a level too
    expect(problems([[[[[1]]]]], { maxDepth: 4 })).toEqual(['at/0/0/0/0/0: expression nested deeper than 4 levels']);
    expect(problems([[[[[1]]]]], { maxDepth: 5 })).toEqual([]);
    const wide = { '+': Array.from({ length: 20 }, () => ({ '+': [1, 2] })) };
    expect(problems(wide, { maxNodes: 10 })).toEqual(['at: expression has more than 10 nodes']);
    expect(problems(wide, { maxNodes: 61 })).toEqual([]); // 1 + 20 × 3 nodes
    expect(problems(wide, { maxNodes: 60 })).toEqual(['at: expression has more than 60 nodes']);
  });
  it('paramsIn lists the parameters an expression reads', () => {
    expect([...paramsIn({ if: [{ param: 'a' }, { param: ['b'] }, [{ '+': [{ param: 'c' }, 1] }]] })]).toEqual(['a', 'b', 'c']);
    expect([...paramsIn({ param: [{ var: 'x' }] })]).toEqual([]);
    // nulls, literals and other operators' arguments hold no parameter id
    expect([...paramsIn({ '==': [null, { param: 'a' }] })]).toEqual(['a']);
    expect([...paramsIn({ var: 'x' })]).toEqual([]);
    expect([...paramsIn({ cat: ['x', { param: 'd' }] })]).toEqual(['d']);
    expect([...paramsIn([{ param: 'e' }, null, 'f'])]).toEqual(['e']);
  });
});

describe('evaluating (json-logic-js semantics)', () => {
  it('var: dotted paths, array indexes, a fallback when missing or undefined; the whole data for "" or none', () => {
    const data = { a: { b: { c: 3 }, u: undefined }, l: [10, { x: 'y' }], z: 0 };
    expect(run({ var: 'a.b.c' }, data)).toBe(3);
    expect(run({ var: 'a.b' }, data)).toEqual({ c: 3 });
    expect(run({ var: 'z' }, data)).toBe(0);
    expect(run({ var: 'l.1.x' }, data)).toBe('y');
    expect(run({ var: 1 }, ['p', 'q'])).toBe('q');
    expect(run({ var: ['a.b.d', 'fb'] }, data)).toBe('fb');
    expect(run({ var: ['a.u', 'fb'] }, data)).toBe('fb');
    expect(run({ var: ['a.u.v.w', 'fb'] }, data)).toBe('fb');
    expect(run({ var: ['a.b.c.d', 'fb'] }, data)).toBe('fb');
    expect(run({ var: ['q', 'fb'] }, data)).toBe('fb');
    expect(run({ var: ['q.r', 'fb'] }, data)).toBe('fb');
    expect(run({ var: 'q' }, data)).toBeNull();
    expect(run({ var: '' }, data)).toBe(data);
    expect(run({ var: [] }, data)).toBe(data);
    expect(run({ var: 'a.b.c' }, null)).toBeNull();
    expect(run({ var: 'length' }, 'abc')).toBe(3); // through readPath
  });
  it('missing and missing_some', () => {
    expect(run({ missing: ['a', 'b.c', 'd'] }, { a: 1, b: { c: '' } })).toEqual(['b.c', 'd']);
    expect(run({ missing: [['a', 'x']] }, { a: null })).toEqual(['a', 'x']);
    expect(run({ missing_some: [1, ['a', 'b']] }, { a: 1 })).toEqual([]);
    expect(run({ missing_some: [2, ['a', 'b']] }, { a: 1 })).toEqual(['b']);
    expect(run({ missing_some: [1, 'a'] }, {})).toEqual([]);
  });
  it('if: pairs of condition and result, an else, null without one', () => {
    expect(run({ if: [false, 1, true, 2, 3] })).toBe(2);
    expect(run({ if: [false, 1, 0, 2, 3] })).toBe(3);
    expect(run({ if: [false, 1] })).toBeNull();
    expect(run({ if: [] })).toBeNull();
    expect(run({ '?:': [[], 'a', 'b'] })).toBe('b'); // an empty array is falsy
  });
  it('and gives the first falsy value or the last; or the first truthy or the last', () => {
    expect(run({ and: [1, 'x', 0, 2] })).toBe(0);
    expect(run({ and: [1, 'x'] })).toBe('x');
    expect(run({ or: [0, '', 'y', 2] })).toBe('y');
    expect(run({ or: [0, ''] })).toBe('');
    expect(run({ and: [] })).toBeUndefined();
  });
  it('map, filter, all (false for none), none, some, reduce', () => {
    const d = { l: [1, 2, 3] };
    expect(run({ map: [{ var: 'l' }, { '*': [{ var: '' }, 2] }] }, d)).toEqual([2, 4, 6]);
    expect(run({ filter: [{ var: 'l' }, { '>': [{ var: '' }, 1] }] }, d)).toEqual([2, 3]);
    expect(run({ all: [{ var: 'l' }, { '>': [{ var: '' }, 0] }] }, d)).toBe(true);
    expect(run({ all: [{ var: 'l' }, { '>': [{ var: '' }, 1] }] }, d)).toBe(false);
    expect(run({ all: [[], true] })).toBe(false);
    expect(run({ none: [{ var: 'l' }, { '>': [{ var: '' }, 3] }] }, d)).toBe(true);
    expect(run({ none: [{ var: 'l' }, { '>': [{ var: '' }, 2] }] }, d)).toBe(false);
    expect(run({ some: [{ var: 'l' }, { '>': [{ var: '' }, 2] }] }, d)).toBe(true);
    expect(run({ some: [{ var: 'l' }, { '>': [{ var: '' }, 3] }] }, d)).toBe(false);
    expect(run({ map: [{ var: 'nope' }, 1] }, d)).toEqual([]);
    expect(run({ map: [{ var: 'l' }] }, d)).toEqual([undefined, undefined, undefined]);
    expect(run({ reduce: [{ var: 'l' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 10] }, d)).toBe(16);
    expect(run({ reduce: [{ var: 'nope' }, 1, 7] }, d)).toBe(7);
    expect(run({ reduce: [{ var: 'nope' }, 1] }, d)).toBeNull();
  });
  it('comparisons, between, arithmetic, strings, membership', () => {
    expect(run({ '<': [1, 2, 3] })).toBe(true);
    expect(run({ '<': [1, 3, 3] })).toBe(false);
    expect(run({ '<=': [1, 3, 3] })).toBe(true);
    expect(run({ '<=': [1, 4, 3] })).toBe(false);
    expect(run({ '<': [2, 1] })).toBe(false);
    expect(run({ '<=': [2, 2] })).toBe(true);
    expect(run({ '>': [2, 2] })).toBe(false);
    expect(run({ '>=': [2, 2] })).toBe(true);
    expect(run({ '==': [1, '1'] })).toBe(true);
    expect(run({ '===': [1, '1'] })).toBe(false);
    expect(run({ '!=': [1, '1'] })).toBe(false);
    expect(run({ '!==': [1, '1'] })).toBe(true);
    expect(run({ '==': [{ var: 'a' }, 1] }, { a: '1' })).toBe(true);
    expect(run({ '===': [{ var: 'a' }, 1] }, { a: '1' })).toBe(false);
    expect(run({ '!=': [{ var: 'a' }, 1] }, { a: '1' })).toBe(false);
    expect(run({ '!==': [{ var: 'a' }, 1] }, { a: '1' })).toBe(true);
    expect(run({ '==': [{ var: 'a' }, { var: 'b' }] }, { a: 1, b: '1' })).toBe(true);
    expect(run({ '!': [[]] })).toBe(true);
    expect(run({ '!!': ['0'] })).toBe(true);
    expect(run({ '%': [7, 3] })).toBe(1);
    expect(run({ '+': ['1.5', 2] })).toBe(3.5);
    expect(run({ '+': [] })).toBe(0);
    expect(run({ '*': ['2', '3', 4] })).toBe(24);
    expect(() => run({ '*': [] })).toThrow('* needs at least one argument');
    expect(run({ '-': [5, 2] })).toBe(3);
    expect(run({ '-': [5] })).toBe(-5);
    expect(run({ '/': [1, 4] })).toBe(0.25);
    expect(run({ min: [3, 1, 2] })).toBe(1);
    expect(run({ max: [3, 1, 2] })).toBe(3);
    expect(run({ cat: ['a', 1, 'b'] })).toBe('a1b');
    expect(run({ substr: ['jsonlogic', 4] })).toBe('logic');
    expect(run({ substr: ['jsonlogic', -5] })).toBe('logic');
    expect(run({ substr: ['jsonlogic', 1, 3] })).toBe('son');
    expect(run({ substr: ['jsonlogic', 4, -2] })).toBe('log');
    expect(run({ in: ['b', ['a', 'b']] })).toBe(true);
    expect(run({ in: ['c', ['a', 'b']] })).toBe(false);
    expect(run({ in: [{ var: 'x' }, ['a', 'b']] }, { x: 'a' })).toBe(true);
    expect(run({ in: [{ var: 'x' }, ['a', 'b']] }, { x: 'z' })).toBe(false);
    expect(run({ in: ['log', 'jsonlogic'] })).toBe(true);
    expect(run({ in: ['a', { var: 'nope' }] })).toBe(false);
    expect(run({ in: ['a', 5] })).toBe(false);
    expect(run({ in: ['a', [{ var: 'x' }]] }, { x: 'a' })).toBe(true);
    expect(run({ merge: [1, [2, 3], [[4]]] })).toEqual([1, 2, 3, [4]]);
  });
  it('param and value read from the scope; literals and literal arrays', () => {
    expect(run({ param: 'p.q' }, {}, { checkParam: () => undefined })).toBe('param:p.q');
    expect(run({ value: 'v' }, {}, { valueNames: new Set(['v']) })).toBe('value:v');
    expect(run(null)).toBeNull();
    expect(run('s')).toBe('s');
    expect(run(false)).toBe(false);
    expect(run([1, 'a', null])).toEqual([1, 'a', null]);
    expect(run([1, { var: 'x' }], { x: 2 })).toEqual([1, 2]);
    expect(str(run({ 'dec+': ['1', '2', '3', '4', '5'] }))).toBe('15');
    expect(str(run({ 'dec-min': ['4', '3', '2', '1'] }))).toBe('1');
  });
});
