/**
 * Gucun (宝顾府〔2022〕13号) payout with tsx: the sample expropriation of 40 people decided on two
 * worker threads, totals by payer, a what-if table for several contribution bases, and the
 * same people as a JSON Lines file decided file-to-file on two workers.
 *
 *   npx tsx examples/tsx/gucun.ts
 *
 * `zhengdi-rules` and `zhengdi-rules/node` are the built package (scripts/run-examples.sh runs
 * this against `npm pack`).
 */
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isDeepStrictEqual } from 'node:util';
import { compare, createEngine, evaluateBatch, totalsByOutcome, totalsByPayer, type PayoutInput } from 'zhengdi-rules';
import { collectBatchInWorkers, evaluateJsonLines, evaluateJsonLinesInWorkers } from 'zhengdi-rules/node';

const ex = JSON.parse(readFileSync(new URL('../../rulesets/cn.shanghai.baoshan.gucun/samples/expropriation-40.json', import.meta.url), 'utf8')) as {
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

// A province-sized run is a JSON Lines file: one input per line in, one result per line out.
// The workers parse, decide and write; the output equals the single-threaded one byte for byte.
const dir = mkdtempSync(join(tmpdir(), 'gucun-'));
writeFileSync(join(dir, 'people.jsonl'), inputs.map((i) => JSON.stringify(i)).join('\n') + '\n');
await pipeline(Readable.from(evaluateJsonLinesInWorkers('payout', createReadStream(join(dir, 'people.jsonl')), { workers: 2, fields: ['outcome'] })), createWriteStream(join(dir, 'results.jsonl')));
const written = readFileSync(join(dir, 'results.jsonl'), 'utf8');
let single = '';
for await (const bytes of evaluateJsonLines(engine, 'payout', createReadStream(join(dir, 'people.jsonl')), { fields: ['outcome'] })) single += Buffer.from(bytes).toString('utf8');
if (written !== single) throw new Error('JSONL on workers differs from one thread');
const lines = written.trim().split('\n').map((l) => JSON.parse(l) as { index: number; decision?: { outcome: { totals: { amount: string } } } });
console.log(`results.jsonl: ${lines.length} lines, first: line ${lines[0]!.index + 1} → ${lines[0]!.decision?.outcome.totals.amount} yuan`);
