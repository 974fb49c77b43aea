/** Path segments that would reach an object's prototype; never allowed in a variable path. */
export const UNSAFE_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Splits a `var` path ("household.memberCount", 0) into segments, as json-logic-js does. */
export function splitPath(path: string | number): string[] {
  return String(path).split('.');
}

/** The first unsafe segment of a path, or undefined when the path is safe. */
export function unsafeSegment(segments: readonly string[]): string | undefined {
  return segments.find((s) => UNSAFE_SEGMENTS.has(s));
}

/**
 * Reads a path from data, following only the data's own properties (never its prototype).
 * Returns `notFound` where json-logic-js would find nothing.
 */
export function readPath(data: unknown, segments: readonly string[], notFound: unknown): unknown {
  let current: unknown = data;
  for (const key of segments) {
    if (current === null || current === undefined) return notFound;
    if (UNSAFE_SEGMENTS.has(key)) return notFound;
    if (typeof current !== 'object' && typeof current !== 'string') return notFound;
    const box = typeof current === 'string' ? Object(current) : current;
    if (!Object.prototype.hasOwnProperty.call(box, key)) return notFound;
    current = (box as Record<string, unknown>)[key];
    if (current === undefined) return notFound;
  }
  return current;
}
