import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src';
import { compileLogic, type EvaluationScope } from '../../src/engine/logic/compile';
import { runs } from '../property-runs';

// json-logic-js is the reference for the standard operators: every expression below, and
// random ones from a small grammar, must give the same result from our compiled closures.

const noScope: EvaluationScope = {
  param: () => {
    throw new Error('no params here');
  },
  value: () => undefined,
};

function ours(logic: unknown, data: unknown): unknown {
  const issues: Issue[] = [];
  const fn = compileLogic(logic, [], issues);
  if (issues.length) throw new Error(issues.map((i) => i.message).join('; '));
  return fn(data, noScope);
}

const data = {
  a: 1,
  b: '2',
  s: 'hello',
  z: 0,
  e: '',
  n: null,
  t: true,
  f: false,
  arr: [1, 2, 3, 4],
  empty: [],
  nested: { x: { y: 'deep' }, list: [{ v: 1 }, { v: 5 }] },
  // what a var path meets on its way: nothing, text, numbers, lists, empty slots
  // (and, from JavaScript callers, keys present but undefined: read as missing)
  mixed: [null, 'ab', 3, { x: 1 }, { x: null }, { x: { y: 2 } }, { x: 'cd' }, [5], {}, { x: undefined }, { x: { y: undefined } }, { x: { y: { z: 7 } } }, { x: { y: { z: undefined } } }, { x: { y: { z: null } } }],
};

