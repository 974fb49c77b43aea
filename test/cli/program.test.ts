import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InputError, NoRulesetInForceError, parseRecord } from '../../src';
import { collectParam, program, reasonOf } from '../../src/cli/program';
import { recordLinesOf } from './run';
import { households } from '../analysis/generate';
import { engine } from '../helpers';
import village from '../../rulesets/cn.hunan.shaoyang/samples/village-eligibility.json';

// The `zhengdi` commands driven in-process (src/cli/program.ts), so that what test/cli/cli.test.ts
// checks on the built binary is also checked on the sources (and the mutation run reaches them).
// Output is captured from process.stdout/stderr; the exit code is process.exitCode.

const tmp = mkdtempSync(join(tmpdir(), 'zhengdi-program-'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function quiet(cmd: Command, err: string[]): void {
  cmd.exitOverride().configureOutput({ writeOut: (s) => err.push(s), writeErr: (s) => err.push(s) });
  for (const c of cmd.commands) quiet(c, err);
}

/** Runs with `text` as standard input (for the file `-`). */
async function withStdin(text: string, run: () => Promise<Run>): Promise<Run> {
  const original = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  Object.defineProperty(process, 'stdin', { configurable: true, enumerable: true, get: () => Readable.from([text]) });
  try {
    return await run();
  } finally {
    Object.defineProperty(process, 'stdin', original);
  }
}

async function zhengdi(args: string[]): Promise<Run> {
  const out: Buffer[] = []; // bytes (the --workers path writes Uint8Array chunks), decoded at the end
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (out.push(Buffer.from(c)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => (err.push(String(c)), true));
  const before = process.exitCode;
  process.exitCode = undefined;
  let code: number;
  try {
    const prog = program();
    quiet(prog, err);
    await prog.parseAsync(['node', 'zhengdi', ...args]);
    code = Number(process.exitCode ?? 0);
  } catch (e) {
    const c = (e as { exitCode?: number }).exitCode;
    if (typeof c === 'number') code = c; // commander's own errors (bad option, --version)
    else {
      err.push(`zhengdi: ${reasonOf(e)}\n`);
      code = 2;
    }
  } finally {
    vi.restoreAllMocks();
    process.exitCode = before;
  }
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: err.join('') };
}

afterEach(() => vi.restoreAllMocks());

describe('reasonOf: the one-line reason printed for a failed item', () => {
  it('an InputError lists every issue as path: message, joined by "; "', () => {
    const e = new InputError([
      { path: ['input', 'applicants', 0, 'birthDate'], message: 'expected a date' },
      { path: ['input', 'noticeDate'], message: 'required' },
    ]);
    expect(reasonOf(e)).toBe('input.applicants[0].birthDate: expected a date; input.noticeDate: required');
  });
  it('another engine error is CODE: message; any other Error its message; anything else as a string', () => {
    const e = new NoRulesetInForceError('cn.hunan.shaoyang', 'eligibility', '2019-12-31');
    expect(reasonOf(e)).toBe(`NO_RULESET_IN_FORCE: ${e.message}`);
    expect(reasonOf(new Error('boom'))).toBe('boom');
    expect(reasonOf(42)).toBe('42');
  });
});

describe('--param id=value (collectParam)', () => {
  it('collects repeated overrides; whole numbers without leading zeros become numbers, the rest stay strings', () => {
    const a = collectParam('x.a=0.31');
    expect(a).toEqual({ 'x.a': '0.31' });
    expect(collectParam('x.b=16', a)).toEqual({ 'x.a': '0.31', 'x.b': 16 });
    expect(collectParam('x.c=-2')).toEqual({ 'x.c': -2 });
    expect(collectParam('x.c=0')).toEqual({ 'x.c': 0 });
    expect(collectParam('x.c=007')).toEqual({ 'x.c': '007' });
    expect(collectParam('x.c=1e3')).toEqual({ 'x.c': '1e3' });
    expect(collectParam('x.c=a=b')).toEqual({ 'x.c': 'a=b' }); // split at the first '='
    // 15 digits are still a safe integer; 16 stay a string (decimal input keeps them exact)
    expect(collectParam('x.c=123456789012345')).toEqual({ 'x.c': 123456789012345 });
    expect(collectParam('x.c=1234567890123456')).toEqual({ 'x.c': '1234567890123456' });
    expect(collectParam('x.c=')).toEqual({ 'x.c': '' });
  });
  it('a value without an id is refused with an example', () => {
    expect(() => collectParam('=0.3')).toThrow('expected id=value, e.g. cn.hunan.shaoyang.max-per-capita-mu=0.3');
    expect(() => collectParam('0.3')).toThrow('expected id=value');
  });
});

describe('zhengdi rulesets (in-process)', () => {
  it('a table: a header, a rule line, one row per ruleset with its window, document and the first 12 hex digits of its hash', async () => {
    const r = await zhengdi(['rulesets']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^id\s+jurisdiction\s+kinds\s+version\s+from\s+to\s+document\s+hash$/);
    expect(lines[1]).toMatch(/^─+ {2}─+/);
    expect(r.stdout.endsWith('\n')).toBe(true);
    for (const rs of engine.rulesets()) {
      const row = lines.find((l) => l.startsWith(rs.id + ' '))!;
      expect(row, rs.id).toBeDefined();
      expect(row).toContain(rs.kinds.join(', '));
      expect(row).toMatch(new RegExp(` ${rs.effectiveFrom}  +${rs.effectiveTo ?? 'open'} `)); // an open window says "open"
      expect(row).toContain(rs.source.docNo);
      expect(row.endsWith(' ' + rs.hash.slice(0, 12))).toBe(true);
      expect(row).not.toContain(rs.hash.slice(0, 13));
    }
  });
  it('--json: the summaries with full hashes, each marked archived or not; --archive adds the archived ones', async () => {
    const list = JSON.parse((await zhengdi(['rulesets', '--json'])).stdout) as Array<{ id: string; hash: string; archived: boolean }>;
    expect(list.filter((x) => !x.archived).map((x) => x.id)).toEqual(engine.rulesets().map((x) => x.id));
    // The bundled archive (rulesets/*/archive/) is listed too, marked archived.
    expect(list.filter((x) => x.archived).map((x) => x.hash)).toEqual(engine.archivedRulesets().map((x) => x.hash));
    expect(list.every((x) => /^[0-9a-f]{64}$/.test(x.hash))).toBe(true);
    const old = JSON.parse(readFileSync('rulesets/cn.hunan.shaoyang/ruleset.2020-01-01.json', 'utf8')) as { version: string };
    old.version = '0.9.0';
    const oldFile = join(tmp, 'old.json');
    writeFileSync(oldFile, JSON.stringify(old));
    const withOld = await zhengdi(['rulesets', '--archive', oldFile]);
    expect(withOld.stdout).toMatch(/^cn\.hunan\.shaoyang\/2020-01-01 \(archived\)\s+cn\.hunan\.shaoyang\s+\S.*\s0\.9\.0\s/m);
    const json = JSON.parse((await zhengdi(['rulesets', '--json', '--archive', oldFile])).stdout) as Array<{ version: string; archived: boolean }>;
    expect(json.filter((x) => x.archived).map((x) => x.version)).toContain('0.9.0');
    expect(json.filter((x) => x.archived)).toHaveLength(engine.archivedRulesets().length + 1);
  });
  it('a ruleset file that is not valid is reported with its code and exit code 2', async () => {
    const bad = join(tmp, 'bad-ruleset.json');
    writeFileSync(bad, JSON.stringify({ nope: 1 }));
    const r = await zhengdi(['rulesets', '--rulesets', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^zhengdi: INVALID_RULESET: /);
  });
});

describe('zhengdi evaluate (in-process)', () => {
  const jsonl = join(tmp, 'village.jsonl');
  writeFileSync(
    jsonl,
    [
      ...village.households.slice(0, 2).map((h) => JSON.stringify({ id: h.id, input: h.input })),
      '{"noticeDate": "2023-06-15", "household": {',
      '',
      JSON.stringify({ id: 'TJ-03', input: village.households[2]!.input }),
      JSON.stringify({ ...village.households[3]!.input, noticeDate: '2023-02-30' }),
      JSON.stringify({ kind: 'nope', input: village.households[0]!.input }),
    ].join('\n') + '\n',
  );

  it('JSONL: a record per good line, "<file>: line N: reason" per bad line, a summary, exit code 1', async () => {
    const r = await zhengdi(['evaluate', '--record-format', 'full', '--kind', 'eligibility', '--jurisdiction', 'cn.hunan.shaoyang', '--no-progress', jsonl]);
    const records = recordLinesOf(r.stdout).map((l) => parseRecord(l));
    expect(records.map((x) => x.id)).toEqual(['TJ-01', 'TJ-02', 'TJ-03']);
    expect(records.every((x) => x.request.jurisdiction === 'cn.hunan.shaoyang' && x.request.kind === 'eligibility')).toBe(true);
    const errs = r.stderr.trim().split('\n');
    expect(errs[0]).toMatch(new RegExp(`^${jsonl}: line 3: not JSON: `));
    expect(errs[1]).toMatch(new RegExp(`^${jsonl}: line 6: input\\.noticeDate: expected a real calendar date YYYY-MM-DD`));
    expect(errs[2]).toMatch(new RegExp(`^${jsonl}: line 7: `));
    expect(errs[3]).toBe('evaluate: 6 in, 3 records, 3 errors');
    expect(errs).toHaveLength(4);
    expect(r.code).toBe(1);
  });

  it('without --kind and without a "kind" in the row: each row is refused with the reason', async () => {
    const file = join(tmp, 'nokind.jsonl');
    writeFileSync(file, JSON.stringify(village.households[0]!.input) + '\n' + JSON.stringify({ kind: 'eligibility', input: village.households[0]!.input }) + '\n');
    const r = await zhengdi(['evaluate', '--record-format', 'full', file]);
    expect(r.stderr).toContain(`${file}: line 1: no kind: give --kind or a "kind" in the row\n`);
    expect(r.stderr).toContain('evaluate: 2 in, 1 records, 1 errors');
    // the envelope's kind is used; with one jurisdiction deciding it, none is needed
    const rec = parseRecord(recordLinesOf(r.stdout)[0]!);
    expect(rec.id).toBe('nokind.jsonl:2');
    expect(rec.request).toMatchObject({ kind: 'eligibility', jurisdiction: 'cn.hunan.shaoyang' });
    expect(rec.request).not.toHaveProperty('parameters');
    expect(r.code).toBe(1);
  });

  it('JSON array with --param and --as-of: overrides and date in every record; the envelope parameters win over --param', async () => {
    const file = join(tmp, 'two.json');
    writeFileSync(
      file,
      JSON.stringify([
        village.households[0]!.input,
        { input: village.households[1]!.input, parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': '0.29' }, asOf: '2023-08-01' },
      ]),
    );
    const r = await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', '--param', 'cn.hunan.shaoyang.max-per-capita-mu=0.31', '--as-of', '2023-07-01', file]);
    expect(r.stderr).toBe('evaluate: 2 in, 2 records, 0 errors\n');
    expect(r.code).toBe(0);
    const [a, b] = recordLinesOf(r.stdout).map((l) => parseRecord(l));
    expect(a!.id).toBe('two.json#1');
    expect(a!.request).toMatchObject({ asOf: '2023-07-01', parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': '0.31' } });
    expect(b!.id).toBe('two.json#2');
    expect(b!.request).toMatchObject({ asOf: '2023-08-01', parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': '0.29' } });
  });

  it('a single JSON object is item 1; an item that is not an object is reported as "item N"', async () => {
    const one = join(tmp, 'one.json');
    writeFileSync(one, JSON.stringify(village.households[0]!.input));
    const r1 = await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', one]);
    expect(parseRecord(recordLinesOf(r1.stdout)[0]!).id).toBe('one.json#1');
    const list = join(tmp, 'list.json');
    writeFileSync(list, JSON.stringify([village.households[0]!.input, 7]));
    const r2 = await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', list]);
    expect(r2.stderr).toContain(`${list}: item 2: expected a JSON object (an input, or { "input": … })`);
    expect(r2.code).toBe(1);
  });

  it('--format says how to read a file whose extension does not; an unknown extension is an error (exit code 2)', async () => {
    const txt = join(tmp, 'rows.txt');
    writeFileSync(txt, JSON.stringify(village.households[0]!.input) + '\n');
    const r = await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', '--format', 'jsonl', txt]);
    expect(parseRecord(recordLinesOf(r.stdout)[0]!).id).toBe('rows.txt:1');
    const bad = await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', txt]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`zhengdi: cannot tell the format of ${txt}: use a .json, .jsonl or .csv file (optionally .gz), or --format\n`);
  });

  it('CSV with --out: records in the file, nothing on stdout; bad rows by line', async () => {
    const csv = join(tmp, 'rows.csv');
    writeFileSync(
      csv,
      [
        '_id,noticeDate,household.originalCultivatedMu,household.expropriatedCultivatedMu,household.memberCount,applicants.0.id:string,applicants.0.sex,applicants.0.birthDate,applicants.0.basis,applicants.0.collectiveMember,applicants.0.holdsContractRight',
        'H1,2023-06-15,4.80,4.20,4,007,male,1968-04-12,member,true,true',
        'H3,2023-06-15,3.00,2.70,two,009,female,1988-05-20,member,true,true',
      ].join('\n'),
    );
    const out = join(tmp, 'rows.jsonl');
    const r = await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', csv, '--out', out]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${csv}: line 3: input.household.memberCount`);
    const recs = recordLinesOf(readFileSync(out, 'utf8')).map((l) => parseRecord(l));
    expect(recs.map((x) => x.id)).toEqual(['H1']);
    // (4.80 − 4.20) ÷ 4 = 0.15 mu per person, under 0.3; born 1968-04-12, 55 on 2023-06-15
    expect(recs[0]!.decision.outcome).toMatchObject({ perCapitaAfterMu: '0.1500', eligibleCount: 1 });
  });

  it('on a terminal a progress bar shows rows and errors on stderr; --no-progress turns it off', async () => {
    const file = join(tmp, 'progress.jsonl');
    writeFileSync(file, [JSON.stringify(village.households[0]!.input), '{bad', JSON.stringify(village.households[1]!.input)].join('\n') + '\n');
    const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    Object.defineProperty(process.stderr, 'isTTY', { configurable: true, value: true });
    try {
      const withBar = await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', file]);
      // what it counts, at what rate, how many failed, and the time taken and left
      expect(withBar.stderr).toMatch(/\d+% \| 3 rows \((?:[\d.]+k?|–)\/s\) \| 1 errors \| \d+s elapsed, ETA (?:\d+s|–)/);
      expect(withBar.stderr).toContain(`${file}: line 2: not JSON`);
      expect(recordLinesOf(withBar.stdout)).toHaveLength(2); // records (and their seal) only on stdout
      const without = await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', '--no-progress', file]);
      expect(without.stderr).not.toMatch(/rows \|/);
      const replay = join(tmp, 'progress-records.jsonl');
      writeFileSync(replay, withBar.stdout);
      const r = await zhengdi(['replay', replay]);
      // replay counts records and those not matching, not "rows" and "errors"
      expect(r.stderr).toMatch(/\d+% \| 2 records \((?:[\d.]+k?|–)\/s\) \| 0 not matching \| /);
      expect(r.stderr).not.toMatch(/errors/);
    } finally {
      if (tty) Object.defineProperty(process.stderr, 'isTTY', tty);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    }
  });

  it('more output than one 64 KB chunk is written whole and in order', async () => {
    const many = join(tmp, 'many.jsonl');
    const n = 60; // a record is several KB: 60 of them are well over 64 KB
    writeFileSync(many, Array.from({ length: n }, (_, i) => JSON.stringify({ id: `R${i}`, input: village.households[i % 3]!.input })).join('\n'));
    const r = await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', many]);
    expect(r.stdout.length).toBeGreaterThan(65_536);
    expect(recordLinesOf(r.stdout).map((l) => parseRecord(l).id)).toEqual(Array.from({ length: n }, (_, i) => `R${i}`));
  });

  // src/cli/evaluate-workers.ts on this thread; the workers run the built dist/batch-worker.js
  // (test/global-setup.ts builds it). test/cli/workers.test.ts checks the same on dist/cli.js.
  it('--workers 2: the same records, error lines, summary and exit code as one thread, over two 1,000-line chunks', async () => {
    const rows = [...households(1100, 5)].map((h) => JSON.stringify(h));
    rows.splice(1000, 0, '{"noticeDate": ');
    rows.splice(1090, 0, JSON.stringify({ kind: 'payout', input: {} }));
    const file = join(tmp, 'workers.jsonl');
    writeFileSync(file, rows.join('\n') + '\n');
    const args = ['evaluate', '--record-format', 'full', file, '-k', 'eligibility', '--as-of', '2024-06-30', '-p', 'cn.hunan.shaoyang.max-per-capita-mu=0.5', '--no-progress'];
    const single = await zhengdi(args);
    const parallel = await zhengdi([...args, '--workers', '2']);
    expect(single.code).toBe(1);
    expect(single.stderr).toMatch(/workers\.jsonl: line 1001: not JSON: /);
    expect(single.stderr).toMatch(/workers\.jsonl: line 1091: /);
    expect(single.stderr).toMatch(/^evaluate: 1102 in, \d+ records, \d+ errors$/m);
    expect(parallel.code).toBe(single.code);
    expect(parallel.stderr).toBe(single.stderr);
    expect(parallel.stdout.length).toBe(single.stdout.length);
    expect(parallel.stdout === single.stdout).toBe(true); // (not toBe: a diff of 50 MB)
    const first = parseRecord(parallel.stdout.split('\n')[0]!);
    expect(first.request.parameters).toEqual({ 'cn.hunan.shaoyang.max-per-capita-mu': '0.5' });
  }, 60_000);

  it('--workers reads only JSONL: CSV is refused with the reason, exit code 2', async () => {
    const csv = join(tmp, 'w.csv');
    writeFileSync(csv, 'noticeDate\n2023-06-15\n');
    const r = await zhengdi(['evaluate', '--record-format', 'full', csv, '-k', 'eligibility', '--workers', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--workers reads JSONL input (one input per line), not csv');
    expect(r.stdout).toBe('');
  });
});

describe('zhengdi replay (in-process)', () => {
  it('fixtures all match: the counts table and exit code 0', async () => {
    const file = 'fixtures/decisions/cn.hunan.shaoyang.jsonl';
    const n = readFileSync(file, 'utf8').trim().split('\n').length;
    const r = await zhengdi(['replay', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [`Replay of ${file}`, '', 'result      count', '──────────  ─────', `records     ${n}`, `matched     ${n}`, 'mismatched  0', 'failed      0', '',
        `${file}: unsealed (a record file from before sealed files): ${n} records, each checked against its own hash; a deleted, reordered or truncated record cannot be detected`, '',
        'All records match the rules and figures they were made under.', ''].join('\n'),
    );
  });
  it('tampered records: line, id, path, recorded and replayed values; failures with code and reason; exit code 1', async () => {
    const r = await zhengdi(['replay', 'fixtures/decisions/tampered.jsonl']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^mismatched\s+5$/m);
    expect(r.stdout).toMatch(/^failed\s+1$/m);
    expect(r.stdout).toContain('Mismatched (recorded ≠ replayed):');
    expect(r.stdout).toContain('Failed (could not be replayed):');
    expect(r.stdout).toMatch(/^1\s+tampered\/amount\/eligibility\/TJ-01\s+outcome\.perCapitaAfterMu\s+1\.1500\s+0\.1500$/m);
    expect(r.stdout).toMatch(/^2\s+tampered\/outcome\/eligibility\/TJ-02\s+outcome\.applicants\[0\]\.eligible\s+true\s+false$/m);
    expect(r.stdout).toMatch(/^4\s+tampered\/unknown-ruleset\/eligibility\/TJ-01\s+UNKNOWN_RULESET\s+made under ruleset/m);
    expect(r.stdout.trimEnd().endsWith('NOT all records match: see above.')).toBe(true);
  });
  it('--max-diffs 0: each mismatched record is one "… N more" row', async () => {
    const r = await zhengdi(['replay', '--max-diffs', '0', 'fixtures/decisions/tampered.jsonl']);
    const more = r.stdout.split('\n').filter((l) => /… \d+ more/.test(l));
    expect(more).toHaveLength(5);
    expect(r.stdout).not.toMatch(/outcome\.perCapitaAfterMu\s+1\.1500/);
    // line 1 changed one amount and was resealed: 1 difference; line 6 also kept the old hash: 2
    expect(more[0]).toMatch(/^1\s+tampered\/amount\/eligibility\/TJ-01\s+… 1 more$/);
    expect(more[4]).toMatch(/^6\s+tampered\/unsealed\/eligibility\/TJ-01\s+… 2 more$/);
  });
  it('at most 10 differences per record by default, then "… N more"; a value missing on one side is (absent), others as JSON', async () => {
    const rec = JSON.parse(readFileSync('fixtures/decisions/cn.hunan.shaoyang.jsonl', 'utf8').split('\n')[0]!) as { decision: { reasons: Array<{ holds: boolean }>; outcome: Record<string, unknown> } };
    expect(rec.decision.reasons).toHaveLength(11); // (ruleset 1.2.0: two household rules + 3 applicants × 3)
    for (const r of rec.decision.reasons) r.holds = !r.holds; // 11 differences
    rec.decision.outcome.extra = 1;
    const file = join(tmp, 'many-diffs.jsonl');
    writeFileSync(file, JSON.stringify(rec) + '\n');
    const r = await zhengdi(['replay', file]);
    const rows = r.stdout.split('\n').filter((l) => /^1\s/.test(l));
    expect(rows).toHaveLength(11); // 10 differences and the "more" row
    expect(rows[10]).toMatch(/… 3 more$/); // 11 + extra + the stale recordHash = 13 differences
    expect(r.stdout).toMatch(/^1\s+eligibility\/TJ-01\s+outcome\.extra\s+1\s+\(absent\)$/m);
    expect(r.stdout).toMatch(/^1\s+eligibility\/TJ-01\s+reasons\[0\]\.holds\s+(true|false)\s+(true|false)$/m);
    const all = await zhengdi(['replay', '--max-diffs', '20', file]);
    expect(all.stdout.split('\n').filter((l) => /^1\s/.test(l))).toHaveLength(13);
  });
  it('only failures (no mismatch) still fail the run; exactly --max-diffs differences need no "more" row; sections are set apart by a blank line', async () => {
    const lines = readFileSync('fixtures/decisions/tampered.jsonl', 'utf8').trim().split('\n');
    const onlyFailed = join(tmp, 'only-failed.jsonl');
    writeFileSync(onlyFailed, lines[3] + '\n'); // the unknown-ruleset record
    const f = await zhengdi(['replay', onlyFailed]);
    expect(f.code).toBe(1);
    expect(f.stdout).toContain('\n\nFailed (could not be replayed):\n');
    expect(f.stdout).not.toContain('Mismatched (recorded');
    expect(f.stdout.endsWith('\n\nNOT all records match: see above.\n')).toBe(true);
    const onlyMismatched = join(tmp, 'only-mismatched.jsonl');
    writeFileSync(onlyMismatched, lines[5] + '\n'); // unsealed: 2 differences
    const m = await zhengdi(['replay', '--max-diffs', '2', onlyMismatched]);
    expect(m.code).toBe(1);
    expect(m.stdout).toContain('\n\nMismatched (recorded ≠ replayed):\n');
    expect(m.stdout).not.toContain('Failed (could not');
    expect(m.stdout).not.toMatch(/… \d+ more/);
    const j = await zhengdi(['replay', '--json', onlyMismatched]);
    expect(j.stdout.endsWith('}\n')).toBe(true);
  });
  it('every option of every command is described in --help', async () => {
    for (const cmd of [[], ['rulesets'], ['evaluate'], ['replay'], ['explain']]) {
      const h = await zhengdi([...cmd, '--help']);
      expect(h.code).toBe(0);
      const options = h.stderr.split('\n').filter((l) => /^ {2}-/.test(l));
      expect(options.length, cmd.join(' ')).toBeGreaterThan(1);
      for (const o of options) expect(o, `${cmd.join(' ')}: ${o}`).toMatch(/^ {2}\S.*\S {2,}\S/); // the flags, then a description
    }
    const top = await zhengdi(['--help']);
    for (const c of ['rulesets', 'evaluate', 'replay', 'explain']) expect(top.stderr).toMatch(new RegExp(`^ {2}${c}\\b.* {2,}\\S`, 'm'));
    expect(top.stderr).toContain('被征地农民社会保障');
  });
  it('--json: the report with the line of each mismatched and failed record', async () => {
    const r = await zhengdi(['replay', '--json', 'fixtures/decisions/tampered.jsonl']);
    const rep = JSON.parse(r.stdout) as { total: number; matched: number; mismatched: Array<{ line: number; index: number }>; failed: Array<{ line: number; index: number; error: { code: string } }> };
    expect(rep.total).toBe(6);
    expect(rep.matched).toBe(0);
    expect(rep.mismatched.map((m) => [m.line, m.index])).toEqual([[1, 0], [2, 1], [3, 2], [5, 4], [6, 5]]);
    expect(rep.failed).toMatchObject([{ line: 4, index: 3, error: { code: 'UNKNOWN_RULESET' } }]);
    expect(r.code).toBe(1);
  });
  it('- reads the records from standard input', async () => {
    const r = await withStdin(readFileSync('fixtures/decisions/tampered.jsonl', 'utf8'), () => zhengdi(['replay', '--json', '-']));
    const rep = JSON.parse(r.stdout) as { total: number; failed: Array<{ line: number }> };
    expect(rep.total).toBe(6);
    expect(rep.failed).toMatchObject([{ line: 4 }]);
    expect(r.code).toBe(1);
  });
  it('blank lines are skipped but keep the numbering; a line that is not a record fails as INVALID_RECORD', async () => {
    const src = readFileSync('fixtures/decisions/cn.hunan.shaoyang.jsonl', 'utf8').trim().split('\n');
    const file = join(tmp, 'gaps.jsonl');
    writeFileSync(file, [src[0], '', '   ', 'not json', src[1]].join('\n') + '\n');
    const r = await zhengdi(['replay', '--json', file]);
    const rep = JSON.parse(r.stdout) as { total: number; matched: number; failed: Array<{ line: number; index: number; error: { code: string } }> };
    expect(rep.total).toBe(3);
    expect(rep.matched).toBe(2);
    expect(rep.failed).toMatchObject([{ line: 4, index: 1, error: { code: 'INVALID_RECORD' } }]);
  });
});

describe('zhengdi explain (in-process)', () => {
  const file = 'fixtures/decisions/cn.hunan.shaoyang.jsonl';
  it('--id: only that record, in Chinese by default', async () => {
    const r = await zhengdi(['explain', '--id', 'eligibility/TJ-03', file]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('决定记录 eligibility/TJ-03')).toBe(true);
    expect(r.stdout).not.toContain('─'.repeat(60));
    expect(r.stdout).toContain('✗ 不成立: age-16 — 对象 TJ-03-3 赵敏');
  });
  it('several records are separated by a 60-character rule; --line picks one', async () => {
    const two = join(tmp, 'two-records.jsonl');
    const src = readFileSync(file, 'utf8').trim().split('\n');
    writeFileSync(two, src.slice(0, 2).join('\n') + '\n');
    const r = await zhengdi(['explain', '--lang', 'en', two]);
    expect(r.stdout.split('\n' + '─'.repeat(60) + '\n\n')).toHaveLength(2);
    expect(r.stdout).not.toContain('─'.repeat(61));
    const one = await zhengdi(['explain', '--lang', 'en', '--line', '2', two]);
    expect(one.stdout).toBe(one.stdout.split('─'.repeat(60))[0]);
    expect(one.stdout).toContain(`Decision record ${parseRecord(src[1]!).id}`);
  });
  it('no matching record: says so, exit code 1; a line that is not a record: named, exit code 1', async () => {
    const none = await zhengdi(['explain', '--id', 'nobody', file]);
    expect(none.stderr).toBe(`${file}: no record with id 'nobody' (record ids look like eligibility/TJ-03: see the "id" of each line)\n`);
    expect(none.stdout).toBe('');
    expect(none.code).toBe(1);
    const mixed = join(tmp, 'mixed-explain.jsonl');
    writeFileSync(mixed, readFileSync(file, 'utf8').split('\n')[0] + '\n{"x":1}\n');
    const r = await zhengdi(['explain', mixed]);
    expect(r.stderr).toMatch(new RegExp(`^${mixed}: line 2: not a decision record: `));
    expect(r.stdout).toContain('决定记录');
    expect(r.code).toBe(1);
  });
  it('- reads the records from standard input', async () => {
    const r = await withStdin(readFileSync(file, 'utf8'), () => zhengdi(['explain', '--lang', 'en', '--line', '3', '-']));
    expect(r.stdout.startsWith('Decision record eligibility/TJ-03')).toBe(true);
    expect(r.code).toBe(0);
  });
  it('a missing file is an error of the run (exit code 2)', async () => {
    const r = await zhengdi(['explain', join(tmp, 'nope.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`zhengdi: ${join(tmp, 'nope.jsonl')}: no such file\n`);
  });
  it('--lang accepts only zh and en (commander refuses the rest: a usage error, exit code 2)', async () => {
    const r = await zhengdi(['explain', '--lang', 'fr', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/option '--lang <lang>' argument 'fr' is invalid/);
  });
});
