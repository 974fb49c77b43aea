import { isDeepStrictEqual } from 'node:util';
import { Bench } from 'tinybench';
import { createEngine, type EligibilityInput, type PayoutInput } from '../src';
import { ageOn } from '../src/engine/dates';
import { toDec } from '../src/engine/decimal';
import gucun from '../rulesets/cn.shanghai.baoshan.gucun/ruleset.2022-04-01.json';
import shaoyang from '../rulesets/cn.hunan.shaoyang/ruleset.2020-01-01.json';
import {
  fen, logicRunners, membershipBoolean, membershipRulesEngine, membershipZen, prepare, rulesEngineHolds, zenAvailable, zenHolds,
  type LogicRunner, type Params, type PreparedEntry, type RawEntry,
} from './engines';
import { households, payoutPeople } from './generate';
import { taskMeanMs } from './task-mean';

/**
 * Part 1: rule evaluation alone, the same rules and data in this package's compiled closures, in
 * json-logic-js, json-logic-engine (interpreted and compiled), json-rules-engine and zen-engine
 * (see bench/engines.ts for what each is given), and hand-written TypeScript. Every engine's
 * answers are compared with the ruleset's before anything is timed.
 */

const engine = createEngine();

/** The figures in force on a date, read once per date (as a program calling an engine would keep them). */
function paramsOn(): (date: string) => Params {
  const cache = new Map<string, Params>();
  return (date) => {
    let p = cache.get(date);
    if (!p) {
      const values = new Map<string, unknown>();
      p = (id) => {
        if (!values.has(id)) values.set(id, engine.parameterOn(id, date)?.value);
        return values.get(id);
      };
      cache.set(date, p);
    }
    return p;
  };
}

/** What the eligibility workload runs on: every applicant of the generated households, with the household's figure. */
export interface ConditionsWorkload {
  households: EligibilityInput[];
  applicants: number;
  data: Array<{ noticeDate: string; household: EligibilityInput['household']; perCapitaAfterMu: unknown; applicant: EligibilityInput['applicants'][number] }>;
  entries: PreparedEntry[];
  runners: LogicRunner[];
  /** Sets the figures of a datum's date (every runner reads them). */
  run(r: LogicRunner, d: ConditionsWorkload['data'][number]): boolean[];
  hand(d: ConditionsWorkload['data'][number]): boolean[];
}

/** The valid generated households (every 97th is invalid on purpose) and their applicants' data. */
export function conditionsWorkload(count = 300, seed = 41): ConditionsWorkload {
  const valid = ([...households(count, seed)] as EligibilityInput[]).filter((h) => {
    try {
      engine.eligibility(h);
      return true;
    } catch {
      return false;
    }
  });
  const data = valid.flatMap((h) => {
    const perCapita = toDec(engine.eligibility(h).outcome.perCapitaAfterMuExact);
    return h.applicants.map((applicant) => ({ noticeDate: h.noticeDate, household: h.household, perCapitaAfterMu: perCapita, applicant }));
  });
  const entries = (shaoyang.rules as RawEntry[]).filter((r) => (r as { scope?: string }).scope === 'applicant' && (r as { kind?: string }).kind === 'eligibility').map(prepare);
  const on = paramsOn();
  let current: Params = () => undefined;
  const runners = logicRunners(() => current);
  const g = (id: string) => `cn.hunan.shaoyang.${id}`;
  return {
    households: valid,
    applicants: data.length,
    data,
    entries,
    runners,
    run(r, d) {
      current = on(d.noticeDate);
      return entries.map((e) => r.entry(e, d).holds);
    },
    hand(d) {
      const p = on(d.noticeDate);
      const a = d.applicant as Record<string, unknown> & { democraticDecision?: { approved: boolean; noticeWithoutObjection: boolean } };
      const education = p(g('basis2-education')) as string[];
      const ranks = p(g('basis2-service-ranks')) as string[];
      const member =
        a.basis === 'member' ? a.collectiveMember === true && a.holdsContractRight === true
        : a.basis === 'student' ? a.qualifiedBeforeLeaving === true && education.includes(a.education as string)
        : a.basis === 'conscript' ? a.qualifiedBeforeLeaving === true && ranks.includes(a.serviceRank as string) && a.resettlementAtHome === true
        : a.basis === 'parent-member' ? a.parentIsMember === true && a.collectiveMember === true
        : a.basis === 'democratic-decision' ? a.democraticDecision?.approved === true && a.democraticDecision.noticeWithoutObjection === true
        : true;
      const age = ageOn(a.birthDate as string, d.noticeDate) >= (p(g('min-age')) as number);
      const land = toDec(d.perCapitaAfterMu).lt(toDec(p(g('max-per-capita-mu'))));
      return [age, land, member];
    },
  };
}

