/**
 * Part 4, one run in its own process (so its peak RSS is its own), from the built package
 * (`npm run build` first). Prints one JSON line. Run by bench/batch.ts.
 *
 * `BENCH_MODE=objects` (default): `BENCH_SIZE` generated persons through `payout` as objects,
 * streamed, results consumed and dropped (only totals are kept). `BENCH_WORKERS=0` decides on
 * this thread with `evaluateBatch`; `n ≥ 1` uses `evaluateBatchInWorkers` with n workers.
 *   BENCH_SIZE=100000 BENCH_WORKERS=2 npx tsx bench/batch-child.ts
 *
 * `BENCH_MODE=jsonl`: the JSONL file `BENCH_INPUT` through `payout`, results written to the file
 * `BENCH_OUTPUT`. `BENCH_WORKERS=0` uses `evaluateJsonLines` on this thread; `n ≥ 1`
 * `evaluateJsonLinesInWorkers` with n workers.
 *   BENCH_MODE=jsonl BENCH_INPUT=people.jsonl BENCH_OUTPUT=/tmp/out.jsonl BENCH_WORKERS=2 npx tsx bench/batch-child.ts
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { payoutPeople } from './generate';

type Core = typeof import('../src');
type NodeEntry = typeof import('../src/node');

const size = Number(process.env.BENCH_SIZE ?? 100_000);
const workers = Number(process.env.BENCH_WORKERS ?? 1);
const chunkSize = Number(process.env.BENCH_CHUNK ?? 500);
const fields = process.env.BENCH_FIELDS ? process.env.BENCH_FIELDS.split(',') : undefined;

/** Newlines in a chunk of JSONL output: one per result. */
function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

async function main() {
  const core = (await import(new URL('../dist/index.js', import.meta.url).href)) as Core;
  const node = (await import(new URL('../dist/node.js', import.meta.url).href)) as NodeEntry;
  let count = 0;
  let errors = 0;
  let items = 0;
  let fen = 0n; // the grand total in fen, exact
  const consume = (r: { decision?: { outcome?: { items: unknown[]; totals: { amount: string } } }; error?: unknown }) => {
    count++;
    if (r.error) return void errors++;
    const o = r.decision!.outcome!;
    items += o.items.length;
    fen += BigInt(o.totals.amount.replace('.', ''));
  };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  if (process.env.BENCH_MODE === 'jsonl') {
    const input = createReadStream(process.env.BENCH_INPUT!, { highWaterMark: 1 << 20 });
    const out = createWriteStream(process.env.BENCH_OUTPUT!);
    const options = { chunkSize, ...(fields ? { fields } : {}) } as Parameters<NodeEntry['evaluateJsonLines']>[3];
    const results = workers === 0 ? node.evaluateJsonLines(core.createEngine(), 'payout', input, options) : node.evaluateJsonLinesInWorkers('payout', input, { ...options, workers });
    for await (const bytes of results) {
      count += countLines(bytes);
      if (!out.write(bytes)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  } else if (workers === 0) {
    const engine = core.createEngine();
    for (const r of core.evaluateBatch(engine, 'payout', payoutPeople(size))) consume(r as never);
  } else {
    const options = { workers, chunkSize, ...(fields ? { fields } : {}) } as Parameters<NodeEntry['evaluateBatchInWorkers']>[2];
    for await (const r of node.evaluateBatchInWorkers('payout', payoutPeople(size), options)) consume(r as never);
  }
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const ru = process.resourceUsage();
  console.log(JSON.stringify({ mode: process.env.BENCH_MODE ?? 'objects', size, workers, chunkSize, fields: fields ?? null, count, errors, items, totalYuan: `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`, wallMs: Math.round(wall), perSecond: Math.round(size / (wall / 1000)), cpuMs: Math.round((cpu.user + cpu.system) / 1000), maxRssMiB: Math.round(ru.maxRSS / 1024) }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
