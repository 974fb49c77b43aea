import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson, compactRecordOf, expandRecord, InputError, parseCompactRecord, rederive, toCompactRecord, toRecord, type CompactRecord, type DecisionRecord } from '../../src';
import { contentHash } from '../../src/engine/canonical-json';
import { payoutPeople } from '../../bench/generate';
import { engine } from '../helpers';

const dir = new URL('../../fixtures/decisions/', import.meta.url);
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl') && f !== 'tampered.jsonl')
  .flatMap((f) => readFileSync(new URL(f, dir), 'utf8').split('\n').filter((l) => l.trim() !== '').map((line) => ({ line, record: JSON.parse(line) as DecisionRecord })));

/** A copy of a compact record with `edit` applied and its hash made again (a consistent forgery). */
function resealed(c: CompactRecord, edit: (c: CompactRecord) => void): CompactRecord {
  const copy = JSON.parse(JSON.stringify(c)) as CompactRecord;
  edit(copy);
  const { recordHash: _h, ...body } = copy;
  return { ...copy, recordHash: contentHash(body) };
}

describe('compact records (zhengdi-compact/1)', () => {
  it('expand to the full record, byte for byte, for every bundled fixture record', () => {
    expect(fixtures.length).toBeGreaterThan(50);
    expect(new Set(fixtures.map((f) => f.record.request.kind)).size).toBeGreaterThanOrEqual(5);
    for (const { line, record } of fixtures) {
      const compact = compactRecordOf(record);
      expect(JSON.stringify(expandRecord(compact, engine)), record.id).toBe(line);
      // Made from the decision, the compact record is the same bytes as made from the full record.
      expect(JSON.stringify(toCompactRecord(engine.evaluate(record.request as never), { id: record.id! })), record.id).toBe(JSON.stringify(compact));
    }
  });

  it('carry the request, outcome, ruleset, parameter values, reason results, warning codes and a hash of their canonical JSON', () => {
    const { record } = fixtures.find((f) => f.record.request.kind === 'payout')!;
    const c = compactRecordOf(record);
    expect(Object.keys(c)).toEqual(['engineVersion', 'format', 'id', 'outcome', 'parameters', 'reasons', 'recordHash', 'request', 'ruleset', 'warnings']);
    expect(c.format).toBe('zhengdi-compact/1');
    expect(c.request).toEqual(record.request);
    expect(c.outcome).toEqual(record.decision.outcome);
    expect(c.ruleset).toEqual(record.ruleset);
    expect(c.parameters).toEqual(record.parameters);
    expect(c.reasons).toEqual(record.decision.reasons.map((r) => (r.subject !== undefined ? [r.rule, r.holds, r.subject] : [r.rule, r.holds])));
    expect(c.warnings).toEqual(record.decision.warnings.map((w) => w.code));
    const { recordHash, ...body } = c;
    expect(recordHash).toBe(contentHash(body));
    expect(JSON.stringify(c)).toBe(canonicalJson(c));
    expect(parseCompactRecord(JSON.stringify(c))).toEqual(c);
  });

  it('a compact record whose outcome or reason results disagree with the re-derivation is reported, not expanded', () => {
    const { record } = fixtures.find((f) => f.record.request.kind === 'eligibility' && f.record.decision.reasons.some((r) => !r.holds))!;
    const c = compactRecordOf(record);
    const i = c.reasons.findIndex((r) => !r[1]);
    const flipped = resealed(c, (x) => { x.reasons[i]![1] = true; });
    expect(rederive(flipped, engine).diffs).toEqual([{ path: `reasons[${i}][1]`, recorded: true, replayed: false }]);
    expect(() => expandRecord(flipped, engine)).toThrow(InputError);
    try {
      expandRecord(flipped, engine);
    } catch (e) {
      expect((e as InputError).issues[0]).toMatchObject({ code: 'compact_mismatch', path: ['reasons', i, 1] });
    }
    const outcome = resealed(c, (x) => { (x.outcome as { eligibleCount: number }).eligibleCount += 1; });
    expect(rederive(outcome, engine).diffs.map((d) => d.path)).toEqual(['outcome.eligibleCount']);
    const edited = { ...c, id: 'someone-else' };
    expect(rederive(edited, engine).diffs.map((d) => d.path)).toEqual(['recordHash']);
    expect(() => parseCompactRecord({ format: 'zhengdi-compact/1' })).toThrow(InputError);
  });

  it('a payout row: measured size of compact and full records on generated payout rows', () => {
    let compact = 0;
    let full = 0;
    let n = 0;
    for (const p of payoutPeople(200)) {
      const d = engine.evaluate({ kind: 'payout', input: p });
      n++;
      compact += Buffer.byteLength(JSON.stringify(toCompactRecord(d, { id: `people.jsonl:${n}` })));
      full += Buffer.byteLength(JSON.stringify(toRecord(d, { id: `people.jsonl:${n}` })));
    }
    // The outcome is kept whole (about 2.2 KB of a payout's ~2.9 KB: item labels in two languages).
    expect(compact / n).toBeLessThan(3200);
    expect(compact / n).toBeLessThan(full / n / 4);
  });
});
