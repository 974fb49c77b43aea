/**
 * A list of strings sorted in place in UTF-16 code-unit order, as `keys.sort()` sorts it, without
 * the work array and merge state that `Array.prototype.sort` allocates on every call: records
 * sort a dozen short key lists a row (bodies, outcomes, inputs, warning codes), most of them a
 * handful of keys already in order, which an insertion sort checks in one pass. Lists longer than
 * 32 go to the native sort.
 *
 * @example
 * ```ts
 * sortStrings(['b', 'a', 'B']); // ['B', 'a', 'b'] (the same array)
 * ```
 */
export function sortStrings(keys: string[]): string[] {
  const n = keys.length;
  if (n > 32) return keys.sort();
  for (let i = 1; i < n; i++) {
    const key = keys[i]!;
    let j = i - 1;
    if (!(key < keys[j]!)) continue;
    do {
      keys[j + 1] = keys[j]!;
      j--;
    } while (j >= 0 && key < keys[j]!);
    keys[j + 1] = key;
  }
  return keys;
}

/**
 * An object's own enumerable string keys in UTF-16 code-unit order: `Object.keys(o).sort()`,
 * with {@link sortStrings}.
 *
 * @example
 * ```ts
 * sortedKeys({ b: 1, a: 2, '10': 3, '2': 4 }); // ['10', '2', 'a', 'b']
 * ```
 */
export function sortedKeys(o: object): string[] {
  return sortStrings(Object.keys(o));
}
