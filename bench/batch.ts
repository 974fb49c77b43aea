import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { payoutPeople } from './generate';

/**
 * Part 4: generated persons through `payout`, each run in its own child process so that its
 * peak RSS (`process.resourceUsage().maxRSS`) is its own. Sizes: `BENCH_BATCH` (default
 * 1,000,000) and `BENCH_BATCH_SMALL` (default 100,000). Needs the built package (`npm run
 * build`; bench/index.ts builds first).
 *
 * Two ways in:
 * - objects: `evaluateBatch` / `evaluateBatchInWorkers` on generated objects (the calling thread
 *   clones inputs out and rebuilds every result);
 * - JSONL: the persons written to a JSONL file first (not timed), then `evaluateJsonLines` /
 *   `evaluateJsonLinesInWorkers` from that file to an output file (the calling thread only
 *   moves bytes). Outputs are compared by SHA-256 after the runs (not timed); the small JSONL
 *   output is also summed and must give the objects runs' grand total.
 * - the machine's ceiling: the 1-thread JSONL run twice at once in two processes, against
 *   once alone, so that "2 workers ÷ 1" can be read against what two independent jobs get.
 */
export interface BatchRun {
  mode: 'objects' | 'jsonl'; size: number; workers: number; chunkSize: number; fields: string[] | null; count: number; errors: number; items: number;
  totalYuan: string; wallMs: number; perSecond: number; cpuMs: number; maxRssMiB: number; sha256?: string;
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

/** Two runs at the same time, each its own process: what the machine gives two independent jobs. */
async function runTwoAtOnce(size: number, extra: Record<string, string>): Promise<[BatchRun, BatchRun]> {
  const one = async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [tsx, child], { env: { ...process.env, BENCH_SIZE: String(size), BENCH_WORKERS: '0', ...extra }, encoding: 'utf8', maxBuffer: 1 << 20 });
    return JSON.parse(stdout.trim().split('\n').pop()!) as BatchRun;
  };
  return Promise.all([one(), one()]);
}

export async function writeJsonl(file: string, n: number): Promise<void> {
  const out = createWriteStream(file);
  let buf: string[] = [];
  for (const p of payoutPeople(n)) {
    buf.push(JSON.stringify(p));
    if (buf.length === 10_000) {
      if (!out.write(buf.join('\n') + '\n')) await once(out, 'drain');
      buf = [];
    }
  }
  out.end(buf.length > 0 ? buf.join('\n') + '\n' : '');
  await once(out, 'finish');
}

async function sha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const piece of createReadStream(file)) h.update(piece as Buffer);
  return h.digest('hex');
}

/** The grand total, items and errors of a JSONL output (results with `outcome`). */
async function sumOutput(file: string): Promise<{ totalYuan: string; items: number; errors: number }> {
  let fen = 0n;
  let items = 0;
  let errors = 0;
  for await (const line of createInterface({ input: createReadStream(file) })) {
    const r = JSON.parse(line) as { error?: unknown; decision?: { outcome: { items: unknown[]; totals: { amount: string } } } };
    if (r.error) errors++;
    else {
      items += r.decision!.outcome.items.length;
      fen += BigInt(r.decision!.outcome.totals.amount.replace('.', ''));
    }
  }
  return { totalYuan: `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`, items, errors };
}

