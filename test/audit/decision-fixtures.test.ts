import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRecord, type DecisionRecord } from '../../src';
import { buildDecisionFixtures } from '../../scripts/decision-fixtures/build';
import { engine } from '../helpers';

const dir = new URL('../../fixtures/decisions/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');
const records = (name: string): DecisionRecord[] => read(name).split('\n').filter(Boolean).map((l) => parseRecord(l));

describe('fixtures/decisions are what the script makes from the samples', () => {
  it('regenerating gives the same bytes (run `npm run fixtures:decisions` after changing rules or samples)', () => {
    for (const [name, content] of buildDecisionFixtures(engine)) expect(read(name), name).toBe(content);
  });
  it('every jurisdiction file replays as matched', () => {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.jsonl') && n !== 'tampered.jsonl')) {
      const rs = records(name);
      expect(engine.replay(rs), name).toEqual({ total: rs.length, matched: rs.length, mismatched: [], failed: [] });
    }
  });
  it('tampered.jsonl: five mismatches (each at the changed path) and one unknown ruleset', () => {
    const r = engine.replay(records('tampered.jsonl'));
    expect(r.matched).toBe(0);
    expect(r.mismatched.map((m) => [m.id, m.diffs.map((d) => d.path)])).toEqual([
      ['tampered/amount/eligibility/TJ-01', ['outcome.perCapitaAfterMu']],
      ['tampered/outcome/eligibility/TJ-02', ['outcome.applicants[0].eligible']],
      ['tampered/reason/eligibility/TJ-02', ['reasons[3].holds']], // (reasons[1] is the form-figure threshold check of ruleset 1.2.0)
      ['tampered/money/payout/GC-01', ['outcome.items[0].amount']],
      ['tampered/unsealed/eligibility/TJ-01', ['outcome.perCapitaAfterMu', 'recordHash']],
    ]);
    expect(r.failed.map((f) => [f.id, f.error.code])).toEqual([['tampered/unknown-ruleset/eligibility/TJ-01', 'UNKNOWN_RULESET']]);
  });
});

// Checked by hand against 二(一) (see fixtures/decisions/README.md): notice date 2023-06-15;
// per capita = (original − expropriated) ÷ members, must be < 0.3; age ≥ 16 on the notice date;
// one of the membership bases 1–4.
const HAND: Record<string, { perCapita: string; eligible: Record<string, string[]>; mismatchWarning: boolean }> = {
  'eligibility/TJ-01': { perCapita: '0.15', eligible: { 'TJ-01-1 刘建国': [], 'TJ-01-2 王秀英': [], 'TJ-01-3 刘洋': [] }, mismatchWarning: false }, // 0.60 ÷ 4; 刘洋 a college student (大中专)
  'eligibility/TJ-02': { perCapita: '0.3', eligible: { 'TJ-02-1 陈桂兰': ['per-capita-under-0.3'], 'TJ-02-2 周志强': ['per-capita-under-0.3'] }, mismatchWarning: false }, // 1.20 ÷ 4 = 0.30, not under
  'eligibility/TJ-03': { perCapita: '0.18', eligible: { 'TJ-03-1 李红梅': [], 'TJ-03-2 赵磊': [], 'TJ-03-3 赵敏': ['age-16'] }, mismatchWarning: true }, // 0.90 ÷ 5; 赵磊 16 that day, 赵敏 one day short; form says 0.20
  'eligibility/TJ-04': { perCapita: '0', eligible: { 'TJ-04-1 罗小军': [], 'TJ-04-2 罗大山': [] }, mismatchWarning: false }, // all land taken; conscript entitled to resettlement at home, qualified before enlisting
  'eligibility/TJ-05': { perCapita: '0.2', eligible: { 'TJ-05-1 唐文华': [], 'TJ-05-2 肖春燕': [] }, mismatchWarning: true }, // 0.80 ÷ 4; form says 0.25
  'eligibility/TJ-06': { perCapita: '0.15', eligible: { 'TJ-06-1 蒋丽': ['membership'] }, mismatchWarning: false }, // member without contract right
  'eligibility/TJ-07': { perCapita: '0.25', eligible: { 'TJ-07-1 邓志明': [], 'TJ-07-2 何芳': [] }, mismatchWarning: false }, // 0.75 ÷ 3; democratic decision noticed without objection
  'eligibility/TJ-08': { perCapita: '0.3', eligible: { 'TJ-08-1 谢长青': ['per-capita-under-0.3'], 'TJ-08-2 谢海': ['per-capita-under-0.3', 'membership'] }, mismatchWarning: false }, // 0.90 ÷ 3; objection raised
};

describe('二(一) Shaoyang decision fixtures, checked by hand', () => {
  const rs = records('cn.hunan.shaoyang.jsonl');
  it('has one record per sample household', () => {
    expect(rs.filter((r) => r.decision.kind === 'eligibility').map((r) => r.id)).toEqual(Object.keys(HAND));
  });
  it.each(Object.entries(HAND))('%s', (id, hand) => {
    const r = rs.find((x) => x.id === id)!;
    const o = r.decision.outcome as { perCapitaAfterMuExact: string; applicants: Array<{ id: string; eligible: boolean; failed: string[] }> };
    expect(Number(o.perCapitaAfterMuExact)).toBe(Number(hand.perCapita));
    expect(Object.fromEntries(o.applicants.map((a) => [a.id, a.failed]))).toEqual(hand.eligible);
    for (const a of o.applicants) expect(a.eligible).toBe(a.failed.length === 0);
    expect(r.decision.warnings.some((w) => w.code === 'REPORTED_PER_CAPITA_MISMATCH')).toBe(hand.mismatchWarning);
    // basis 2 (ruleset 1.2.0) reads its lists only for a student (TJ-01) or a soldier (TJ-04)
    const basis2 = id === 'eligibility/TJ-01' ? { 'cn.hunan.shaoyang.basis2-education': ['college', 'technical-secondary'] }
      : id === 'eligibility/TJ-04' ? { 'cn.hunan.shaoyang.basis2-service-ranks': ['conscript', 'sergeant-first-class', 'sergeant-second-class'] } : {};
    expect(r.parameters).toEqual({ 'cn.hunan.shaoyang.min-age': 16, 'cn.hunan.shaoyang.max-per-capita-mu': '0.3', ...basis2 });
    expect(r.request.asOf).toBe('2023-06-15');
  });
});
