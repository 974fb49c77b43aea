/**
 * Gucun (宝顾府〔2022〕13号) payout for a sample expropriation of 40 people, run with ts-node:
 * the bill item by item, totals by payer and by stage, and a what-if on the Shanghai
 * contribution base.
 *
 *   node --loader ts-node/esm examples/ts-node/gucun.ts
 *
 * `zhengdi-rules` is the built package (scripts/run-examples.sh runs this against `npm pack`).
 */
import { readFileSync } from 'node:fs';
import { collectBatch, compare, createEngine, evaluateBatch, payoutItemRows, totalsByPayer, totalsByStage, type PayoutInput } from 'zhengdi-rules';

const ex = JSON.parse(readFileSync(new URL('../../rulesets/cn.shanghai.baoshan.gucun/samples/expropriation-40.json', import.meta.url), 'utf8')) as {
  village: string;
  expropriationDate: string;
  people: Array<{ name: string; person: PayoutInput['person'] }>;
};
const inputs: PayoutInput[] = ex.people.map((p) => ({ expropriationDate: ex.expropriationDate, person: p.person }));
const engine = createEngine();

// 1. Batch: one payout decision per person, in order.
const results = await collectBatch(evaluateBatch(engine, 'payout', inputs));
console.log(`${ex.village}, expropriated ${ex.expropriationDate}: ${results.length} people`);
// One row per item, with what each payer funds of it: three people of different stages and pensions.
const shown = ['GC-01', 'GC-21', 'GC-25'];
const id = (index: unknown) => ex.people[index as number]!.person.id;
console.table(payoutItemRows(results).filter((r) => shown.includes(id(r.index))).map(({ index, ...r }) => ({ person: id(index), ...r })));

// 2. Totals by payer and by stage, summed exactly.
console.table(totalsByPayer(results));
console.table(totalsByStage(results));

// 3. What-if: the contribution base 100 yuan higher than the one in force (7384 from 2024-07-01).
const cmp = compare({ label: 'base 7384' }, { label: 'base 7484', parameters: { 'cn.shanghai.contribution-base': '7484' } }, inputs, { kind: 'payout', engine, keep: 'none' });
console.log(`what-if ${cmp.labels.reform}: ${cmp.totals.changed} of ${cmp.totals.items} bills change, total ${cmp.totals.amount.baseline} → ${cmp.totals.amount.reform} (+${cmp.totals.amount.delta})`);
console.table(cmp.totals.byPayer);