export async function benchRules(time = 1000) {
  const w = conditionsWorkload();
  const g = (id: string) => `cn.hunan.shaoyang.${id}`;
  const membershipIndex = w.entries.findIndex((e) => e.raw.id === 'membership');
  // The three must agree (and every engine with them) before they are timed.
  for (const d of w.data) {
    const expected = w.hand(d);
    for (const r of w.runners) if (!isDeepStrictEqual(w.run(r, d), expected)) throw new Error(`${r.name} disagrees on ${JSON.stringify(d.applicant)}`);
  }

  // The membership condition as a boolean in every engine (those without JSON Logic included).
  const date = w.data[0]!.noticeDate;
  const education = engine.parameterOn(g('basis2-education'), date)!.value as string[];
  const ranks = engine.parameterOn(g('basis2-service-ranks'), date)!.value as string[];
  const boolean = prepare({ id: 'membership-boolean', test: membershipBoolean(education, ranks) });
  const rulesEngine = membershipRulesEngine(education, ranks);
  const zen = membershipZen(education, ranks);
  const sameLists = w.data.filter((d) => isDeepStrictEqual(engine.parameterOn(g('basis2-education'), d.noticeDate)!.value, education) && isDeepStrictEqual(engine.parameterOn(g('basis2-service-ranks'), d.noticeDate)!.value, ranks));
  const expectedMember = sameLists.map((d) => w.run(w.runners[0]!, d)[membershipIndex]!);
  const booleanRunners = w.runners.map((r) => ({ name: r.name, holds: (d: (typeof w.data)[number]) => r.entry(boolean, d).holds }));
  for (const r of booleanRunners) if (!isDeepStrictEqual(sameLists.map(r.holds), expectedMember)) throw new Error(`${r.name} (membership as a boolean) disagrees`);
  const viaRulesEngine: boolean[] = [];
  for (const d of sameLists) viaRulesEngine.push(await rulesEngineHolds(rulesEngine, d.applicant as Record<string, unknown>));
  if (!isDeepStrictEqual(viaRulesEngine, expectedMember)) throw new Error('json-rules-engine disagrees on membership');
  if (zenAvailable && !isDeepStrictEqual(sameLists.map((d) => zenHolds(zen, d.applicant as Record<string, unknown>)), expectedMember)) throw new Error('zen-engine disagrees on membership');
  if (!zenAvailable) console.log('  @gorules/zen-engine is not installed: its row is left out (npm install --no-save @gorules/zen-engine@0.54 to include it)');

  // Payout: the in-scope rule and every item (values, applies, amount) on the data the kind builds.
  const payout = payoutWorkload();

  const bench = new Bench({ time });
  let sink = 0;
  for (const r of w.runners) bench.add(`eligibility conditions: ${r.name}`, () => { for (const d of w.data) sink += w.run(r, d).length; });
  bench.add('eligibility conditions: hand-written', () => { for (const d of w.data) sink += w.hand(d).length; });
  for (const r of booleanRunners) bench.add(`membership (boolean): ${r.name}`, () => { for (const d of sameLists) sink += r.holds(d) ? 1 : 0; });
  bench.add('membership (boolean): json-rules-engine 7 (async run)', async () => { for (const d of sameLists) sink += (await rulesEngineHolds(rulesEngine, d.applicant as Record<string, unknown>)) ? 1 : 0; });
  if (zenAvailable) bench.add('membership (boolean): zen-engine (evaluateExpressionSync)', () => { for (const d of sameLists) sink += zenHolds(zen, d.applicant as Record<string, unknown>) ? 1 : 0; });
  for (const r of payout.runners) bench.add(`payout rules and items: ${r.name}`, () => { for (const d of payout.data) sink += payout.run(r, d).length; });
  await bench.run();
  if (sink < 0) console.log(sink);
  const perItem = (name: string, n: number) => 1e3 * taskMeanMs(bench, name) / n; // µs per applicant or person
  const table = bench.tasks.map((t) => {
    const n = t.name.startsWith('payout') ? payout.data.length : t.name.startsWith('membership') ? sameLists.length : w.data.length;
    const us = perItem(t.name, n);
    return { task: t.name, 'µs each (mean)': Number(us.toFixed(3)), 'per second': Math.round(1e6 / us) };
  });
  // Ratios of mean latencies (1 ÷ mean time per iteration), the same measure as the table.
  const hz = (name: string) => 1 / taskMeanMs(bench, name);
  const ours = 'zhengdi compiled closures';
  return {
    table,
    counts: { applicants: w.data.length, membershipApplicants: sameLists.length, payoutPersons: payout.data.length },
    ratios: {
      'eligibility conditions: compiled ÷ json-logic-js': hz(`eligibility conditions: ${ours}`) / hz('eligibility conditions: json-logic-js apply'),
      'eligibility conditions: compiled ÷ json-logic-engine build': hz(`eligibility conditions: ${ours}`) / hz('eligibility conditions: json-logic-engine build (new Function)'),
      'eligibility conditions: hand-written ÷ compiled': hz('eligibility conditions: hand-written') / hz(`eligibility conditions: ${ours}`),
      'membership: compiled ÷ json-rules-engine': hz(`membership (boolean): ${ours}`) / hz('membership (boolean): json-rules-engine 7 (async run)'),
      ...(zenAvailable ? { 'membership: compiled ÷ zen-engine': hz(`membership (boolean): ${ours}`) / hz('membership (boolean): zen-engine (evaluateExpressionSync)') } : {}),
      'payout rules and items: compiled ÷ json-logic-js': hz(`payout rules and items: ${ours}`) / hz('payout rules and items: json-logic-js apply'),
    },
  };
}

