import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine, diffDecisions, parseRecord, type DecisionRecord } from '../../src';
import { BUNDLED_ARCHIVE } from '../../src/bundled';
import { engine } from '../helpers';

// The corrections of 2026-12-01 (issue 15) are new ruleset versions; the versions they replace are
// kept under rulesets/<jurisdiction>/archive/<version>.json and loaded by createEngine() by
// default. The records made before the correction are kept in fixtures/decisions/archive/. An
// auditor must see a correction, not lose it: an old record still replays under its own rules,
// and re-deciding its request today differs from it in exactly the corrected items.

const old = (name: string): DecisionRecord[] =>
  readFileSync(new URL(`../../fixtures/decisions/archive/${name}.jsonl`, import.meta.url), 'utf8').split('\n').filter(Boolean).map((l) => parseRecord(l));
const archived = (path: string) => JSON.parse(readFileSync(new URL(`../../rulesets/${path}`, import.meta.url), 'utf8')) as { id: string; version: string };

/** Reasons keyed by rule and subject, items by id: a removed or added entry is one difference, not a shift of every later index. */
const keyed = (d: unknown) => {
  const x = d as { reasons: Array<{ rule: string; subject?: string }>; outcome: { items?: Array<{ id: string }> } };
  const outcome = x.outcome.items ? { ...x.outcome, items: Object.fromEntries(x.outcome.items.map((i) => [i.id, i])) } : x.outcome;
  return { ...x, outcome, reasons: Object.fromEntries(x.reasons.map((r) => [`${r.rule}|${r.subject ?? ''}`, r])) };
};
const paths = (a: unknown, b: unknown) => diffDecisions(keyed(a), keyed(b)).map((d) => d.path).filter((p) => !/\.message\.(zh|en)$/.test(p));

describe('superseded versions are archived byte for byte and loaded by default', () => {
  it('the archive holds the replaced versions: Shaoyang 1.1.0, Taizhou 1.0.0, Gucun 1.0.0; then Shaoyang 1.2.0 (restated as 1.2.1), Taizhou 1.1.0 and Gucun 1.1.0 (restated as 1.1.1); the current ones are 1.2.1, 1.1.1, 1.1.1', () => {
    expect(archived('cn.hunan.shaoyang/archive/1.1.0.json').version).toBe('1.1.0');
    expect(archived('cn.zhejiang.taizhou/archive/1.0.0.json').version).toBe('1.0.0');
    expect(archived('cn.zhejiang.taizhou/archive/1.1.0.json').version).toBe('1.1.0');
    expect(archived('cn.shanghai.baoshan.gucun/archive/1.0.0.json').version).toBe('1.0.0');
    expect(archived('cn.shanghai.baoshan.gucun/archive/1.1.0.json').version).toBe('1.1.0');
    expect(archived('cn.hunan.shaoyang/archive/1.2.0.json').version).toBe('1.2.0');
    expect(BUNDLED_ARCHIVE).toHaveLength(6);
    expect(engine.archivedRulesets().map((r) => `${r.id}@${r.version}`).sort()).toEqual([
      'cn.hunan.shaoyang/2020-01-01@1.1.0',
      'cn.hunan.shaoyang/2020-01-01@1.2.0',
      'cn.shanghai.baoshan.gucun/2022-04-01@1.0.0',
      'cn.shanghai.baoshan.gucun/2022-04-01@1.1.0',
      'cn.zhejiang.taizhou/2019-08-09@1.0.0',
      'cn.zhejiang.taizhou/2019-08-09@1.1.0',
    ]);
    expect(engine.rulesets().map((r) => `${r.id}@${r.version}`)).toEqual(
      expect.arrayContaining(['cn.hunan.shaoyang/2020-01-01@1.2.1', 'cn.shanghai.baoshan.gucun/2022-04-01@1.1.1', 'cn.zhejiang.taizhou/2019-08-09@1.1.1']),
    );
    // A caller's archive adds to the bundled one; without the bundled data there is none.
    expect(createEngine({ archive: [] }).archivedRulesets()).toEqual(engine.archivedRulesets());
    expect(createEngine({ bundled: false, archive: [] }).archivedRulesets()).toEqual([]);
  });
});

