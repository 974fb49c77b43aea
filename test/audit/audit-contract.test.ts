import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError, parseRecord, toRecord, type DecisionRecord } from '../../src';
import { diffDecisions, diffValues, joinPath, sameValue } from '../../src/audit/diff';
import { replayOne, replayRecords, type ReplayHost } from '../../src/audit/replay';
import { RulesetNotApplicableError } from '../../src/engine/errors';
import { verifyRecordHash } from '../../src/audit/record';

// Records, replay and diffs (docs/audit.md and /work/shared/spec/API.md: `toRecord`, `parseRecord`,
// `engine.replay` with its stable error codes and messages).

const fixture = readFileSync('fixtures/decisions/cn.hunan.shaoyang.jsonl', 'utf8').trim().split('\n');
const rec = (i = 0) => parseRecord(fixture[i]!);
const issues = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  }
  return [];
};

describe('toRecord refuses a request that does not belong to the decision, listing every problem', () => {
  const r = rec();
  const decision = r.decision;
  it('kind, jurisdiction and asOf must be the decision’s; a record id is 1 to 200 characters', () => {
    expect(issues(() => toRecord(decision, { kind: 'payout', jurisdiction: 'cn.x', asOf: '2000-01-01', input: {} }, { id: '' }))).toEqual([
      "request.kind: is 'payout' but the decision is of kind 'eligibility'",
      "request.jurisdiction: is 'cn.x' but the decision was made for 'cn.hunan.shaoyang'",
      'request.asOf: is 2000-01-01 but the decision was made as of 2023-06-15',
      'id: a record id is a string of 1 to 200 characters',
    ]);
    expect(issues(() => toRecord(decision, { kind: 'eligibility', input: {} }, { id: 'x'.repeat(201) }))).toEqual(['id: a record id is a string of 1 to 200 characters']);
    expect(issues(() => toRecord(decision, { kind: 'eligibility', input: {} }, { id: 5 as unknown as string }))).toEqual(['id: a record id is a string of 1 to 200 characters']);
    expect(toRecord(decision, { kind: 'eligibility', input: {} }, { id: 'x'.repeat(200) }).id).toHaveLength(200);
    expect(toRecord(decision, { kind: 'eligibility', input: {} }, { id: 'a' }).id).toBe('a');
  });
  it('the request is stored with the decision’s jurisdiction and asOf; overrides only when there are some', () => {
    const plain = toRecord(decision, { kind: 'eligibility', input: { a: 1 }, parameters: {} });
    expect(plain.request).toEqual({ kind: 'eligibility', jurisdiction: 'cn.hunan.shaoyang', asOf: '2023-06-15', input: { a: 1 } });
    expect(plain).not.toHaveProperty('id');
    const over = toRecord(decision, { kind: 'eligibility', jurisdiction: 'cn.hunan.shaoyang', asOf: '2023-06-15', input: {}, parameters: { p: '1' } });
    expect(over.request.parameters).toEqual({ p: '1' });
    expect(over.parameters).toEqual(Object.fromEntries(decision.parameters.map((p) => [p.id, p.value])));
    expect(over.ruleset).toEqual({ id: decision.ruleset.id, version: decision.ruleset.version, hash: decision.ruleset.hash });
    expect(verifyRecordHash(over)).toBe(true);
    expect(verifyRecordHash({ ...over, recordHash: undefined as unknown as string })).toBe(false);
  });
});

describe('parseRecord', () => {
  it('a JSON string or a value; not JSON, and not a record, are InputErrors with paths', () => {
    expect(parseRecord(fixture[0]!).id).toBe(rec().id);
    expect(parseRecord(JSON.parse(fixture[0]!) as unknown).id).toBe(rec().id);
    const notJson = issues(() => parseRecord('{x'));
    expect(notJson).toHaveLength(1);
    expect(notJson[0]).toMatch(/^: not JSON: /);
    expect(issues(() => parseRecord({ ...JSON.parse(fixture[0]!), format: 'other/1' }))[0]).toMatch(/^format: /);
    expect(issues(() => parseRecord({ ...JSON.parse(fixture[0]!), ruleset: { id: 'x', hash: 'ABC' } }))).toEqual(['ruleset.hash: a ruleset hash is 64 lower-case hex digits']);
  });
});

