import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, RulesetError, ZhengdiError, type EvaluateRequest } from '../../src';
import { fixtureRequests } from '../fixture-requests';
import { runs } from '../property-runs';
import { jurisdictionParameters } from '../helpers';

// Hostile rule files (issue 20): the bundled ruleset and parameter files, mutated thousands of
// times (values, types, nesting, `__proto__`/`constructor` keys, huge arrays and strings, deep
// nesting, operators that are Object.prototype names, a formula that calls itself). Each mutant
// either loads and decides with typed errors only (ZhengdiError subclasses), or createEngine
// refuses it with a RulesetError — never a TypeError or a RangeError from inside, never a second
// or more, never a polluted Object.prototype.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Json;
const FILES = [
  { jurisdiction: 'cn.hunan.shaoyang', ruleset: 'rulesets/cn.hunan.shaoyang/ruleset.2020-01-01.json', parameters: ['cn.hunan.shaoyang'] },
  { jurisdiction: 'cn.zhejiang.taizhou', ruleset: 'rulesets/cn.zhejiang.taizhou/ruleset.2019-08-09.json', parameters: ['cn.zhejiang.taizhou'] },
  { jurisdiction: 'cn.shanghai.baoshan.gucun', ruleset: 'rulesets/cn.shanghai.baoshan.gucun/ruleset.2022-04-01.json', parameters: ['cn.shanghai', 'cn.shanghai.baoshan.gucun'] },
].map((f) => ({ ...f, rulesetJson: read(f.ruleset), parameterJson: f.parameters.map((j) => jurisdictionParameters(j) as unknown as Json) }));
const REQUESTS = fixtureRequests();
const requestsOf = (j: string) => {
  const all = REQUESTS.filter((r) => (r as { jurisdiction?: string }).jurisdiction === j || JSON.stringify(r).includes(j));
  return [all[0], all[Math.floor(all.length / 2)], all.at(-1)].filter((r): r is EvaluateRequest => r !== undefined);
};

/** Every path to a container or value inside a JSON value (bounded). */
function paths(x: Json, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(prefix);
  if (out.length > 5000) return out;
  if (Array.isArray(x)) x.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (x !== null && typeof x === 'object') for (const k of Object.keys(x)) paths(x[k]!, [...prefix, k], out);
  return out;
}

function valueAt(x: Json, at: Array<string | number>): Json {
  let v = x;
  for (const k of at) v = (v as Record<string, Json>)[k as string]!;
  return v;
}

function deep(depth: number, leaf: Json, wrap: (inner: Json) => Json): Json {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = wrap(v);
  return v;
}

/** What a mutation puts at a path (JSON.parse makes `__proto__` an own key, as a file read from disk would). */
const replacement: fc.Arbitrary<{ name: string; value: (old: Json) => Json | undefined }> = fc.oneof(
  // A nearby value of the same type (a typo, a slip): these mostly load, and then must decide.
  { weight: 6, arbitrary: fc.tuple(fc.integer({ min: -3, max: 3 }), fc.string({ maxLength: 4 }), fc.boolean()).map(([d, t, cut]) => ({
    name: 'nearby',
    value: (old: Json) => (typeof old === 'number' ? old + d : typeof old === 'boolean' ? !old : typeof old === 'string' ? (cut ? old.slice(0, Math.max(0, old.length - 1)) : old + t) : Array.isArray(old) ? old.slice(1) : old),
  })) },
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({ name: 'json', value: () => v as Json })),
  fc.constantFrom<Json>(null, true, false, 0, -1, 1e308, -0, 0.1, '', 'x', '2024-02-30', '9999-99-99', [], {}).map((v) => ({ name: 'type', value: () => v })),
  fc.constant({ name: 'delete', value: () => undefined }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf').map((k) => ({ name: `key ${k}`, value: () => JSON.parse(`{"${k}":{"polluted":true,"prototype":{"polluted":true}}}`) as Json })),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', 'eval', 'Function', 'var', 'param', 'formula', 'value').map((op) => ({ name: `op ${op}`, value: () => JSON.parse(`{"${op}":[{"var":"a"},"__proto__"]}`) as Json })),
  fc.constant({ name: 'var __proto__', value: () => ({ var: '__proto__.polluted' }) as Json }),
  fc.constant({ name: 'huge string', value: () => 'x'.repeat(2_000_000) }),
  fc.constant({ name: 'huge array', value: () => Array.from({ length: 200_000 }, (_, i) => i) }),
  fc.constant({ name: 'deep array', value: () => deep(20_000, 1, (v) => [v]) }),
  fc.constant({ name: 'deep logic', value: () => deep(20_000, 1, (v) => ({ '+': [v, 1] })) }),
  fc.constant({ name: 'deep object', value: () => deep(20_000, 1, (v) => ({ a: v })) }),
  fc.constant({ name: 'formula calls itself', value: () => ({ formula: 'per-capita-after-mu' }) as Json }),
);

