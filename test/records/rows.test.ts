import { describe, expect, it } from 'vitest';
import { canonicalJson, parseRecord } from '../../src';
import { decideRows } from '../../src/records/decide-rows';
import { jsonlItem, reasonOf, recordLine, type RowItem } from '../../src/records/rows';
import { InputError, NoRulesetInForceError } from '../../src/engine/errors';
import { engine } from '../helpers';
import village from '../../rulesets/cn.hunan.shaoyang/samples/village-eligibility.json';

// One row of `zhengdi evaluate` (docs/cli.md), in-process: the code the calling thread and the
// `--workers` threads share. What a row may say overrides the flags; every failure is one line.

const household = village.households[0]!;
const enc = new TextEncoder();
const dec = new TextDecoder();

describe('recordLine: a row to its decision record, or the reason it failed', () => {
  it('a bare input takes the kind and jurisdiction from the flags and the FILE:LINE id', () => {
    const r = recordLine(engine, jsonlItem('v.jsonl', 3, JSON.stringify(household.input)), { kind: 'eligibility', jurisdiction: 'cn.hunan.shaoyang' });
    expect('line' in r && r.line.endsWith('\n')).toBe(true);
    const record = parseRecord((r as { line: string }).line);
    expect(record.id).toBe('v.jsonl:3');
    expect(record.request).toMatchObject({ kind: 'eligibility', jurisdiction: 'cn.hunan.shaoyang', input: household.input });
    expect(record.request.asOf).toBe(household.input.noticeDate); // the record states the date it used: the notice date
    expect(record.request).not.toHaveProperty('parameters');
  });

  it('an envelope\'s id, kind, asOf and parameters win; its parameters are merged over --param', () => {
    const row = { id: 'TJ-01', kind: 'eligibility', asOf: '2024-01-01', parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': '0.4' }, input: household.input };
    const flags = { kind: 'payout', asOf: '2023-06-15', param: { 'cn.hunan.shaoyang.min-age': 18, 'cn.hunan.shaoyang.max-per-capita-mu': '0.5' } };
    const record = parseRecord((recordLine(engine, jsonlItem('v.jsonl', 1, JSON.stringify(row)), flags) as { line: string }).line);
    expect(record.id).toBe('TJ-01');
    expect(record.request).toMatchObject({ kind: 'eligibility', asOf: '2024-01-01', parameters: { 'cn.hunan.shaoyang.min-age': 18, 'cn.hunan.shaoyang.max-per-capita-mu': '0.4' } });
    // The notice date governs an eligibility decision: the row's asOf is kept in the request (so that a
    // replay makes the same call) but not used, and the decision says so.
    expect(record.decision.asOf).toBe(household.input.noticeDate);
    expect(record.decision.warnings.map((w) => w.code)).toContain('AS_OF_IGNORED');
  });

  it('fails with one line: no kind, an unreadable row, invalid input (every path), no ruleset in force', () => {
    expect(recordLine(engine, jsonlItem('v.jsonl', 1, JSON.stringify(household.input)), {})).toEqual({ error: 'no kind: give --kind or a "kind" in the row' });
    expect(recordLine(engine, jsonlItem('v.jsonl', 2, '{"a":'), { kind: 'eligibility' })).toMatchObject({ error: expect.stringMatching(/^not JSON: /) });
    expect(recordLine(engine, jsonlItem('v.jsonl', 3, '[1]'), { kind: 'eligibility' })).toEqual({ error: 'expected a JSON object (an input, or { "input": … })' });
    const bad = { ...household.input, noticeDate: '2023-02-30', household: { ...household.input.household, memberCount: -1 } };
    const err = recordLine(engine, jsonlItem('v.jsonl', 4, JSON.stringify(bad)), { kind: 'eligibility' }) as { error: string };
    expect(err.error).toMatch(/^input\.noticeDate: .+; input\.household\.memberCount: .+$/);
    const early = recordLine(engine, jsonlItem('v.jsonl', 5, JSON.stringify({ ...household.input, noticeDate: '2019-06-15' })), { kind: 'eligibility' }) as { error: string };
    expect(early.error).toMatch(/^NO_RULESET_IN_FORCE: /);
    const unreadable: RowItem = { where: 'line 9', defaultId: 'v.jsonl:9', error: 'a reason from the reader' };
    expect(recordLine(engine, unreadable, { kind: 'eligibility' })).toEqual({ error: 'a reason from the reader' });
  });

  it('reasonOf: input problems with their paths; engine errors with their code; anything else its message', () => {
    expect(reasonOf(new InputError([{ path: ['input', 'applicants', 0, 'id'], message: 'required' }, { path: [], message: 'x' }]))).toMatch(/^input\.applicants\[0\]\.id: required; .*x$/);
    expect(reasonOf(new NoRulesetInForceError('cn.hunan.shaoyang', 'eligibility', '2019-01-01'))).toMatch(/^NO_RULESET_IN_FORCE: /);
    expect(reasonOf(new RangeError('out of range'))).toBe('out of range');
    expect(reasonOf('plain')).toBe('plain');
  });
});

describe('decideRows: one chunk of JSONL rows, as the single-threaded command writes them', () => {
  const rows = village.households.slice(0, 3).map((h) => JSON.stringify({ id: h.id, input: h.input }));

  it('records in row order, blank lines skipped, CRLF read, errors as FILE: line N: reason; lines counted from `start`', () => {
    const text = `${rows[0]}\r\n\n{"broken\n   \n${rows[1]}\n\n${rows[2]}`;
    const r = decideRows(engine, enc.encode(text), 40, [], 'v.jsonl', 'data/v.jsonl', { kind: 'eligibility' });
    expect(r.rows).toBe(4);
    expect(r.records).toBe(3);
    expect(r.errors).toEqual([expect.stringMatching(/^data\/v\.jsonl: line 43: not JSON: .*\n$/)]);
    const expected = [0, 1, 2].map((i) => (recordLine(engine, jsonlItem('v.jsonl', [41, 45, 47][i]!, rows[i]!), { kind: 'eligibility' }) as { line: string }).line).join('');
    expect(dec.decode(r.bytes)).toBe(expected);
    expect(dec.decode(r.bytes).split('\n').filter(Boolean).map((l) => canonicalJson(parseRecord(l).id))).toEqual(['"TJ-01"', '"TJ-02"', '"TJ-03"']);
  });

  it('a row too long to read is an error at its line, counted as a row', () => {
    const r = decideRows(engine, enc.encode(`${rows[0]}\n\n`), 0, [{ line: 1, bytes: 99, limit: 10 }], 'v.jsonl', 'v.jsonl', { kind: 'eligibility' });
    expect(r.rows).toBe(2);
    expect(r.records).toBe(1);
    expect(r.errors).toEqual(['v.jsonl: line 2: longer than 10 bytes, not read (99 bytes)\n']);
  });
});
