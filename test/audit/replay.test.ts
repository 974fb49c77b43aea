import { describe, expect, it } from 'vitest';
import { createEngine, sealRecord, toRecord, type DecisionRecord, type EvaluateRequest } from '../../src';
import shaoyang from '../../rulesets/cn.hunan.shaoyang/ruleset.2020-01-01.json';
import { DECISION_FIXTURE_SOURCES, loadSamples, requestOf } from '../../scripts/decision-fixtures/sources';
import { engine } from '../helpers';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

function recordsOf(e = engine, jurisdiction?: string) {
  return DECISION_FIXTURE_SOURCES.filter((s) => !jurisdiction || s.jurisdiction === jurisdiction).flatMap((source) =>
    loadSamples(source).map((s) => {
      const request = requestOf(source, s) as EvaluateRequest;
      return { source, record: toRecord(e.evaluate(request), request, { id: s.id }) };
    }),
  );
}

type Leaf = { path: Array<string | number>; value: unknown };
function firstLeaf(v: unknown, pred: (x: unknown) => boolean, path: Array<string | number> = []): Leaf | undefined {
  if (pred(v)) return { path, value: v };
  if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const f = firstLeaf(x, pred, [...path, Array.isArray(v) ? Number(k) : k]);
      if (f) return f;
    }
  }
  return undefined;
}

/**
 * The first value of an outcome worth changing, with the changed value: a decimal string
 * (raised by 1), else a count (raised by 1), else a yes/no (flipped).
 */
function firstDecimal(v: unknown): { path: Array<string | number>; value: string; changed: unknown } | undefined {
  const dec = firstLeaf(v, (x) => typeof x === 'string' && /^-?\d+\.\d+$/.test(x));
  if (dec) {
    const value = dec.value as string;
    return { path: dec.path, value, changed: (Number(value) + 1).toFixed(value.split('.')[1]!.length) };
  }
  const n = firstLeaf(v, (x) => typeof x === 'number');
  if (n) return { path: n.path, value: n.value as never, changed: (n.value as number) + 1 };
  const b = firstLeaf(v, (x) => typeof x === 'boolean');
  if (b) return { path: b.path, value: b.value as never, changed: !b.value };
  return undefined;
}
const pathText = (p: Array<string | number>) => p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '');

