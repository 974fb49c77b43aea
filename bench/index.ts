/**
 * `npm run bench`: speed and memory, measured in one run on the same inputs and reported as
 * ratios (never asserted in tests: timings depend on the machine). See docs/performance.md.
 *
 * Environment: BENCH_PARTS (default "1,2,3,4,5,6,7"), BENCH_TIME (ms per tinybench task, default
 * 1500), BENCH_BATCH / BENCH_BATCH_SMALL (part 4 sizes, default 1,000,000 / 100,000),
 * BENCH_CHUNK (default 1000), BENCH_BATCH_FULL=1 (also 1M full decisions on 2 workers),
 * BENCH_SERVICE_SECONDS (part 6, per connection count, default 5), BENCH_RECORDS /
 * BENCH_RECORDS_SMALL (part 7 sizes, default 1,000,000 / 100,000; BENCH_RECORDS=0 skips the big
 * run), BENCH_RECORD_FORMAT (part 7: passed as --record-format when set).
 * Parts 4, 6 and 7 need the built package: this script runs `npm run build` (tsup) first unless
 * BENCH_SKIP_BUILD=1.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { benchBatch } from './batch';
import { benchColdStart } from './cold-start';
import { benchDecisions, benchTargets, projectedHours } from './decisions';
import { benchRecords } from './records';
import { recordsCeiling } from './records-ceiling';
import { benchRules } from './rules';
import { benchService } from './service';

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(2));
const parts = new Set((process.env.BENCH_PARTS ?? '1,2,3,4,5,6,7').split(','));
const time = Number(process.env.BENCH_TIME ?? 1500);

async function main() {
  console.log(`zhengdi-rules benchmarks — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`);
  console.log(`load average at start: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  let perCore: { payout: number; payoutAsJson: number; eligibility: number } | undefined;
  if (parts.has('1')) {
    console.log('\n1. Rule evaluation alone: the same rules and data in each engine (answers checked equal first; see bench/engines.ts)');
    const rules = await benchRules(time);
    console.log(`  ${rules.counts.applicants} applicants of generated households, ${rules.counts.payoutPersons} generated payout persons`);
    console.table(rules.table);
    for (const [k, v] of Object.entries(rules.ratios)) console.log(`  ${k}: ${fmt(v)}×`);
    console.log('  json-rules-engine and zen-engine take no JSON Logic and none of the exact-decimal or calendar operators: they run the membership condition only, written in their own formats.');
  }
  if (parts.has('2')) {
    console.log('\n2. Full decisions per second (validation, rules, reasons, parameter records, warnings)');
    const d = await benchDecisions(time);
    console.table(d.table);
  }
  if (parts.has('3')) {
    console.log('\n3. Targets (issue 21): the tasks side by side in rotating rounds, CPU time, medians');
    const t = await benchTargets(time);
    console.log(`  payout: engine and hand-written agree on items, amounts, splits and totals for ${t.checked.toLocaleString('en')} generated persons; eligibility: the decisions and the bare rules agree on all ${t.applicants} applicants`);
    console.log(`  ${t.rounds} rounds; each ratio is the median of the rounds' ratios`);
    console.table(t.table);
    for (const [k, v] of Object.entries(t.ratios)) console.log(`  ${k}: ${fmt(v)}×`);
    perCore = t.perCore;
    const people = 40_000_000;
    console.log(`\n  40 million people, projected from the per-core rates above (one thread = one core; perfect scaling assumed, no input parsing, no records written):`);
    for (const [name, rate] of [['payout decisions', t.perCore.payout], ['payout decisions written as JSON', t.perCore.payoutAsJson], ['eligibility decisions (per applicant)', t.perCore.eligibility]] as const) {
      console.log(`    ${name}: ${fmt(rate)}/s per core → ${projectedHours(people, rate, 2).toFixed(2)} h on 2 cores, ${(projectedHours(people, rate, 16) * 60).toFixed(1)} min on 16 cores`);
    }
  }
  if (parts.has('4')) {
    console.log('\n4. Batch through payout (each run a child process; results consumed and dropped)');
    if (process.env.BENCH_SKIP_BUILD !== '1') execFileSync('npx', ['tsup', '--silent'], { stdio: 'inherit' });
    const b = await benchBatch((name, r) => console.log(`  ${name}: ${JSON.stringify(r)}`));
    console.table(Object.fromEntries(Object.entries(b.runs).map(([k, r]) => [k, { persons: r.size, 'wall s': r.wallMs / 1000, 'persons/s': r.perSecond, 'CPU s': r.cpuMs / 1000, 'peak RSS MiB': r.maxRssMiB }])));
    console.log('  every JSONL output is byte-identical across 1 thread, 1 worker and 2 workers (SHA-256); the small one sums to the object runs\' grand total');
    for (const [k, v] of Object.entries(b.ratios)) console.log(`  ${k}: ${fmt(v)}×`);
  }
  if (parts.has('5')) {
    console.log('\n5. Cold start');
    const cold = await benchColdStart();
    console.table(cold.table);
  }
  if (parts.has('6')) {
    console.log('\n6. Decision service: single payout decisions over HTTP (autocannon; the service in its own process)');
    if (process.env.BENCH_SKIP_BUILD !== '1' && !parts.has('4')) execFileSync('npx', ['tsup', '--silent'], { stdio: 'inherit' });
    const svc = await benchService();
    console.log(`  in-process engine.evaluate, same request, one thread: ${fmt(svc.inProcess)} decisions/s`);
    console.table(svc.table);
  }
  if (parts.has('7')) {
    console.log('\n7. Records: the built `zhengdi evaluate -k payout FILE.jsonl --out F` (sealed record files), each run its own process');
    if (process.env.BENCH_SKIP_BUILD !== '1' && !parts.has('4') && !parts.has('6')) execFileSync('npx', ['tsup', '--silent'], { stdio: 'inherit' });
    const rec = await benchRecords((name, r) => console.log(`  ${name}: ${JSON.stringify(r)}`));
    console.log(`  medians of ${rec.rounds} round${rec.rounds > 1 ? 's' : ''} (BENCH_RECORDS_ROUNDS; each round runs the three in a rotated order); "other CPU" is what the rest of the machine used meanwhile, "steal" what the hypervisor took`);
    console.table(Object.fromEntries(Object.entries(rec.runs).map(([k, r]) => [k, { 'wall s': r.wallMs / 1000, 'rows/s': r.rowsPerSecond, 'CPU s': r.cpuMs / 1000, 'cores busy': Math.round((r.cpuMs / r.wallMs) * 100) / 100, 'rows/CPU-s': r.rowsPerCpuSecond, 'bytes/record': r.bytesPerRecord, 'peak RSS MiB': r.maxRssMiB, 'other CPU s': r.otherCpuMs === undefined ? '–' : r.otherCpuMs / 1000, 'steal s': r.stealMs === undefined ? '–' : r.stealMs / 1000 }])));
    const any = Object.values(rec.runs)[0]!;
    console.log(`  record format: ${any.format}; the record files of one thread, 1 worker and 2 workers are byte-identical (SHA-256 ${any.sha256.slice(0, 16)}…)`);
    const range = (r: { min: number; max: number }) => (rec.rounds > 1 ? ` [${fmt(r.min)}..${fmt(r.max)}]` : '');
    console.log(`  2 workers ÷ 1 worker throughput (target ≥ 1.8×; the median of the rounds' ratios [range]): ${fmt(rec.scaling)}×${range(rec.scalingRange)} on the small file${rec.scalingBig !== undefined ? `, ${fmt(rec.scalingBig)}×${range(rec.scalingBigRange!)} on the big one` : ''}${rec.rssRatio !== undefined ? `; peak RSS big ÷ small (1 worker): ${fmt(rec.rssRatio)}×` : ''}`);
    console.log(`  the 1-worker run keeps ${fmt(rec.coresBusyOneWorker)} cores busy (CPU ÷ wall): on ${os.cpus().length} cores, 2 workers can be at most ${fmt(os.cpus().length / rec.coresBusyOneWorker)}× as fast`);
    const best = (x: number | undefined) => (rec.rounds > 1 && x !== undefined ? ` (best round ${fmt(x)})` : '');
    console.log(`  per core (target ≥ 20,000 rows/s with sealed records): ${fmt(rec.perCore)} rows per CPU-second on one thread${best(rec.perCoreBest.thread)}; ${fmt(rec.perCoreOneWorker)} with --workers 1${best(rec.perCoreBest.oneWorker)} (a second engine and the messages between threads)${rec.perCoreBig !== undefined ? `; on the big file ${fmt(rec.perCoreBig)} on one thread${best(rec.perCoreBest.big)}, ${fmt(rec.perCoreOneWorkerBig!)} with --workers 1${best(rec.perCoreBest.oneWorkerBig)}` : ''}`);
    if (rec.rounds > 1) console.log('  (medians of the rounds; the best round is the one that took least CPU, the least disturbed by the host)');
    const ceiling = await recordsCeiling();
    const oneWorker = rec.oneWorkerSteady;
    console.log(`  the calling thread's ceiling: it links and writes ${fmt(ceiling.rowsPerSecond)} rows/s of decided chunks (${ceiling.chunks} chunks of ${ceiling.chunkRows} rows, median of rounds ${ceiling.rounds.map(fmt).join(', ')}; the file writes included), so any number of workers gives at most ${fmt(ceiling.rowsPerSecond / oneWorker.rowsPerSecond)}× the 1-worker run's ${fmt(oneWorker.rowsPerSecond)} rows/s on this machine's disk`);
    const sixteen = Math.min(rec.projection.rate * 16, ceiling.rowsPerSecond);
    console.log(`  40 million people, projected from ${fmt(rec.projection.rate)} rows per CPU-second (${rec.projection.from}, writing included; perfect scaling assumed up to the ceiling): ${rec.projection.twoCoresHours.toFixed(2)} h on 2 cores, ${(rec.projection.sixteenCoresHours * 60).toFixed(0)} min on 16 cores${sixteen < rec.projection.rate * 16 ? `; with this disk's ceiling ${(rec.projection.people / sixteen / 60).toFixed(0)} min` : ''}`);
  }
  if (perCore === undefined && parts.has('4')) console.log('  (run part 3 too for the 40-million projection)');
  console.log(`\nload average at end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
