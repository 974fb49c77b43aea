/**
 * What a jurisdiction promises its callers (rulesets/<j>/jurisdiction.json `promises`, issue 16):
 * the ids API.md fixes — Shaoyang's `failed` rule ids, Gucun's item codes, a dozen parameter ids —
 * are in every version in force. A copy of a bundled ruleset with one promised rule or item
 * renamed or removed, or a parameter file without a promised series, does not load; the
 * RulesetError names the id, the kind and the ruleset. A kind's contract covers what its code
 * reads (test/engine/contracts.test.ts); this covers what callers read.
 */
import { describe, expect, it } from 'vitest';
import { createEngine, RulesetError, type EngineOptions } from '../../src';
import { BUNDLED_JURISDICTIONS, BUNDLED_PARAMETERS, BUNDLED_RULESETS } from '../../src/bundled';

type RulesetJson = { id: string; jurisdiction: string; hash?: string; rules: Array<{ id: string; kind: string }>; items?: Array<{ code: string; kind: string }> };
type JurisdictionJson = { id: string; promises?: { rules?: Record<string, string[]>; itemCodes?: Record<string, string[]>; parameters?: string[] } };

function loadError(options: EngineOptions): string {
  try {
    createEngine(options);
  } catch (e) {
    if (e instanceof RulesetError) return e.issues.map((i) => `${i.code}: ${i.message}`).join('\n');
    throw e;
  }
  return '(loaded)';
}
const copyOf = (id: string): RulesetJson => {
  const c = structuredClone((BUNDLED_RULESETS as RulesetJson[]).find((r) => r.id === id)!);
  delete c.hash;
  return c;
};
const promisesOf = (j: string) => (BUNDLED_JURISDICTIONS as JurisdictionJson[]).find((x) => x.id === j)!.promises!;

describe('the promises API.md fixes are declared', () => {
  it('Shaoyang promises the three eligibility ids of `failed`; Gucun the ten payout item codes (API.md)', () => {
    expect(promisesOf('cn.hunan.shaoyang').rules).toEqual({ eligibility: ['age-16', 'per-capita-under-0.3', 'membership'] });
    expect(promisesOf('cn.shanghai.baoshan.gucun').itemCodes!.payout).toHaveLength(10);
    const parameters = (BUNDLED_JURISDICTIONS as JurisdictionJson[]).flatMap((j) => j.promises?.parameters ?? []);
    expect(parameters).toHaveLength(11); // the table "Parameter ids fixed here"
  });
});

const cases = (BUNDLED_JURISDICTIONS as JurisdictionJson[]).flatMap((j) =>
  (BUNDLED_RULESETS as RulesetJson[])
    .filter((r) => r.jurisdiction === j.id)
    .flatMap((r) => [
      ...Object.entries(j.promises?.rules ?? {}).flatMap(([kind, ids]) => ids.map((id) => ({ ruleset: r.id, what: 'rule' as const, kind, id }))),
      ...Object.entries(j.promises?.itemCodes ?? {}).flatMap(([kind, codes]) => codes.map((id) => ({ ruleset: r.id, what: 'item' as const, kind, id }))),
    ]),
);

describe.each(cases.map((c) => [`${c.ruleset}: ${c.what} ${c.kind}/${c.id}`, c] as const))('%s', (_name, c) => {
  it('renamed: does not load, and the error names the promise', () => {
    const file = copyOf(c.ruleset);
    if (c.what === 'rule') file.rules.filter((r) => r.kind === c.kind && r.id === c.id).forEach((r) => (r.id = `${c.id}-renamed`));
    else file.items!.filter((i) => i.kind === c.kind && i.code === c.id).forEach((i) => (i.code = `${c.id}-renamed`));
    const msg = loadError({ rulesets: [file] });
    expect(msg).toContain(c.what === 'rule' ? `promises its callers the ${c.kind} rule '${c.id}' (jurisdiction.json), which ruleset ${c.ruleset} does not have` : `promises its callers ${c.kind} items with code '${c.id}' (jurisdiction.json), which ruleset ${c.ruleset} does not provide`);
    expect(msg).toMatch(/^broken_promise: /m);
  });
  it('removed: does not load', () => {
    const file = copyOf(c.ruleset);
    if (c.what === 'rule') file.rules = file.rules.filter((r) => !(r.kind === c.kind && r.id === c.id));
    else file.items = file.items!.filter((i) => !(i.kind === c.kind && i.code === c.id));
    expect(loadError({ rulesets: [file] })).toContain(`'${c.id}'`);
  });
});

describe('promised parameters', () => {
  it.each((BUNDLED_JURISDICTIONS as JurisdictionJson[]).flatMap((j) => (j.promises?.parameters ?? []).map((p) => [j.id, p] as const)))('%s without %s: does not load', (j, p) => {
    const params = structuredClone(BUNDLED_PARAMETERS) as Array<{ parameters: Record<string, unknown> }>;
    const remaining = params.filter((f) => !(p in f.parameters));
    expect(remaining).toHaveLength(params.length - 1); // one series a file
    // Replacing every bundled series by the others: bundled:false keeps the bundled kinds.
    const msg = loadError({ bundled: false, rulesets: BUNDLED_RULESETS as unknown[], parameters: remaining, jurisdictions: BUNDLED_JURISDICTIONS as unknown[] });
    expect(msg).toContain(p);
    expect(msg).toMatch(new RegExp(`${j.replace(/\./g, '\\.')} promises its callers the parameter '${p.replace(/\./g, '\\.')}'|unknown parameter '${p.replace(/\./g, '\\.')}'`));
  });
});

describe('a rule id names the condition, not its value (二(一) "不足0.3亩")', () => {
  it('a new threshold keeps the id per-capita-under-0.3 and shows the value it used in the reason', () => {
    // A household keeping 1.00 mu for 4 people has 0.25 mu each: under 0.3, not under 0.2.
    const input = {
      noticeDate: '2023-06-15',
      household: { originalCultivatedMu: '3.00', expropriatedCultivatedMu: '2.00', memberCount: 4 },
      applicants: [{ id: 'A', sex: 'female' as const, birthDate: '1980-01-01', basis: 'member' as const, collectiveMember: true, holdsContractRight: true }],
    };
    const engine = createEngine();
    const now = engine.eligibility(input);
    const stricter = engine.eligibility(input, { parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': '0.2' } });
    expect(now.outcome.applicants[0]!.failed).toEqual([]);
    expect(stricter.outcome.applicants[0]!.failed).toEqual(['per-capita-under-0.3']);
    const reason = stricter.reasons.find((r) => r.rule === 'per-capita-under-0.3')!;
    expect(reason.message.en).toBe('Household cultivated land after expropriation is 0.2500 mu per person, not under 0.2 mu');
    expect(reason.message.zh).toBe('家庭征地后人均耕地面积 0.2500 亩，不是不足 0.2 亩');
  });
});
