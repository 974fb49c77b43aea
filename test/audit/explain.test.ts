import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainRecord, parseRecord, type DecisionRecord } from '../../src';

// `explainRecord` (what `zhengdi explain` prints): a decision record as readable Chinese or
// English text. Checked on TJ-03 of fixtures/decisions/cn.hunan.shaoyang.jsonl (checked by hand in
// fixtures/decisions/README.md) and on records changed to show each way a value is written.

const lines = readFileSync('fixtures/decisions/cn.hunan.shaoyang.jsonl', 'utf8').trim().split('\n');
const tj03 = parseRecord(lines[2]!);
const copy = (r: DecisionRecord): DecisionRecord => JSON.parse(JSON.stringify(r)) as DecisionRecord;

describe('explainRecord: the header', () => {
  it('zh: id, kind, jurisdiction, date, ruleset with window and hash, engine, record hash checked', () => {
    const t = explainRecord(tj03, 'zh').split('\n');
    const r = tj03.decision.ruleset;
    expect(t.slice(0, 7)).toEqual([
      '决定记录 eligibility/TJ-03',
      '  决定类型: eligibility',
      '  辖区: cn.hunan.shaoyang',
      '  适用日期: 2023-06-15',
      `  规则集: cn.hunan.shaoyang/2020-01-01 v${r.version} (2020-01-01 – 至今) 邵阳市区被征地农民社会保障对象身份认定工作流程；哈希 ${r.hash}`,
      `  引擎版本: zhengdi-rules ${tj03.engineVersion}`,
      `  记录哈希: ${tj03.recordHash} (与内容一致)`,
    ]);
    expect(t[7]).toBe(''); // no overrides line
    expect(explainRecord(tj03)).toBe(explainRecord(tj03, 'zh')); // Chinese by default
  });
  it('en: the same labels in English; a record without id; a closed window; an edited record', () => {
    const r = copy(tj03);
    delete r.id;
    r.decision.ruleset = { ...r.decision.ruleset, effectiveTo: '2030-12-31' };
    const t = explainRecord(r, 'en').split('\n');
    expect(t[0]).toBe('Decision record');
    expect(t.slice(1, 4)).toEqual(['  kind: eligibility', '  jurisdiction: cn.hunan.shaoyang', '  as of: 2023-06-15']);
    expect(t[4]).toMatch(/^ {2}ruleset: cn\.hunan\.shaoyang\/2020-01-01 v\S+ \(2020-01-01 – 2030-12-31\) /);
    expect(t[5]).toBe(`  engine: zhengdi-rules ${tj03.engineVersion}`);
    expect(t[6]).toBe(`  record hash: ${tj03.recordHash} (DOES NOT MATCH the content (edited after it was made))`);
    expect(explainRecord(r, 'zh')).toContain('(与内容不一致（记录生成后被改动过）)');
  });
  it('overrides of the call, in both languages', () => {
    const r = copy(tj03);
    r.request.parameters = { 'cn.hunan.shaoyang.max-per-capita-mu': '0.31', 'cn.hunan.shaoyang.min-age': 18 };
    expect(explainRecord(r, 'en').split('\n')[7]).toBe('  overrides for this call: cn.hunan.shaoyang.max-per-capita-mu = 0.31; cn.hunan.shaoyang.min-age = 18');
    expect(explainRecord(r, 'zh').split('\n')[7]).toBe('  本次临时指定的参数: cn.hunan.shaoyang.max-per-capita-mu = 0.31；cn.hunan.shaoyang.min-age = 18');
    r.request.parameters = {};
    expect(explainRecord(r, 'en').split('\n')[7]).toBe('');
  });
});