function mutate(base: Json, at: Array<string | number>, value: Json | undefined): Json {
  const copy = structuredClone(base);
  if (at.length === 0) return value === undefined ? {} : value;
  let parent: Json = copy;
  for (const k of at.slice(0, -1)) parent = (parent as Record<string, Json>)[k as string]!;
  const last = at.at(-1)!;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete (parent as Record<string, Json>)[last as string];
  } else if (Array.isArray(parent)) parent[last as number] = value;
  else Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

const stats = { mutants: 0, loaded: 0, refused: 0, decisions: 0, typedErrors: 0, retimed: 0 };

function clean(): void {
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  expect((Object.prototype as { polluted?: unknown }).polluted).toBeUndefined();
}

function check(file: (typeof FILES)[number], which: 'ruleset' | number, at: Array<string | number>, value: Json | undefined, name: string): void {
  const rulesetJson = which === 'ruleset' ? mutate(file.rulesetJson, at, value) : file.rulesetJson;
  const parameterJson = file.parameterJson.map((p, i) => (which === i ? mutate(p, at, value) : p));
  const started = performance.now();
  stats.mutants++;
  let engine: ReturnType<typeof createEngine> | undefined;
  try {
    engine = createEngine({ rulesets: [rulesetJson], parameters: parameterJson });
    stats.loaded++;
  } catch (e) {
    if (!(e instanceof RulesetError)) throw new Error(`${name} at ${which}:${at.join('.')}: createEngine threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message?.slice(0, 300)}`);
    stats.refused++;
  }
  if (engine) {
    for (const request of requestsOf(file.jurisdiction)) {
      try {
        engine.evaluate(request);
        stats.decisions++;
      } catch (e) {
        if (!(e instanceof ZhengdiError)) throw new Error(`${name} at ${which}:${at.join('.')}: evaluate threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message?.slice(0, 300)}`);
        stats.typedErrors++;
      }
    }
  }
  const ms = performance.now() - started;
  clean();
  if (ms > 1000) {
    // The machine is shared: time the same mutant once more before calling it slow.
    const again = performance.now();
    try {
      const e = createEngine({ rulesets: [rulesetJson], parameters: parameterJson });
      for (const request of requestsOf(file.jurisdiction)) {
        try {
          e.evaluate(request);
        } catch {
          // typed, checked above
        }
      }
    } catch {
      // refused, checked above
    }
    const second = performance.now() - again;
    if (second > 1000) throw new Error(`${name} at ${which}:${at.join('.')}: took ${Math.round(ms)} ms, then ${Math.round(second)} ms`);
    stats.retimed++;
  }
}

describe('mutated bundled rule files load and decide with typed errors only, or are refused with a RulesetError', () => {
  for (const file of FILES) {
    const targets: Array<'ruleset' | number> = ['ruleset', ...file.parameterJson.map((_, i) => i)];
    it(`${file.jurisdiction}: ruleset and parameter files`, { timeout: 120_000 }, () => {
      for (const which of targets) {
        const base = which === 'ruleset' ? file.rulesetJson : file.parameterJson[which]!;
        const all = paths(base);
        fc.assert(
          fc.property(fc.integer({ min: 0, max: all.length - 1 }), replacement, (i, r) => check(file, which, all[i]!, r.value(valueAt(base, all[i]!)), r.name)),
          { numRuns: runs(which === 'ruleset' ? 400 : 200) },
        );
      }
    });
  }

  it('reports the figures', () => {
    clean();
    expect(stats.mutants).toBeGreaterThanOrEqual(runs(2000));
    console.log(`rule-file mutants: ${JSON.stringify(stats)}`);
  });
});