describe('round trip evaluate → record → JSON → replay, for every kind with samples', () => {
  const kinds = [...new Set(DECISION_FIXTURE_SOURCES.map((s) => `${s.jurisdiction} ${s.kind}`))];
  it.each(kinds)('%s: every sample replays as matched', (key) => {
    const records = recordsOf().filter((x) => `${x.source.jurisdiction} ${x.source.kind}` === key).map((x) => JSON.parse(JSON.stringify(x.record)) as unknown);
    expect(records.length).toBeGreaterThan(0);
    expect(engine.replay(records)).toEqual({ total: records.length, matched: records.length, mismatched: [], failed: [] });
  });

  it.each(kinds)('%s: changing one amount (or count, or yes/no) gives exactly one mismatch with its path', (key) => {
    const { record } = recordsOf().find((x) => `${x.source.jurisdiction} ${x.source.kind}` === key && firstDecimal(x.record.decision.outcome))!;
    const t = clone(record);
    const at = firstDecimal(t.decision.outcome)!;
    const changed = at.changed;
    let cur = t.decision.outcome as unknown as Record<string | number, unknown>;
    for (const k of at.path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
    cur[at.path[at.path.length - 1]!] = changed;
    const resealed = sealRecord(t);
    const report = engine.replay([resealed]);
    expect(report.matched).toBe(0);
    expect(report.mismatched).toEqual([{ index: 0, id: record.id, diffs: [{ path: `outcome.${pathText(at.path)}`, recorded: changed, replayed: at.value }] }]);
    // The same edit without resealing also shows that the record was edited after it was made.
    const naive = engine.replay([t]).mismatched[0]!.diffs.map((d) => d.path);
    expect(naive).toEqual([`outcome.${pathText(at.path)}`, 'recordHash']);
  });
});

describe('replay: what is not passed', () => {
  const base = recordsOf()[0]!.record;

  it('a decimal written differently ("0.15" for "0.1500") is not a mismatch', () => {
    const t = clone(base);
    (t.decision.outcome as { perCapitaAfterMu: string }).perCapitaAfterMu = '0.15';
    expect(engine.replay([sealRecord(t)]).matched).toBe(1);
  });
  it('a changed reason is a mismatch at its path', () => {
    const t = clone(base);
    t.decision.reasons[1]!.holds = !t.decision.reasons[1]!.holds;
    expect(engine.replay([sealRecord(t)]).mismatched[0]!.diffs).toEqual([{ path: 'reasons[1].holds', recorded: !base.decision.reasons[1]!.holds, replayed: base.decision.reasons[1]!.holds }]);
  });
  it('a record with an unknown ruleset hash fails with UNKNOWN_RULESET', () => {
    const t = clone(base);
    t.ruleset.hash = 'f'.repeat(64);
    const r = engine.replay([sealRecord(t)]);
    expect(r.matched).toBe(0);
    expect(r.failed).toEqual([{ index: 0, id: base.id, error: { code: 'UNKNOWN_RULESET', message: expect.stringContaining('ffffffffffff') } }]);
  });
  it('what is not a record fails with INVALID_RECORD; a record whose input is now invalid fails with INVALID_INPUT', () => {
    const t = clone(base);
    (t.request.input as { noticeDate: string }).noticeDate = '2023-02-30';
    const r = engine.replay(['{"x":1}', 'not json', sealRecord(t)]);
    expect(r.failed.map((f) => [f.index, f.error.code])).toEqual([[0, 'INVALID_RECORD'], [1, 'INVALID_RECORD'], [2, 'INVALID_INPUT']]);
  });
  it('total = matched + mismatched + failed', () => {
    const t = clone(base);
    t.decision.outcome = {} as DecisionRecord['decision']['outcome'];
    const r = engine.replay([base, sealRecord(t), 'x']);
    expect([r.total, r.matched, r.mismatched.length, r.failed.length]).toEqual([3, 1, 1, 1]);
  });
});

describe('replay of records made under an older ruleset version', () => {
  // An "older version" of the Shaoyang ruleset: the same window, but 16-year-olds are not yet
  // included (age > minAge instead of age >= minAge).
  const older = clone(shaoyang) as unknown as { version: string; rules: Array<{ id: string; test: unknown }> };
  older.version = '0.9.0';
  older.rules.find((r) => r.id === 'age-16')!.test = { '>': [{ value: 'age' }, { value: 'minAge' }] };
  const oldEngine = createEngine({ rulesets: [older] }); // replaces the bundled one by id
  // TJ-03-2 赵磊 is exactly 16 on the notice date: eligible now, not under the older rule.
  const oldRecords = recordsOf(oldEngine, 'cn.hunan.shaoyang').map((x) => x.record);

  it('the current engine reports them as UNKNOWN_RULESET, never as matched', () => {
    const r = engine.replay(oldRecords);
    expect(r.matched).toBe(0);
    expect(r.failed.every((f) => f.error.code === 'UNKNOWN_RULESET')).toBe(true);
    expect(r.failed[0]!.error.message).toContain('v0.9.0');
  });
  it('createEngine({ rulesets: [older] }) replays them exactly (and no longer the current ones)', () => {
    expect(oldEngine.replay(oldRecords).matched).toBe(oldRecords.length);
    expect(oldEngine.replay(recordsOf(engine, 'cn.hunan.shaoyang').map((x) => x.record)).failed.length).toBe(oldRecords.length);
  });
  it('createEngine({ archive: [older] }) replays both old and current records, and decides new ones with the current rules', () => {
    const both = createEngine({ archive: [older] });
    const current = recordsOf().map((x) => x.record);
    const n = oldRecords.length + current.length;
    expect(both.replay([...oldRecords, ...current])).toMatchObject({ total: n, matched: n });
    // The caller's archive adds to the bundled one (the superseded versions shipped in rulesets/*/archive/).
    const bundledArchive = createEngine().archivedRulesets().map((r) => r.hash);
    expect(both.archivedRulesets().filter((r) => !bundledArchive.includes(r.hash)).map((r) => r.version)).toEqual(['0.9.0']);
    const tj03 = current.find((r) => r.id === 'eligibility/TJ-03')!;
    expect(both.evaluate(tj03.request as EvaluateRequest).outcome).toEqual(tj03.decision.outcome);
    // The records differ where the rule changed: 赵磊 (16 on the notice date).
    const old03 = oldRecords.find((r) => r.id === 'eligibility/TJ-03')!;
    expect((old03.decision.outcome as { applicants: Array<{ eligible: boolean }> }).applicants[1]!.eligible).toBe(false);
  });
  it('a known ruleset that does not cover the record\'s date fails with RULESET_NOT_APPLICABLE', () => {
    const later = { ...clone(older), version: '0.9.1', effectiveFrom: '2030-01-01' };
    const e = createEngine({ archive: [later] });
    const t = clone(oldRecords[0]!);
    t.ruleset.hash = e.archivedRulesets().find((r) => r.version === '0.9.1')!.hash;
    expect(e.replay([sealRecord(t)]).failed[0]!.error.code).toBe('RULESET_NOT_APPLICABLE');
  });
});

describe('replay streams: iterables and async iterables', () => {
  const records = recordsOf().map((x) => JSON.stringify(x.record));
  it('accepts a generator (sync) and returns the report at once', () => {
    function* gen() {
      yield* records;
    }
    expect(engine.replay(gen()).matched).toBe(records.length);
  });
  it('accepts an async iterable and returns a promise; onRecord sees every record in order', async () => {
    async function* gen() {
      for (const r of records) yield r;
    }
    const seen: number[] = [];
    const p = engine.replay(gen(), { onRecord: (r) => seen.push(r.index) });
    expect(p).toBeInstanceOf(Promise);
    expect((await p).matched).toBe(records.length);
    expect(seen).toEqual(records.map((_r, i) => i));
  });
  it('keeps nothing for matched records (2,000 records through a generator)', () => {
    const line = records[0]!;
    function* many() {
      for (let i = 0; i < 2_000; i++) yield line;
    }
    const r = engine.replay(many());
    expect(r).toEqual({ total: 2_000, matched: 2_000, mismatched: [], failed: [] });
  });
});
