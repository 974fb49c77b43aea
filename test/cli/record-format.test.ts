import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { payoutPeople } from '../../bench/generate';
import { COMPACT_FORMAT_V1, type DecisionRecord } from '../../src';
import { compactOfBody } from '../../src/audit/compact';
import { contentHash } from '../../src/engine/canonical-json';
import { recordLinesOf, zhengdi } from './run';

// `zhengdi evaluate --record-format compact|full` (issue 21): compact records by default; replay,
// explain and verify read both formats, mixed in one file.
const tmp = mkdtempSync(join(tmpdir(), 'zhengdi-record-format-'));
const file = join(tmp, 'people.jsonl');
writeFileSync(file, [...payoutPeople(40, 5)].map((p) => JSON.stringify(p)).join('\n') + '\n');
const unchained = (l: string) => l.replace(/^\{"chain":\{"hash":"[0-9a-f]{64}","n":\d+\},/, '{');

describe('zhengdi evaluate --record-format', () => {
  it('writes compact records by default and full records with --record-format full; both verify as sealed files', async () => {
    const compact = await zhengdi(['evaluate', '--kind', 'payout', file, '--out', join(tmp, 'c.jsonl'), '--no-progress']);
    const full = await zhengdi(['evaluate', '--kind', 'payout', file, '--record-format', 'full', '--out', join(tmp, 'f.jsonl'), '--no-progress']);
    expect([compact.code, full.code]).toEqual([0, 0]);
    const { readFileSync } = await import('node:fs');
    const c = recordLinesOf(readFileSync(join(tmp, 'c.jsonl'), 'utf8'));
    const f = recordLinesOf(readFileSync(join(tmp, 'f.jsonl'), 'utf8'));
    expect(c).toHaveLength(40);
    expect(c.every((l) => (JSON.parse(l) as { format: string }).format === 'zhengdi-compact/2')).toBe(true);
    expect(f.every((l) => (JSON.parse(l) as { format: string }).format === 'zhengdi-record/1')).toBe(true);
    expect(Buffer.byteLength(c.join('\n'))).toBeLessThan(Buffer.byteLength(f.join('\n')) / 10);
    for (const out of ['c.jsonl', 'f.jsonl']) expect((await zhengdi(['verify', join(tmp, out)])).code).toBe(0);
  });

  it('a plain file (read in byte ranges of whole lines) and the same rows on standard input (read line by line) give the same bytes and errors', async () => {
    const people = [...payoutPeople(30, 9)];
    const rows = people.map((p, i) => JSON.stringify({ id: `R${i}`, input: p }));
    // A blank line, a CRLF line end, a row that is not JSON and one the schema refuses.
    const text = '\ufeff' + rows.slice(0, 10).join('\n') + '\n\n' + rows.slice(10, 20).join('\r\n') + '\n{not json\n' + JSON.stringify({ id: 'bad', input: { person: {} } }) + '\n' + rows.slice(20).join('\n');
    const plain = join(tmp, 'ranges.jsonl');
    writeFileSync(plain, text);
    const fromFile = await zhengdi(['evaluate', '--kind', 'payout', plain, '--no-progress']);
    const fromStdin = await zhengdi(['evaluate', '--kind', 'payout', '-', '--no-progress'], { stdin: text });
    expect(fromFile.code).toBe(1);
    expect(recordLinesOf(fromFile.stdout)).toHaveLength(30);
    expect(fromFile.stdout).toBe(fromStdin.stdout);
    expect(fromFile.stderr.replaceAll(plain, '-').replace(/ranges\.jsonl/g, 'stdin')).toBe(fromStdin.stderr);
    expect(fromFile.stderr).toMatch(/line 22: not JSON/);
  });

  it('--workers 2 writes the same bytes as one thread, for both formats', async () => {
    for (const format of ['compact', 'full']) {
      const one = await zhengdi(['evaluate', '--kind', 'payout', file, '--record-format', format, '--no-progress']);
      const two = await zhengdi(['evaluate', '--kind', 'payout', file, '--record-format', format, '--workers', '2', '--no-progress']);
      expect(two.stdout, format).toBe(one.stdout);
    }
  });

  it('replay matches a file of compact (zhengdi-compact/2 and /1) and full records mixed; explain gives the same text for both forms of a record', async () => {
    const c = recordLinesOf((await zhengdi(['evaluate', '--kind', 'payout', file, '--no-progress'])).stdout).map(unchained);
    const f = recordLinesOf((await zhengdi(['evaluate', '--kind', 'payout', file, '--record-format', 'full', '--no-progress'])).stdout).map(unchained);
    // zhengdi-compact/1, as written before /2 (an earlier unreleased version).
    const v1 = f.slice(30).map((l) => {
      const { recordHash: _h, ...body } = JSON.parse(l) as DecisionRecord;
      const old = compactOfBody(body, COMPACT_FORMAT_V1);
      return JSON.stringify({ ...old, recordHash: contentHash(old) });
    });
    const mixed = join(tmp, 'mixed.jsonl');
    writeFileSync(mixed, [...c.slice(0, 20), ...f.slice(20, 30), ...v1].join('\n') + '\n');
    const replay = await zhengdi(['replay', mixed, '--json']);
    expect(replay.code).toBe(0);
    expect(JSON.parse(replay.stdout)).toMatchObject({ total: 40, matched: 40 });
    writeFileSync(join(tmp, 'one-v1.jsonl'), v1[0] + '\n');
    writeFileSync(join(tmp, 'one-v1-f.jsonl'), f[30] + '\n');
    const [e1, e1f] = await Promise.all([zhengdi(['explain', '--lang', 'en', join(tmp, 'one-v1.jsonl')]), zhengdi(['explain', '--lang', 'en', join(tmp, 'one-v1-f.jsonl')])]);
    expect(e1.code).toBe(0);
    expect(e1.stdout.replace(/record hash: [0-9a-f]{64}/, '')).toBe(e1f.stdout.replace(/record hash: [0-9a-f]{64}/, ''));
    writeFileSync(join(tmp, 'one-c.jsonl'), c[3] + '\n');
    writeFileSync(join(tmp, 'one-f.jsonl'), f[3] + '\n');
    const ec = await zhengdi(['explain', '--lang', 'en', join(tmp, 'one-c.jsonl')]);
    const ef = await zhengdi(['explain', '--lang', 'en', join(tmp, 'one-f.jsonl')]);
    expect(ec.code).toBe(0);
    // The record hashes differ (different content); everything else is the same text.
    const noHash = (t: string) => t.replace(/record hash: [0-9a-f]{64}/, 'record hash: …');
    expect(noHash(ec.stdout)).toBe(noHash(ef.stdout));
  });

  it('replay reports a compact record whose outcome was edited (and re-hashed) with the path of the difference', async () => {
    const c = recordLinesOf((await zhengdi(['evaluate', '--kind', 'payout', file, '--no-progress'])).stdout).map(unchained);
    const r = JSON.parse(c[0]!) as { recordHash?: string; outcome: { totals: { amount: string } } };
    r.outcome.totals.amount = '1.00';
    delete r.recordHash;
    const edited = join(tmp, 'edited.jsonl');
    writeFileSync(edited, JSON.stringify({ ...r, recordHash: contentHash(r) }) + '\n' + c[1] + '\n');
    const replay = await zhengdi(['replay', edited, '--json']);
    expect(replay.code).toBe(1);
    const report = JSON.parse(replay.stdout) as { matched: number; mismatched: Array<{ line: number; diffs: Array<{ path: string; recorded: unknown }> }> };
    expect(report.matched).toBe(1);
    expect(report.mismatched[0]!.line).toBe(1);
    expect(report.mismatched[0]!.diffs).toContainEqual(expect.objectContaining({ path: 'outcome.totals.amount', recorded: '1.00' }));
  });
});
