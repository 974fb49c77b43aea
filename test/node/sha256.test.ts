import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/engine/canonical-json';
import { nodeSha256Hex } from '../../src/node/sha256';

// Records are hashed by the CLI and the workers with Node's SHA-256 and checked in browsers with
// the portable one: the same hex for every string, lone surrogates included.
describe('nodeSha256Hex', () => {
  it('is the portable SHA-256 and the Hash object\'s, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), (s) => {
        const h = nodeSha256Hex(s);
        expect(h).toBe(sha256Hex(s));
        expect(h).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
      }),
      { numRuns: 500 },
    );
    // FIPS 180-2 appendix B.1.
    expect(nodeSha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
