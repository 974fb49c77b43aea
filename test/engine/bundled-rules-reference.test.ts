import jsonLogic from 'json-logic-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DecisionContext, toJsonValue } from '../../src/engine/context';
import { CUSTOM_OPERATORS } from '../../src/engine/logic/custom-operators';
import { truthy } from '../../src/engine/logic/truthy';
import { Dec } from '../../src/engine/decimal';
import type { CompiledRule } from '../../src/engine/ruleset';
import { engine } from '../helpers';
import { fixtureRequests } from '../fixture-requests';

// Issue 2, "json-logic-js is the reference": every bundled rule and formula, as evaluated by the
// engine while deciding the fixture inputs, is evaluated again by json-logic-js's `apply` on the
// same data (with the package's custom operators registered there too) and must agree.

// Money items are evaluated by src/engine/items.ts; capture every call of scopeItems.
const itemCalls = vi.hoisted(() => [] as Array<{ ctx: unknown; kind: string; scope: string; data: unknown; subject?: string; from: number; to: number }>);
vi.mock(import('../../src/engine/items'), async (importOriginal) => {
  const mod = await importOriginal();
  return {
    ...mod,
    scopeItems: (ctx: DecisionContext, scope: string, data: unknown, subject?: string) => {
      const from = ctx.reasons.length;
      const out = mod.scopeItems(ctx, scope, data, subject);
      itemCalls.push({ ctx, kind: ctx.kind, scope, data, subject, from, to: ctx.reasons.length });
      return out;
    },
  };
});

interface Seen {
  ruleset: string;
  id: string;
  logic: { values: Record<string, unknown>; test: unknown } | { expr: unknown };
  data: unknown;
  ctx: DecisionContext;
  result: unknown;
}

const seen: Seen[] = [];
const originalRule = DecisionContext.prototype.rule;
const originalFormula = DecisionContext.prototype.formula;
let currentValues: Record<string, unknown> = {};
let currentCtx: DecisionContext | undefined;

beforeAll(() => {
  DecisionContext.prototype.rule = function (this: DecisionContext, rule: CompiledRule, data: unknown, subject?: string) {
    const res = originalRule.call(this, rule, data, subject);
    const raw = this.ruleset.file.rules.find((r) => r.id === rule.id && r.kind === rule.kind)!;
    seen.push({ ruleset: this.ruleset.id, id: `${rule.kind}/${rule.id}`, logic: { values: raw.values, test: raw.test }, data, ctx: this, result: { holds: res.holds, values: toJsonValue(res.values) } });
    return res;
  };
  DecisionContext.prototype.formula = function (this: DecisionContext, id: string, data: unknown) {
    const res = originalFormula.call(this, id, data);
    const raw = this.ruleset.file.formulas.find((f) => f.id === id)!;
    seen.push({ ruleset: this.ruleset.id, id: `formula/${id}`, logic: { expr: raw.expr }, data, ctx: this, result: toJsonValue(res) });
    return res;
  };
  for (const [name, fn] of Object.entries(CUSTOM_OPERATORS)) jsonLogic.add_operation(name, fn);
  jsonLogic.add_operation('param', (id: string) => currentCtx!.param(id));
  jsonLogic.add_operation('value', (name: string) => currentValues[name]);
  for (const request of fixtureRequests()) engine.evaluate(request);
});

afterAll(() => {
  DecisionContext.prototype.rule = originalRule;
  DecisionContext.prototype.formula = originalFormula;
});

/** json-logic-js's result for one evaluation the engine made (same data, same parameters). */
function reference(s: Seen): unknown {
  currentCtx = s.ctx;
  const apply = (logic: unknown) => jsonLogic.apply(logic as jsonLogic.RulesLogic, s.data);
  if ('expr' in s.logic) return toJsonValue(apply(s.logic.expr));
  currentValues = {};
  for (const [name, expr] of Object.entries(s.logic.values)) currentValues[name] = apply(expr);
  const holds = truthy(apply(s.logic.test));
  return { holds, values: toJsonValue(currentValues) };
}

describe('every bundled rule agrees with json-logic-js on the fixture inputs', () => {
  it('evaluates every rule and formula of every bundled ruleset at least once', () => {
    const covered = new Set(seen.map((s) => `${s.ruleset}|${s.id}`));
    expect(bundledRuleIds().filter((id) => !covered.has(id))).toEqual([]);
  });

  it('gives the same applicability, amount and values for every money item', () => {
    const disagreements: unknown[] = [];
    let checked = 0;
    for (const call of itemCalls) {
      const ctx = call.ctx as DecisionContext;
      const items = ctx.ruleset.file.items.filter((i) => i.kind === call.kind && i.scope === call.scope);
      const reasons = ctx.reasons.slice(call.from, call.to);
      items.forEach((item, i) => {
        currentCtx = ctx;
        currentValues = {};
        const apply = (logic: unknown) => jsonLogic.apply(logic as jsonLogic.RulesLogic, call.data);
        for (const [name, expr] of Object.entries(item.values)) currentValues[name] = apply(expr);
        const holds = truthy(apply(item.applies));
        const values: Record<string, unknown> = { ...(toJsonValue(currentValues) as object) };
        if (holds) values.amount = new Dec(String(toJsonValue(apply(item.amount)))).toFixed(2);
        const reason = reasons[i]!;
        checked++;
        const ours = { rule: reason.rule, holds: reason.holds, values: reason.values ?? {} };
        const ref = { rule: item.id, holds, values };
        if (JSON.stringify(ours) !== JSON.stringify(ref)) disagreements.push({ ours, ref });
      });
    }
    expect(disagreements).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  });

  it('evaluates every money item of every bundled ruleset at least once', () => {
    const covered = new Set<string>();
    for (const call of itemCalls) {
      const ctx = call.ctx as DecisionContext;
      const items = ctx.ruleset.file.items.filter((i) => i.kind === call.kind && i.scope === call.scope);
      ctx.reasons.slice(call.from, call.to).forEach((r, i) => covered.add(`${ctx.ruleset.id}|${items[i]!.id}`));
    }
    const files = new Map(seen.map((s) => [s.ruleset, s.ctx.ruleset.file]));
    const missing = [...files].flatMap(([id, file]) => file.items.map((i) => `${id}|${i.id}`)).filter((k) => !covered.has(k));
    expect(missing).toEqual([]);
  });

  it('gives the same holds and values for every evaluation', () => {
    const disagreements = seen
      .map((s) => ({ id: s.id, ours: s.result, reference: reference(s) }))
      .filter((x) => JSON.stringify(x.ours) !== JSON.stringify(x.reference));
    expect(disagreements).toEqual([]);
  });
});

/** Every rule and formula of every bundled ruleset, as `<ruleset>|<kind>/<rule>`. */
function bundledRuleIds(): string[] {
  const files = new Map(seen.map((s) => [s.ruleset, s.ctx.ruleset.file]));
  const out: string[] = [];
  for (const r of engine.rulesets()) {
    const file = files.get(r.id);
    if (!file) {
      out.push(`${r.id}|(no fixture input reaches this ruleset)`);
      continue;
    }
    for (const rule of file.rules) out.push(`${r.id}|${rule.kind}/${rule.id}`);
    for (const f of file.formulas) out.push(`${r.id}|formula/${f.id}`);
  }
  return out;
}
