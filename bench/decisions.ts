import { isDeepStrictEqual } from 'node:util';
import { Bench } from 'tinybench';
import { createEngine, type EligibilityInput, type PayoutInput } from '../src';
import { allocationVillage, households, payoutPeople, quotaInputs } from './generate';
import { handParams, handPayout, type HandParams } from './payout-hand';
import { conditionsWorkload } from './rules';
import { taskMeanMs } from './task-mean';

const engine = createEngine();

/** The inputs the engine accepts (the generator makes every 97th household invalid on purpose). */
function valid<T>(inputs: Iterable<T>, decide: (x: T) => unknown): T[] {
  return [...inputs].filter((x) => {
    try {
      decide(x);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Part 2: full decisions per second (validation, rules, reasons in two languages, parameter
 * records, warnings): `eligibility` counted per applicant, `quota` per village, `allocation`
 * per 200-household village, `payout` per person.
 */
export async function benchDecisions(time = 1500) {
  const elig = valid([...households(300, 41)] as EligibilityInput[], (x) => engine.eligibility(x));
  const applicants = elig.reduce((n, h) => n + h.applicants.length, 0);
  const quotas = valid(quotaInputs(200), (x) => engine.quota(x));
  const village = allocationVillage(200);
  engine.allocation(village);
  const people = [...payoutPeople(1000, 43)];
  let sink = 0;
  const bench = new Bench({ time });
  bench
    .add('eligibility', () => { for (const h of elig) sink += engine.eligibility(h).outcome.eligibleCount; })
    .add('quota', () => { for (const q of quotas) sink += engine.quota(q).outcome.quota; })
    .add('allocation', () => { sink += engine.allocation(village).outcome.allocated; })
    .add('payout', () => { for (const p of people) sink += engine.payout(p).outcome.items.length; });
  await bench.run();
  if (sink < 0) console.log(sink);
  const per = (name: string, n: number) => (1000 / taskMeanMs(bench, name)) * n;
  return {
    table: {
      [`eligibility: ${elig.length} households (${applicants} applicants)`]: { 'decisions/s': Math.round(per('eligibility', elig.length)), 'applicants/s': Math.round(per('eligibility', applicants)) },
      [`quota: ${quotas.length} villages`]: { 'decisions/s': Math.round(per('quota', quotas.length)) },
      'allocation: one 200-household village': { 'decisions/s': Math.round(per('allocation', 1)), 'households/s': Math.round(per('allocation', 200)) },
      [`payout: ${people.length} persons`]: { 'decisions/s': Math.round(per('payout', people.length)) },
    },
  };
}

/** The hand-written function's parameters, looked up once per expropriation date. */
export function handParamsFor(): (date: string) => HandParams {
  const cache = new Map<string, HandParams>();
  return (date) => {
    let p = cache.get(date);
    if (!p) {
      p = handParams((id) => engine.parameterOn(id, date)!.value as string | number);
      cache.set(date, p);
    }
    return p;
  };
}

/** What part 3 compares: the items (id, amount, timing, split) and the totals. */
export function payoutAmounts(input: PayoutInput) {
  const o = engine.payout(input).outcome;
  return { inScope: o.inScope, items: o.items.map((i) => ({ id: i.id, amount: i.amount, timing: i.timing, funding: i.funding })), totals: o.totals };
}

/**
 * Part 3, the targets of issue 21 measured in one run:
 * - `payout` through the engine against the hand-written decimal.js function (bench/payout-hand.ts)
 *   on the same 1,000 persons, after checking on 20,000 persons that both give the same items,
 *   amounts, splits and totals; also the engine with the whole decision written as JSON (every
 *   reason, parameter and warning read);
 * - `eligibility` decisions against the bare compiled rules (the three applicant conditions, as
 *   in part 1) and json-logic-js `apply` of the same rules, on the same applicants.
 */
export async function benchTargets(time = 1500) {
  const paramsOn = handParamsFor();
  let checked = 0;
  for (const p of payoutPeople(20_000, 47)) {
    const ours = payoutAmounts(p);
    const hand = handPayout(p, paramsOn(p.expropriationDate));
    if (!isDeepStrictEqual(ours, hand)) throw new Error(`payout and the hand-written function disagree on ${JSON.stringify(p)}:\n${JSON.stringify(ours)}\n${JSON.stringify(hand)}`);
    checked++;
  }
  const people = [...payoutPeople(1000, 43)];
  const w = conditionsWorkload();
  const compiled = w.runners.find((r) => r.name === 'zhengdi compiled closures')!;
  const reference = w.runners.find((r) => r.name === 'json-logic-js apply')!;
  for (const h of w.households) {
    const d = engine.eligibility(h);
    const bare = w.data.filter((x) => h.applicants.includes(x.applicant)).map((x) => w.run(compiled, x).every(Boolean));
    if (!isDeepStrictEqual(d.outcome.applicants.map((a) => a.eligible), bare)) throw new Error(`eligibility and its bare rules disagree on ${JSON.stringify(h)}`);
  }
  let sink = 0;
  const tasks: Array<[string, () => void]> = [
    ['payout: engine decision (outcome read)', () => { for (const p of people) sink += engine.payout(p).outcome.items.length; }],
    ['payout: engine decision written as JSON', () => { for (const p of people) sink += JSON.stringify(engine.payout(p)).length; }],
    ['payout: hand-written decimal.js', () => { for (const p of people) sink += handPayout(p, paramsOn(p.expropriationDate)).items.length; }],
    ['eligibility: engine decision', () => { for (const h of w.households) sink += engine.eligibility(h).outcome.eligibleCount; }],
    ['eligibility: bare compiled rules', () => { for (const d of w.data) sink += w.run(compiled, d).length; }],
    ['eligibility: json-logic-js apply of the bare rules', () => { for (const d of w.data) sink += w.run(reference, d).length; }],
  ];
  const rounds = rotatingRounds(tasks, ROUNDS, time / ROUNDS);
  if (sink < 0) console.log(sink);
  const n = (name: string) => (name.startsWith('payout') ? people.length : w.applicants);
  // µs per person or applicant: the median over the rounds; ratios: the median of each round's ratio.
  const us = (name: string) => median(rounds.map((r) => r.get(name)! / n(name)));
  const ratio = (a: string, b: string) => median(rounds.map((r) => (r.get(a)! / n(a)) / (r.get(b)! / n(b))));
  const rows: Array<[string, string]> = [
    ['payout: engine decision (outcome read)', 'person'],
    ['payout: engine decision written as JSON', 'person'],
    ['payout: hand-written decimal.js', 'person'],
    ['eligibility: engine decision', 'applicant'],
    ['eligibility: bare compiled rules', 'applicant'],
    ['eligibility: json-logic-js apply of the bare rules', 'applicant'],
  ];
  const table = Object.fromEntries(rows.map(([name, unit]) => [name, { each: unit, 'µs CPU (median)': Number(us(name).toFixed(2)), 'per second of CPU': Math.round(1e6 / us(name)) }]));
  return {
    checked,
    applicants: w.applicants,
    rounds: ROUNDS,
    table,
    ratios: {
      'payout: engine ÷ hand-written (target ≤ 2×)': ratio('payout: engine decision (outcome read)', 'payout: hand-written decimal.js'),
      'payout: engine with the decision written as JSON ÷ hand-written': ratio('payout: engine decision written as JSON', 'payout: hand-written decimal.js'),
      'eligibility: engine ÷ bare compiled rules (target ≤ 3×)': ratio('eligibility: engine decision', 'eligibility: bare compiled rules'),
      'eligibility: json-logic-js apply of the bare rules ÷ engine (target > 1×)': ratio('eligibility: json-logic-js apply of the bare rules', 'eligibility: engine decision'),
    },
    perCore: { payout: 1e6 / us('payout: engine decision (outcome read)'), payoutAsJson: 1e6 / us('payout: engine decision written as JSON'), eligibility: 1e6 / us('eligibility: engine decision') },
  };
}

const ROUNDS = 7;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Each round runs every task (in an order rotated by one each round) for about `ms` of CPU time
 * after one warm-up call, and records the CPU µs per call (process.cpuUsage: time the machine
 * gave this process, so other load moves it less than wall time; a ratio is taken within one
 * round, where the tasks ran minutes apart at most).
 */
function rotatingRounds(tasks: ReadonlyArray<readonly [string, () => void]>, rounds: number, ms: number): Array<Map<string, number>> {
  const out: Array<Map<string, number>> = [];
  for (let r = 0; r < rounds; r++) {
    const m = new Map<string, number>();
    for (let i = 0; i < tasks.length; i++) {
      const [name, fn] = tasks[(i + r) % tasks.length]!;
      fn();
      let calls = 0;
      const start = process.cpuUsage();
      let used = 0;
      do {
        fn();
        calls++;
        const d = process.cpuUsage(start);
        used = (d.user + d.system) / 1000;
      } while (used < ms);
      m.set(name, (used * 1000) / calls);
    }
    out.push(m);
  }
  return out;
}

/** Hours for `people` decisions at `perCore` decisions/s on each of `cores` cores, if they scaled perfectly. */
export function projectedHours(people: number, perCore: number, cores: number): number {
  return people / (perCore * cores) / 3600;
}
