/**
 * Rulesets as living law (issue 16): a version ends where the next one starts, so adding a
 * successor is adding one file, the old file and its hash untouched, and every record made under
 * it still replays; a corrected version replaces the old file, which moves to the archive.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine, rulesetHash, RulesetError } from '../../src';
import taizhou from '../../rulesets/cn.zhejiang.taizhou/ruleset.2019-08-09.json';
import { jurisdictionParameters } from '../helpers';

const taizhouParameters = jurisdictionParameters('cn.zhejiang.taizhou');

type Json = Record<string, unknown>;
const clone = <T>(x: T): T => structuredClone(x);
const fixtureRecords = ['cn.hunan.shaoyang', 'cn.zhejiang.taizhou', 'cn.shanghai.baoshan.gucun'].flatMap((j) =>
  readFileSync(new URL(`../../fixtures/decisions/${j}.jsonl`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { id: string; ruleset: { hash: string } }),
);

/** Taizhou from 2027-01-01: the same rules, a new version; the validity shortened to 6 months from that day. */
function successor(): Json {
  const next = clone(taizhou) as Json;
  delete next.hash;
  next.id = 'cn.zhejiang.taizhou/2027-01-01';
  next.version = '2.0.0';
  next.effectiveFrom = '2027-01-01';
  next.effectiveTo = null;
  return next;
}
function parametersWithSixMonthsFrom2027(): Json {
  const p = clone(taizhouParameters) as unknown as { parameters: Record<string, { values: Json[] }> };
  const values = p.parameters['cn.zhejiang.taizhou.quota-validity-months']!.values;
  values[values.length - 1]!.to = '2026-12-31';
  values.push({ value: 6, from: '2027-01-01', to: null, source: 'test: a county shortens the validity (三(四) “最长为1年”)', verified: false });
  return p as unknown as Json;
}
const quotaInput = (approvalDate: string, rosterReportedOn: string) => ({
  approvalDate,
  approvedAreaMu: '30',
  village: { agriculturalLandMu: '600', population16Plus: 500, alreadyInsured: 100 },
  rosterReportedOn,
});

describe('a successor version is one file added (三(四) validity shortened from 2027-01-01)', () => {
  const before = JSON.stringify(taizhou);
  const bundledHash = rulesetHash(taizhou as Json);
  const engine = createEngine({ rulesets: [successor()], parameters: [parametersWithSixMonthsFrom2027()] });

  it('leaves the old file and its hash as they were', () => {
    expect(JSON.stringify(taizhou)).toBe(before);
    expect(createEngine().rulesets().find((r) => r.id === 'cn.zhejiang.taizhou/2019-08-09')!.hash).toBe(bundledHash);
    expect(engine.rulesets().find((r) => r.id === 'cn.zhejiang.taizhou/2019-08-09')!.hash).toBe(bundledHash);
  });

  it('lists both windows: the old one now ends the day before the new one starts', () => {
    const tz = engine.rulesets().filter((r) => r.jurisdiction === 'cn.zhejiang.taizhou');
    expect(tz.map((r) => [r.id, r.effectiveFrom, r.effectiveTo, r.sunset, r.supersededBy ?? null])).toEqual([
      ['cn.zhejiang.taizhou/2019-08-09', '2019-08-09', '2026-12-31', null, 'cn.zhejiang.taizhou/2027-01-01'],
      ['cn.zhejiang.taizhou/2027-01-01', '2027-01-01', null, null, null],
    ]);
  });

  it('decides before 2027-01-01 under the old version (12 months), on and after it under the new (6 months)', () => {
    // 三(四): valid until roster date + validity months (inclusive). 2026-12-31 + 12 months = 2027-12-31.
    const old = engine.quota(quotaInput('2026-12-31', '2026-12-31'));
    expect(old.ruleset.id).toBe('cn.zhejiang.taizhou/2019-08-09');
    expect(old.outcome.validUntil).toBe('2027-12-31');
    // 2027-01-01 + 6 months = 2027-07-01.
    const next = engine.quota(quotaInput('2027-01-01', '2027-01-01'));
    expect(next.ruleset.id).toBe('cn.zhejiang.taizhou/2027-01-01');
    expect(next.ruleset.version).toBe('2.0.0');
    expect(next.outcome.validUntil).toBe('2027-07-01');
  });

  it('replays every fixture record matched, against the hash it names', () => {
    expect(fixtureRecords.length).toBeGreaterThan(20);
    const report = engine.replay(fixtureRecords);
    expect(report.failed).toEqual([]);
    expect(report.mismatched).toEqual([]);
    expect(report.matched).toBe(fixtureRecords.length);
    expect(fixtureRecords.filter((r) => r.ruleset.hash === bundledHash).length).toBeGreaterThan(0);
  });
});

