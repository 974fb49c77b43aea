import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson, InputError, recordText, toRecord, type DecisionRecord, type EligibilityInput, type EvaluateRequest } from '../../src';
import { engine, inputIssues } from '../helpers';

const dir = new URL('../../fixtures/decisions/', import.meta.url);
/** Every bundled fixture record (not the tampered ones), with its line as written. */
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl') && f !== 'tampered.jsonl')
  .flatMap((f) => readFileSync(new URL(f, dir), 'utf8').split('\n').filter((l) => l.trim() !== '').map((line) => ({ line, record: JSON.parse(line) as DecisionRecord })));

const eligibilityInput: EligibilityInput = {
  noticeDate: '2023-05-10',
  household: { originalCultivatedMu: 2.4, expropriatedCultivatedMu: '1.80', memberCount: 4 },
  applicants: [{ id: 'A1', sex: 'female', birthDate: '1980-03-02', basis: 'member', collectiveMember: true, holdsContractRight: true }],
};

describe('decision.request: the decision carries the normalised request', () => {
  it('the fixtures cover several kinds', () => {
    expect(new Set(fixtures.map((f) => f.record.request.kind)).size).toBeGreaterThanOrEqual(5);
  });

  it('toRecord(decision) equals toRecord(decision, request) and the fixture line, byte for byte, for every fixture record', () => {
    for (const { line, record } of fixtures) {
      const request = record.request as EvaluateRequest;
      const decision = engine.evaluate(request);
      const one = JSON.stringify(toRecord(decision, { id: record.id! }));
      const two = JSON.stringify(toRecord(decision, request, { id: record.id! }));
      expect(one, record.id).toBe(two);
      expect(one, record.id).toBe(line);
      expect(recordText(decision, { id: record.id! }).text, record.id).toBe(line);
    }
  });

  it('is not enumerable: JSON of the decision and deep equality are unchanged', () => {
    for (const { record } of fixtures.slice(0, 20)) {
      const decision = engine.evaluate(record.request as EvaluateRequest);
      expect(Object.keys(decision)).not.toContain('request');
      const json = JSON.stringify(decision);
      expect(Object.keys(JSON.parse(json) as object)).toEqual(['kind', 'jurisdiction', 'asOf', 'ruleset', 'outcome', 'reasons', 'parameters', 'warnings']);
      expect(json).toBe(JSON.stringify({ ...decision }));
      expect(canonicalJson(decision)).toBe(JSON.stringify(record.decision));
      expect(decision).toEqual(JSON.parse(JSON.stringify(record.decision)));
      expect(decision.request).toEqual(record.request);
    }
  });

  it('holds the jurisdiction used, the caller\'s asOf when the kind ignored it, the input as given and the overrides', () => {
    const request = { kind: 'eligibility', asOf: '2024-01-01', input: eligibilityInput, parameters: { 'cn.hunan.shaoyang.min-age': 18 } } as const;
    const decision = engine.evaluate(request);
    expect(decision.warnings.map((w) => w.code)).toContain('AS_OF_IGNORED');
    expect(decision.asOf).toBe('2023-05-10');
    expect(decision.request).toEqual({ kind: 'eligibility', jurisdiction: 'cn.hunan.shaoyang', asOf: '2024-01-01', input: eligibilityInput, parameters: { 'cn.hunan.shaoyang.min-age': 18 } });
    expect(decision.request!.input).toBe(eligibilityInput);
    expect(JSON.stringify(toRecord(decision))).toBe(JSON.stringify(toRecord(decision, request)));
    const plain = engine.evaluate({ kind: 'eligibility', input: eligibilityInput });
    expect(plain.request).toEqual({ kind: 'eligibility', jurisdiction: 'cn.hunan.shaoyang', asOf: '2023-05-10', input: eligibilityInput });
  });

  it('the two-argument form still checks the request against the decision', () => {
    const decision = engine.evaluate({ kind: 'eligibility', input: eligibilityInput });
    expect(() => toRecord(decision, { kind: 'eligibility', asOf: '2023-05-11', input: eligibilityInput })).toThrow(InputError);
    expect(() => toRecord(decision, { kind: 'eligibility', jurisdiction: 'cn.zhejiang.taizhou', input: eligibilityInput })).toThrow(/jurisdiction/);
  });

  it('a decision without a request (parsed from JSON, or spread) given alone is an InputError at decision.request', () => {
    const decision = engine.evaluate({ kind: 'eligibility', input: eligibilityInput });
    const parsed = JSON.parse(JSON.stringify(decision)) as typeof decision;
    for (const d of [parsed, { ...decision }]) {
      const issues = inputIssues(() => toRecord(d, { id: 'x' }));
      expect(issues).toHaveLength(1);
      expect(issues[0]!.path).toBe('decision.request');
      expect(issues[0]!.message).toMatch(/carries no request/);
      expect(() => recordText(d)).toThrow(/carries no request/);
    }
    // With the request given, a parsed decision still makes its record.
    expect(JSON.stringify(toRecord(parsed, { kind: 'eligibility', input: eligibilityInput }))).toBe(JSON.stringify(toRecord(decision)));
  });
});
