/**
 * `npm run bench`: speed and memory, measured in one run on the same inputs and reported as
 * ratios (never asserted in tests: timings depend on the machine). See docs/performance.md.
 */
import os from 'node:os';
import { benchRules } from './rules';
import { benchColdStart } from './cold-start';

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));

async function main() {
  console.log(`zhengdi-rules benchmarks — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`);
  console.log('\n1. Rule evaluation (1,000 applicants per iteration)');
  const rules = await benchRules();
  console.table(rules.table);
  for (const [k, v] of Object.entries(rules.ratios)) console.log(`  ${k}: ${fmt(v)}×`);

  console.log('\n5. Cold start');
  const cold = await benchColdStart();
  console.table(cold.table);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
