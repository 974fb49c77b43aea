import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyRecordFile, type FileProblem } from '../../src/records';
import { editAndRehash, fixtureLines, nodeSha, parse, rechain, sealLines, text } from './sealed-file';

// Every kind of tampering of a sealed record file is reported at its line (issue 20). The file is
// the Gucun fixture (fixtures/decisions/cn.shanghai.baoshan.gucun.jsonl, 49 real payout records)
// sealed as `zhengdi evaluate` seals it: lines 1–49 are records 1–49, line 50 the seal.

const sealed = sealLines(fixtureLines());
const N = sealed.length - 1;
const SEAL = N + 1;
const problems = (lines: readonly string[]) => verifyRecordFile(text(lines), { sha256: nodeSha }).problems.map((p: FileProblem) => ({ line: p.line, code: p.code }));
const without = (i: number) => sealed.filter((_, j) => j !== i);
const moved = (from: number, to: number) => {
  const l = [...sealed];
  const [x] = l.splice(from, 1);
  l.splice(to, 0, x!);
  return l;
};

/** Tamperings tried in this file (reported in docs/quality.md). */
export let tamperings = 0;
const check = (lines: readonly string[]) => {
  tamperings++;
  return problems(lines);
};

describe('a sealed fixture file and its tamperings, each reported at its line', () => {
  it('the file as written is intact; the unsealed fixture (made before sealed files) is reported as unsealed, not broken', () => {
    expect(verifyRecordFile(text(sealed))).toMatchObject({ status: 'intact', records: N, seal: { count: N, line: SEAL, first: 'payout/GC-01' }, problems: [] });
    expect(verifyRecordFile(text(fixtureLines()))).toMatchObject({ status: 'unsealed', records: N, problems: [] });
  });

  it('deleted: a record in the middle, the first, the last before the seal', () => {
    expect(check(without(9))).toEqual([{ line: 10, code: 'DELETED' }]); // record 10 gone: line 10 now holds record 11
    expect(check([...sealed.slice(0, 9), ...sealed.slice(12)])).toEqual([{ line: 10, code: 'DELETED' }]); // records 10–12
    expect(check(without(0))).toEqual([{ line: 1, code: 'DELETED' }, { line: N, code: 'SEAL_MISMATCH' }]); // the seal names GC-01 first
    expect(check(without(N - 1))).toEqual([{ line: N, code: 'DELETED' }]); // the seal (now line N) counts one more
    expect(verifyRecordFile(text(without(9))).problems[0]!.message).toBe('record 10 is missing: it came before line 10');
  });

  it('inserted: a forged record with a chain link computed the forger\'s way, one with a made-up link, one without a link, one after the seal', () => {
    const forged = editAndRehash(sealed[4]!, (r) => (r.id = 'forged'));
    // A forger who computes the link from record 5 and numbers the record 6: record 6 (line 7) then continues from record 5.
    const linked = sealLines([...fixtureLines().slice(0, 5), JSON.stringify({ ...parse(forged), chain: undefined })])[5]!;
    expect(check([...sealed.slice(0, 5), linked, ...sealed.slice(5)])).toEqual([{ line: 6, code: 'INSERTED' }]);
    const madeUp = linked.replace(/"hash":"[0-9a-f]{64}"/, `"hash":"${'0'.repeat(64)}"`);
    expect(check([...sealed.slice(0, 5), madeUp, ...sealed.slice(5)])).toEqual([{ line: 6, code: 'INSERTED' }]);
    const farAhead = linked.replace('"n":6', '"n":999');
    expect(check([...sealed.slice(0, 5), farAhead, ...sealed.slice(5)])).toEqual([{ line: 6, code: 'INSERTED' }]);
    const unchained = fixtureLines()[3]!;
    expect(check([...sealed.slice(0, 20), unchained, ...sealed.slice(20)])).toEqual([{ line: 21, code: 'INSERTED' }]);
    expect(check([...sealed, sealed[2]!.replace('"n":3', '"n":50')])).toEqual([{ line: SEAL + 1, code: 'INSERTED' }]);
  });

  it('reordered: two neighbours swapped, a record moved later, a record moved earlier, the last record moved', () => {
    expect(check(moved(10, 11))).toEqual([{ line: 12, code: 'REORDERED' }]);
    expect(check(moved(3, 30))).toEqual([{ line: 31, code: 'REORDERED' }]); // record 4 now on line 31
    expect(check(moved(30, 3))).toEqual([{ line: 4, code: 'REORDERED' }]); // record 31 now on line 4
    expect(check(moved(N - 1, 2))).toEqual([{ line: 3, code: 'REORDERED' }]);
    expect(verifyRecordFile(text(moved(3, 30))).problems[0]!.message).toBe('record 4 is out of place: it belongs before line 4');
  });

  it('duplicated: a record copied next to itself and far away', () => {
    expect(check([...sealed.slice(0, 8), sealed[7]!, ...sealed.slice(8)])).toEqual([{ line: 9, code: 'DUPLICATED' }]);
    expect(check([...sealed.slice(0, 40), sealed[2]!, ...sealed.slice(40)])).toEqual([{ line: 41, code: 'DUPLICATED' }]);
    expect(verifyRecordFile(text([...sealed.slice(0, 40), sealed[2]!, ...sealed.slice(40)])).problems[0]!.message).toBe('a copy of record 3 (line 3)');
  });

  it('truncated: cut inside a line, cut at a line end (no seal), only the seal removed', () => {
    const whole = text(sealed);
    const cut = whole.slice(0, whole.indexOf(sealed[20]!) + 100);
    expect(verifyRecordFile(cut).problems.map((p) => [p.line, p.code])).toEqual([[21, 'TRUNCATED'], [22, 'SEAL_MISSING']]);
    expect(check(sealed.slice(0, 30))).toEqual([{ line: 31, code: 'SEAL_MISSING' }]);
    expect(check(sealed.slice(0, N))).toEqual([{ line: SEAL, code: 'SEAL_MISSING' }]);
    tamperings++;
  });

  it('a wrong seal: count, head, last id, a second seal, a malformed seal', () => {
    const seal = JSON.parse(sealed[N]!) as Record<string, unknown>;
    const withSeal = (s: Record<string, unknown>) => [...sealed.slice(0, N), JSON.stringify(s)];
    expect(check(withSeal({ ...seal, count: N - 1 }))).toEqual([{ line: SEAL, code: 'SEAL_MISMATCH' }]);
    expect(check(withSeal({ ...seal, head: 'f'.repeat(64) }))).toEqual([{ line: SEAL, code: 'SEAL_MISMATCH' }]);
    expect(check(withSeal({ ...seal, last: 'payout/GC-99' }))).toEqual([{ line: SEAL, code: 'SEAL_MISMATCH' }]);
    expect(check([...sealed, sealed[N]!])).toEqual([{ line: SEAL + 1, code: 'SEAL_MISMATCH' }]);
    expect(check(withSeal({ ...seal, count: 'many' }))).toEqual([{ line: SEAL, code: 'SEAL_MISMATCH' }, { line: SEAL + 1, code: 'SEAL_MISSING' }]);
  });

  it('edited: without re-hashing (its own hash), re-hashed (the chain breaks there only); re-chained and re-sealed passes: only a signature catches that', () => {
    const plain = [...sealed];
    plain[5] = plain[5]!.replace('"amount":"', '"amount":"1');
    expect(check(plain)).toEqual([{ line: 6, code: 'HASH_MISMATCH' }]);
    const rehashed = [...sealed];
    rehashed[5] = editAndRehash(sealed[5]!, (r) => ((r.request as { input: { name?: string } }).input.name = 'someone else'));
    expect(check(rehashed)).toEqual([{ line: 6, code: 'EDITED' }]);
    expect(verifyRecordFile(text(rechain(rehashed))).status).toBe('intact'); // see sign.test.ts
    const first = [...sealed];
    first[0] = editAndRehash(sealed[0]!, (r) => (r.engineVersion = '0.0.1'));
    expect(check(first)).toEqual([{ line: 1, code: 'EDITED' }]);
  });

  it('lines that are not records: not JSON, not an object, another format', () => {
    expect(check([...sealed.slice(0, 3), '{"hello":1}', ...sealed.slice(3)])).toEqual([{ line: 4, code: 'NOT_A_RECORD' }]);
    expect(check([...sealed.slice(0, 3), '[1,2]', ...sealed.slice(3)])).toEqual([{ line: 4, code: 'NOT_A_RECORD' }]);
    expect(check([...sealed.slice(0, 3), 'garbage', ...sealed.slice(3)])).toEqual([{ line: 4, code: 'NOT_A_RECORD' }]);
  });
});

