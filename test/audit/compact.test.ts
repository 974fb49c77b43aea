import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson, COMPACT_FORMAT_V1, compactParameters, compactRecordOf, expandRecord, InputError, parseCompactRecord, rederive, toCompactRecord, toRecord, type AnyCompactRecord, type CompactItem, type DecisionRecord, type ItemOutcome } from '../../src';
import { compactOfBody, groupedParameters } from '../../src/audit/compact';
import fc from 'fast-check';
import { contentHash } from '../../src/engine/canonical-json';
import { payoutPeople } from '../../bench/generate';
import { engine } from '../helpers';

const dir = new URL('../../fixtures/decisions/', import.meta.url);
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl') && f !== 'tampered.jsonl')
  .flatMap((f) => readFileSync(new URL(f, dir), 'utf8').split('\n').filter((l) => l.trim() !== '').map((line) => ({ line, record: JSON.parse(line) as DecisionRecord })));

/** A copy of a compact record with `edit` applied and its hash made again (a consistent forgery). */
function resealed<C extends AnyCompactRecord>(c: C, edit: (c: C) => void): C {
  const copy = JSON.parse(JSON.stringify(c)) as C;
  edit(copy);
  const { recordHash: _h, ...body } = copy;
  return { ...copy, recordHash: contentHash(body) };
}

/** The zhengdi-compact/1 record of a full record (what unreleased versions wrote before /2). */
function v1Of(record: DecisionRecord): AnyCompactRecord {
  const { recordHash: _h, chain: _c, ...body } = record;
  const v1 = compactOfBody(body, COMPACT_FORMAT_V1);
  return { ...v1, recordHash: contentHash(v1) };
}

