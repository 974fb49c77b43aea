import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { canonicalJson, InputError, NoRulesetInForceError, type EligibilityInput, type EvaluateRequest } from '../../src';
import { Dec } from '../../src/engine/decimal';
import { eligibilityInput as eligibilitySchema } from '../../src/kinds/eligibility/schema';
import shaoyang from '../../rulesets/cn.hunan.shaoyang/ruleset.2020-01-01.json';
import { eligibilityInput, landThreshold } from '../arbitraries/eligibility';
import { engine } from '../helpers';
import { runs } from '../property-runs';

// Properties of Shaoyang eligibility (二(一)) over generated households, each stated as the law
// or the engine's contract says it. Generators: test/arbitraries/eligibility.ts.

const J = 'cn.hunan.shaoyang';
const THRESHOLD = 'cn.hunan.shaoyang.max-per-capita-mu';
const decide = (input: EligibilityInput, parameters?: Record<string, string>) =>
  engine.evaluate({ kind: 'eligibility', jurisdiction: J, input, ...(parameters ? { parameters } : {}) });

const rulesOf = (scope: string) => shaoyang.rules.filter((r) => r.kind === 'eligibility' && r.scope === scope).map((r) => r.id);
const APPLICANT_RULES = rulesOf('applicant');
const HOUSEHOLD_RULES = rulesOf('household');
const CONDITION_RULES = shaoyang.rules.filter((r) => r.scope === 'applicant' && (r as { effect?: string }).effect !== 'warning').map((r) => r.id);

/** Full years between two ISO dates, by hand: a birthday not yet reached this year counts one less (29 Feb is reached on 1 Mar). */
function fullYears(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

describe('determinism: the same request gives byte-identical canonical JSON', () => {
  test.prop([eligibilityInput()], { numRuns: runs(150) })('evaluate twice, and on a fresh deep copy', (input) => {
    const a = canonicalJson(decide(input));
    const b = canonicalJson(decide(input));
    const c = canonicalJson(decide(structuredClone(input)));
    expect(b).toBe(a);
    expect(c).toBe(a);
  });
  test.prop([eligibilityInput()], { numRuns: runs(60) })('the input is not modified by a decision', (input) => {
    const before = canonicalJson(input);
    decide(input);
    expect(canonicalJson(input)).toBe(before);
  });
});

describe('any input the schema accepts gives a decision; any it rejects gives one InputError', () => {
  test.prop([eligibilityInput()], { numRuns: runs(200) })('generated valid inputs: the schema accepts them and the engine decides', (input) => {
    expect(eligibilitySchema.safeParse(input).success).toBe(true);
    const d = decide(input);
    expect(d.outcome.applicants.map((a) => a.id)).toEqual(input.applicants.map((a) => a.id));
  });

  // Each field either valid or replaced by an arbitrary JSON-ish value: the engine agrees with the schema.
  const maybeBroken = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) });
  const looseInput = eligibilityInput({ noticeFrom: '2015-01-01' }).chain((input) =>
    fc.record({
      noticeDate: maybeBroken(fc.constant(input.noticeDate)),
      household: maybeBroken(
        fc.record({
          originalCultivatedMu: maybeBroken(fc.constant(input.household.originalCultivatedMu)),
          expropriatedCultivatedMu: maybeBroken(fc.constant(input.household.expropriatedCultivatedMu)),
          memberCount: maybeBroken(fc.constant(input.household.memberCount)),
        }),
      ),
      applicants: maybeBroken(fc.tuple(...input.applicants.map((a) => maybeBroken(fc.constant(a))))),
    }),
  );
  test.prop([looseInput], { numRuns: runs(300) })('decision ⇔ schema accepts; otherwise InputError with the schema’s paths', (input) => {
    const parsed = eligibilitySchema.safeParse(input);
    let result: 'decision' | InputError | NoRulesetInForceError;
    try {
      decide(input as EligibilityInput);
      result = 'decision';
    } catch (e) {
      if (e instanceof InputError || e instanceof NoRulesetInForceError) result = e;
      else throw e;
    }
    if (parsed.success) {
      // Accepted: a decision, or (notice before 2020-01-01) the documented "no ruleset in force".
      if (result instanceof NoRulesetInForceError) expect(parsed.data.noticeDate < shaoyang.effectiveFrom).toBe(true);
      else expect(result).toBe('decision');
    } else {
      expect(result).toBeInstanceOf(InputError);
      const paths = (result as InputError).issues.map((i) => i.path.join('.'));
      expect(paths.length).toBeGreaterThan(0);
      expect(new Set(paths)).toEqual(new Set(parsed.error.issues.map((i) => ['input', ...i.path].join('.'))));
    }
  });
});

describe('二(一) eligibility is monotone in the land threshold', () => {
  test.prop([eligibilityInput(), landThreshold, landThreshold], { numRuns: runs(150) })(
    'raising max-per-capita-mu never makes an eligible applicant ineligible',
    (input, t1, t2) => {
      const [low, high] = new Dec(t1).lte(t2) ? [t1, t2] : [t2, t1];
      const atLow = decide(input, { [THRESHOLD]: low }).outcome;
      const atHigh = decide(input, { [THRESHOLD]: high }).outcome;
      expect(atHigh.eligibleCount).toBeGreaterThanOrEqual(atLow.eligibleCount);
      atLow.applicants.forEach((a, i) => {
        const b = atHigh.applicants[i]!;
        if (a.eligible) expect(b.eligible).toBe(true);
        // Only the land rule depends on the threshold: whatever else failed still fails.
        expect(b.failed.filter((r) => r !== 'per-capita-under-0.3')).toEqual(a.failed.filter((r) => r !== 'per-capita-under-0.3'));
      });
    },
  );
});