describe('Shaoyang: old records replay matched under 1.1.0; re-decided under 1.2.0 they differ in exactly the corrections', () => {
  const rs = old('cn.hunan.shaoyang@1.1.0');
  it('all 11 records made under 1.1.0 replay matched (its parameters did not change)', () => {
    expect(engine.replay(rs)).toEqual({ total: 11, matched: 11, mismatched: [], failed: [] });
  });
  it('TJ-01: 刘洋 was a student with no school type given — basis 2 now needs 大中专, so he fails membership; plus the new threshold check', () => {
    const r = rs.find((x) => x.id === 'eligibility/TJ-01')!;
    const now = engine.evaluate(r.request as never);
    const liu = 'TJ-01-3 刘洋';
    expect(paths(r.decision, now).sort()).toEqual(
      [
        'ruleset.hash',
        // 刘洋: eligible → not; failed gains membership; 3 eligible → 2
        'outcome.applicants[2].eligible',
        'outcome.applicants[2].failed[0]',
        'outcome.eligibleCount',
        `reasons["membership|${liu}"].holds`,
        // the membership rule now lists the unmet conditions of the claimed basis (empty for the members)
        ...['TJ-01-1 刘建国', 'TJ-01-2 王秀英', liu].flatMap((a) => [`reasons["membership|${a}"].values.unmet`, `reasons["membership|${a}"].values.unmetZh`]),
        // ruling on the form's figure: a separate check of the 0.3 threshold (0.15 and "0.15": same side, holds)
        'reasons["reported-per-capita-same-side|"]',
        // (no new parameter read: with no school type given, the list of 大中专 schools is never consulted)
      ].sort(),
    );
    expect(now.reasons.find((x) => x.rule === 'membership' && x.subject === liu)!.values!.unmet).toEqual([
      'school type not given (basis 2 counts only 大中专: college or technical-secondary students)',
    ]);
  });
  it('the compliant case file of 1.1.0 records neither the 复审 departments nor the first notice’s venue: two violations now', () => {
    const r = rs.find((x) => x.id === 'procedure/case-compliant')!;
    const now = engine.evaluate(r.request as never);
    expect(paths(r.decision, now).sort()).toEqual(
      [
        'ruleset.hash',
        'outcome.compliant',
        'outcome.violations[0]',
        'outcome.violations[1]',
        'reasons["first-notice-venue|DX-2023-05-TJ"]',
        'reasons["township-review-departments|DX-2023-05-TJ"]',
        'parameters["cn.hunan.shaoyang.first-notice-venues"]',
        'parameters["cn.hunan.shaoyang.township-review-departments"]',
        // 1.2.1 reads the other lists of 二(二) as parameters too (same entries, nothing else changes):
        'parameters["cn.hunan.shaoyang.application-documents"]',
        'parameters["cn.hunan.shaoyang.joint-review-departments"]',
        'parameters["cn.hunan.shaoyang.second-notice-venues"]',
      ].sort(),
    );
    expect((now.outcome as { violations: Array<{ rule: string }> }).violations.map((v) => v.rule)).toEqual(['first-notice-venue', 'township-review-departments']);
  });
});

