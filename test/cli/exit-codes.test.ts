import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src';
import village from '../../rulesets/cn.hunan.shaoyang/samples/village-eligibility.json';
import { CLI, ROOT, recordLinesOf, zhengdi } from './run';

// docs/cli.md and ../shared/spec/API.md: exit code 0 all good; 1 some rows failed, did not match
// or were tampered with; 2 a usage or run-level error, reported once, before any row is decided.
// Every case here runs the built binary (dist/cli.js).

const tmp = mkdtempSync(join(tmpdir(), 'zhengdi-exit-'));
const jsonl = join(tmp, 'village.jsonl');
writeFileSync(jsonl, village.households.map((h) => JSON.stringify({ id: h.id, input: h.input })).join('\n') + '\n');
const HEADER = '_id,noticeDate,household.originalCultivatedMu,household.expropriatedCultivatedMu,household.memberCount,applicants.0.id,applicants.0.sex,applicants.0.birthDate,applicants.0.basis,applicants.0.collectiveMember,applicants.0.holdsContractRight';
const ROW = (i: number) => `H${i},2023-06-15,4.80,4.20,4,A${i},male,1968-04-12,member,true,true`;

/** One stderr line, nothing on stdout, exit code 2. */
function usageError(r: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(pattern);
}

describe('exit code 0: all good', () => {
  it('every row decided', async () => {
    const r = await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', jsonl]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`evaluate: ${village.households.length} in, ${village.households.length} records, 0 errors\n`);
  });
  it('--help and --version', async () => {
    expect((await zhengdi(['--help'])).code).toBe(0);
    expect((await zhengdi(['--version'])).code).toBe(0);
  });
});

describe('exit code 1: some rows failed, did not match, or were tampered with', () => {
  it('a row that cannot be decided: the others are written, exit 1', async () => {
    const file = join(tmp, 'one-bad.jsonl');
    writeFileSync(file, readFileSync(jsonl, 'utf8') + JSON.stringify({ id: 'X', input: { ...village.households[0]!.input, noticeDate: '2023-02-30' } }) + '\n');
    const r = await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', file]);
    expect(r.code).toBe(1);
    expect(recordLinesOf(r.stdout)).toHaveLength(village.households.length);
  });
  it('tampered records on replay', async () => {
    expect((await zhengdi(['replay', 'fixtures/decisions/tampered.jsonl'])).code).toBe(1);
  });
});