/** Gucun's in-scope rule and items on the data `payout` builds (age, stage, 到龄 date), for the JSON Logic runners. */
export function payoutWorkload(n = 1000) {
  const people = [...payoutPeople(n, 43)] as PayoutInput[];
  const formula = (id: string) => prepare({ id, values: { v: gucun.formulas.find((f) => f.id === id)!.expr }, test: true });
  const stageF = formula('stage');
  const dateF = formula('pension-age-date');
  const inScope = prepare(gucun.rules.find((r) => r.id === 'in-scope-age-16') as RawEntry);
  const items = (gucun.items as Array<RawEntry & { kind: string }>).filter((i) => i.kind === 'payout').map(prepare);
  const on = paramsOn();
  let current: Params = () => undefined;
  const runners = logicRunners(() => current);
  // The data the kind builds, with the formulas evaluated once (by this package; every runner gets the same).
  const data = people.map((p) => {
    current = on(p.expropriationDate);
    const age = ageOn(p.person.birthDate, p.expropriationDate);
    const base = { expropriationDate: p.expropriationDate, person: p.person, age };
    const value = (f: PreparedEntry) => f.compiled.values[0]!(base, { param: (id) => current(id), value: () => undefined });
    return { ...base, stage: value(stageF) === 'pension' ? 'pension' : 'employment', pensionAgeDate: String(value(dateF)) };
  });
  const run = (r: LogicRunner, d: (typeof data)[number]): Array<[string, string]> => {
    current = on(d.expropriationDate);
    if (!r.entry(inScope, d).holds) return [];
    const out: Array<[string, string]> = [];
    for (const it of items) {
      const x = r.entry(it, d);
      if (x.holds) out.push([it.raw.id, fen(x.amount)]);
    }
    return out;
  };
  // Every runner gives the items and amounts of the engine's decisions.
  for (let i = 0; i < people.length; i++) {
    const expected = engine.payout(people[i]!).outcome.items.map((it) => [it.id, it.amount]);
    for (const r of runners) {
      const got = run(r, data[i]!);
      if (!isDeepStrictEqual(got, expected)) throw new Error(`${r.name} disagrees with payout on ${JSON.stringify(people[i])}: ${JSON.stringify(got)} vs ${JSON.stringify(expected)}`);
    }
  }
  return { data, runners, run };
}
