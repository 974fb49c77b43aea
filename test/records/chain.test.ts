import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseRecord, toRecord, verifyRecordHash } from '../../src';
import { sha256Hex } from '../../src/engine/canonical-json';
import { CHAIN_RULE, GENESIS, RecordChain, SEAL_FORMAT, chainHash, verifyRecordFile } from '../../src/records';
import { recordText } from '../../src/records/line';
import { engine } from '../helpers';
import { fixtureRequests } from '../fixture-requests';
import { fixtureLines, nodeSha, parse, sealLines, text } from './sealed-file';

// Sealed record files (docs/auditors.md "Sealed record files"): the line format, the chain rule
// and the one-pass record text, on real records.

describe('the record line, built in one pass', () => {
  it('recordText gives the bytes of JSON.stringify(toRecord(…)) for every fixture request, and its recordHash', () => {
    let n = 0;
    for (const [i, request] of fixtureRequests().entries()) {
      const id = `fixture-${i}`;
      const decision = engine.evaluate(request as never);
      const full = toRecord(decision, request, { id });
      const one = recordText(decision, request, { id });
      expect(one.text).toBe(JSON.stringify(full));
      expect(one.recordHash).toBe(full.recordHash);
      expect(one.id).toBe(id);
      n++;
    }
    expect(n).toBeGreaterThan(20);
  });

  it('node:crypto and the portable SHA-256 (@noble/hashes, browsers) give identical record lines and chains', () => {
    const requests = fixtureRequests();
    const a = new RecordChain();
    const b = new RecordChain({ sha256: nodeSha });
    for (const [i, request] of requests.entries()) {
      const id = `fixture-${i}`;
      const decision = engine.evaluate(request as never);
      const portable = recordText(decision, request, { id });
      const native = recordText(decision, request, { id, sha256: nodeSha });
      expect(native).toEqual(portable);
      expect(b.link(native.text, native.recordHash, native.id)).toBe(a.link(portable.text, portable.recordHash, portable.id));
    }
    expect(b.seal()).toBe(a.seal());
    for (const s of ['', 'abc', '中文 被征地农民', 'x'.repeat(100_000)]) expect(nodeSha(s)).toBe(sha256Hex(s));
  });
});

describe('the chain', () => {
  it('genesis is SHA-256 of "zhengdi-chain/1"; record n links SHA-256(hash(n−1) + recordHash(n)); the seal names count, first, last, head', () => {
    expect(GENESIS).toBe(createHash('sha256').update(CHAIN_RULE).digest('hex'));
    const lines = sealLines(fixtureLines());
    const records = lines.slice(0, -1).map(parse);
    let head = GENESIS;
    records.forEach((r, i) => {
      expect(Object.keys(r)[0]).toBe('chain'); // canonical: "chain" sorts first
      expect(r.chain).toEqual({ hash: createHash('sha256').update(head + r.recordHash).digest('hex'), n: i + 1 });
      head = r.chain!.hash;
      expect(verifyRecordHash(parseRecord(lines[i]!))).toBe(true); // the link is not part of the record's own hash
    });
    expect(JSON.parse(lines.at(-1)!)).toEqual({ count: records.length, first: 'payout/GC-01', format: SEAL_FORMAT, head, last: records.at(-1)!.id });
    expect(lines.at(-1)).toBe(`{"count":${records.length},"first":"payout/GC-01","format":"zhengdi-seal/1","head":"${head}","last":"${records.at(-1)!.id}"}`);
    expect(chainHash(GENESIS, records[0]!.recordHash)).toBe(records[0]!.chain!.hash);
    expect(verifyRecordFile(text(lines))).toMatchObject({ status: 'intact', records: records.length, problems: [] });
  });

  it('linkBytes (the --workers path) gives the same bytes as link line by line; an empty file is just the seal', () => {
    const records = fixtureLines().map(parse);
    const a = new RecordChain();
    const b = new RecordChain();
    const byLine = records.map((r) => a.link(JSON.stringify(r), r.recordHash, r.id ?? null)).join('');
    const bytes = new TextEncoder().encode(records.map((r) => JSON.stringify(r) + '\n').join(''));
    expect(new TextDecoder().decode(b.linkBytes(bytes, records.map((r) => r.recordHash), records.map((r) => r.id ?? null)))).toBe(byLine);
    expect(b.state).toEqual(a.state);
    expect(() => b.linkBytes(bytes, [], [])).toThrow('more record lines than record hashes');
    // The prefixes are written as ASCII: a SHA-256 function that gives anything else is refused, not mis-encoded.
    expect(() => new RecordChain({ sha256: () => 'é'.repeat(64) }).linkBytes(bytes, records.map((r) => r.recordHash), records.map(() => null))).toThrow('hex digits');
    expect(new RecordChain().seal()).toBe(`{"count":0,"first":null,"format":"zhengdi-seal/1","head":"${GENESIS}","last":null}\n`);
    expect(verifyRecordFile(new RecordChain().seal())).toMatchObject({ status: 'intact', records: 0 });
  });

  it('linkLines (one thread, lines as text) gives the same text as link line by line, and refuses a miscount or a line without its newline', () => {
    const records = fixtureLines().map(parse);
    const a = new RecordChain();
    const b = new RecordChain();
    const byLine = records.map((r) => a.link(JSON.stringify(r), r.recordHash, r.id ?? null)).join('');
    const lines = records.map((r) => JSON.stringify(r) + '\n');
    // In two chunks, as the CLI links them: the chain goes on across them.
    const cut = 5;
    const text = b.linkLines(lines.slice(0, cut), records.slice(0, cut).map((r) => r.recordHash), records.slice(0, cut).map((r) => r.id ?? null)) + b.linkLines(lines.slice(cut), records.slice(cut).map((r) => r.recordHash), records.slice(cut).map((r) => r.id ?? null));
    expect(text).toBe(byLine);
    expect(b.state).toEqual(a.state);
    expect(verifyRecordFile(text + b.seal())).toMatchObject({ status: 'intact', records: records.length });
    expect(() => new RecordChain().linkLines(lines, [], [])).toThrow('one record hash per record line');
    expect(() => new RecordChain().linkLines([JSON.stringify(records[0])], [records[0]!.recordHash], [null])).toThrow('with its newline');
    expect(() => new RecordChain().linkLines(['{"abc":1}\n'], ['x'], [null])).toThrow('first key sorts after "chain"');
  });

  it('a chain goes on from a saved state (--resume) to the same lines', () => {
    const records = fixtureLines().map(parse);
    const whole = new RecordChain();
    const all = records.map((r) => whole.link(JSON.stringify(r), r.recordHash, r.id ?? null));
    const first = new RecordChain();
    records.slice(0, 7).forEach((r) => first.link(JSON.stringify(r), r.recordHash, r.id ?? null));
    const rest = new RecordChain({ state: first.state });
    expect(records.slice(7).map((r) => rest.link(JSON.stringify(r), r.recordHash, r.id ?? null))).toEqual(all.slice(7));
    expect(rest.seal()).toBe(whole.seal());
  });

  it('refuses a line whose first key would not sort after "chain" (the line would not be canonical JSON)', () => {
    expect(() => new RecordChain().link('{"abc":1}', 'x', null)).toThrow('first key sorts after "chain"');
    expect(() => new RecordChain().link('[1]', 'x', null)).toThrow();
  });
});