export async function benchBatch(log: (name: string, run: BatchRun) => void = () => undefined) {
  const big = Number(process.env.BENCH_BATCH ?? 1_000_000);
  const small = Number(process.env.BENCH_BATCH_SMALL ?? 100_000);
  const chunk = process.env.BENCH_CHUNK ?? '1000';
  const dir = mkdtempSync(join(tmpdir(), 'zhengdi-bench-'));
  const runs: Record<string, BatchRun> = {};
  try {
    const input = { small: join(dir, 'small.jsonl'), big: join(dir, 'big.jsonl') };
    await writeJsonl(input.small, small);
    await writeJsonl(input.big, big);
    const objects = (fields?: string) => ({ BENCH_CHUNK: chunk, ...(fields ? { BENCH_FIELDS: fields } : {}) });
    const jsonl = (which: 'small' | 'big', fields?: string) => ({ BENCH_MODE: 'jsonl', BENCH_INPUT: input[which], BENCH_CHUNK: chunk, ...(fields ? { BENCH_FIELDS: fields } : {}) });
    const plan: Array<[string, number, number, Record<string, string>]> = [
      ['objects, small, 1 thread (evaluateBatch)', small, 0, objects()],
      ['objects, small, 1 worker, fields: outcome', small, 1, objects('outcome')],
      ['objects, small, 2 workers, fields: outcome', small, 2, objects('outcome')],
      ['jsonl, small, 1 thread, fields: outcome', small, 0, jsonl('small', 'outcome')],
      ['jsonl, small, 1 worker, fields: outcome', small, 1, jsonl('small', 'outcome')],
      ['jsonl, small, 2 workers, fields: outcome', small, 2, jsonl('small', 'outcome')],
      ['jsonl, small, 1 worker, full decisions', small, 1, jsonl('small')],
      ['jsonl, small, 2 workers, full decisions', small, 2, jsonl('small')],
      ['jsonl, big, 1 thread, fields: outcome', big, 0, jsonl('big', 'outcome')],
      ['jsonl, big, 1 worker, fields: outcome', big, 1, jsonl('big', 'outcome')],
      ['jsonl, big, 2 workers, fields: outcome', big, 2, jsonl('big', 'outcome')],
    ];
    // The machine's own ceiling for two parallel jobs: the 1-thread JSONL run of the small file,
    // twice at once in two processes, against once alone (measured below, in the plan).
    const [a, b] = await runTwoAtOnce(small, { ...jsonl('small', 'outcome'), BENCH_OUTPUT: '/dev/null' });
    const pair: BatchRun = { ...a, workers: 0, count: a.count + b.count, wallMs: Math.max(a.wallMs, b.wallMs), perSecond: Math.round((a.count + b.count) / (Math.max(a.wallMs, b.wallMs) / 1000)), cpuMs: a.cpuMs + b.cpuMs, maxRssMiB: Math.max(a.maxRssMiB, b.maxRssMiB) };
    runs['jsonl, small, 1 thread × 2 processes at once'] = pair;
    log('jsonl, small, 1 thread × 2 processes at once', pair);
    let checkedTotal: Awaited<ReturnType<typeof sumOutput>> | undefined;
    for (const [name, size, workers, extra] of plan) {
      const output = join(dir, 'out.jsonl');
      const run = runBatch(size, workers, { ...extra, BENCH_OUTPUT: output });
      if (run.mode === 'jsonl') {
        run.sha256 = await sha256(output);
        if (name === 'jsonl, small, 1 thread, fields: outcome') {
          checkedTotal = await sumOutput(output);
          Object.assign(run, checkedTotal);
        }
        rmSync(output, { force: true });
      }
      runs[name] = run;
      log(name, run);
    }
    const r = (k: string) => runs[k]!;
    const sameObjects = (a: BatchRun, b: BatchRun) => a.totalYuan === b.totalYuan && a.items === b.items && a.count === b.count;
    const sameBytes = (...names: string[]) => names.every((n) => r(n).sha256 === r(names[0]!).sha256 && r(n).count === r(names[0]!).count);
    if (!sameObjects(r('objects, small, 1 thread (evaluateBatch)'), r('objects, small, 2 workers, fields: outcome')) || !sameObjects(r('objects, small, 1 thread (evaluateBatch)'), r('objects, small, 1 worker, fields: outcome'))) {
      throw new Error('object runs disagree on the totals');
    }
    if (!sameBytes('jsonl, small, 1 thread, fields: outcome', 'jsonl, small, 1 worker, fields: outcome', 'jsonl, small, 2 workers, fields: outcome')
      || !sameBytes('jsonl, small, 1 worker, full decisions', 'jsonl, small, 2 workers, full decisions')
      || !sameBytes('jsonl, big, 1 thread, fields: outcome', 'jsonl, big, 1 worker, fields: outcome', 'jsonl, big, 2 workers, fields: outcome')) {
      throw new Error('JSONL outputs differ between 1 thread, 1 worker and 2 workers');
    }
    const objs = r('objects, small, 1 thread (evaluateBatch)');
    if (checkedTotal?.totalYuan !== objs.totalYuan || checkedTotal.items !== objs.items || checkedTotal.errors !== objs.errors) {
      throw new Error(`the JSONL output (${checkedTotal?.totalYuan}) and the object run (${objs.totalYuan}) disagree on the grand total`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const r = (k: string) => runs[k]!;
  const n = (x: number) => x.toLocaleString('en');
  return {
    runs,
    ratios: {
      [`JSONL: 2 workers ÷ 1 worker throughput, ${n(big)} persons, fields: outcome (target ≥ 1.7×)`]: r('jsonl, big, 2 workers, fields: outcome').perSecond / r('jsonl, big, 1 worker, fields: outcome').perSecond,
      [`the machine: 2 processes at once ÷ 1 alone, ${n(small)} persons each (1 thread, JSONL; the ceiling for any 2 workers)`]: r('jsonl, small, 1 thread × 2 processes at once').perSecond / r('jsonl, small, 1 thread, fields: outcome').perSecond,
      [`JSONL: 2 workers ÷ 1 worker throughput, ${n(small)} persons, fields: outcome`]: r('jsonl, small, 2 workers, fields: outcome').perSecond / r('jsonl, small, 1 worker, fields: outcome').perSecond,
      [`JSONL: 2 workers ÷ 1 thread throughput, ${n(big)} persons, fields: outcome`]: r('jsonl, big, 2 workers, fields: outcome').perSecond / r('jsonl, big, 1 thread, fields: outcome').perSecond,
      [`JSONL: 2 workers ÷ 1 worker throughput, ${n(small)} persons, full decisions`]: r('jsonl, small, 2 workers, full decisions').perSecond / r('jsonl, small, 1 worker, full decisions').perSecond,
      [`objects: 2 workers ÷ 1 worker throughput, ${n(small)} persons, fields: outcome`]: r('objects, small, 2 workers, fields: outcome').perSecond / r('objects, small, 1 worker, fields: outcome').perSecond,
      [`JSONL: peak RSS ${n(big)} ÷ ${n(small)}, 2 workers (target ≤ 1.5×)`]: r('jsonl, big, 2 workers, fields: outcome').maxRssMiB / r('jsonl, small, 2 workers, fields: outcome').maxRssMiB,
      [`JSONL: peak RSS ${n(big)} ÷ ${n(small)}, 1 worker (target ≤ 1.5×)`]: r('jsonl, big, 1 worker, fields: outcome').maxRssMiB / r('jsonl, small, 1 worker, fields: outcome').maxRssMiB,
      [`JSONL: peak RSS ${n(big)} ÷ ${n(small)}, 1 thread (target ≤ 1.5×)`]: r('jsonl, big, 1 thread, fields: outcome').maxRssMiB / r('jsonl, small, 1 thread, fields: outcome').maxRssMiB,
    },
  };
}