describe('diffs: paths and equal values', () => {
  it('paths: .name for identifiers, ["key"] otherwise, [i] for indexes; the root is (root)', () => {
    expect(joinPath('', 'a')).toBe('a');
    expect(joinPath('a', 'b')).toBe('a.b');
    expect(joinPath('a', 0)).toBe('a[0]');
    expect(joinPath('a', 'x-y')).toBe('a["x-y"]');
    expect(joinPath('', 'x y')).toBe('["x y"]');
    expect(diffValues(1, 2)).toEqual([{ path: '(root)', recorded: 1, replayed: 2 }]);
  });
  it('decimal strings are equal when their values are (when one has a point); numbers by value', () => {
    expect(sameValue('1.50', '1.5')).toBe(true);
    expect(sameValue('2', '2.00')).toBe(true);
    expect(sameValue('2', '02')).toBe(false); // neither has a point: compared as text
    expect(sameValue('1.5', 'x')).toBe(false);
    expect(sameValue(1.5, 1.5)).toBe(true);
    expect(sameValue(Number.NaN, Number.NaN)).toBe(true);
    expect(sameValue(1, '1')).toBe(false);
    expect(sameValue('1', 1)).toBe(false);
    expect(sameValue(1, 2)).toBe(false);
  });
  it('objects key by key in sorted order, arrays index by index; a missing side is undefined', () => {
    expect(diffValues({ b: 1, a: [1, 2] }, { a: [1], c: 3, b: 1 })).toEqual([
      { path: 'a[1]', recorded: 2, replayed: undefined },
      { path: 'c', recorded: undefined, replayed: 3 },
    ]);
    expect(diffValues({ toString: 1 }, {})).toEqual([{ path: 'toString', recorded: 1, replayed: undefined }]);
    expect(diffValues([1], { 0: 1 })).toEqual([{ path: '(root)', recorded: [1], replayed: { 0: 1 } }]);
  });
  it('decisions: ruleset by id and hash only; parameters by id, value and overridden only', () => {
    const a = rec();
    const b = JSON.parse(JSON.stringify(a)) as DecisionRecord;
    b.decision.ruleset = { ...b.decision.ruleset, version: '9.9.9' };
    b.decision.parameters = b.decision.parameters.map((p) => ({ ...p, source: 'changed' })).reverse();
    expect(diffDecisions(a.decision, b.decision)).toEqual([]);
    b.decision.parameters[0] = { ...b.decision.parameters[0]!, overridden: true };
    expect(diffDecisions(a.decision, b.decision)).toEqual([{ path: `parameters[${JSON.stringify(b.decision.parameters[0]!.id)}].overridden`, recorded: false, replayed: true }]);
    expect(diffDecisions({ parameters: [null, { id: 3 }, { id: 'p', value: 1 }] }, { parameters: 'x' })).toEqual([{ path: 'parameters.p', recorded: { value: 1, overridden: undefined }, replayed: undefined }]);
    expect(diffDecisions({ ruleset: 'x', kind: 'k' }, { ruleset: 'y', kind: 'k' })).toEqual([{ path: 'ruleset', recorded: 'x', replayed: 'y' }]);
  });
});