describe('compact records (zhengdi-compact/2)', () => {
  it('expand to the full record, byte for byte, for every bundled fixture record', () => {
    expect(fixtures.length).toBeGreaterThan(50);
    expect(new Set(fixtures.map((f) => f.record.request.kind)).size).toBeGreaterThanOrEqual(5);
    for (const { line, record } of fixtures) {
      const compact = compactRecordOf(record);
      expect(compact.format).toBe('zhengdi-compact/2');
      expect(JSON.stringify(expandRecord(compact, engine)), record.id).toBe(line);
      // Made from the decision, the compact record is the same bytes as made from the full record.
      expect(JSON.stringify(toCompactRecord(engine.evaluate(record.request as never), { id: record.id! })), record.id).toBe(JSON.stringify(compact));
    }
  });

  it('zhengdi-compact/1 records (written before /2) still expand byte for byte and replay matched', () => {
    const v1 = fixtures.map(({ line, record }) => ({ line, c: v1Of(record) }));
    for (const { line, c } of v1) expect(JSON.stringify(expandRecord(c, engine))).toBe(line);
    const report = engine.replay(v1.map(({ c }) => c));
    expect(report).toMatchObject({ total: v1.length, matched: v1.length, mismatched: [], failed: [] });
    // And a forged /1 record is still caught, at its own paths.
    const { record } = fixtures.find((f) => f.record.request.kind === 'eligibility' && f.record.decision.reasons.some((r) => !r.holds))!;
    const old = v1Of(record) as Extract<AnyCompactRecord, { format: 'zhengdi-compact/1' }>;
    const i = old.reasons.findIndex((r) => !r[1]);
    expect(rederive(resealed(old, (x) => { x.reasons[i]![1] = true; }), engine).diffs).toEqual([{ path: `reasons[${i}][1]`, recorded: true, replayed: false }]);
  });

  it('carry the request, the outcome (items as id, amount, funding), the ruleset hash, the parameter values by namespace, each subject\'s reason results, warning counts and a hash', () => {
    // Gucun payout fixture with a split item (宝顾府〔2022〕13号 四(一): the individual premium is
    // paid from the account, the rest by the district and the town).
    const { record } = fixtures.find((f) => f.record.request.kind === 'payout' && (f.record.decision.outcome as { items: ItemOutcome[] }).items.some((it) => it.funding.length > 1))!;
    const c = compactRecordOf(record);
    expect(Object.keys(c)).toEqual(['engineVersion', 'format', 'id', 'outcome', 'parameters', 'reasons', 'recordHash', 'request', 'ruleset', 'warnings']);
    expect(c.request).toEqual(record.request);
    expect(c.ruleset).toBe(record.ruleset.hash);
    // Parameters: `cn.shanghai.pension-rate` is kept as { 'cn.shanghai': { 'pension-rate': … } }; flattened, they are the record's.
    expect(compactParameters(c)).toEqual(record.parameters);
    expect(Object.keys(compactParameters(c)).sort()).toEqual(Object.keys(record.parameters).sort());
    expect(Object.keys(c.parameters)).toEqual(expect.arrayContaining(['cn.shanghai', 'cn.shanghai.baoshan.gucun']));
    // The outcome: everything but the items as it is; each item as [id, amount, funding].
    const full = record.decision.outcome as { items: ItemOutcome[] } & Record<string, unknown>;
    const kept = c.outcome as { items: CompactItem[] } & Record<string, unknown>;
    expect({ ...kept, items: undefined }).toEqual({ ...full, items: undefined });
    expect(kept.items).toEqual(full.items.map((it) => [it.id, it.amount, it.funding.length === 1 ? it.funding[0]!.payer : it.funding.map((f) => [f.payer, f.amount])]));
    expect(kept.items.some((it) => Array.isArray(it[2]))).toBe(true);
    // Reasons: one group per run of a subject: [subject, how many, the rules that held…].
    const reasons = record.decision.reasons;
    expect(c.reasons).toEqual([[reasons[0]!.subject, reasons.length, ...reasons.filter((r) => r.holds).map((r) => r.rule)]]);
    const counts: Record<string, number> = {};
    for (const w of record.decision.warnings) counts[w.code] = (counts[w.code] ?? 0) + 1;
    expect(c.warnings).toEqual(counts);
    const { recordHash, ...body } = c;
    expect(recordHash).toBe(contentHash(body));
    expect(JSON.stringify(c)).toBe(canonicalJson(c));
    expect(parseCompactRecord(JSON.stringify(c))).toEqual(c);
  });

  it('reasons without a subject and several subjects: one group per run', () => {
    const multi = fixtures.find((f) => new Set(f.record.decision.reasons.map((r) => r.subject ?? null)).size > 1)!.record;
    const c = compactRecordOf(multi);
    const flat = c.reasons.flatMap(([subject, count]) => Array.from({ length: count }, () => subject));
    expect(flat).toEqual(multi.decision.reasons.map((r) => r.subject ?? null));
    expect(c.reasons.length).toBeGreaterThan(1);
    const held = c.reasons.flatMap(([, , ...rules]) => rules);
    expect(held).toEqual(multi.decision.reasons.filter((r) => r.holds).map((r) => r.rule));
  });

  it('a compact record whose outcome, reason results, figures or hash disagree with the re-derivation is reported, not expanded', () => {
    const { record } = fixtures.find((f) => f.record.request.kind === 'eligibility' && f.record.decision.reasons.some((r) => !r.holds))!;
    const c = compactRecordOf(record);
    // A rule that failed, listed as held.
    const g = c.reasons.findIndex(([, count, ...held]) => held.length < count);
    const failed = record.decision.reasons.find((r) => !r.holds && (r.subject ?? null) === c.reasons[g]![0])!.rule;
    const flipped = resealed(c, (x) => { x.reasons[g]!.push(failed); });
    const diffs = rederive(flipped, engine).diffs;
    expect(diffs).toEqual([{ path: `reasons[${g}][${c.reasons[g]!.length}]`, recorded: failed, replayed: undefined }]);
    expect(() => expandRecord(flipped, engine)).toThrow(InputError);
    try {
      expandRecord(flipped, engine);
    } catch (e) {
      expect((e as InputError).issues[0]).toMatchObject({ code: 'compact_mismatch', path: ['reasons', g, c.reasons[g]!.length] });
    }
    const outcome = resealed(c, (x) => { (x.outcome as { eligibleCount: number }).eligibleCount += 1; });
    expect(rederive(outcome, engine).diffs.map((d) => d.path)).toEqual(['outcome.eligibleCount']);
    const fewer = resealed(c, (x) => { x.reasons[g]![1] -= 1; });
    expect(rederive(fewer, engine).diffs.map((d) => d.path)).toEqual([`reasons[${g}][1]`]);
    const edited = { ...c, id: 'someone-else' };
    expect(rederive(edited, engine).diffs.map((d) => d.path)).toEqual(['recordHash']);
    expect(() => parseCompactRecord({ format: 'zhengdi-compact/2' })).toThrow(InputError);
    expect(() => parseCompactRecord({ format: 'zhengdi-compact/1' })).toThrow(InputError);
  });

  it('an edited payout amount or payer is caught at the item', () => {
    const { record } = fixtures.find((f) => f.record.request.kind === 'payout' && (f.record.decision.outcome as { items: unknown[] }).items.length > 0)!;
    const c = compactRecordOf(record);
    const amount = resealed(c, (x) => { (x.outcome as { items: CompactItem[] }).items[0]![1] = '1.00'; });
    expect(rederive(amount, engine).diffs).toEqual([expect.objectContaining({ path: 'outcome.items[0][1]', recorded: '1.00' })]);
    const payer = resealed(c, (x) => { (x.outcome as { items: CompactItem[] }).items[0]![2] = 'someone'; });
    expect(rederive(payer, engine).diffs.map((d) => d.path)[0]).toMatch(/^outcome\.items\[0\]\[2\]/);
  });

  it('a payout row: at most 1,500 bytes on average on generated payout rows (issue 21), a twelfth of the full record', () => {
    let compact = 0;
    let full = 0;
    let n = 0;
    for (const p of payoutPeople(400)) {
      const d = engine.evaluate({ kind: 'payout', input: p });
      n++;
      compact += Buffer.byteLength(JSON.stringify(toCompactRecord(d, { id: `people.jsonl:${n}` })));
      full += Buffer.byteLength(JSON.stringify(toRecord(d, { id: `people.jsonl:${n}` })));
    }
    // Measured 2026-12-02 on these 400 rows: 1,349 bytes (full records 16,129); the bench's 100,000 rows: 1,484.
    expect(compact / n).toBeLessThan(1500);
    expect(compact / n).toBeLessThan(full / n / 10);
  });
});

