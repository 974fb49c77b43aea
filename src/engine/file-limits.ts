import type { Issue } from './errors';

/**
 * Bounds a rule file (ruleset or parameter file, parsed JSON) must keep before it is validated
 * and compiled: the validators and the JSON Logic compiler recurse over the file, so a file
 * nested thousands deep, or with arrays or strings of millions of elements, would otherwise
 * end in a RangeError (stack overflow) or take seconds. The bundled files stay far below
 * (nesting 14, arrays of 41, strings of 618 characters, 1,628 values), and the JSON Logic
 * compiler's own tighter limits (64 levels of logic, 10,000 nodes an expression) still apply and
 * give their own messages. Keys such as `__proto__` are refused by the schemas and the compiler.
 * Iterative: no recursion.
 */
export const FILE_LIMITS = { depth: 256, arrayLength: 50_000, stringLength: 100_000, values: 500_000 } as const;

/**
 * The problems of a rule file's shape (empty when within {@link FILE_LIMITS}), with paths under `at`.
 *
 * @example
 * ```ts
 * fileShapeIssues(JSON.parse('[[[…300 levels…]]]'), ['rulesets[0]']); // [{ path: ['rulesets[0]', 0, 0, …], message: 'nested more than 256 deep' }]
 * ```
 */
export function fileShapeIssues(raw: unknown, at: ReadonlyArray<string | number>): Issue[] {
  const issues: Issue[] = [];
  const stack: Array<{ v: unknown; path: Array<string | number> }> = [{ v: raw, path: [...at] }];
  let values = 0;
  while (stack.length > 0 && issues.length < 20) {
    const { v, path } = stack.pop()!;
    if (++values > FILE_LIMITS.values) {
      issues.push({ path: [...at], message: `more than ${FILE_LIMITS.values} values: not a rule file` });
      break;
    }
    const depth = path.length - at.length;
    if (typeof v === 'string') {
      if (v.length > FILE_LIMITS.stringLength) issues.push({ path, message: `a string of ${v.length} characters (at most ${FILE_LIMITS.stringLength})` });
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= FILE_LIMITS.depth) {
      issues.push({ path, message: `nested more than ${FILE_LIMITS.depth} deep` });
      continue;
    }
    if (Array.isArray(v)) {
      if (v.length > FILE_LIMITS.arrayLength) {
        issues.push({ path, message: `an array of ${v.length} elements (at most ${FILE_LIMITS.arrayLength})` });
        continue;
      }
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
      continue;
    }
    for (const k of Object.keys(v)) {
      stack.push({ v: (v as Record<string, unknown>)[k], path: [...path, k] });
    }
  }
  return issues;
}
