import { describe, expect, it } from 'vitest';
import { canonicalJson, createEngine, toRecord } from '../src';
import { fixtureRequests } from './fixture-requests';

// Issue 9, for every kind: the same request gives byte-identical records, from the same engine,
// from a fresh engine, and from a deep copy of the request; the request is never modified.
describe('decisions are deterministic, for every kind with samples', () => {
  const requests = fixtureRequests();
  const a = createEngine();
  const b = createEngine();
  it.each(requests.map((r, i) => [`${r.kind} #${i}`, r] as const))('%s', (_name, request) => {
    const before = canonicalJson(request);
    const first = JSON.stringify(toRecord(a.evaluate(request), request));
    expect(JSON.stringify(toRecord(a.evaluate(request), request))).toBe(first);
    expect(JSON.stringify(toRecord(b.evaluate(structuredClone(request)), request))).toBe(first);
    expect(canonicalJson(request)).toBe(before);
  });
  it('covers every bundled kind', () => {
    expect(new Set(requests.map((r) => r.kind))).toEqual(new Set(a.kinds()));
  });
});