describe('Gucun: 六 corrected — under the same figures, 1.1.0 differs from 1.0.0 only in the guarantee subsidy of people who got the 3 extra years', () => {
  const rs = old('cn.shanghai.baoshan.gucun@1.0.0');
  // Old rules, today's figures: the archived file replaces the current one (same id). Written before
  // the payers and 四(一)'s input checks were data, it reads them from 1.1.1, which restates it.
  const restater = JSON.parse(readFileSync(new URL('../../rulesets/cn.shanghai.baoshan.gucun/ruleset.2022-04-01.json', import.meta.url), 'utf8')) as unknown;
  const oldRules = createEngine({ rulesets: [archived('cn.shanghai.baoshan.gucun/archive/1.0.0.json')], archive: [restater] });
  it('GC-11 (got the 3 extra years): the deferred guarantee subsidy goes, the totals fall by it, nothing else changes', () => {
    const r = rs.find((x) => x.id === 'payout/GC-11')!;
    const before = oldRules.evaluate(r.request as never);
    const after = engine.evaluate(r.request as never);
    const g = (before.outcome as { items: Array<{ code: string; amount: string }> }).items.find((i) => i.code === 'guarantee-subsidy')!;
    expect(paths(before, after).sort()).toEqual(
      [
        'ruleset.hash',
        'outcome.items["guarantee-subsidy"]',
        'outcome.totals.amount',
        'outcome.totals.deferred',
        'outcome.totals.byPayer.district',
        'outcome.totals.byPayer.town',
        'reasons["guarantee-subsidy|GC-11"].holds',
        'reasons["guarantee-subsidy|GC-11"].values',
        // an item that does not apply is not computed: its years and the district share are no longer read
        'parameters["cn.shanghai.baoshan.gucun.guarantee-subsidy-years"]',
        'parameters["cn.shanghai.baoshan.gucun.district-share"]',
      ].sort(),
    );
    const t = (d: typeof before) => (d.outcome as { totals: { amount: string; deferred: string } }).totals;
    // total before − total after = the subsidy; deferred was exactly the subsidy
    expect((Number(t(before).amount) * 100 - Number(t(after).amount) * 100) / 100).toBeCloseTo(Number(g.amount), 2);
    expect(t(before).deferred).toBe(g.amount);
    expect(t(after).deferred).toBe('0.00');
  });
  it('every old record re-decided under both versions with today’s figures: only people with the extra years lose the subsidy', () => {
    for (const r of rs.filter((x) => x.request.kind === 'payout')) {
      const codes = (e: typeof engine) => (e.evaluate(r.request as never).outcome as { items: Array<{ code: string }> }).items.map((i) => i.code);
      const a = codes(oldRules);
      const b = codes(engine);
      if (a.includes('lump-sum-premium-extra')) expect(b, r.id).toEqual(a.filter((c) => c !== 'guarantee-subsidy'));
      else expect(b, r.id).toEqual(a);
    }
  });
  it('replayed under its archived 1.0.0 with the figures it recorded, every old record matches; re-decided under today\'s rules and figures, they show the corrections', () => {
    expect(engine.replay(rs)).toEqual({ total: 49, matched: 49, mismatched: [], failed: [] });
    const report = engine.replay(rs, { against: 'in-force' });
    expect(report.failed).toEqual([]);
    // The bills that read the contribution base show it, now derived (0.6 × the average wage).
    expect(report.mismatched.length).toBeGreaterThan(0);
    expect(report.mismatched.flatMap((m) => m.diffs.map((d) => d.path))).toContain('parameters["cn.shanghai.contribution-base"].value');
  });
});

describe('Taizhou: counted land classes corrected (all agricultural land)', () => {
  const rs = old('cn.zhejiang.taizhou@1.0.0');
  it('the 1.0.0 records replay matched under 1.0.0 and the figures they recorded; re-decided under today\'s, quota/dongpu differs', () => {
    expect(engine.replay(rs)).toMatchObject({ total: 5, matched: 5, mismatched: [], failed: [] });
    const now = engine.replay(rs, { against: 'in-force' });
    expect(now.mismatched.map((m) => m.id)).toContain('quota/dongpu');
  });
  it('re-decided under 1.1.0: 园地 (a 3.10, b 41.50) and 林地 (b 120) now count → a = 24.10, b = 861.50, quota 25 → 23', () => {
    const r = rs.find((x) => x.id === 'quota/dongpu')!;
    const now = engine.evaluate(r.request as never);
    expect(r.decision.outcome).toMatchObject({ quota: 25, approvedAreaMu: '21', villageLandMu: '700' });
    expect(now.outcome).toMatchObject({ quota: 23, approvedAreaMu: '24.1', villageLandMu: '861.5' });
    const flipped = diffDecisions(keyed(r.decision), keyed(now)).filter((d) => d.path.endsWith('.holds')).map((d) => `${d.path}: ${String(d.recorded)} → ${String(d.replayed)}`);
    expect(flipped.sort()).toEqual([
      'reasons["land-type-counted|approved:园地"].holds: false → true',
      'reasons["land-type-counted|village:园地"].holds: false → true',
      'reasons["land-type-counted|village:林地"].holds: false → true',
    ]);
  });
});
