import { expect } from 'vitest';

// How a fast parser is compared with the zod schema it stands for (test/engine/fast-parse.test.ts,
// test/cn.hunan.shaoyang/eligibility-fast-parse.test.ts).

/** A value as nested [key, value] entries: equal only when the keys come in the same order (undefined values included). */
export function ordered(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(ordered);
  if (typeof v === 'object' && v !== null) return Object.keys(v).map((k) => [k, ordered((v as Record<string, unknown>)[k])]);
  return v;
}

/** Asserts the fast result is zod's; returns whether zod accepted the value. */
export function expectSameAsZod(fast: unknown, zod: { success: boolean; data?: unknown }): boolean {
  // Refusing is always allowed here (zod then decides); the tests say where the fast path must not refuse.
  if (fast === undefined) return zod.success;
  expect(zod.success).toBe(true);
  expect(fast).toStrictEqual(zod.data);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
  expect(ordered(fast)).toStrictEqual(ordered(zod.data));
  return true;
}
