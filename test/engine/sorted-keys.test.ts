import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortStrings, sortedKeys } from '../../src/engine/sorted-keys';

describe('sortedKeys: own keys in UTF-16 code-unit order, as Object.keys(o).sort()', () => {
  it('sorts by code units, integer-like keys among the others', () => {
    // Object.keys lists '2' and '10' first (as array indices, 2 before 10); by code units '10' < '2' < 'a' < 'b'.
    expect(sortedKeys({ b: 1, a: 2, '10': 3, '2': 4 })).toEqual(['10', '2', 'a', 'b']);
    // 'Z' (U+005A) < 'a' (U+0061) < 'é' (U+00E9) < '😀' (a surrogate pair, U+D83D…) < '｡' (U+FF61): code units, not code points.
    expect(sortedKeys({ '｡': 0, '😀': 0, é: 0, a: 0, Z: 0 })).toEqual(['Z', 'a', 'é', '😀', '｡']);
    expect(sortedKeys({})).toEqual([]);
    expect(sortedKeys({ only: 1 })).toEqual(['only']);
  });

  it('gives what Object.keys(o).sort() gives, for short and long key lists (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6, unit: 'binary' }), fc.constant(0), { maxKeys: 60 }), (o) => {
        expect(sortedKeys(o)).toEqual(Object.keys(o).sort());
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4, unit: 'binary' }), { maxLength: 40 }), (list) => {
        // Repeated strings too (a Map's keys never repeat, a list may).
        const copy = [...list];
        expect(sortStrings(copy)).toBe(copy);
        expect(copy).toEqual([...list].sort());
      }),
      { numRuns: 500 },
    );
  });
});