describe('replay: failures with their codes and messages', () => {
  const host = (over: Partial<ReplayHost>): ReplayHost => ({
    rulesetInForce: () => {
      throw new Error('no ruleset');
    },
    rulesetByHash: () => undefined,
    evaluateUnder: () => {
      throw new Error('not called');
    },
    evaluate: (() => {
      throw new Error('not called');
    }) as never,
    ...over,
  });
  const summary = (over: object = {}) => ({ ...rec().decision.ruleset, jurisdiction: 'cn.hunan.shaoyang', kinds: ['eligibility'], ...over }) as never;

  it('not a record: INVALID_RECORD, with the id when the value had a string id', () => {
    const h = host({});
    expect(replayOne(h, { id: 'x1', nope: 1 }, 4)).toMatchObject({ index: 4, id: 'x1', status: 'failed', error: { code: 'INVALID_RECORD' } });
    expect(replayOne(h, { id: 7 }, 0)).not.toHaveProperty('id');
    expect(replayOne(h, null, 0)).not.toHaveProperty('id');
    expect(replayOne(h, 'x', 0)).toMatchObject({ error: { code: 'INVALID_RECORD', message: expect.stringMatching(/^: not JSON|^\(root\): not JSON|not JSON/) } });
  });

  it('unknown ruleset: what it was made under and what is in force (or why none is)', () => {
    const r = rec();
    const inForce = summary({ id: 'cur', version: '2.0.0', hash: 'b'.repeat(64) });
    const f = replayOne(host({ rulesetInForce: () => inForce }), r, 0);
    expect(f).toMatchObject({ status: 'failed', id: r.id, error: { code: 'UNKNOWN_RULESET' } });
    const msg = (f as { error: { message: string } }).error.message;
    expect(msg).toBe(
      `made under ruleset ${r.ruleset.id} v${r.ruleset.version} (hash ${r.ruleset.hash.slice(0, 12)}), which this engine does not have; in force for cn.hunan.shaoyang eligibility on 2023-06-15: cur v2.0.0 (hash bbbbbbbbbbbb). Load that ruleset file (createEngine({ archive: [file] }) or --archive) to replay it exactly.`,
    );
    const none = replayOne(
      host({
        rulesetInForce: () => {
          throw new InputError([{ path: ['x'], message: 'm' }]);
        },
      }),
      r,
      0,
    ) as { error: { message: string } };
    expect(none.error.message).toContain('in force for cn.hunan.shaoyang eligibility on 2023-06-15: none (x: m).');
    const noVersion = JSON.parse(JSON.stringify(r)) as DecisionRecord;
    delete (noVersion.ruleset as { version?: string }).version;
    const nv = replayOne(host({ rulesetInForce: () => inForce }), noVersion, 0) as { error: { message: string } };
    expect(nv.error.message.startsWith(`made under ruleset ${r.ruleset.id} (hash `)).toBe(true);
  });

  it('a known ruleset that does not decide the request: the core refuses it (RULESET_NOT_APPLICABLE), replay reports it', () => {
    const r = rec();
    const f = replayOne(
      host({
        rulesetByHash: () => summary(),
        evaluateUnder: () => {
          throw new RulesetNotApplicableError(r.ruleset.hash, 'ruleset x does not decide cn.hunan.shaoyang eligibility on 2023-06-15');
        },
      }),
      r,
      0,
    ) as { status: string; error?: { code: string; message: string } };
    expect(f.error).toEqual({ code: 'RULESET_NOT_APPLICABLE', message: 'ruleset x does not decide cn.hunan.shaoyang eligibility on 2023-06-15' });
  });


  it('an error while evaluating: its code (InputError: path: message; other engine errors; anything else ERROR)', () => {
    const r = rec();
    const known = { rulesetInForce: () => summary(), rulesetByHash: () => summary() };
    const input = replayOne(host({ ...known, evaluateUnder: () => { throw new InputError([{ path: ['input', 'a'], message: 'm1' }, { path: [], message: 'm2' }]); } }), r, 0);
    expect(input).toMatchObject({ status: 'failed', error: { code: 'INVALID_INPUT', message: 'input.a: m1; (root): m2' } });
    const other = replayOne(host({ ...known, evaluateUnder: () => { throw new RangeError('odd'); } }), r, 0);
    expect(other).toMatchObject({ error: { code: 'ERROR', message: 'odd' } });
    const str = replayOne(host({ ...known, evaluateUnder: () => { throw 'text'; } }), r, 0);
    expect(str).toMatchObject({ error: { code: 'ERROR', message: 'text' } });
  });

  it('records must be an array, an iterable or an async iterable', () => {
    const h = host({});
    for (const bad of ['abc', 5, null, { a: 1 }]) {
      expect(issues(() => replayRecords(h, bad as never))).toEqual(['records: expected an array, an iterable or an async iterable of records']);
    }
    expect(replayRecords(h, [])).toEqual({ total: 0, matched: 0, mismatched: [], failed: [] });
  });
});