describe('a corrected version replaces the file; the old one is archived and keeps replaying', () => {
  const corrected = (): Json => {
    const c = clone(taizhou) as Json;
    delete c.hash;
    c.version = '1.0.1';
    (c.interpretations as Json[]).push({ id: 'test-correction', clause: '三(二)', text: { zh: '更正', en: 'a correction' } });
    return c;
  };

  it('two versions starting on the same day do not load: the message says to archive the old one', () => {
    const c = corrected();
    c.id = 'cn.zhejiang.taizhou/2019-08-09-corrected';
    expect(() => createEngine({ rulesets: [c] })).toThrow(RulesetError);
    try {
      createEngine({ rulesets: [c] });
    } catch (e) {
      const msg = (e as RulesetError).issues.map((i) => i.message).join('\n');
      expect(msg).toContain('starts on the same day as cn.zhejiang.taizhou/2019-08-09 (2019-08-09)');
      expect(msg).toContain('archive');
    }
  });

  it('with the old file in the archive, new decisions use the correction and old records replay under the old hash', () => {
    const engine = createEngine({ rulesets: [corrected()], archive: [taizhou] });
    const d = engine.quota(quotaInput('2020-04-20', '2020-05-01'));
    expect(d.ruleset.version).toBe('1.0.1');
    expect(d.ruleset.hash).not.toBe(rulesetHash(taizhou as Json));
    expect(engine.archivedRulesets().map((r) => r.hash)).toContain(rulesetHash(taizhou as Json));
    const records = fixtureRecords.filter((r) => r.ruleset.hash === rulesetHash(taizhou as Json));
    expect(records.length).toBeGreaterThan(0);
    const report = engine.replay(records);
    expect(report.failed).toEqual([]);
    expect(report.matched).toBe(records.length);
  });
});

describe('replay against the figures a record used, or against what is in force today', () => {
  it('a corrected figure does not break replay of a record made with the old one; in-force shows the change', () => {
    // Made with validity 12; the caller's parameter file later says 11 for the whole window.
    const engine = createEngine();
    const p = clone(taizhouParameters) as unknown as { parameters: Record<string, { values: Json[] }> };
    p.parameters['cn.zhejiang.taizhou.quota-validity-months']!.values[0]!.value = 11;
    const corrected = createEngine({ parameters: [p] });
    const taizhouRecords = fixtureRecords.filter((r) => (r as unknown as { request: { kind: string } }).request.kind === 'quota');
    expect(taizhouRecords.length).toBeGreaterThan(0);
    expect(engine.replay(taizhouRecords).matched).toBe(taizhouRecords.length);
    expect(corrected.replay(taizhouRecords).matched).toBe(taizhouRecords.length);
    const inForce = corrected.replay(taizhouRecords, { against: 'in-force' });
    const withRoster = inForce.mismatched.flatMap((m) => m.diffs.map((d) => d.path));
    expect(withRoster).toContain('parameters["cn.zhejiang.taizhou.quota-validity-months"].value');
  });
});

describe('the records made before the corrections of 2026-12 (fixtures/decisions/archive/)', () => {
  const files = ['cn.hunan.shaoyang@1.1.0', 'cn.zhejiang.taizhou@1.0.0', 'cn.shanghai.baoshan.gucun@1.0.0'];
  const old = files.flatMap((f) =>
    readFileSync(new URL(`../../fixtures/decisions/archive/${f}.jsonl`, import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== ''),
  );
  it('replay matched under the archived versions and the figures they recorded (evidence-free reads warn as then)', () => {
    expect(old.length).toBe(65);
    const report = createEngine().replay(old);
    expect(report.failed).toEqual([]);
    expect(report.mismatched).toEqual([]);
    expect(report.matched).toBe(old.length);
  });
  it('re-decided under the rules and figures in force today, every one shows what the corrections changed', () => {
    const report = createEngine().replay(old, { against: 'in-force' });
    expect(report.failed).toEqual([]);
    expect(report.mismatched.length).toBe(old.length);
    // E.g. a Gucun bill: the contribution base is now derived (0.6 × the average wage).
    const paths = report.mismatched.flatMap((m) => m.diffs.map((d) => d.path));
    expect(paths).toContain('parameters["cn.shanghai.contribution-base"].value');
  });
});

describe('a restatement that changes how, not what: Shaoyang 1.2.0 → 1.2.1 (lists as parameters)', () => {
  const old = readFileSync(new URL('../../fixtures/decisions/archive/cn.hunan.shaoyang@1.2.0.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  it('the 11 records made under 1.2.0 replay matched under the archived file', () => {
    const report = createEngine().replay(old);
    expect([report.matched, report.mismatched.length, report.failed.length]).toEqual([11, 0, 0]);
  });
  it('re-decided under 1.2.1, only the ruleset hash and the new list parameters read differ: no outcome, reason or message', () => {
    const report = createEngine().replay(old, { against: 'in-force' });
    expect(report.failed).toEqual([]);
    const paths = new Set(report.mismatched.flatMap((m) => m.diffs.map((d) => d.path)));
    expect([...paths].sort()).toEqual([
      'parameters["cn.hunan.shaoyang.application-documents"]',
      'parameters["cn.hunan.shaoyang.joint-review-departments"]',
      'parameters["cn.hunan.shaoyang.second-notice-venues"]',
      'ruleset.hash',
    ]);
  });
});
