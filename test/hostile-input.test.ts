import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, MissingParameterError, NoRulesetInForceError, type EvaluateRequest } from '../src';
import { engine } from './helpers';
import { fixtureRequests } from './fixture-requests';
import { runs } from './property-runs';

// Whatever a form produces, the engine answers with a decision or a documented error, in bounded
// time, and never with a TypeError from inside. Unknown fields are REJECTED (InputError), so a
// typo is never silently dropped.

const DOCUMENTED = [InputError, NoRulesetInForceError, MissingParameterError];

function outcomeOf(request: unknown): 'decision' | 'input-error' | 'documented' {
  try {
    engine.evaluate(request as EvaluateRequest);
    return 'decision';
  } catch (e) {
    if (e instanceof InputError) {
      expect(e.issues.length).toBeGreaterThan(0);
      for (const i of e.issues) expect(typeof i.message).toBe('string');
      return 'input-error';
    }
    if (DOCUMENTED.some((C) => e instanceof C)) return 'documented';
    throw e;
  }
}

/** All paths to values inside a JSON value. */
function paths(x: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [prefix];
  if (Array.isArray(x)) x.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (x !== null && typeof x === 'object') for (const [k, v] of Object.entries(x)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function setAt(root: unknown, path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
  return copy;
}

const HUGE = 'x'.repeat(10 * 1024 * 1024);
let deep: unknown = 1;
for (let i = 0; i < 100_000; i++) deep = { a: deep };

const hostileValues: unknown[] = [
  NaN, Infinity, -Infinity, -0, 1e308, 5e-324,
  '1234567890123456789012345678901234567890', '-0', '1e5', '0x10', ' 1', '',
  '2023-02-30', '99999-01-01', '2023-2-3', '2023-02-28T00:00:00Z',
  HUGE, deep, [], {}, null, undefined, true, Symbol.for('x'), () => 1,
  JSON.parse('{"__proto__": {"polluted": true}}'), { constructor: { prototype: { polluted: true } } },
  Array.from({ length: 100_000 }, () => 0),
];

describe('hostile input never crashes the engine', () => {
  const requests = fixtureRequests();

  it('any single field replaced by a hostile value → decision or documented error', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.constantFrom(...hostileValues), (ri, pi, value) => {
        const req = requests[ri % requests.length]!;
        const all = paths(req.input);
        const path = all[pi % all.length]!;
        outcomeOf({ ...req, input: setAt(req.input, path, value) });
      }),
      { numRuns: runs(400) },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('an unknown field anywhere is rejected with its path (never silently dropped)', () => {
    for (const req of requests.slice(0, 3)) {
      for (const p of paths(req.input).filter((x) => x.length > 0).slice(0, 20)) {
        const parent = p.slice(0, -1);
        let target: unknown = req.input;
        for (const k of parent) target = (target as Record<string | number, unknown>)[k];
        if (target === null || typeof target !== 'object' || Array.isArray(target)) continue;
        const mutated = setAt(req.input, [...parent, 'unexpectedField'], 1);
        expect(outcomeOf({ ...req, input: mutated })).toBe('input-error');
      }
    }
  });

  it('a 10 MB string, a 100,000-deep object and a huge array are answered quickly', () => {
    const req = requests[0]!;
    for (const value of [HUGE, deep, Array.from({ length: 1_000_000 }, () => ({}))]) {
      const t0 = performance.now();
      expect(outcomeOf({ ...req, input: { ...(req.input as object), household: value } })).toBe('input-error');
      expect(outcomeOf({ ...req, jurisdiction: value })).toBe('input-error');
      expect(performance.now() - t0).toBeLessThan(2000);
    }
  });

  it('hostile envelopes: not an object, prototype keys, non-finite overrides', () => {
    for (const r of [null, undefined, 42, 'eligibility', [], { kind: 'eligibility' }, JSON.parse('{"kind":"eligibility","input":{},"__proto__":{"x":1}}')]) {
      expect(outcomeOf(r)).toBe('input-error');
    }
    const req = requests[0]!;
    for (const v of [NaN, Infinity, '1e400', 'abc', HUGE]) {
      expect(outcomeOf({ ...req, parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': v } })).toBe('input-error');
    }
  });
});