describe('exit code 2: usage errors, reported once, before any row', () => {
  it('an unknown option', async () => usageError(await zhengdi(['evaluate', '--record-format', 'full', '--kindd', 'eligibility', jsonl]), /^error: unknown option '--kindd'\n/));
  it('an unknown command', async () => usageError(await zhengdi(['evalute', jsonl]), /^error: unknown command 'evalute'/));
  it('no command at all', async () => {
    const r = await zhengdi([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: zhengdi');
  });
  it('a missing argument', async () => usageError(await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility']), /missing required argument 'file'/));
  it('a missing file, for every command that reads one', async () => {
    for (const cmd of [['evaluate', '--record-format', 'full', '-k', 'eligibility'], ['replay'], ['explain'], ['compare', '-k', 'eligibility', '-s', 'cn.hunan.shaoyang.max-per-capita-mu=0.4']]) {
      usageError(await zhengdi([...cmd, join(tmp, 'nope.jsonl')]), new RegExp(`^zhengdi: ${join(tmp, 'nope.jsonl')}: no such file\\n$`));
    }
  });
  it('--lang fr', async () => {
    for (const cmd of [['explain', jsonl], ['replay', jsonl], ['rulesets'], ['parameters']]) {
      usageError(await zhengdi([...cmd, '--lang', 'fr']), /option '--lang <lang>' argument 'fr' is invalid\. Allowed choices are zh, en\./);
    }
  });
  it('--kind eligibilty: one line naming the typo and the kind meant', async () => {
    const r = await zhengdi(['evaluate', '--record-format', 'full', '--kind', 'eligibilty', jsonl]);
    usageError(r, /^zhengdi: --kind: unknown kind 'eligibilty' \(did you mean 'eligibility'\?\); known: eligibility, payout, /);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
  it('--jurisdiction that does not decide the kind', async () =>
    usageError(await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', '-j', 'cn.zhejiang.taizhou', jsonl]), /^zhengdi: --jurisdiction: cn\.zhejiang\.taizhou does not decide 'eligibility'; cn\.hunan\.shaoyang does\n$/));
  it('--param foo=1: an unknown parameter', async () => usageError(await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', '--param', 'foo=1', jsonl]), /^zhengdi: --param: unknown parameter 'foo'/));
  it('--param of another jurisdiction, or not a decimal', async () => {
    const r = await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', '--param', 'cn.hunan.shaoyang.max-per-capita-mu=abc', '--param', 'cn.shanghai.pension-rate=0.2', jsonl]);
    usageError(r, /--param: cn\.hunan\.shaoyang\.max-per-capita-mu: expected a decimal/);
    expect(r.stderr).toContain('zhengdi: --param: cn.shanghai.pension-rate: belongs to cn.shanghai, not to cn.hunan.shaoyang or its parents\n');
  });
  it('--as-of notadate, and a date that does not exist', async () => {
    usageError(await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', '--as-of', 'notadate', jsonl]), /^zhengdi: --as-of: 'notadate': expected a/);
    usageError(await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', '--as-of', '2023-02-29', jsonl]), /^zhengdi: --as-of: '2023-02-29': expected a real calendar date/); // 2023 is not a leap year
  });
  it('an unknown CSV column, and an unknown _param column', async () => {
    const file = join(tmp, 'typo.csv');
    writeFileSync(file, HEADER.replace('household.memberCount', 'household.memberCout') + ',_param.foo\n' + ROW(1) + ',1\n');
    const r = await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', file]);
    usageError(r, /unknown CSV columns: column 5 'household\.memberCout': not a field of the eligibility input.*column 12 '_param\.foo': unknown parameter 'foo'/);
  });
  it('a CSV without --kind and without a _kind column', async () => {
    const file = join(tmp, 'nokind.csv');
    writeFileSync(file, HEADER + '\n' + ROW(1) + '\n');
    usageError(await zhengdi(['evaluate', '--record-format', 'full', file]), /no kind: give --kind, or a _kind column/);
  });
  it('a JSON file that is not JSON', async () => {
    const file = join(tmp, 'bad.json');
    writeFileSync(file, '[{');
    usageError(await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', file]), /^zhengdi: .*bad\.json: not JSON/);
  });
  it('--workers with CSV', async () => {
    const file = join(tmp, 'w.csv');
    writeFileSync(file, HEADER + '\n' + ROW(1) + '\n');
    usageError(await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', '--workers', '2', file]), /--workers reads JSONL input/);
  });
  it('parameters --on notadate, --id unknown', async () => {
    usageError(await zhengdi(['parameters', '--on', 'notadate']), /--on: 'notadate' is not a date/);
    usageError(await zhengdi(['parameters', '--id', 'cn.hunan.shaoyang.min-ag']), /did you mean 'cn\.hunan\.shaoyang\.min-age'/);
  });
  it('compare without a reform', async () => usageError(await zhengdi(['compare', '-k', 'eligibility', jsonl]), /no reform/));
});

describe('the 200,000-row typo', () => {
  it('--kind eligibilty on 200,000 CSV rows: exit 2, one stderr line, nothing decided', async () => {
    const file = join(tmp, 'big.csv');
    const out = createWriteStream(file);
    out.write(HEADER + '\n');
    let buf = '';
    for (let i = 0; i < 200_000; i++) {
      buf += ROW(i) + '\n';
      if (buf.length > 1 << 16) {
        if (!out.write(buf)) await once(out, 'drain');
        buf = '';
      }
    }
    out.end(buf);
    await once(out, 'finish');
    const started = Date.now();
    const r = await zhengdi(['evaluate', '--record-format', 'full', '--kind', 'eligibilty', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^zhengdi: --kind: unknown kind 'eligibilty'/)]);
    expect(Date.now() - started).toBeLessThan(20_000); // stopped before reading the rows
    // The same file with a typo in a column: also one line, before the first row.
    const typo = join(tmp, 'big-typo.csv');
    writeFileSync(typo, readFileSync(file, 'utf8').replace('applicants.0.birthDate', 'applicants.0.birthdate'));
    const t = await zhengdi(['evaluate', '--record-format', 'full', '--kind', 'eligibility', typo]);
    expect(t.code).toBe(2);
    expect(t.stdout).toBe('');
    expect(t.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(t.stderr).toContain("column 8 'applicants.0.birthdate': not a field of the eligibility input");
  }, 120_000);
});

describe('standard input, gzip, output fields, per-row kind', () => {
  it('evaluate - reads JSONL from stdin (the same records as the file)', async () => {
    const fromFile = await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', jsonl]);
    const fromStdin = await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', '-'], { stdin: readFileSync(jsonl, 'utf8') });
    expect(fromStdin.code).toBe(0);
    // ids name the file, else "stdin"; the records are otherwise the same
    expect(recordLinesOf(fromStdin.stdout).map((l) => parseRecord(l).decision)).toEqual(recordLinesOf(fromFile.stdout).map((l) => parseRecord(l).decision));
  });
  it('evaluate - --format csv reads CSV from stdin; --rulesets - reads a rule file from stdin', async () => {
    const r = await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', '--format', 'csv', '-'], { stdin: HEADER + '\n' + ROW(1) + '\n' });
    expect(parseRecord(recordLinesOf(r.stdout)[0]!).id).toBe('H1');
    const rs = await zhengdi(['rulesets', '--json', '--rulesets', '-'], { stdin: readFileSync('rulesets/cn.hunan.shaoyang/ruleset.2020-01-01.json', 'utf8') });
    expect(rs.code).toBe(0);
  });
  it('.gz in and out: the same records, compressed', async () => {
    writeFileSync(jsonl + '.gz', gzipSync(readFileSync(jsonl)));
    const out = join(tmp, 'records.jsonl.gz');
    const r = await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', jsonl + '.gz', '-o', out]);
    expect(r.code).toBe(0);
    const plain = await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', jsonl]);
    expect(gunzipSync(readFileSync(out)).toString('utf8')).toBe(plain.stdout);
    // --workers reads .gz and stdin too, and writes the same bytes
    expect((await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', '--workers', '2', jsonl + '.gz'])).stdout).toBe(plain.stdout);
    expect((await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', '--workers', '2', '-'], { stdin: readFileSync(jsonl, 'utf8') })).stdout).toBe(plain.stdout);
    const replay = await zhengdi(['replay', out]);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(new RegExp(`matched\\s+${village.households.length}\\n`));
  });
  it('--output-fields outcome: the id and the outcome only, much smaller', async () => {
    const full = await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', jsonl]);
    const slim = await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', '--output-fields', 'outcome', jsonl]);
    const lines = slim.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; outcome: { eligibleCount: number } });
    expect(lines.map((l) => Object.keys(l))).toEqual(village.households.map(() => ['id', 'outcome']));
    // TJ-02 keeps 0.3000 mu per person: not under 0.3 (二(一)), so none of its 2 applicants is eligible
    expect(lines.find((l) => l.id === 'TJ-02')!.outcome.eligibleCount).toBe(0);
    expect(slim.stdout.length * 5).toBeLessThan(full.stdout.length);
    usageError(await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', '--output-fields', 'outcom', jsonl]), /unknown field outcom/);
  });
  it('CSV _kind and _jurisdiction columns choose per row', async () => {
    const file = join(tmp, 'kinds.csv');
    writeFileSync(
      file,
      [
        '_id,_kind,_jurisdiction,noticeDate,household.originalCultivatedMu,household.expropriatedCultivatedMu,household.memberCount,applicants.0.id,applicants.0.sex,applicants.0.birthDate,applicants.0.basis,applicants.0.collectiveMember,applicants.0.holdsContractRight,approvalDate,approvedAreaMu,village.agriculturalLandMu,village.population16Plus,village.alreadyInsured',
        'E1,eligibility,cn.hunan.shaoyang,2023-06-15,4.80,4.20,4,A1,male,1968-04-12,member,true,true,,,,,',
        'Q1,quota,cn.zhejiang.taizhou,,,,,,,,,,,2020-04-20,21,700,900,60',
      ].join('\n') + '\n',
    );
    const r = await zhengdi(['evaluate', '--record-format', 'full', file]);
    expect(r.stderr).toBe('evaluate: 2 in, 2 records, 0 errors\n');
    const [e, q] = recordLinesOf(r.stdout).map((l) => parseRecord(l));
    expect(e!.decision.kind).toBe('eligibility');
    expect(q!.decision).toMatchObject({ kind: 'quota', jurisdiction: 'cn.zhejiang.taizhou' });
    // 台政办函〔2019〕47号 三(二): 21 mu × (900 − 60) / 700 mu = 25.2 → 25
    expect(q!.decision.outcome).toMatchObject({ exactQuota: '25.2', quota: 25 });
  });
});

describe('a reader that goes away (EPIPE)', () => {
  it('explain … | head -3: three lines, no stack trace, a quiet exit', async () => {
    const big = join(tmp, 'many-records.jsonl');
    const records = readFileSync('fixtures/decisions/cn.hunan.shaoyang.jsonl', 'utf8');
    writeFileSync(big, records.repeat(200));
    const child = spawn('sh', ['-c', `"${process.execPath}" "${CLI}" explain "${big}" | head -3; echo "status \${PIPESTATUS:-}"`], { cwd: ROOT });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await once(child, 'close');
    expect(out.split('\n').slice(0, 3)).toHaveLength(3);
    expect(out).toMatch(/^决定记录 /);
    expect(err).toBe('');
  });
  it('the exit code is 0 when the pipe closes', async () => {
    const big = join(tmp, 'many-records.jsonl');
    const child = spawn(process.execPath, [CLI, 'explain', big], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const [code] = (await once(child, 'close')) as [number];
    expect(code).toBe(0);
    expect(err).not.toMatch(/EPIPE|Error/);
  });
});
