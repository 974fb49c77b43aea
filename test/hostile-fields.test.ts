import { describe, expect, it } from 'vitest';
import { InputError, type EvaluateRequest } from '../src';
import { engine, inputIssues } from './helpers';
import { MAX_ISSUE_TEXT } from '../src/engine/schemas';
import { fixtureRequests } from './fixture-requests';

// Hostile values in named places, with the answer each must get (test/hostile-input.test.ts
// checks that random replacements never crash; this file says what the answer is). Bounds:
// ids ≤ 100 characters, dates exactly YYYY-MM-DD, decimals ≤ 60 characters, < 10^18, ≤ 20
// decimals, applicants ≤ 10,000; unknown fields are rejected (strict objects).

const MB10 = 10 * 1024 * 1024;
const requests = fixtureRequests();

/** Every path in a JSON value whose value is a string. */
function stringPaths(x: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof x === 'string') return [prefix];
  if (Array.isArray(x)) return x.flatMap((v, i) => stringPaths(v, [...prefix, i]));
  if (x !== null && typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => stringPaths(v, [...prefix, k]));
  return [];
}

function withValue<T>(root: T, path: Array<string | number>, value: unknown): T {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
  return copy as T;
}

/** Runs a request that must fail; returns the InputError, the time it took and the heap it kept. */
function rejected(request: unknown): { error: InputError; ms: number } {
  const t0 = performance.now();
  try {
    engine.evaluate(request as EvaluateRequest);
  } catch (e) {
    if (e instanceof InputError) return { error: e, ms: performance.now() - t0 };
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('a 10 MB string in every string field: one InputError at that path, quickly, without echoing it', () => {
  const huge = 'é'.repeat(MB10 / 2) + '1'.repeat(MB10 / 2); // 10 M characters, also not ASCII-only

  for (const [ri, req] of requests.slice(0, 2).entries()) {
    const fields = [...stringPaths(req.input).map((p) => ['input', ...p]), ['kind'], ['jurisdiction'], ['asOf']];
    it(`request ${ri}: ${fields.length} string fields`, () => {
      const heapBefore = process.memoryUsage().heapUsed;
      for (const path of fields) {
        const { error, ms } = rejected(withValue({ ...req, asOf: '2024-01-01' }, path, huge));
        expect(ms, path.join('.')).toBeLessThan(1500);
        const paths = error.issues.map((i) => i.path.join('.'));
        expect(paths, path.join('.')).toContain(path.join('.'));
        // The answer is small: no message repeats the 10 MB value.
        expect(JSON.stringify(error.issues).length, path.join('.')).toBeLessThan(4096);
        expect(error.message.length).toBeLessThan(4096);
      }
      // Nothing of the huge values is kept once the calls return (allow GC noise).
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
    }, 60_000);
  }

  it('a 10 MB parameter id or value is rejected at parameters.<id>', () => {
    const req = requests[0]!;
    const { error: e1 } = rejected({ ...req, parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': huge } });
    expect(e1.issues.map((i) => i.path.join('.'))).toEqual(['parameters.cn.hunan.shaoyang.max-per-capita-mu']);
    const { error: e2, ms } = rejected({ ...req, parameters: { [huge]: '1' } });
    expect(e2.issues).toHaveLength(1);
    // The key is repeated in the path, cut to MAX_ISSUE_TEXT (500) characters with its length.
    expect(e2.issues[0]!.path[1]).toBe(`${huge.slice(0, MAX_ISSUE_TEXT)}…(${huge.length} characters)`);
    expect(e2.message.length).toBeLessThan(4096);
    expect(ms).toBeLessThan(1500);
  });

  it('a 10 MB unknown key (in the input or the envelope) is named, cut to MAX_ISSUE_TEXT characters', () => {
    const req = requests[0]! as EvaluateRequest<'eligibility'>;
    for (const request of [{ ...req, input: { ...req.input, [huge]: 1 } }, { ...req, [huge]: 1 }]) {
      const { error, ms } = rejected(request);
      expect(error.issues).toHaveLength(1);
      expect(error.issues[0]!.message).toContain('…(');
      expect(error.message.length).toBeLessThan(4096);
      expect(ms).toBeLessThan(1500);
    }
  });
});

describe('hostile values with the answer each gets', () => {
  const req = requests[0]! as EvaluateRequest<'eligibility'>;
  const input = req.input;
  const at = (path: Array<string | number>, value: unknown) => inputIssues(() => engine.evaluate({ ...req, input: withValue(input, path, value) }));

  it('decimals: 40 digits, 21 decimals, NaN, ±Infinity, exponent and hex forms are out of range or not decimals', () => {
    const field = ['household', 'originalCultivatedMu'];
    for (const v of ['1234567890123456789012345678901234567890', '1000000000000000000', '0.000000000000000000001', 1e18]) {
      expect(at(field, v), String(v)).toEqual([{ path: 'input.household.originalCultivatedMu', message: expect.stringMatching(/out of range/) }]);
    }
    // Too long: said once for the length (zod also reports it is not a decimal, at the same path).
    expect(at(field, '1'.repeat(61))).toContainEqual({ path: 'input.household.originalCultivatedMu', message: 'a decimal has at most 60 characters' });
    for (const v of [NaN, Infinity, -Infinity]) expect(at(field, v)).toEqual([{ path: 'input.household.originalCultivatedMu', message: expect.stringContaining('finite number') }]);
    for (const v of ['1e5', '0x10', ' 1', '', '1.', '.5', '+1']) expect(at(field, v)).toEqual([{ path: 'input.household.originalCultivatedMu', message: 'expected a decimal such as "1.25"' }]);
  });

  it('the largest legal decimal is accepted: 999999999999999999.99999999999999999999 mu (decided, no overflow)', () => {
    const big = '999999999999999999.99999999999999999999';
    const d = engine.evaluate({ ...req, input: { ...input, household: { ...input.household, originalCultivatedMu: big, expropriatedCultivatedMu: '0' } } });
    // Per capita is enormous: nobody is under 0.3 mu.
    expect(d.outcome.applicants.every((a) => a.failed.includes('per-capita-under-0.3'))).toBe(true);
  });

  it('-0 is read as 0: a household with -0 mu expropriated is the same decision as with 0', () => {
    const a = engine.evaluate({ ...req, input: withValue(input, ['household', 'expropriatedCultivatedMu'], -0) });
    const b = engine.evaluate({ ...req, input: withValue(input, ['household', 'expropriatedCultivatedMu'], 0) });
    expect(a.outcome).toEqual(b.outcome);
  });

  it('dates: 2023-02-30, 99999-01-01, 2023-2-3 and ISO times are not dates', () => {
    for (const v of ['2023-02-30', '2023-02-29', '99999-01-01', '2023-2-3', '2023-02-28T00:00:00Z', '0000-00-00']) {
      const issues = at(['noticeDate'], v);
      expect(issues.length, v).toBeGreaterThan(0);
      for (const i of issues) expect(i, v).toEqual({ path: 'input.noticeDate', message: expect.stringMatching(/date YYYY-MM-DD/) });
    }
  });

  it('__proto__, constructor and prototype keys are unknown fields, rejected at their path, nothing polluted', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const applicant = JSON.parse(`{"${key}": {"polluted": true}}`) as Record<string, unknown>;
      const hostile = structuredClone(input) as unknown as { applicants: Array<Record<string, unknown>> };
      Object.defineProperty(hostile.applicants[0]!, key, { value: applicant[key], enumerable: true, configurable: true, writable: true });
      const issues = inputIssues(() => engine.evaluate({ ...req, input: hostile as unknown as typeof input }));
      expect(issues.map((i) => i.path)).toContain('input.applicants.0');
      expect(issues.some((i) => i.message.includes(key))).toBe(true);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('unknown fields are rejected at every level (a typo is never dropped)', () => {
    expect(inputIssues(() => engine.evaluate({ ...req, input: { ...input, noticedate: '2023-05-10' } as typeof input }))).toEqual([{ path: 'input', message: expect.stringContaining('noticedate') }]);
    expect(at(['household', 'memberCont'], 3)).toEqual([{ path: 'input.household', message: expect.stringContaining('memberCont') }]);
    expect(at(['applicants', 0, 'birthdate'], '1980-01-01')).toEqual([{ path: 'input.applicants.0', message: expect.stringContaining('birthdate') }]);
    expect(inputIssues(() => engine.evaluate({ ...req, asof: '2024-01-01' } as unknown as EvaluateRequest))).toEqual([{ path: '', message: expect.stringContaining('asof') }]);
  });

  it('ids: 101 characters or control characters are rejected; 100 characters of any script are fine', () => {
    expect(at(['applicants', 0, 'id'], 'x'.repeat(101))).toEqual([{ path: 'input.applicants.0.id', message: 'must be at most 100 characters' }]);
    expect(at(['applicants', 0, 'id'], 'A\u0000')).toEqual([{ path: 'input.applicants.0.id', message: 'must not contain control characters' }]);
    const d = engine.evaluate({ ...req, input: withValue(input, ['applicants', 0, 'id'], '张'.repeat(100)) });
    expect(d.outcome.applicants[0]!.id).toBe('张'.repeat(100));
  });

  it('applicants: 10,000 is the most a request may carry; 10,001 is rejected in bounded time', () => {
    const one = input.applicants[0]!;
    const many = (n: number) => ({ ...input, household: { ...input.household, memberCount: n }, applicants: Array.from({ length: n }, (_, i) => ({ ...one, id: `A${i}` })) });
    const t0 = performance.now();
    expect(inputIssues(() => engine.evaluate({ ...req, input: many(10_001) }))).toEqual([{ path: 'input.applicants', message: expect.stringMatching(/10000|10,000/) }]);
    expect(performance.now() - t0).toBeLessThan(3000);
    const t1 = performance.now();
    const d = engine.evaluate({ ...req, input: many(10_000) });
    expect(d.outcome.applicants).toHaveLength(10_000);
    expect(performance.now() - t1).toBeLessThan(20_000);
  }, 60_000);
});
