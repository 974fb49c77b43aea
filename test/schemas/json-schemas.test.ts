/**
 * The JSON Schemas shipped in schemas/ are what the zod schemas generate today, and the zod
 * outcome and envelope schemas they come from fit every decision and record the engine makes
 * from the bundled samples (strict objects: a field added to a decision and not to its schema
 * fails here).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toRecord } from '../../src/audit/record';
import { toCompactRecord } from '../../src/audit/compact';
import { createEngine } from '../../src/create-engine';
import { BUNDLED_KINDS } from '../../src/kinds';
import { batchResultSchema, compactRecordJsonSchema, decisionRecordSchema, decisionSchema, evaluateRequestSchema } from '../../src/schemas/envelope';
import { DATE_PATTERN, jsonSchemas, kindDecisionSchema, kindRequestSchema, type JsonSchema } from '../../src/schemas/json-schema';
import { fixtureRequests } from '../fixture-requests';

const dir = join(import.meta.dirname, '..', '..', 'schemas');
const engine = createEngine();

describe('schemas/*.json', () => {
  const generated = jsonSchemas();

  it('are current: each file is what the zod schemas generate (npm run build writes them)', () => {
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
    expect(files).toEqual(Object.keys(generated).map((n) => `${n}.json`).sort());
    for (const [name, schema] of Object.entries(generated)) {
      expect(readFileSync(join(dir, `${name}.json`), 'utf8'), name).toBe(JSON.stringify(schema, null, 2) + '\n');
    }
  });

  it('cover every kind: input, outcome, request and decision', () => {
    for (const kind of Object.keys(BUNDLED_KINDS)) {
      for (const part of ['input', 'outcome', 'request', 'decision']) expect(generated[`${kind}.${part}`], `${kind}.${part}`).toBeDefined();
    }
    for (const name of ['evaluate-request', 'decision', 'batch-result', 'record', 'compact-record', 'ruleset-file', 'parameter-file']) expect(generated[name], name).toBeDefined();
  });

  it('give every date a YYYY-MM-DD pattern', () => {
    const dates: string[] = [];
    const walk = (s: unknown, path: string) => {
      if (Array.isArray(s)) s.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (s !== null && typeof s === 'object') {
        const o = s as JsonSchema;
        if (o.format === 'date') {
          expect(o.pattern, path).toBe(DATE_PATTERN);
          dates.push(path);
        }
        for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
      }
    };
    walk(generated['payout.input'], 'payout.input');
    expect(dates).toEqual(['payout.input.properties.expropriationDate', 'payout.input.properties.person.properties.birthDate']);
    walk(generated['ruleset-file'], 'ruleset-file');
    const re = new RegExp(DATE_PATTERN);
    expect(['2024-06-30', '2000-02-29'].every((d) => re.test(d))).toBe(true);
    expect(['2024-6-30', '2024-13-01', '2024-06-32', '24-06-30', '2024-06-30T00:00'].some((d) => re.test(d))).toBe(false);
  });
});

describe('the zod schemas behind them fit the engine', () => {
  const requests = fixtureRequests();

  it('every sample request fits its kind request schema, and every decision its kind decision schema (strictly)', () => {
    expect(requests.length).toBeGreaterThan(50);
    const kinds = new Set<string>();
    for (const request of requests) {
      const kind = request.kind;
      kinds.add(kind);
      expect(evaluateRequestSchema.safeParse(request).success).toBe(true);
      const req = kindRequestSchema(kind).safeParse(request);
      expect(req.success, `${kind} request: ${req.error?.message}`).toBe(true);
      const decision = engine.evaluate(request);
      const d = kindDecisionSchema(kind).safeParse(decision);
      expect(d.success, `${kind} decision: ${d.error?.message}`).toBe(true);
      expect(decisionSchema.safeParse(decision).success).toBe(true);
      expect(batchResultSchema.safeParse({ index: 0, decision }).success).toBe(true);
      const record = decisionRecordSchema.safeParse(JSON.parse(JSON.stringify(toRecord(decision, request, { id: 'x' }))));
      expect(record.success, `${kind} record: ${record.error?.message}`).toBe(true);
      const compact = compactRecordJsonSchema.safeParse(JSON.parse(JSON.stringify(toCompactRecord(decision, { id: 'x' }))));
      expect(compact.success, `${kind} compact record: ${compact.error?.message}`).toBe(true);
    }
    expect([...kinds].sort()).toEqual(Object.keys(BUNDLED_KINDS).sort());
  });

  it('an outcome schema refuses what the engine never returns', () => {
    const decision = engine.evaluate(requests.find((r) => r.kind === 'payout')!) as unknown as { outcome: { totals: { amount: string }; extra?: number } };
    const schema = kindDecisionSchema('payout');
    expect(schema.safeParse({ ...decision, outcome: { ...decision.outcome, extra: 1 } }).success).toBe(false);
    expect(schema.safeParse({ ...decision, outcome: { ...decision.outcome, totals: { ...decision.outcome.totals, amount: '12.5' } } }).success).toBe(false);
  });
});

describe('evaluateRequestSchema', () => {
  // The engine checks the envelope with its own zod schema (src/engine/engine.ts); the service
  // and the JSON Schemas use this one. They must find the same problems.
  const input = fixtureRequests().find((r) => r.kind === 'payout')!.input;
  const envelopes: unknown[] = [
    { kind: 'payout', input, asof: '2024-06-30' },
    { kind: 'payout', input, asOf: '2024-02-30' },
    { kind: 'p'.repeat(41), input },
    { kind: 'payout', jurisdiction: 'x'.repeat(101), input },
    { kind: 'payout', input, parameters: { a: true } },
    { kind: 'payout', input, parameters: { ['k'.repeat(121)]: 1 } },
    { kind: 7, input },
    { input },
    [],
    'payout',
  ];
  it('finds the problems the engine finds in an envelope', () => {
    for (const e of envelopes) {
      const mine = evaluateRequestSchema.safeParse(e);
      expect(mine.success, JSON.stringify(e).slice(0, 80)).toBe(false);
      let engineIssues: unknown;
      try {
        engine.evaluate(e as never);
      } catch (x) {
        engineIssues = (x as { issues?: unknown }).issues;
      }
      expect(engineIssues, JSON.stringify(e).slice(0, 80)).toEqual(mine.error!.issues.map((i) => ({ code: i.code, path: i.path, message: i.message })));
    }
  });
});