const cases: Array<[string, unknown]> = [
  ['var path', { var: 'nested.x.y' }],
  ['var default', { var: ['nested.nope', 'dflt'] }],
  ['var missing → null', { var: 'nope' }],
  ['var index', { var: 'arr.2' }],
  ['var whole data in map', { map: [{ var: 'arr' }, { '*': [{ var: '' }, 2] }] }],
  ['var null is the whole data', { map: [{ var: 'arr' }, { var: null }] }],
  ['var of no path is the whole data', { map: [{ var: 'arr' }, { var: [] }] }],
  ['var, one segment, over anything', { map: [{ var: 'mixed' }, { var: 'x' }] }],
  ['var, one segment with a fallback, over anything', { map: [{ var: 'mixed' }, { var: ['x', 'none'] }] }],
  ['var, an index, over anything', { map: [{ var: 'mixed' }, { var: '0' }] }],
  ['var, a string property, over anything', { map: [{ var: 'mixed' }, { var: 'length' }] }],
  ['var, two segments, over anything', { map: [{ var: 'mixed' }, { var: 'x.y' }] }],
  ['var, two segments with a fallback, over anything', { map: [{ var: 'mixed' }, { var: ['x.y', 'none'] }] }],
  ['var, two segments into text', { map: [{ var: 'mixed' }, { var: 'x.0' }] }],
  ['var, three segments, over anything', { map: [{ var: 'mixed' }, { var: 'x.y.z' }] }],
  ['var, three segments with a fallback, over anything', { map: [{ var: 'mixed' }, { var: ['x.y.z', 'none'] }] }],
  ['== loose', { '==': [1, '1'] }],
  ['== null/0', { '==': [null, 0] }],
  ['===', { '===': [1, '1'] }],
  ['!= loose', { '!=': [{ var: 'z' }, false] }],
  ['!== ', { '!==': [{ var: 'z' }, false] }],
  // Each comparison both ways, with a literal right side (compiled to a direct comparison) and a
  // computed one (the general operator).
  ['== literal, equal', { '==': [{ var: 'b' }, 2] }],
  ['== literal, unequal', { '==': [{ var: 'b' }, 3] }],
  ['== computed, equal', { '==': [{ var: 'a' }, { var: 'b' }] }],
  ['=== literal, equal', { '===': [{ var: 'a' }, 1] }],
  ['=== literal, loose only', { '===': [{ var: 'b' }, 2] }],
  ['=== computed, equal', { '===': [{ var: 'a' }, { var: 'a' }] }],
  ['=== computed, unequal', { '===': [{ var: 'a' }, { var: 'b' }] }],
  ['!= literal, equal', { '!=': [{ var: 'a' }, 1] }],
  ['!= literal, unequal', { '!=': [{ var: 'a' }, 2] }],
  ['!= computed, loosely equal', { '!=': [{ var: 'z' }, { var: 'f' }] }],
  ['!= computed, unequal', { '!=': [{ var: 'a' }, { var: 'z' }] }],
  ['!== literal, equal', { '!==': [{ var: 'a' }, 1] }],
  ['!== literal, loose only', { '!==': [{ var: 'b' }, 2] }],
  ['!== computed, equal', { '!==': [{ var: 'a' }, { var: 'a' }] }],
  ['!== computed, unequal', { '!==': [{ var: 'a' }, { var: 'b' }] }],
  ['< between', { '<': [1, { var: 'a' }, 3] }],
  ['< between, above the top', { '<': [0, 5, { var: 'a' }] }],
  ['<= between', { '<=': [1, { var: 'a' }, 1] }],
  ['<= between, above the top', { '<=': [1, 5, { var: 'a' }] }],
  ['<= between, below the bottom', { '<=': [2, { var: 'a' }, 5] }],
  ['> strings', { '>': ['b', 'a'] }],
  ['>= mixed', { '>=': [{ var: 'b' }, 2] }],
  ['! of empty array', { '!': [{ var: 'empty' }] }],
  ['!! of empty array', { '!!': [{ var: 'empty' }] }],
  ['!! of "0"', { '!!': ['0'] }],
  ['and returns first falsy', { and: [1, { var: 'z' }, 3] }],
  ['and returns last', { and: [1, 'x', { var: 'arr' }] }],
  ['or returns first truthy', { or: [{ var: 'e' }, { var: 'empty' }, 'x'] }],
  ['or all falsy', { or: [0, '', { var: 'n' }] }],
  // and/or of comparisons only (compiled as boolean chains): 2, 3, 4 and more operands
  ['and of 5 comparisons, all hold', { and: [{ '==': [{ var: 'a' }, 1] }, { '<': [0, { var: 'a' }] }, { '!': [{ var: 'z' }] }, { '>=': [{ var: 'a' }, 1] }, { '===': [{ var: 't' }, true] }] }],
  ['and of 5 comparisons, the last fails', { and: [{ '==': [{ var: 'a' }, 1] }, { '<': [0, { var: 'a' }] }, { '!': [{ var: 'z' }] }, { '>=': [{ var: 'a' }, 1] }, { '===': [{ var: 'f' }, true] }] }],
  ['and of 4 comparisons, the last fails', { and: [{ '==': [{ var: 'a' }, 1] }, { '<': [0, { var: 'a' }] }, { '!': [{ var: 'z' }] }, { '===': [{ var: 'f' }, true] }] }],
  ['and of 3 comparisons, the last fails', { and: [{ '==': [{ var: 'a' }, 1] }, { '<': [0, { var: 'a' }] }, { '===': [{ var: 'f' }, true] }] }],
  ['and of 4 comparisons, the first fails', { and: [{ '===': [{ var: 'f' }, true] }, { '==': [{ var: 'a' }, 1] }, { '<': [0, { var: 'a' }] }, { '!': [{ var: 'z' }] }] }],
  ['and of 3 comparisons, the first fails', { and: [{ '===': [{ var: 'f' }, true] }, { '==': [{ var: 'a' }, 1] }, { '<': [0, { var: 'a' }] }] }],
  ['and of 2 comparisons, the first fails', { and: [{ '===': [{ var: 'f' }, true] }, { '==': [{ var: 'a' }, 1] }] }],
  ['or of 4 comparisons, only the first holds', { or: [{ '===': [{ var: 't' }, true] }, { '==': [{ var: 'a' }, 2] }, { '<': [1, { var: 'a' }] }, { '!': [{ var: 't' }] }] }],
  ['or of 3 comparisons, only the first holds', { or: [{ '===': [{ var: 't' }, true] }, { '==': [{ var: 'a' }, 2] }, { '<': [1, { var: 'a' }] }] }],
  ['or of 2 comparisons, only the first holds', { or: [{ '===': [{ var: 't' }, true] }, { '==': [{ var: 'a' }, 2] }] }],
  ['or of 5 comparisons, none holds', { or: [{ '==': [{ var: 'a' }, 2] }, { '<': [1, { var: 'a' }] }, { '!': [{ var: 't' }] }, { '>': [{ var: 'a' }, 1] }, { '===': [{ var: 'f' }, true] }] }],
  ['or of 5 comparisons, the last holds', { or: [{ '==': [{ var: 'a' }, 2] }, { '<': [1, { var: 'a' }] }, { '!': [{ var: 't' }] }, { '>': [{ var: 'a' }, 1] }, { '===': [{ var: 't' }, true] }] }],
  ['or of 4 comparisons, the last holds', { or: [{ '==': [{ var: 'a' }, 2] }, { '<': [1, { var: 'a' }] }, { '!': [{ var: 't' }] }, { '===': [{ var: 't' }, true] }] }],
  ['or of 3 comparisons, the last holds', { or: [{ '==': [{ var: 'a' }, 2] }, { '<': [1, { var: 'a' }] }, { '===': [{ var: 't' }, true] }] }],
  ['if chain', { if: [false, 1, { var: 'z' }, 2, 'else'] }],
  ['if no else', { if: [false, 1] }],
  ['?:', { '?:': [{ var: 't' }, 'yes', 'no'] }],
  ['+ strings', { '+': ['1', 2, '3.5'] }],
  ['+ unary', { '+': ['3'] }],
  ['* single', { '*': ['4'] }],
  ['* many', { '*': [2, '3', 4] }],
  ['- unary', { '-': [5] }],
  ['- binary', { '-': [5, '2'] }],
  ['/', { '/': [7, 2] }],
  ['%', { '%': [7, 3] }],
  ['min', { min: [3, 1, 2] }],
  ['max', { max: [3, '7', 2] }],
  ['cat', { cat: ['a', 1, null, true] }],
  ['substr pos', { substr: ['jsonlogic', 4] }],
  ['substr neg start', { substr: ['jsonlogic', -5] }],
  ['substr len', { substr: ['jsonlogic', 1, 3] }],
  ['substr neg len', { substr: ['jsonlogic', 4, -2] }],
  ['substr zero len', { substr: ['jsonlogic', 4, 0] }],
  ['in string', { in: ['ell', { var: 's' }] }],
  ['in array', { in: [3, { var: 'arr' }] }],
  ['in non-container', { in: [3, 5] }],
  ['merge', { merge: [1, [2, 3], [[4]]] }],
  ['missing', { missing: ['a', 'nope', 'e', 'nested.x.y'] }],
  ['missing from array', { missing: [['n', 'z']] }],
  ['missing_some ok', { missing_some: [1, ['a', 'nope']] }],
  ['missing_some short', { missing_some: [2, ['a', 'nope', 'n']] }],
  ['filter', { filter: [{ var: 'arr' }, { '>': [{ var: '' }, 2] }] }],
  ['map objects', { map: [{ var: 'nested.list' }, { var: 'v' }] }],
  ['reduce', { reduce: [{ var: 'arr' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 10] }],
  ['reduce without a body', { reduce: [{ var: 'arr' }] }],
  ['reduce no initial', { reduce: [{ var: 'arr' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }] }],
  ['all', { all: [{ var: 'arr' }, { '>': [{ var: '' }, 0] }] }],
  ['all empty', { all: [{ var: 'empty' }, true] }],
  ['none', { none: [{ var: 'arr' }, { '>': [{ var: '' }, 3] }] }],
  ['some', { some: [{ var: 'nested.list' }, { '==': [{ var: 'v' }, 5] }] }],
  ['map non-array', { map: [{ var: 'a' }, 1] }],
  ['array of logic', [{ var: 'a' }, { var: 'b' }, 3]],
];

describe('compiled JSON Logic agrees with json-logic-js', () => {
  it.each(cases)('%s', (_name, logic) => {
    expect(ours(logic, data)).toEqual(jsonLogic.apply(logic as jsonLogic.RulesLogic, data));
  });

  it('on random expressions over random data (property)', () => {
    const leafVar = fc.constantFrom('a', 'b', 's', 'z', 'e', 'n', 't', 'f', 'arr', 'empty', 'nested.x.y', 'nope').map((p) => ({ var: p }));
    const literal = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom('', '0', '1', 'x', 'hello'), fc.boolean(), fc.constant(null));
    const { expr } = fc.letrec((tie) => ({
      expr: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        literal,
        leafVar,
        fc.record({ op: fc.constantFrom('==', '===', '!=', '!==', '<', '<=', '>', '>=', '+', '-', '*', '%', 'cat', 'in', 'min', 'max'), args: fc.array(tie('expr'), { minLength: 2, maxLength: 2 }) }).map(({ op, args }) => ({ [op]: args })),
        fc.record({ op: fc.constantFrom('and', 'or', 'if', 'merge'), args: fc.array(tie('expr'), { minLength: 1, maxLength: 4 }) }).map(({ op, args }) => ({ [op]: args })),
        tie('expr').map((x) => ({ '!': [x] })),
        tie('expr').map((x) => ({ '!!': [x] })),
      ),
    }));
    fc.assert(
      fc.property(expr, (logic) => {
        const expected = jsonLogic.apply(logic as jsonLogic.RulesLogic, data);
        const got = ours(logic, data);
        if (typeof expected === 'number' && Number.isNaN(expected)) return Number.isNaN(got as number);
        expect(got).toEqual(expected);
        return true;
      }),
      { numRuns: runs(2000) },
    );
  });
});
