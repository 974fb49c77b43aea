import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import village from '../../rulesets/cn.hunan.shaoyang/samples/village-eligibility.json';
import gucun from '../../rulesets/cn.shanghai.baoshan.gucun/samples/expropriation-40.json';
import { formatDuration, formatRate, progressPayload } from '../../src/cli/progress';
import { parseOutputFields, projectLine } from '../../src/cli/output-fields';
import { closest } from '../../src/cli/usage';
import { ROOT, zhengdi } from './run';

const tmp = mkdtempSync(join(tmpdir(), 'zhengdi-cmd-'));
const households = join(tmp, 'village.jsonl');
writeFileSync(households, village.households.map((h) => JSON.stringify({ id: h.id, input: h.input })).join('\n') + '\n');
const people = join(tmp, 'gucun.jsonl');
writeFileSync(people, gucun.people.map((p) => JSON.stringify({ id: p.person.id, input: { expropriationDate: gucun.expropriationDate, person: p.person } })).join('\n') + '\n');

// English words the text output uses as labels; none may appear in the Chinese output.
const ENGLISH_LABELS = /\b(?:records|matched|mismatched|failed|baseline|reform|inputs|changed|errors|eligible|payer|parameter|value|unit|since|until|verified|source|jurisdiction|kinds|version|document|open|delta|totals?|what)\b/i;

