import { mkdtempSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { households } from '../analysis/generate';
import { zhengdi } from './run';

// `zhengdi evaluate --workers N` (issue 8): the rows of a JSONL file decided on worker threads.
// Its contract is the single-threaded command's: the same records, in the same order, the same
// error lines, the same summary and exit code.

const tmp = mkdtempSync(join(tmpdir(), 'zhengdi-workers-'));

describe('zhengdi evaluate --workers', () => {
  // 3,000 generated Shaoyang households as bare inputs (every 97th is invalid), plus envelope rows
  // naming their own kind and id, a Gucun payout row, a line that is not JSON, a blank line, a row
  // with an unknown envelope field, and CRLF line ends in part of the file.
  const rows = [...households(3000, 19)].map((h) => JSON.stringify(h));
  rows.splice(10, 0, JSON.stringify({ id: 'named', kind: 'eligibility', input: JSON.parse(rows[3]!) }));
  rows.splice(20, 0, '{"noticeDate": "2023-06-15", "household": {');
  rows.splice(30, 0, '');
  rows.splice(40, 0, JSON.stringify({ kind: 'payout', input: { expropriationDate: '2024-09-20', person: { id: 'P1', sex: 'female', birthDate: '1960-03-02', pensionStatus: 'none', cooperated: true } } }));
  rows.splice(50, 0, JSON.stringify({ input: {}, extra: 1 }));
  const file = join(tmp, 'mixed.jsonl');
  writeFileSync(file, rows.slice(0, 1500).join('\n') + '\n' + rows.slice(1500).join('\r\n') + '\r\n');

  it('writes byte-for-byte what the single-threaded command writes, for 1, 2 and 3 workers', async () => {
    const single = await zhengdi(['evaluate', file, '--kind', 'eligibility', '--no-progress']);
    expect(single.code).toBe(1); // some rows fail
    const records = single.stdout.trim().split('\n');
    expect(records.length).toBeGreaterThan(2900);
    expect(single.stderr).toMatch(/mixed\.jsonl: line 21: not JSON: /);
    expect(single.stderr).toMatch(/mixed\.jsonl: line 51: unknown envelope field extra/);
    expect(single.stderr).toMatch(/^evaluate: 3004 in, \d+ records, \d+ errors$/m);
    for (const workers of ['1', '2', '3']) {
      const parallel = await zhengdi(['evaluate', file, '--kind', 'eligibility', '--workers', workers, '--no-progress']);
      expect(parallel.code).toBe(single.code);
      expect(parallel.stdout).toBe(single.stdout);
      expect(parallel.stderr).toBe(single.stderr);
    }
  }, 120_000);

  it('a plain file (each worker reads its own byte ranges) gives what a .gz file (read by this thread) gives, a row over 64 MiB included', async () => {
    // Rows over 64 MiB are not read (an error row): by the range scanner on a plain file, by the streaming splitter on .gz.
    const long = join(tmp, 'long.jsonl');
    const huge = Buffer.alloc(64 * 1024 * 1024 + 1, 'x');
    const head = rows.slice(0, 1200).join('\n') + '\n';
    const tail = '\r\n' + rows.slice(1200, 2600).join('\r\n'); // CRLF, no final newline
    writeFileSync(long, Buffer.concat([Buffer.from(head), huge, Buffer.from(tail)]));
    writeFileSync(`${long}.gz`, gzipSync(Buffer.concat([Buffer.from(head), huge, Buffer.from(tail)]), { level: 1 }));
    const streamed = await zhengdi(['evaluate', `${long}.gz`, '--kind', 'eligibility', '--workers', '2', '--no-progress']);
    expect(streamed.stderr).toContain(`long.jsonl.gz: line 1201: longer than 67108864 bytes, not read (67108866 bytes)`); // its carriage return counts
    for (const workers of ['1', '2', '3']) {
      const ranged = await zhengdi(['evaluate', long, '--kind', 'eligibility', '--workers', workers, '--no-progress']);
      expect(ranged.code).toBe(streamed.code);
      expect(ranged.stdout).toBe(streamed.stdout);
      expect(ranged.stderr).toBe(streamed.stderr.replaceAll('long.jsonl.gz:', 'long.jsonl:'));
    }
  }, 120_000);

  it('passes the flags on: --as-of, --param and --jurisdiction reach every worker', async () => {
    const small = join(tmp, 'small.jsonl');
    writeFileSync(small, rows.slice(0, 200).join('\n'));
    const args = ['evaluate', small, '--kind', 'eligibility', '--jurisdiction', 'cn.hunan.shaoyang', '--as-of', '2024-06-30', '-p', 'cn.hunan.shaoyang.max-per-capita-mu=0.5', '--no-progress'];
    const single = await zhengdi(args);
    const parallel = await zhengdi([...args, '--workers', '2']);
    expect(parallel.stdout).toBe(single.stdout);
    expect(parallel.stderr).toBe(single.stderr);
    expect(JSON.parse(single.stdout.split('\n')[0]!).request.parameters).toEqual({ 'cn.hunan.shaoyang.max-per-capita-mu': '0.5' });
  }, 60_000);

  it('refuses other formats and bad counts with a clear message', async () => {
    const csv = join(tmp, 'x.csv');
    writeFileSync(csv, 'noticeDate\n2023-06-15\n');
    const r = await zhengdi(['evaluate', csv, '--kind', 'eligibility', '--workers', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--workers reads JSONL input (one input per line), not csv');
    for (const bad of ['0', '-1', '1.5', 'two', '257']) {
      const b = await zhengdi(['evaluate', file, '--workers', bad]);
      expect(b.code).not.toBe(0);
      expect(b.stderr).toContain('expected a whole number from 1 to 256');
    }
  }, 60_000);
});
