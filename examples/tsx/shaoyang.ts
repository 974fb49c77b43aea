/**
 * Shaoyang eligibility (二(一)) with tsx: a large generated batch on two worker threads, the
 * same batch on one thread, and a what-if table by household size.
 *
 *   npx tsx examples/tsx/shaoyang.ts
 *
 * `zhengdi-rules` and `zhengdi-rules/node` are the built package (scripts/run-examples.sh runs
 * this against `npm pack`).
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { compare, createEngine, evaluateBatch, totalsByOutcome, type EligibilityInput } from 'zhengdi-rules';
import { collectBatchInWorkers } from 'zhengdi-rules/node';

const village = JSON.parse(readFileSync(new URL('../../rulesets/cn.hunan.shaoyang/samples/village-eligibility.json', import.meta.url), 'utf8')) as {
  households: Array<{ id: string; input: EligibilityInput }>;
};

// 2,000 households: the sample village repeated, the notice dates spread over 2021–2024.
const inputs: EligibilityInput[] = [];
for (let i = 0; i < 2000; i++) {
  const h = village.households[i % village.households.length]!.input;
  inputs.push({ ...h, noticeDate: `${2021 + (i % 4)}${h.noticeDate.slice(4)}` });
}

const engine = createEngine();
let t = performance.now();
const single = [...evaluateBatch(engine, 'eligibility', inputs)];
const singleMs = performance.now() - t;
t = performance.now();
const parallel = await collectBatchInWorkers('eligibility', inputs, { workers: 2 });
const parallelMs = performance.now() - t;
if (!isDeepStrictEqual(single, parallel)) throw new Error('worker results differ from the single-threaded run');
console.log(`${inputs.length} households: one thread ${singleMs.toFixed(0)} ms, two workers ${parallelMs.toFixed(0)} ms (identical results)`);
console.table(totalsByOutcome(single));

// What-if: several thresholds, who gains.
const table = ['0.3', '0.4', '0.5', '0.6'].map((mu) => {
  const c = compare({}, { parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': mu } }, inputs, { kind: 'eligibility', engine, keep: 'none' });
  return { thresholdMu: mu, eligible: c.totals.eligible.reform, gained: c.totals.eligible.gained, lost: c.totals.eligible.lost };
});
console.table(table);