describe('zhengdi compare (what-if)', () => {
  it('eligibility with the 0.3 mu bound raised to 0.31: TJ-02 and TJ-08 (0.3000 mu each) gain', async () => {
    // 二(一): "不足0.3亩" is a strict bound. TJ-02 keeps 0.60 mu for 2 (0.3000) and TJ-08 0.60 for 2:
    // not under 0.3, but under 0.31. TJ-02 gains both applicants; TJ-08 gains 谢长青 only, as
    // 谢海 still fails membership (democratic decision not approved). 11 eligible become 14.
    const r = await zhengdi(['compare', '-k', 'eligibility', '--set', 'cn.hunan.shaoyang.max-per-capita-mu=0.31', '--json', households]);
    expect(r.code).toBe(0);
    const cmp = JSON.parse(r.stdout) as { totals: { items: number; changed: number; eligible: { baseline: number; reform: number; gained: number; lost: number } }; items: Array<{ id: string; gained: string[] }> };
    expect(cmp.totals.items).toBe(8);
    expect(cmp.totals.eligible).toEqual({ baseline: 11, reform: 14, gained: 3, lost: 0 });
    expect(cmp.items.map((i) => [i.id, i.gained])).toEqual([
      ['TJ-02', ['TJ-02-1 陈桂兰', 'TJ-02-2 周志强']],
      ['TJ-08', ['TJ-08-1 谢长青']],
    ]);
  });
  it('payout with a contribution base of 8000: the 12-year premium is 8000 × 12 × 12 × 0.365 = 420480.00', async () => {
    const r = await zhengdi(['compare', '-k', 'payout', '-s', 'cn.shanghai.contribution-base=8000', '--json', people]);
    const cmp = JSON.parse(r.stdout) as { totals: { byPayer: Record<string, { delta: string }> }; items: Array<{ id: string; diffs: Array<{ path: string; baseline: string; reform: string }> }> };
    const gc01 = cmp.items.find((i) => i.id === 'GC-01')!;
    // 三(一): 12 years of employee pension (0.24) and medical (0.125 from 2020) premiums on the monthly base,
    // 0.6 × the 2023 average wage 12307 = 7384.2 on 2024-09-20: 7384.2 × 144 × 0.365 = 388113.552 → 388113.55
    // before; 8000 × 144 × 0.365 = 420480.00 after.
    expect(gc01.diffs.find((d) => d.path === 'items[0].amount')).toEqual({ path: 'items[0].amount', baseline: '388113.55', reform: '420480.00' });
    expect(Number(cmp.totals.byPayer['acquiring-unit']!.delta)).toBeGreaterThan(0);
    expect(cmp.totals.byPayer['individual-account']!.delta).toBe('0.00');
  });
  it('text in Chinese has no English labels; in English, no Chinese labels', async () => {
    const zh = await zhengdi(['compare', '-k', 'payout', '-s', 'cn.shanghai.contribution-base=8000', '--lang', 'zh', people]);
    expect(zh.stdout).toContain('按出资方：');
    expect(zh.stdout).toContain('征地单位');
    expect(zh.stdout.split('\n').filter((l) => !/^GC-|items\[/.test(l.trim())).join('\n')).not.toMatch(ENGLISH_LABELS);
    const en = await zhengdi(['compare', '-k', 'payout', '-s', 'cn.shanghai.contribution-base=8000', '--lang', 'en', people]);
    expect(en.stdout).toContain('acquiring unit');
    expect(en.stdout).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('zhengdi parameters', () => {
  it('--on DATE --jurisdiction J: the values in force there, its own and its parents\'', async () => {
    const r = await zhengdi(['parameters', '--on', '2024-09-20', '--jurisdiction', 'cn.shanghai.baoshan.gucun', '--json']);
    const rows = JSON.parse(r.stdout) as Array<{ id: string; value: string | number; from: string }>;
    expect(String(rows.find((x) => x.id === 'cn.shanghai.baoshan.gucun.signing-fee')?.value)).toBe('3000');
    // the base is derived: 0.6 × the 2023 average wage 12307 = 7384.2, in force 2024-07-01 to 2025-06-30
    expect(rows.find((x) => x.id === 'cn.shanghai.contribution-base')).toMatchObject({ value: '7384.2', from: '2024-07-01', to: '2025-06-30' });
    expect(rows.some((x) => x.id.startsWith('cn.hunan.'))).toBe(false);
  });
  it('a day before the 2024 base starts, the 2023 base is in force', async () => {
    const r = await zhengdi(['parameters', '--on', '2024-06-30', '--id', 'cn.shanghai.contribution-base', '--json']);
    // 0.6 × the 2022 average wage 12183 = 7309.8
    expect(JSON.parse(r.stdout)).toMatchObject([{ value: '7309.8', from: '2023-07-01', to: '2024-06-30' }]);
  });
  it('without --on: the history of a series, oldest first; in Chinese wholly in Chinese', async () => {
    const r = await zhengdi(['parameters', '--id', 'cn.shanghai.contribution-base', '--lang', 'zh']);
    expect(r.stdout.split('\n')[0]).toBe('cn.shanghai.contribution-base 的历次取值');
    expect(r.stdout).toContain('元/月');
    expect(r.stdout).not.toMatch(ENGLISH_LABELS);
  });
});

describe('--lang on every human-readable output', () => {
  it('rulesets and replay in Chinese: no English labels', async () => {
    const rs = await zhengdi(['rulesets', '--lang', 'zh']);
    expect(rs.stdout.split('\n')[0]).toMatch(/^编号\s+辖区\s+决定类型\s+版本\s+起\s+止\s+文件\s+哈希$/);
    expect(rs.stdout).not.toMatch(ENGLISH_LABELS);
    const rp = await zhengdi(['replay', '--lang', 'zh', 'fixtures/decisions/tampered.jsonl']);
    expect(rp.code).toBe(1);
    expect(rp.stdout).toContain('并非全部记录一致：见上。');
    const labels = rp.stdout.split('\n').filter((l) => !/^\d+\s/.test(l)); // rows quote record paths and engine messages
    expect(labels.join('\n')).not.toMatch(ENGLISH_LABELS);
  });
  it('the demo in each language', async () => {
    const run = async (lang: string) => (await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--lang', lang], { cwd: ROOT, maxBuffer: 1 << 24 })).stdout;
    const zh = await run('zh');
    const en = await run('en');
    // Labels and sentences of the demo itself (names of people, places and documents are names).
    for (const word of ['failed rule', 'Warnings for the auditor', 'of 17 applicants', 'totals by payer', 'replay of recorded', '✓ compliant', 'violation(s)', '✓ enrolled']) expect(zh).not.toContain(word);
    // (A parameter's source is quoted from the document in its own words: warnings may cite Chinese text.)
    const enLabels = en.split('\n').filter((l) => !l.includes('UNVERIFIED_PARAMETER')).join('\n');
    for (const word of ['申请人', '不符合', '合计', '提请审核人员注意', '出资方', '无法回放', '存疑事项', '已参保', '征地时']) expect(enLabels).not.toContain(word);
    expect(zh).toContain('17 名申请人中 11 名符合条件（8 户）。');
    expect(en).toContain('11 of 17 applicants eligible (8 households).');
    await expect(promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--lang', 'fr'], { cwd: ROOT })).rejects.toMatchObject({ code: 2 });
  }, 60_000);
});

describe('small parts', () => {
  it('progress: rate, time taken and time left from the share of bytes read', () => {
    // 500 rows in 2 s = 250/s; a quarter of the bytes in 2 s leaves 6 s
    expect(progressPayload({ read: 25, total: 100 }, 500, 3, 2000)).toEqual({ count: 500, bad: 3, rate: '250/s', took: '2s', left: '6s' });
    expect(progressPayload({ read: 0, total: 0 }, 0, 0, 0).left).toBe('–'); // stdin: size unknown
    expect(formatRate(1500)).toBe('1.5k/s');
    expect(formatRate(25_000)).toBe('25k/s');
    expect(formatDuration(185)).toBe('3m05s');
    expect(formatDuration(3720)).toBe('1h02m');
  });
  it('output fields: names checked, lines cut to the id and those fields', () => {
    expect(parseOutputFields('record')).toBe('record');
    expect(parseOutputFields('outcome, warnings')).toEqual(['outcome', 'warnings']);
    expect(() => parseOutputFields('outcom')).toThrow(/unknown field outcom/);
    const line = JSON.stringify({ id: 'A', decision: { outcome: { x: 1 }, warnings: [] }, request: { input: { y: 2 } } }) + '\n';
    expect(projectLine(line, ['outcome', 'input'])).toBe('{"id":"A","outcome":{"x":1},"input":{"y":2}}\n');
  });
  it('did you mean: within two edits only', () => {
    expect(closest('eligibilty', ['eligibility', 'payout'])).toBe('eligibility');
    expect(closest('xyz', ['eligibility', 'payout'])).toBeUndefined();
  });
});