describe('parameters grouped by namespace (the plans kept per list of ids)', () => {
  // The plain way: split each id at its last dot, namespaces and names in code-unit order.
  const plain = (values: Record<string, string>) => {
    const groups: Record<string, Record<string, string>> = {};
    const nsOf = (id: string) => (id.lastIndexOf('.') < 0 ? '' : id.slice(0, id.lastIndexOf('.')));
    for (const ns of [...new Set(Object.keys(values).map(nsOf))].sort()) {
      const group: Record<string, string> = {};
      for (const id of Object.keys(values).filter((x) => nsOf(x) === ns).sort((a, b) => (a.slice(a.lastIndexOf('.') + 1) < b.slice(b.lastIndexOf('.') + 1) ? -1 : 1))) group[id.slice(id.lastIndexOf('.') + 1)] = values[id]!;
      groups[ns] = group;
    }
    return groups;
  };
  const ids = fc.uniqueArray(fc.tuple(fc.constantFrom('', 'cn', 'cn.shanghai', 'cn.shanghai.baoshan', 'x.y'), fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/)).map(([ns, name]) => (ns ? `${ns}.${name}` : name)), { maxLength: 9 });
  it('give the plain grouping, keys in order, for any list of ids in any order; more than 512 lists, and lists that begin another', () => {
    const seen = fc.sample(ids, 1500);
    fc.assert(
      fc.property(fc.constantFrom(...seen), fc.nat(), (list, k) => {
        // The list, then one that begins with it (a prefix in the tree of plans).
        for (const l of [list, [...list, `zz.extra${k % 3}`].filter((x, i, a) => a.indexOf(x) === i)]) {
          const values = Object.fromEntries(l.map((id, i) => [id, String(i)]));
          const got = groupedParameters(values);
          const want = plain(values);
          expect(got).toEqual(want);
          expect(JSON.stringify(got)).toBe(JSON.stringify(want)); // the same key order
        }
      }),
      { numRuns: 3000 },
    );
  });
});

