import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Part 4: generated persons through `payout` as a stream, each run in its own child process
 * so that its peak RSS (`process.resourceUsage().maxRSS`) is its own. Results are consumed and
 * dropped (totals only). Sizes: `BENCH_BATCH` (default 1,000,000) and `BENCH_BATCH_SMALL`
 * (default 100,000). Needs the built package (`npm run build`; bench/index.ts builds first).
 */
export interface BatchRun {
  size: number; workers: number; chunkSize: number; fields: string[] | null; count: number; errors: number; items: number;
  totalYuan: string; wallMs: number; perSecond: number; cpuMs: number; maxRssMiB: number;
}

const child = fileURLToPath(new URL('./batch-child.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));

export function runBatch(size: number, workers: number, extra: Record<string, string> = {}): BatchRun {
  const out = execFileSync(process.execPath, [tsx, child], {
    env: { ...process.env, BENCH_SIZE: String(size), BENCH_WORKERS: String(workers), ...extra },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as BatchRun;
}

export function benchBatch(log: (run: BatchRun) => void = () => undefined) {
  const big = Number(process.env.BENCH_BATCH ?? 1_000_000);
  const small = Number(process.env.BENCH_BATCH_SMALL ?? 100_000);
  const chunk = process.env.BENCH_CHUNK ?? '1000';
  const runs: Record<string, BatchRun> = {};
  const plan: Array<[string, number, number, Record<string, string>]> = [
    ['small, 1 thread (evaluateBatch)', small, 0, {}],
    ['small, 1 worker, full decisions', small, 1, { BENCH_CHUNK: chunk }],
    ['small, 2 workers, full decisions', small, 2, { BENCH_CHUNK: chunk }],
    ['small, 1 worker, fields: outcome', small, 1, { BENCH_CHUNK: chunk, BENCH_FIELDS: 'outcome' }],
    ['small, 2 workers, fields: outcome', small, 2, { BENCH_CHUNK: chunk, BENCH_FIELDS: 'outcome' }],
    ['big, 1 worker, fields: outcome', big, 1, { BENCH_CHUNK: chunk, BENCH_FIELDS: 'outcome' }],
    ['big, 2 workers, fields: outcome', big, 2, { BENCH_CHUNK: chunk, BENCH_FIELDS: 'outcome' }],
  ];
  if (process.env.BENCH_BATCH_FULL === '1') plan.push(['big, 2 workers, full decisions', big, 2, { BENCH_CHUNK: chunk }]);
  for (const [name, size, workers, extra] of plan) {
    runs[name] = runBatch(size, workers, extra);
    log(runs[name]!);
  }
  const r = (k: string) => runs[k]!;
  const same = (a: BatchRun, b: BatchRun) => a.totalYuan === b.totalYuan && a.items === b.items && a.count === b.count;
  if (!same(r('small, 1 thread (evaluateBatch)'), r('small, 2 workers, fields: outcome')) || !same(r('small, 1 worker, full decisions'), r('small, 2 workers, full decisions'))) {
    throw new Error('worker runs and the single-threaded run disagree on the totals');
  }
  return {
    runs,
    ratios: {
      [`2 workers ÷ 1 worker throughput, ${big.toLocaleString('en')} persons, fields: outcome (target ≥ 1.7×)`]: r('big, 2 workers, fields: outcome').perSecond / r('big, 1 worker, fields: outcome').perSecond,
      [`2 workers ÷ 1 worker throughput, ${small.toLocaleString('en')} persons, full decisions`]: r('small, 2 workers, full decisions').perSecond / r('small, 1 worker, full decisions').perSecond,
      [`peak RSS ${big.toLocaleString('en')} ÷ ${small.toLocaleString('en')}, 2 workers (target ≤ 1.5×)`]: r('big, 2 workers, fields: outcome').maxRssMiB / r('small, 2 workers, fields: outcome').maxRssMiB,
      [`peak RSS ${big.toLocaleString('en')} ÷ ${small.toLocaleString('en')}, 1 worker (target ≤ 1.5×)`]: r('big, 1 worker, fields: outcome').maxRssMiB / r('small, 1 worker, fields: outcome').maxRssMiB,
    },
  };
}
