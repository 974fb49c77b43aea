import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyText } from '../../src/records/line';
import { canonicalJson, sha256Hex } from '../../src/engine/canonical-json';

// A record's line is the canonical JSON of its body with `recordHash` in its sorted place, where
// `recordHash` is SHA-256 of the canonical JSON of the body without it (and without `chain`).
function reference(body: Record<string, unknown>): { text: string; recordHash: string } {
  const { recordHash: _h, chain: _c, ...rest } = body;
  const recordHash = sha256Hex(canonicalJson(rest));
  return { text: canonicalJson({ ...rest, recordHash }), recordHash };
}

describe('bodyText: a record body as its line and hash in one pass', () => {
  it('is the canonical JSON with recordHash in its sorted place, for any body (fields before, after, or none)', () => {
    // Keys around "recordHash" in sort order: "format" < "reasons" < "recordHash" < "request" < "ruleset".
    const key = fc.constantFrom('engineVersion', 'format', 'id', 'outcome', 'reasons', 'recordHasg', 'recordHashes', 'request', 'ruleset', 'warnings', 'z', 'A', 'é');
    const body = fc.dictionary(key, fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined)), { maxKeys: 8 });
    fc.assert(
      fc.property(body, fc.boolean(), (b, withChain) => {
        const input = withChain ? { ...b, chain: { hash: 'x', n: 1 }, recordHash: 'stale' } : b;
        expect(bodyText(input)).toEqual(reference(input));
      }),
      { numRuns: 2000 },
    );
  });
  it('an empty body, only fields before, only fields after', () => {
    for (const b of [{}, { format: 'f' }, { request: { b: 1, a: 2 } }, { a: undefined }]) expect(bodyText(b)).toEqual(reference(b));
    expect(bodyText({}).text).toBe(`{"recordHash":"${sha256Hex('{}')}"}`);
  });
});
