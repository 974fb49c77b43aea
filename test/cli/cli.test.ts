import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src';
import { engine } from '../helpers';
import village from '../../rulesets/cn.hunan.shaoyang/samples/village-eligibility.json';
import { CLI, recordLinesOf, zhengdi } from './run';

const tmp = mkdtempSync(join(tmpdir(), 'zhengdi-cli-'));

describe('the built binary', () => {
  it('is dist/cli.js with a shebang, executable', () => {
    expect(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(CLI).mode & 0o111).not.toBe(0);
  });
});

describe('zhengdi rulesets', () => {
  it('prints a table of rulesets with window, document and hash', async () => {
    const r = await zhengdi(['rulesets']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^id\s+jurisdiction\s+kinds\s+version\s+from\s+to\s+document\s+hash$/m);
    const shaoyang = engine.rulesets().find((x) => x.jurisdiction === 'cn.hunan.shaoyang')!;
    expect(r.stdout).toMatch(new RegExp(`cn\\.hunan\\.shaoyang/2020-01-01\\s+cn\\.hunan\\.shaoyang\\s+${shaoyang.kinds.join(',\\s*')}\\s+${shaoyang.version.replace(/\./g, '\\.')}\\s+2020-01-01\\s+open\\s+邵阳市区`));
    for (const rs of engine.rulesets()) expect(r.stdout).toContain(rs.hash.slice(0, 12));
  });
  it('--json lists the same with full hashes', async () => {
    const list = JSON.parse((await zhengdi(['rulesets', '--json'])).stdout) as Array<{ id: string; hash: string }>;
    expect(list.find((x) => x.id === 'cn.hunan.shaoyang/2020-01-01')?.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('zhengdi evaluate', () => {
  const jsonl = join(tmp, 'village.jsonl');
  writeFileSync(
    jsonl,
    [
      ...village.households.slice(0, 2).map((h) => JSON.stringify({ id: h.id, input: h.input })),
      '{"noticeDate": "2023-06-15", "household": {',
      '',
      JSON.stringify({ id: 'TJ-03', input: village.households[2]!.input }),
      JSON.stringify({ ...village.households[3]!.input, noticeDate: '2023-02-30' }),
    ].join('\n') + '\n',
  );

  it('JSONL: writes a record per good line, reports bad lines with their numbers, goes on', async () => {
    const r = await zhengdi(['evaluate', '--record-format', 'full', '--kind', 'eligibility', '--jurisdiction', 'cn.hunan.shaoyang', jsonl]);
    const records = recordLinesOf(r.stdout).map((l) => parseRecord(l));
    expect(records.map((x) => x.id)).toEqual(['TJ-01', 'TJ-02', 'TJ-03']);
    expect(r.stderr).toContain('village.jsonl: line 3: not JSON');
    expect(r.stderr).toContain('village.jsonl: line 6: input.noticeDate: expected a real calendar date YYYY-MM-DD');
    expect(r.stderr).toContain('evaluate: 5 in, 3 records, 2 errors');
    expect(r.code).toBe(1);
  });

  it('JSON array with --param and --as-of: the overrides are in each record', async () => {
    const file = join(tmp, 'two.json');
    writeFileSync(file, JSON.stringify(village.households.slice(0, 2).map((h) => h.input)));
    const r = await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', '--param', 'cn.hunan.shaoyang.max-per-capita-mu=0.31', '--as-of', '2023-07-01', file]);
    expect(r.code).toBe(0);
    const [a, b] = recordLinesOf(r.stdout).map((l) => parseRecord(l));
    expect(a!.id).toBe('two.json#1');
    expect(b!.request).toMatchObject({ asOf: '2023-07-01', parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': '0.31' } });
    // TJ-02 keeps 0.30 mu per person: not under 0.3, but under the overridden 0.31.
    expect((b!.decision.outcome as { eligibleCount: number }).eligibleCount).toBe(2);
    expect(b!.decision.parameters.find((p) => p.id === 'cn.hunan.shaoyang.max-per-capita-mu')).toMatchObject({ value: '0.31', overridden: true });
  });

  it('CSV: dotted headers, arrays by index, typed columns; --out writes the file', async () => {
    const csv = join(tmp, 'rows.csv');
    writeFileSync(
      csv,
      [
        '_id,noticeDate,household.originalCultivatedMu,household.expropriatedCultivatedMu,household.memberCount,applicants.0.id:string,applicants.0.sex,applicants.0.birthDate,applicants.0.basis,applicants.0.collectiveMember,applicants.0.holdsContractRight,applicants.1.id,applicants.1.sex,applicants.1.birthDate,applicants.1.basis,applicants.1.collectiveMember,applicants.1.holdsContractRight',
        'H1,2023-06-15,4.80,4.20,4,007,male,1968-04-12,member,true,true,,,,,,',
        'H2,2023-06-15,3.00,2.70,2,008,female,1988-05-20,member,true,false,B,male,2007-06-16,member,true,true',
        'H3,2023-06-15,3.00,2.70,two,009,female,1988-05-20,member,true,true,,,,,,',
      ].join('\n'),
    );
    const out = join(tmp, 'rows.jsonl');
    const r = await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', csv, '--out', out]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('rows.csv: line 4: input.household.memberCount');
    const recs = recordLinesOf(readFileSync(out, 'utf8')).map((l) => parseRecord(l));
    expect(recs.map((x) => x.id)).toEqual(['H1', 'H2']);
    expect(recs[0]!.request.input).toEqual({
      noticeDate: '2023-06-15',
      household: { originalCultivatedMu: '4.80', expropriatedCultivatedMu: '4.20', memberCount: 4 },
      applicants: [{ id: '007', sex: 'male', birthDate: '1968-04-12', basis: 'member', collectiveMember: true, holdsContractRight: true }],
    });
    // H2: (3.00 − 2.70) ÷ 2 = 0.15; 008 has no contract right, B is 15 on the notice date.
    expect((recs[1]!.decision.outcome as { applicants: unknown[] }).applicants).toEqual([
      { id: '008', eligible: false, failed: ['membership'] },
      { id: 'B', eligible: false, failed: ['age-16'] },
    ]);
  });

  it('records it writes replay as matched', async () => {
    const out = join(tmp, 'village-records.jsonl');
    await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', jsonl, '-o', out]);
    const r = await zhengdi(['replay', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/matched\s+3/);
  });
});

describe('zhengdi replay', () => {
  it('the fixtures of a jurisdiction all match: exit code 0', async () => {
    const r = await zhengdi(['replay', 'fixtures/decisions/cn.hunan.shaoyang.jsonl']);
    expect(r.code).toBe(0);
    const n = readFileSync('fixtures/decisions/cn.hunan.shaoyang.jsonl', 'utf8').trim().split('\n').length;
    expect(r.stdout).toMatch(new RegExp(`records\\s+${n}\\n.*matched\\s+${n}\\n.*mismatched\\s+0\\n.*failed\\s+0`, 's'));
    expect(r.stdout).toContain('All records match');
  });
  it('tampered records: a table of what differs and why, exit code 1', async () => {
    const r = await zhengdi(['replay', 'fixtures/decisions/tampered.jsonl']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/mismatched\s+5/);
    expect(r.stdout).toMatch(/failed\s+1/);
    expect(r.stdout).toMatch(/^2\s+tampered\/outcome\/eligibility\/TJ-02\s+outcome\.applicants\[0\]\.eligible\s+true\s+false$/m);
    expect(r.stdout).toMatch(/^1\s+tampered\/amount\/eligibility\/TJ-01\s+outcome\.perCapitaAfterMu\s+1\.1500\s+0\.1500$/m);
    expect(r.stdout).toMatch(/^5\s+tampered\/money\/payout\/GC-01\s+outcome\.items\[0\]\.amount\s+\d+\.\d\d\s+\d+\.\d\d$/m);
    expect(r.stdout).toMatch(/^6\s+tampered\/unsealed\/eligibility\/TJ-01\s+recordHash\s/m);
    expect(r.stdout).toMatch(/^4\s+tampered\/unknown-ruleset\/eligibility\/TJ-01\s+UNKNOWN_RULESET\s+made under ruleset/m);
  });
  it('--json gives the report with line numbers; stdin with -', async () => {
    const r = await zhengdi(['replay', '--json', '-'], { stdin: readFileSync('fixtures/decisions/tampered.jsonl', 'utf8') });
    const rep = JSON.parse(r.stdout) as { total: number; failed: Array<{ line: number; error: { code: string } }> };
    expect(rep.total).toBe(6);
    expect(rep.failed).toMatchObject([{ line: 4, index: 3, error: { code: 'UNKNOWN_RULESET' } }]);
    expect(r.code).toBe(1);
  });
});

describe('zhengdi replay --archive: records made under an older ruleset version', () => {
  it('fails them as UNKNOWN_RULESET without the old file, matches them with it', async () => {
    const old = JSON.parse(readFileSync('rulesets/cn.hunan.shaoyang/ruleset.2020-01-01.json', 'utf8')) as { version: string; rules: Array<{ id: string; test: unknown }> };
    old.version = '0.9.0';
    old.rules.find((r) => r.id === 'age-16')!.test = { '>': [{ value: 'age' }, { value: 'minAge' }] };
    const oldFile = join(tmp, 'old-ruleset.json');
    writeFileSync(oldFile, JSON.stringify(old));
    const inputs = join(tmp, 'inputs.jsonl');
    writeFileSync(inputs, village.households.map((h) => JSON.stringify({ id: h.id, input: h.input })).join('\n'));
    const oldRecords = join(tmp, 'old-records.jsonl');
    await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', '--rulesets', oldFile, inputs, '-o', oldRecords]);
    const mixed = join(tmp, 'mixed.jsonl');
    // Records from two files in one (unsealed) file: the sealed file's records without their chain links and seal.
    const unchained = recordLinesOf(readFileSync(oldRecords, 'utf8')).map((l) => {
      const { chain: _link, ...record } = JSON.parse(l) as Record<string, unknown>;
      return JSON.stringify(record) + '\n';
    });
    writeFileSync(mixed, readFileSync('fixtures/decisions/cn.hunan.shaoyang.jsonl', 'utf8') + unchained.join(''));
    const without = await zhengdi(['replay', mixed]);
    expect(without.code).toBe(1);
    const current = readFileSync('fixtures/decisions/cn.hunan.shaoyang.jsonl', 'utf8').trim().split('\n').length;
    const oldCount = village.households.length;
    expect(without.stdout).toMatch(new RegExp(`matched\\s+${current}\\n.*failed\\s+${old}`, 's'));
    expect(without.stdout).toContain('v0.9.0');
    const withArchive = await zhengdi(['replay', '--archive', oldFile, mixed]);
    expect(withArchive.code).toBe(0);
    expect(withArchive.stdout).toMatch(new RegExp(`records\\s+${current + oldCount}\\n.*matched\\s+${current + oldCount}`, 's'));
  });
});

describe('zhengdi explain', () => {
  const file = 'fixtures/decisions/cn.hunan.shaoyang.jsonl';
  it('--lang zh: each rule with 成立/不成立, its clause and the values it saw; parameters with sources', async () => {
    const r = await zhengdi(['explain', '--lang', 'zh', '--id', 'eligibility/TJ-03', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('决定记录 eligibility/TJ-03');
    expect(r.stdout).toContain('✗ 不成立: age-16 — 对象 TJ-03-3 赵敏 [二(一), 邵阳市区被征地农民社会保障对象身份认定工作流程]');
    expect(r.stdout).toContain('申请人TJ-03-3 赵敏（2007-06-16出生）在征收土地公告日2023-06-15仅满15周岁，未满16周岁');
    expect(r.stdout).toContain('所见取值: age = 15；birthDate = 2007-06-16；minAge = 16；noticeDate = 2023-06-15');
    expect(r.stdout).toContain('✓ 成立: age-16 — 对象 TJ-03-2 赵磊');
    expect(r.stdout).toContain('cn.hunan.shaoyang.min-age = 16 年（2020-01-01 起，至今有效；已核实；来源：邵阳市区被征地农民社会保障对象身份认定工作流程 二(一)：“年满16周岁（含）”）');
    expect(r.stdout).toContain('⚠ REPORTED_PER_CAPITA_MISMATCH: 认定表填报的家庭征地后人均耕地面积为 0.20 亩，按原有耕地、被征耕地和家庭人数计算应为 0.1800 亩：按所填位数四舍五入不一致，或相差达到末位的半个单位，二者不一致');
    expect(r.stdout).toContain('记录哈希');
    expect(r.stdout).toContain('与内容一致');
  });
  it('--lang en: the same in English', async () => {
    const r = await zhengdi(['explain', '--lang', 'en', '--line', '3', file]);
    expect(r.stdout).toContain('Decision record eligibility/TJ-03');
    expect(r.stdout).toContain('✗ did not hold: age-16 — for TJ-03-3 赵敏 [二(一),');
    expect(r.stdout).toContain('Applicant TJ-03-3 赵敏 (born 2007-06-16) was only 15 full years old on the notice date 2023-06-15: under 16');
    expect(r.stdout).toContain('✓ held: per-capita-under-0.3 — for TJ-03-1 李红梅');
    expect(r.stdout).toContain('values seen: maxPerCapitaMu = 0.3; perCapitaAfterMu = 0.18');
    expect(r.stdout).toMatch(/cn\.hunan\.shaoyang\.max-per-capita-mu = 0\.3 mu \(from 2020-01-01 to open; verified; source: /);
    expect(r.stdout).toContain('applicants[2]: eligible = no; failed = age-16; id = TJ-03-3 赵敏');
  });
  it('says when a record was edited after it was made', async () => {
    const r = await zhengdi(['explain', '--lang', 'en', '--line', '6', 'fixtures/decisions/tampered.jsonl']);
    expect(r.stdout).toContain('DOES NOT MATCH the content');
  });
});
