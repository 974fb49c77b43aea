import { isDeepStrictEqual } from 'node:util';
import { Bench } from 'tinybench';
import { createEngine, type EligibilityInput, type PayoutInput } from '../src';
import { allocationVillage, households, payoutPeople, quotaInputs } from './generate';
import { handParams, handPayout, type HandParams } from './payout-hand';

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
    .add(`eligibility: ${elig.length} households (${applicants} applicants)`, () => { for (const h of elig) sink += engine.eligibility(h).reasons.length; })
    .add(`quota: ${quotas.length} villages`, () => { for (const q of quotas) sink += engine.quota(q).outcome.quota; })
    .add('allocation: one 200-household village', () => { sink += engine.allocation(village).outcome.allocated; })
    .add(`payout: ${people.length} persons`, () => { for (const p of people) sink += engine.payout(p).outcome.items.length; });
  await bench.run();
  if (sink < 0) console.log(sink);
  const hz = (i: number) => bench.tasks[i]!.result!.throughput.mean;
  return {
    table: bench.table(),
    rates: {
      'eligibility applicants/s': hz(0) * applicants,
      'eligibility households/s': hz(0) * elig.length,
      'quota decisions/s': hz(1) * quotas.length,
      'allocation decisions/s (200 households each)': hz(2),
      'allocation households/s': hz(2) * 200,
      'payout persons/s': hz(3) * people.length,
    },
  };
}

/** The hand-written function's parameters, looked up once per expropriation date. */
export function handParamsFor(): (date: string) => HandParams {
  const cache = new Map<string, HandParams>();
  return (date) => {
    let p = cache.get(date);
    if (!p) {
      p = handParams((id) => engine.parameterOn(id, date)!.value);
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
 * Part 3: `payout` through the engine (with reasons) against the hand-written decimal.js
 * function (bench/payout-hand.ts), on the same 1,000 persons, after checking on 20,000
 * persons that both give the same items, amounts, splits and totals.
 */
export async function benchPayoutVsHand(time = 1500) {
  const paramsOn = handParamsFor();
  let checked = 0;
  for (const p of payoutPeople(20_000, 47)) {
    const ours = payoutAmounts(p);
    const hand = handPayout(p, paramsOn(p.expropriationDate));
    if (!isDeepStrictEqual(ours, hand)) throw new Error(`payout and the hand-written function disagree on ${JSON.stringify(p)}:\n${JSON.stringify(ours)}\n${JSON.stringify(hand)}`);
    checked++;
  }
  const people = [...payoutPeople(1000, 43)];
  let sink = 0;
  const bench = new Bench({ time });
  bench
    .add('payout: engine (reasons on), 1,000 persons', () => { for (const p of people) sink += engine.payout(p).outcome.items.length; })
    .add('payout: hand-written decimal.js, 1,000 persons', () => { for (const p of people) sink += handPayout(p, paramsOn(p.expropriationDate)).items.length; });
  await bench.run();
  if (sink < 0) console.log(sink);
  const hz = (i: number) => bench.tasks[i]!.result!.throughput.mean;
  const fastest = (i: number) => 1 / bench.tasks[i]!.result!.latency.min;
  return { checked, table: bench.table(), ratio: hz(1) / hz(0), fastestRatio: fastest(1) / fastest(0) };
}
