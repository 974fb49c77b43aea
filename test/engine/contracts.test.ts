/**
 * Contracts checked at load (issue 16): a copy of each bundled ruleset with one rule, formula or
 * parameter its kinds need removed or renamed does not load, and the RulesetError names it.
 * Before, renaming `candidate-not-insured` loaded and gave a place to an insured person, and
 * renaming `enrolled-by-deadline` loaded and then crashed with a bare TypeError.
 */
import { describe, expect, it } from 'vitest';
import { BUNDLED_KINDS, createEngine, RulesetError, type KindContract } from '../../src';
import { BUNDLED_PARAMETERS, BUNDLED_RULESETS } from '../../src/bundled';

type File = { id: string; kinds: string[]; jurisdiction: string; hash?: string; rules: Array<{ id: string; kind: string }>; formulas: Array<{ id: string; kind: string }> };
const contractOf = (k: string): KindContract => (BUNDLED_KINDS as Record<string, { contract: KindContract }>)[k]!.contract;

function loadError(rulesets: unknown[], parameters?: unknown[]): string {
  try {
    createEngine(parameters ? { bundled: false, rulesets, parameters } : { rulesets });
  } catch (e) {
    if (e instanceof RulesetError) return e.issues.map((i) => i.message).join('\n');
    throw e;
  }
  return '(loaded)';
}
const copy = (f: File): File => {
  const c = structuredClone(f);
  delete c.hash;
  return c;
};

describe.each((BUNDLED_RULESETS as File[]).map((f) => [f.id, f] as const))('%s', (_id, file) => {
  const needs = file.kinds.flatMap((k) => {
    const c = contractOf(k);
    return [
      ...(c.formulas ?? []).map((id) => ({ what: 'formula' as const, kind: k, id })),
      ...Object.entries(c.rules ?? {}).map(([id, scope]) => ({ what: 'rule' as const, kind: k, id, scope })),
    ];
  });

  it('loads as it is', () => {
    expect(loadError([file])).toBe('(loaded)');
  });

  for (const n of needs) {
    it(`renamed ${n.what} ${n.kind}/${n.id}: a RulesetError that names it`, () => {
      const c = copy(file);
      const list = (n.what === 'formula' ? c.formulas : c.rules) as Array<{ id: string; kind: string }>;
      // (A formula serves every kind of its ruleset: it is found by id.)
      const entry = list.find((x) => x.id === n.id && (n.what === 'formula' || x.kind === n.kind))!;
      expect(entry).toBeDefined();
      entry.id = `${n.id}-renamed`;
      const msg = loadError([c]);
      expect(msg).toContain(n.what === 'formula' ? `kind ${n.kind} needs a formula '${n.id}'` : `kind ${n.kind} needs a rule '${n.id}' (scope ${n.scope})`);
    });
    it(`removed ${n.what} ${n.kind}/${n.id}: a RulesetError that names it`, () => {
      const c = copy(file);
      if (n.what === 'formula') c.formulas = c.formulas.filter((x) => x.id !== n.id);
      else c.rules = c.rules.filter((x) => !(x.id === n.id && x.kind === n.kind));
      expect(loadError([c])).toContain(`needs a ${n.what} '${n.id}'`);
    });
  }

  it('every parameter series it reads, removed from its file: a RulesetError naming the parameter', () => {
    const text = JSON.stringify(file);
    const read = [...new Set([...text.matchAll(/"param":"([^"]+)"/g)].map((m) => m[1]!))];
    expect(read.length).toBeGreaterThan(0);
    for (const id of read.slice(0, 12)) {
      const params = structuredClone(BUNDLED_PARAMETERS) as Array<{ parameters: Record<string, unknown> }>;
      for (const p of params) delete p.parameters[id];
      expect(loadError(BUNDLED_RULESETS as unknown[], params)).toContain(`unknown parameter '${id}'`);
    }
  });
});

describe('parameter roles (a kind names a parameter by its local name)', () => {
  it('a Taizhou file without quota-validity-months fails at load, naming the role and the id it looked for', () => {
    const params = structuredClone(BUNDLED_PARAMETERS) as Array<{ parameters: Record<string, unknown> }>;
    for (const p of params) delete p.parameters['cn.zhejiang.taizhou.quota-validity-months'];
    const msg = loadError(BUNDLED_RULESETS as unknown[], params);
    expect(msg).toContain("reads the parameter 'quota-validity-months': no series cn.zhejiang.taizhou.quota-validity-months (or of a parent jurisdiction)");
  });
});
