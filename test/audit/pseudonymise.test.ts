/**
 * Pseudonymised records (issue 18): person ids and names become keyed hashes wherever they
 * appear, the record is sealed again, and it still replays to the same decision.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { personIdsOf, pseudonymiseRecord, pseudonymOf } from '../../src/audit/pseudonymise';
import { verifyRecordHash, type DecisionRecord } from '../../src/audit/record';
import { createEngine } from '../../src/create-engine';

const KEY = 'auditor handover key, 2026-12';
const engine = createEngine();
const fixtures = ['cn.hunan.shaoyang', 'cn.shanghai.baoshan.gucun', 'cn.zhejiang.taizhou'].flatMap((f) =>
  readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'decisions', `${f}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as DecisionRecord),
);

describe('pseudonymOf', () => {
  it('is P- and the first 20 hex digits of HMAC-SHA-256(key, id), as node:crypto computes it', () => {
    const id = 'TJ-01-1 刘建国';
    const expected = 'P-' + createHmac('sha256', KEY).update(id, 'utf8').digest('hex').slice(0, 20);
    expect(pseudonymOf(id, KEY)).toBe(expected);
    expect(pseudonymOf(id, new TextEncoder().encode(KEY))).toBe(expected);
    expect(pseudonymOf(id, KEY + '!')).not.toBe(expected);
  });
});

describe('pseudonymiseRecord', () => {
  it('leaves no person id or name of any sample record, and every one still replays', () => {
    const withIds = fixtures.filter((r) => personIdsOf(r).length > 0);
    expect(withIds.length).toBeGreaterThan(40);
    const out = fixtures.map((r) => pseudonymiseRecord(r, KEY));
    for (let i = 0; i < fixtures.length; i++) {
      const text = JSON.stringify(out[i]);
      for (const id of personIdsOf(fixtures[i]!)) expect(text.includes(id), `${fixtures[i]!.id}: ${id}`).toBe(false);
      expect(verifyRecordHash(out[i]!)).toBe(true);
    }
    const report = engine.replay(out);
    expect(report).toMatchObject({ total: fixtures.length, matched: fixtures.length, mismatched: [], failed: [] });
  });

  it('replaces an id in the request, the outcome, the subjects and the messages alike', () => {
    const record = fixtures.find((r) => r.request.kind === 'eligibility')!;
    const id = personIdsOf(record)[0]!;
    const p = pseudonymOf(id, KEY);
    const out = pseudonymiseRecord(record, KEY);
    const input = out.request.input as { applicants: Array<{ id: string }> };
    expect(input.applicants[0]!.id).toBe(p);
    expect((out.decision.outcome as { applicants: Array<{ id: string }> }).applicants[0]!.id).toBe(p);
    const reason = out.decision.reasons.find((r) => r.rule === 'age-16' && r.subject === p)!;
    expect(reason.message.en).toContain(`Applicant ${p} (born`);
    // The same person gets the same pseudonym in every record (records stay linkable), a new key another.
    expect(pseudonymiseRecord(record, KEY)).toEqual(out);
    expect(JSON.stringify(pseudonymiseRecord(record, 'another key of 16 bytes'))).not.toContain(p);
  });

  it('leaves the ruleset, the parameters and allocation household ids (tie-breaks) as they are', () => {
    const allocation = fixtures.find((r) => r.request.kind === 'allocation')!;
    expect(personIdsOf(allocation)).toEqual([]);
    expect(pseudonymiseRecord(allocation, KEY)).toBe(allocation);
    const payout = fixtures.find((r) => r.request.kind === 'payout')!;
    const out = pseudonymiseRecord(payout, KEY);
    expect(out.ruleset).toEqual(payout.ruleset);
    expect(out.decision.parameters).toEqual(payout.decision.parameters);
    expect(out.decision.outcome).toEqual(payout.decision.outcome);
    expect(out.recordHash).not.toBe(payout.recordHash);
  });

  it('refuses a key shorter than 16 bytes', () => {
    expect(() => pseudonymiseRecord(fixtures[0]!, 'short')).toThrow(RangeError);
  });
});