describe('二(一) each condition, checked against a hand-written statement of the clause', () => {
  test.prop([eligibilityInput()], { numRuns: runs(200) })('age ≥ 16 on the notice date, per-capita land < 0.3 mu, one membership basis', (input) => {
    const d = decide(input);
    const h = input.household;
    // 征地后家庭人均耕地面积 = (原有耕地 − 被征耕地) ÷ 家庭人数, exact.
    const perCapita = new Dec(h.originalCultivatedMu).minus(h.expropriatedCultivatedMu).div(h.memberCount);
    expect(new Dec(d.outcome.perCapitaAfterMuExact).eq(perCapita)).toBe(true);
    expect(d.outcome.perCapitaAfterMu).toBe(perCapita.toDecimalPlaces(4, Dec.ROUND_HALF_UP).toFixed(4));
    input.applicants.forEach((a, i) => {
      const expected: string[] = [];
      if (fullYears(a.birthDate, input.noticeDate) < 16) expected.push('age-16');
      if (!perCapita.lt('0.3')) expected.push('per-capita-under-0.3');
      const member =
        (a.basis === 'member' && a.collectiveMember && a.holdsContractRight) ||
        // 2: 大中专 students; conscripts and first/second-class sergeants entitled to resettlement at home (ruling 2026-12-01)
        (a.basis === 'student' && a.qualifiedBeforeLeaving === true && (a.education === 'college' || a.education === 'technical-secondary')) ||
        (a.basis === 'conscript' && a.qualifiedBeforeLeaving === true && ['conscript', 'sergeant-first-class', 'sergeant-second-class'].includes(a.serviceRank ?? '') && a.resettlementAtHome === true) ||
        (a.basis === 'parent-member' && a.parentIsMember === true && a.collectiveMember) ||
        (a.basis === 'democratic-decision' && a.democraticDecision?.approved === true && a.democraticDecision.noticeWithoutObjection === true);
      if (!member) expected.push('membership');
      const got = d.outcome.applicants[i]!;
      expect(got.failed).toEqual(CONDITION_RULES.filter((r) => expected.includes(r)));
      expect(got.eligible).toBe(expected.length === 0);
    });
    expect(d.outcome.eligibleCount).toBe(d.outcome.applicants.filter((a) => a.eligible).length);
  });
});

describe('reasons and warnings cover every rule exactly once', () => {
  test.prop([eligibilityInput()], { numRuns: runs(150) })('one reason per applicant-scope rule per applicant, one per household rule', (input) => {
    const d = decide(input);
    for (const a of input.applicants) {
      const mine = d.reasons.filter((r) => r.subject === a.id).map((r) => r.rule);
      expect(mine).toEqual(APPLICANT_RULES);
      // failed = the conditions whose reason does not hold.
      const failed = d.reasons.filter((r) => r.subject === a.id && !r.holds && r.effect !== 'warning').map((r) => r.rule);
      expect(d.outcome.applicants.find((x) => x.id === a.id)!.failed).toEqual(failed);
    }
    expect(d.reasons.filter((r) => r.subject === undefined).map((r) => r.rule)).toEqual(HOUSEHOLD_RULES);
    expect(d.reasons).toHaveLength(HOUSEHOLD_RULES.length + APPLICANT_RULES.length * input.applicants.length);
    for (const r of d.reasons) {
      expect(r.citation.article).toBeTruthy();
      expect(r.message.zh.length).toBeGreaterThan(0);
      expect(r.message.en.length).toBeGreaterThan(0);
      // Every placeholder filled (the subject itself may contain braces: take it out first).
      for (const text of [r.message.zh, r.message.en]) expect(text.split(r.subject ?? '\u0000').join('')).not.toMatch(/\{[a-zA-Z]+(:\d+)?\}/);
    }
    // Warnings: the ruleset's assumption always; the form-figure mismatch exactly when its rule fails.
    const codes = d.warnings.map((w) => w.code);
    // Each warning once per decision, however many applicants read the same figures.
    expect(codes.filter((c) => c === 'ASSUMED_EFFECTIVE_DATE')).toHaveLength(1);
    expect(codes.every((c) => ['ASSUMED_EFFECTIVE_DATE', 'REPORTED_PER_CAPITA_MISMATCH', 'REPORTED_PER_CAPITA_OTHER_SIDE'].includes(c))).toBe(true);
    const mismatch = d.reasons.find((r) => r.rule === 'reported-per-capita-agrees')!;
    expect(codes.filter((c) => c === 'REPORTED_PER_CAPITA_MISMATCH')).toHaveLength(mismatch.holds ? 0 : 1);
    // The threshold warning (ruling 2026-12-01): exactly when form and computed fall on opposite sides of 0.3.
    const reported = input.household.reportedPerCapitaAfterMu;
    const otherSide = reported !== undefined && new Dec(reported).lt('0.3') !== new Dec(d.outcome.perCapitaAfterMuExact).lt('0.3');
    expect(codes.filter((c) => c === 'REPORTED_PER_CAPITA_OTHER_SIDE')).toHaveLength(otherSide ? 1 : 0);
    // Every parameter read is listed once.
    const ids = d.parameters.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

// Keeps the request type honest for readers: these are ordinary requests.
void ({ kind: 'eligibility', input: {} } as unknown as EvaluateRequest);
