/**
 * Gucun (宝顾府〔2022〕13号) payout with tsx: the sample expropriation of 40 people decided on two
 * worker threads, totals by payer, and a what-if table for several contribution bases.
 *
 *   npx tsx examples/tsx/gucun.ts
 *
 * `zhengdi-rules` and `zhengdi-rules/node` are the built package (scripts/run-examples.sh runs
 * this against `npm pack`).
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { compare, createEngine, evaluateBatch, totalsByOutcome, totalsByPayer, type PayoutInput } from 'zhengdi-rules';
import { collectBatchInWorkers } from 'zhengdi-rules/node';

const ex = JSON.parse(readFileSync(new URL('../../fixtures/cn.shanghai.baoshan.gucun/expropriation-40.json', import.meta.url), 'utf8')) as {
  expropriationDate: string;
  people: Array<{ name: string; person: PayoutInput['person'] }>;
};
const inputs: PayoutInput[] = ex.people.map((p) => ({ expropriationDate: ex.expropriationDate, person: p.person }));
const engine = createEngine();

// Two workers give the same decisions, in the same order, as one thread.
const results = await collectBatchInWorkers('payout', inputs, { workers: 2 });
if (!isDeepStrictEqual(results, [...evaluateBatch(engine, 'payout', inputs)])) throw new Error('worker results differ from the single-threaded run');
console.table(totalsByOutcome(results));
console.table(totalsByPayer(results));

// What-if: the contribution base (7384 in force on the expropriation date) raised step by step.
// Each 100 yuan adds 12 × 100 × (0.24 + 0.10) = 408.00 per premium-year.
console.table([7384, 7484, 7884, 8384].map((base) => {
  const cmp = compare({}, { parameters: { 'cn.shanghai.contribution-base': String(base) } }, inputs, { kind: 'payout', engine, keep: 'none' });
  return { base, total: cmp.totals.amount.reform, ...Object.fromEntries(Object.entries(cmp.totals.byPayer).map(([payer, c]) => [`Δ ${payer}`, c.delta])) };
}));
