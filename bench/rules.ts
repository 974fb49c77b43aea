import jsonLogic from 'json-logic-js';
import { Bench } from 'tinybench';
import { ageOn } from '../src/engine/dates';
import { Dec, toDec } from '../src/engine/decimal';
import type { Issue } from '../src/engine/errors';
import { compileLogic, type EvaluationScope } from '../src/engine/logic/compile';
import { CUSTOM_OPERATORS } from '../src/engine/logic/custom-operators';
import { truthy } from '../src/engine/logic/truthy';
import shaoyang from '../rulesets/cn.hunan.shaoyang/ruleset.2020-01-01.json';

/**
 * Part 1: the same rules and data, evaluated by (a) the engine's compiled closures, (b)
 * json-logic-js `apply` (with the same custom operators), (c) a hand-written TypeScript predicate.
 * Two sets: the boolean `membership` rule alone (pure JSON Logic), and all three eligibility
 * conditions (age, exact decimal land per person, membership).
 */
export async function benchRules(time = 1000) {
  for (const [name, fn] of Object.entries(CUSTOM_OPERATORS)) jsonLogic.add_operation(name, fn);
  const params: Record<string, unknown> = { 'cn.hunan.shaoyang.min-age': 16, 'cn.hunan.shaoyang.max-per-capita-mu': '0.3' };
  let values: Record<string, unknown> = {};
  jsonLogic.add_operation('param', (id: string) => params[id]);
  jsonLogic.add_operation('value', (n: string) => values[n]);
  const scope: EvaluationScope = { param: (id) => params[id], value: (n) => values[n] };

  const rules = shaoyang.rules.filter((r) => r.scope === 'applicant');
  const compiled = rules.map((r) => {
    const issues: Issue[] = [];
    const out = {
      values: Object.entries(r.values).map(([k, v]) => [k, compileLogic(v, [], issues, { checkParam: () => undefined })] as const),
      test: compileLogic(r.test, [], issues, { checkParam: () => undefined, valueNames: new Set(Object.keys(r.values)) }),
    };
    if (issues.length) throw new Error(JSON.stringify(issues));
    return out;
  });
  const membership = compiled[rules.findIndex((r) => r.id === 'membership')]!;
  const membershipRaw = rules.find((r) => r.id === 'membership')!;
  // The membership test reads the data directly (its values are only for the reason's message).
  const membershipTest = membership.test;

  const applicants = Array.from({ length: 1000 }, (_, i) => ({
    id: `A${i}`,
    sex: i % 2 ? 'male' : 'female',
    birthDate: `${1950 + (i % 60)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    basis: ['member', 'student', 'parent-member', 'democratic-decision', 'conscript'][i % 5],
    collectiveMember: i % 7 !== 0,
    holdsContractRight: i % 3 !== 0,
    qualifiedBeforeLeaving: i % 2 === 0,
    parentIsMember: true,
    democraticDecision: { approved: true, noticeWithoutObjection: i % 4 !== 0 },
  }));
  const data = applicants.map((applicant, i) => ({
    noticeDate: '2023-06-15',
    applicant,
    perCapitaAfterMu: new Dec(i % 50).div(100),
  }));

  const evalCompiled = (rule: (typeof compiled)[number], d: unknown) => {
    values = {};
    for (const [k, f] of rule.values) values[k] = f(d, scope);
    return truthy(rule.test(d, scope));
  };
  const evalReference = (raw: (typeof rules)[number], d: unknown) => {
    values = {};
    for (const [k, expr] of Object.entries(raw.values)) values[k] = jsonLogic.apply(expr as jsonLogic.RulesLogic, d);
    return truthy(jsonLogic.apply(raw.test as jsonLogic.RulesLogic, d));
  };
  type A = (typeof applicants)[number];
  const handMembership = (a: A) =>
    (a.basis === 'member' && a.collectiveMember && a.holdsContractRight) ||
    ((a.basis === 'student' || a.basis === 'conscript') && a.qualifiedBeforeLeaving) ||
    (a.basis === 'parent-member' && a.parentIsMember && a.collectiveMember) ||
    (a.basis === 'democratic-decision' && a.democraticDecision.approved && a.democraticDecision.noticeWithoutObjection);
  const handAll = (d: (typeof data)[number]) => {
    const age = ageOn(d.applicant.birthDate, d.noticeDate) >= (params['cn.hunan.shaoyang.min-age'] as number);
    const land = toDec(d.perCapitaAfterMu).lt(toDec(params['cn.hunan.shaoyang.max-per-capita-mu']));
    return [age, land, handMembership(d.applicant)];
  };

  // The three must agree before they are timed.
  for (const d of data) {
    const ours = compiled.map((r) => evalCompiled(r, d));
    const ref = rules.map((r) => evalReference(r, d));
    const hand = handAll(d);
    if (JSON.stringify(ours) !== JSON.stringify(ref) || JSON.stringify(ours) !== JSON.stringify(hand)) throw new Error('implementations disagree');
  }

  const bench = new Bench({ time });
  let sink = 0;
  bench
    .add('membership: compiled', () => { for (const d of data) sink += truthy(membershipTest(d, scope)) ? 1 : 0; })
    .add('membership: json-logic-js apply', () => { for (const d of data) sink += truthy(jsonLogic.apply(membershipRaw.test as jsonLogic.RulesLogic, d)) ? 1 : 0; })
    .add('membership: hand-written', () => { for (const d of data) sink += handMembership(d.applicant) ? 1 : 0; })
    .add('all 3 conditions: compiled', () => { for (const d of data) for (const r of compiled) sink += evalCompiled(r, d) ? 1 : 0; })
    .add('all 3 conditions: json-logic-js apply', () => { for (const d of data) for (const r of rules) sink += evalReference(r, d) ? 1 : 0; })
    .add('all 3 conditions: hand-written', () => { for (const d of data) sink += handAll(d).filter(Boolean).length; });
  await bench.run();
  if (sink < 0) console.log(sink);
  // Ratios of mean throughputs, and of the fastest samples (less sensitive to other load on the machine).
  const hz = (name: string) => bench.tasks.find((t) => t.name === name)!.result!.throughput.mean;
  const fast = (name: string) => 1 / bench.tasks.find((t) => t.name === name)!.result!.latency.min;
  return {
    table: bench.table(),
    ratios: {
      'membership: compiled ÷ json-logic-js (target ≥ 10×)': hz('membership: compiled') / hz('membership: json-logic-js apply'),
      'membership: hand-written ÷ compiled (target ≤ 2×)': hz('membership: hand-written') / hz('membership: compiled'),
      'all 3: compiled ÷ json-logic-js (target ≥ 10×)': hz('all 3 conditions: compiled') / hz('all 3 conditions: json-logic-js apply'),
      'all 3: hand-written ÷ compiled (target ≤ 2×)': hz('all 3 conditions: hand-written') / hz('all 3 conditions: compiled'),
    },
    fastestRatios: {
      'membership: compiled ÷ json-logic-js': fast('membership: compiled') / fast('membership: json-logic-js apply'),
      'membership: hand-written ÷ compiled': fast('membership: hand-written') / fast('membership: compiled'),
      'all 3: compiled ÷ json-logic-js': fast('all 3 conditions: compiled') / fast('all 3 conditions: json-logic-js apply'),
      'all 3: hand-written ÷ compiled': fast('all 3 conditions: hand-written') / fast('all 3 conditions: compiled'),
    },
  };
}