describe('explainRecord: outcome, rules, parameters, warnings', () => {
  it('outcome: lists of objects one line per element, objects as pairs, the rest as values', () => {
    const t = explainRecord(tj03, 'en');
    expect(t).toContain(
      [
        'Outcome',
        '  applicants[0]: eligible = yes; failed = —; id = TJ-03-1 李红梅',
        '  applicants[1]: eligible = yes; failed = —; id = TJ-03-2 赵磊',
        '  applicants[2]: eligible = no; failed = age-16; id = TJ-03-3 赵敏',
        '  eligibleCount = 2',
        '  perCapitaAfterMu = 0.1800',
        '  perCapitaAfterMuExact = 0.18',
        '',
        'Rules',
      ].join('\n'),
    );
    expect(explainRecord(tj03, 'zh')).toContain('  applicants[2]: eligible = 否；failed = age-16；id = TJ-03-3 赵敏');
  });
  it('values are written: — for nothing, 是/否 or yes/no, plain lists joined (、 or , ), anything else as JSON', () => {
    const r = copy(tj03);
    (r.decision as { outcome: unknown }).outcome = { a: null, b: [1, 'x', true], c: { d: [1, { e: 2 }], f: false, k: { n: 1 } }, g: [[1]], h: [], l: [{ p: 1 }, 7, null], m: [null, 2] };
    expect(explainRecord(r, 'en')).toContain(
      ['Outcome', '  a = —', '  b = 1, x, yes', '  c: d = [1,{"e":2}]; f = no; k = {"n":1}', '  g = [[1]]', '  h = —', '  l[0]: p = 1', '  l[1]: 7', '  l[2]: —', '  m = —, 2', ''].join('\n'),
    );
    expect(explainRecord(r, 'zh')).toContain('  b = 1、x、是');
    (r.decision as { outcome: unknown }).outcome = 'plain';
    expect(explainRecord(r, 'en')).toContain('Outcome\n  plain\n');
    (r.decision as { outcome: unknown }).outcome = [1, 2];
    expect(explainRecord(r, 'en')).toContain('Outcome\n  1, 2\n');
    (r.decision as { outcome: unknown }).outcome = null;
    expect(explainRecord(r, 'en')).toContain('Outcome\n  —\n');
  });
  it('rules: mark, id, warning-only, subject, citation; the message; the values seen', () => {
    const zh = explainRecord(tj03, 'zh');
    const en = explainRecord(tj03, 'en');
    expect(zh).toContain('  ✗ 不成立: reported-per-capita-agrees（仅警告） [附表1（家庭征地后人均耕地面积）, 邵阳市区被征地农民社会保障对象身份认定工作流程]\n      认定表填报的家庭征地后人均耕地面积为 0.20 亩');
    expect(zh).toContain('      所见取值: computed = 0.18；reported = 0.20');
    expect(en).toContain('  ✗ did not hold: reported-per-capita-agrees (warning only) [附表1（家庭征地后人均耕地面积）,');
    expect(en).toContain('  ✓ held: age-16 — for TJ-03-1 李红梅 [二(一), 邵阳市区被征地农民社会保障对象身份认定工作流程]\n      Applicant TJ-03-1 李红梅 (born 1977-02-14) was 46 full years old');
    expect(en).toContain('      values seen: age = 46; birthDate = 1977-02-14; minAge = 16; noticeDate = 2023-06-15');
    const r = copy(tj03);
    r.decision.reasons = [{ ...r.decision.reasons[1]!, values: {} }];
    expect(explainRecord(r, 'en')).not.toContain('values seen');
    delete r.decision.reasons[0]!.values;
    expect(explainRecord(r, 'en')).not.toContain('values seen');
  });
  it('parameters: value, unit, window, verified or not, source; an override says so; none', () => {
    const zh = explainRecord(tj03, 'zh');
    expect(zh).toContain('  cn.hunan.shaoyang.min-age = 16 年（2020-01-01 起，至今有效；已核实；来源：邵阳市区被征地农民社会保障对象身份认定工作流程 二(一)：“年满16周岁（含）”）');
    const r = copy(tj03);
    const byId = (id: string) => r.decision.parameters.find((p) => p.id === id)!;
    r.decision.parameters = [
      { ...byId('cn.hunan.shaoyang.min-age'), effectiveTo: '2024-12-31', verified: false, unit: '' },
      { ...byId('cn.hunan.shaoyang.max-per-capita-mu'), value: '0.31', overridden: true },
    ];
    const en = explainRecord(r, 'en');
    expect(en).toContain('Parameters\n  cn.hunan.shaoyang.min-age = 16 (from 2020-01-01 to 2024-12-31; NOT verified; source: 邵阳市区');
    expect(en).toContain('  cn.hunan.shaoyang.max-per-capita-mu = 0.31 mu (overridden for this call)\n');
    const zh2 = explainRecord(r, 'zh');
    expect(zh2).toContain('  cn.hunan.shaoyang.min-age = 16（2020-01-01 起至 2024-12-31；未核实；来源：');
    expect(zh2).toContain('  cn.hunan.shaoyang.max-per-capita-mu = 0.31 亩（本次调用临时指定，非生效值）');
    expect(explainRecord(tj03, 'en')).toMatch(/cn\.hunan\.shaoyang\.max-per-capita-mu = 0\.3 mu \(from 2020-01-01 to open; verified; source: /);
    r.decision.parameters = [];
    expect(explainRecord(r, 'en')).toContain('\n\nParameters\n  none\n\nWarnings\n');
    expect(explainRecord(r, 'zh')).toContain('参数\n  无\n');
  });
  it('warnings: code and message in the language; none', () => {
    expect(explainRecord(tj03, 'en').endsWith("  ⚠ REPORTED_PER_CAPITA_MISMATCH: The form reports 0.20 mu per person after expropriation, but the land and household size give 0.1800 mu: not the computed figure rounded to the form's places strictly within half a unit of its last place")).toBe(true);
    expect(explainRecord(tj03, 'zh')).toContain('警告\n  ⚠ ASSUMED_EFFECTIVE_DATE: 邵阳市区工作流程未载明');
    const r = copy(tj03);
    r.decision.warnings = [];
    expect(explainRecord(r, 'en').endsWith('Warnings\n  none')).toBe(true);
  });
});
