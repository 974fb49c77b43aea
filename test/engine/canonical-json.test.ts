import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/engine/canonical-json';
import { Dec } from '../../src/engine/decimal';

// Records and rulesets are hashed over their canonical JSON (RFC 8785): our writer must give the
// bytes the `canonicalize` package gave, for every value, or every recorded hash would change.
const same = (v: unknown) => {
  let theirs: unknown;
  let ours: unknown;
  try {
    theirs = canonicalize(v);
  } catch (e) {
    theirs = `throws ${(e as Error).message}`;
  }
  try {
    ours = canonicalJson(v);
  } catch (e) {
    ours = e instanceof TypeError && theirs === undefined ? undefined : `throws ${(e as Error).message}`;
  }
  expect(ours).toEqual(theirs);
};

describe('canonical JSON is byte for byte what the canonicalize package writes', () => {
  it('any JSON value (unicode keys and strings, -0, big and small numbers, deep nesting)', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => same(v)), { numRuns: 2000 });
    fc.assert(fc.property(fc.dictionary(fc.string({ unit: 'grapheme' }), fc.oneof(fc.double(), fc.string({ unit: 'binary' }), fc.constant(-0))), (v) => same(v)), { numRuns: 1000 });
  });
  it('values built with their keys in order (written by JSON.stringify when that gives the same bytes): the same bytes', () => {
    // Rebuilt with every object's keys inserted in sorted order, as the engine builds records.
    const sortedDeep = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(sortedDeep);
      if (v === null || typeof v !== 'object') return v;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) out[k] = sortedDeep((v as Record<string, unknown>)[k]);
      return out;
    };
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => same(sortedDeep(v))), { numRuns: 2000 });
    // Integer-like keys, which JavaScript lists first in numeric order, not in sorted order.
    fc.assert(fc.property(fc.dictionary(fc.oneof(fc.nat(1000).map(String), fc.string()), fc.integer()), (v) => same(sortedDeep(v))), { numRuns: 1000 });
  });
  it('values with some parts in key order and others not (a record whose request input is as the caller wrote it): the same bytes', () => {
    // Each object's keys sorted or reversed by a coin per object, so that canonical members sit
    // inside objects that are not, at every depth.
    const mixed = (v: unknown, coins: boolean[], at = { i: 0 }): unknown => {
      if (Array.isArray(v)) return v.map((x) => mixed(x, coins, at));
      if (v === null || typeof v !== 'object') return v;
      const keys = Object.keys(v).sort();
      if (!coins[at.i++ % Math.max(1, coins.length)]) keys.reverse();
      const out: Record<string, unknown> = {};
      for (const k of keys) out[k] = mixed((v as Record<string, unknown>)[k], coins, at);
      return out;
    };
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (v, coins) => same(mixed(v, coins))), { numRuns: 2000 });
  });
  it('an own "__proto__" key (as JSON.parse makes it) is written as a member, in or out of order', () => {
    for (const text of ['{"b":1,"__proto__":{"x":1},"a":2}', '{"__proto__":null,"a":[{"z":1,"__proto__":2}]}', '{"a":{"__proto__":{"b":1,"a":2}}}']) same(JSON.parse(text));
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":{"x":1}}'))).toBe('{"__proto__":{"x":1},"b":1}');
  });
  it('what JSON.stringify writes otherwise than RFC 8785 is never taken the short way', () => {
    class Point {
      constructor(readonly x: number, readonly y: number) {}
    }
    const withGetter = Object.defineProperty({ a: 1 }, 'b', { get: () => 2, enumerable: true });
    const arrayWithToJson = Object.assign([1, 2], { toJSON: () => 'arr' });
    const nullProto = Object.assign(Object.create(null) as object, { a: 1, b: [2] });
    for (const v of [
      // eslint-disable-next-line @typescript-eslint/no-wrapper-object-types
      { a: new String('ab') as String, b: new Number(3) as unknown, c: new Boolean(false) as unknown },
      { a: new Point(1, 2) },
      { b: 1, a: 2 },
      { '10': 1, '9': 2 },
      { a: 1, b: -0 },
      { a: '\ud800', b: '\u2028' },
      withGetter,
      arrayWithToJson,
      nullProto,
      { a: { toJSON: () => ({ z: 1, y: 2 }) } },
    ]) same(v);
    expect(canonicalJson({ '10': 1, '9': 2 })).toBe('{"10":1,"9":2}');
    expect(canonicalJson({ a: new Dec('1.50') })).toBe('{"a":"1.5"}');
  });
  it('undefined and symbols left out of objects, null in arrays; toJSON followed (a Decimal); holes as reduce skips them', () => {
    for (const v of [
      { a: undefined, b: 1, c: Symbol('x') },
      [undefined, Symbol('y'), 2],
      { d: new Dec('1.50'), when: new Date(Date.UTC(2024, 0, 2)) },
      // eslint-disable-next-line no-sparse-arrays
      [1, , 3],
      // eslint-disable-next-line no-sparse-arrays
      [, 2],
      { é: 1, e: 2, E: 3, '\u{1F600}': 4, '\uFFFF': 5 },
      { nested: { z: [{ y: null, x: false }] } },
    ]) same(v);
  });
  it('refuses NaN and Infinity anywhere, and what JSON cannot write at the top', () => {
    for (const v of [NaN, Infinity, -Infinity, [1, NaN], { a: Infinity }]) expect(() => canonicalJson(v)).toThrow(/NaN|Infinity/);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    same([1, NaN]);
  });
});