describe('property: any one deletion, duplication, move or insertion of a line is reported, at or next to its line', () => {
  it('never intact; a problem within one line of the change (or at the seal)', { timeout: 120_000 }, () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('delete' as const), at: fc.integer({ min: 0, max: N - 1 }) }),
      fc.record({ kind: fc.constant('duplicate' as const), at: fc.integer({ min: 0, max: N - 1 }), to: fc.integer({ min: 0, max: N }) }),
      fc.record({ kind: fc.constant('move' as const), at: fc.integer({ min: 0, max: N - 1 }), to: fc.integer({ min: 0, max: N - 1 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.integer({ min: 1, max: N }) }),
    );
    fc.assert(
      fc.property(op, (o) => {
        let lines: string[];
        let near: number[]; // 1-based lines where a report is expected
        if (o.kind === 'delete') {
          lines = without(o.at);
          near = [o.at + 1, o.at, N];
        } else if (o.kind === 'duplicate') {
          lines = [...sealed.slice(0, o.to), sealed[o.at]!, ...sealed.slice(o.to)];
          near = [o.to + 1, o.to + 2];
        } else if (o.kind === 'move') {
          if (o.at === o.to) return;
          lines = moved(o.at, o.to);
          near = [o.to + 1, o.at + 1, o.to, o.at + 2];
        } else {
          lines = sealed.slice(0, o.at);
          near = [o.at + 1];
        }
        tamperings++;
        const r = verifyRecordFile(text(lines), { sha256: nodeSha });
        expect(r.status).toBe('broken');
        expect(r.problems.some((p) => near.includes(p.line))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('reports how many tamperings were tried', () => {
    expect(tamperings).toBeGreaterThan(200);
    console.log(`tamperings tried: ${tamperings}`);
  });
});
