import { createReadStream, createWriteStream, existsSync, mkdtempSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { zhengdi } from './run';

// Acceptance (issue 6): `zhengdi evaluate` on a CSV of 100,000 generated rows with 3 malformed
// rows writes 99,997 records and 3 errors with their line numbers, in bounded memory.

const ROWS = 100_000;
const HEADER =
  '_id,noticeDate,household.originalCultivatedMu,household.expropriatedCultivatedMu,household.memberCount,' +
  'applicants.0.id,applicants.0.sex,applicants.0.birthDate,applicants.0.basis,applicants.0.collectiveMember,applicants.0.holdsContractRight';
// File lines (header = line 1, data row i = line i + 2) and how they are broken.
const BAD: Record<number, { row: (i: number) => string; reason: string }> = {
  1_001: { row: (i) => `H${i},2023-06-15,4.80,4.20,4,A${i},male,1968-02-30,member,true,true`, reason: 'input.applicants[0].birthDate: expected a real calendar date' },
  50_002: { row: (i) => `H${i},2023-06-15,4.80,4.20,4,A${i},male,1968-04-12,member,true`, reason: 'expected 11 columns, found 10' },
  99_999: { row: (i) => `H${i},2023-06-15,4.80,4.20,four,A${i},male,1968-04-12,member,true,true`, reason: 'input.household.memberCount' },
};

async function writeCsv(file: string): Promise<void> {
  const out = createWriteStream(file);
  let buf = HEADER + '\n';
  for (let i = 0; i < ROWS; i++) {
    const line = i + 2;
    // Vary the land and the birth date so the decisions are not all the same.
    const kept = (i % 7) * 0.1; // 0.0 … 0.6 mu kept by a household of 4
    const bad = BAD[line];
    buf += bad ? bad.row(i) : `H${i},2023-06-15,4.80,${(4.8 - kept).toFixed(2)},4,A${i},${i % 2 ? 'male' : 'female'},${1950 + (i % 60)}-04-12,member,true,true`;
    buf += '\n';
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const _l of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) n++;
  return n;
}

describe('zhengdi evaluate on 100,000 CSV rows (streamed)', () => {
  it('writes 99,997 records and 3 errors with their line numbers, in bounded memory', { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhengdi-big-'));
    const csv = join(dir, 'big.csv');
    const out = join(dir, 'big.jsonl');
    await writeCsv(csv);
    // A 64 MB heap: the 100,000 records (≈ 300 MB of JSON) can only fit if they are streamed.
    const time = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-v', process.execPath] : [process.execPath];
    const r = await zhengdi(['evaluate', '--kind', 'eligibility', '--no-progress', csv, '--out', out], { nodeArgs: ['--max-old-space-size=64'], command: time });
    const errors = r.stderr.split('\n').filter((l) => l.startsWith(`${csv}: line `));
    expect(errors).toHaveLength(3);
    for (const [line, bad] of Object.entries(BAD)) {
      expect(errors.find((e) => e.startsWith(`${csv}: line ${line}: `)), `line ${line}`).toContain(bad.reason);
    }
    expect(r.stderr).toContain(`evaluate: ${ROWS} in, 99997 records, 3 errors`);
    expect(await countLines(out)).toBe(99_997 + 1); // the records and their seal
    expect(r.code).toBe(1); // some rows failed
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
    if (rss) expect(Number(rss[1]) / 1024).toBeLessThan(200); // MB: well under the output's size
  });
});
