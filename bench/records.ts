import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { writeJsonl } from './batch';

/**
 * Part 7 (issue 21): the built `zhengdi evaluate` command on generated Gucun payout rows
 * (bench/generate.ts `payoutPeople`, written as JSONL first, not timed), writing sealed record
 * files (`--out`), each run its own process: wall time, CPU time and peak RSS of the whole
 * process (workers included; measured by bench/records-usage.mjs, preloaded with `--import`).
 * Sizes: `BENCH_RECORDS_SMALL` (default 100,000) and `BENCH_RECORDS` (default 1,000,000; 0 skips
 * it), each on one thread, 1 and 2 workers. `BENCH_RECORD_FORMAT`, when set, is passed as
 * `--record-format`. The outputs of each size are compared by SHA-256 after the runs (not timed)
 * and must be equal. Needs `npm run build` (bench/index.ts builds first).
 *
 * Rounds (`BENCH_RECORDS_ROUNDS`, default 3): the three runs of a size are repeated, in a rotated
 * order each round (round r starts at run r), so that none is always first or last while the
 * host's speed drifts. A run's figures are the medians over its rounds (peak RSS: the highest); a
 * ratio of two runs (2 workers ÷ 1 worker) is the median of the ratios within each round, so each
 * pair was measured minutes apart. Where `/proc/stat` exists, each run also records the CPU the
 * rest of the machine used meanwhile and the time stolen by the hypervisor: the context a reader
 * needs to tell a slow host from slow code.
 */
export interface RecordsRun {
  rows: number; workers: number | null; wallMs: number; cpuMs: number; maxRssMiB: number;
  rowsPerSecond: number; rowsPerCpuSecond: number; outputBytes: number; bytesPerRecord: number; records: number; errors: number; sha256: string; format: string;
  /** CPU ms the rest of the machine (other processes, the kernel's own threads) used during the run; undefined without `/proc/stat`. */
  otherCpuMs?: number;
  /** CPU ms the hypervisor took from this machine's cores during the run (`steal`); undefined without `/proc/stat`. */
  stealMs?: number;
  /** How many rounds the figures are the medians of (1 for a single run). */
  rounds?: number;
  /**
   * Rows per CPU-second of the round that took the least CPU: the least disturbed by a slow host
   * (the same work into the same bytes took up to 1.8× the CPU in another round). Reported beside
   * the median, never instead of it.
   */
  bestRowsPerCpuSecond?: number;
}

/** The machine's CPU counters from `/proc/stat` in ms (all cores): busy (user, nice, system, irq, softirq) and steal; undefined elsewhere. */
function machineCpu(): { busyMs: number; stealMs: number } | undefined {
  let text: string;
  try {
    text = readFileSync('/proc/stat', 'utf8');
  } catch {
    return undefined;
  }
  const f = text.slice(0, text.indexOf('\n')).trim().split(/\s+/).slice(1).map(Number);
  if (f.length < 8 || f.some((x) => !Number.isFinite(x))) return undefined;
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  const [user, nice, system, , , irq, softirq, steal] = f as [number, number, number, number, number, number, number, number];
  return { busyMs: (user + nice + system + irq + softirq) * tick, stealMs: steal * tick };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** One run's figures over its rounds: the median wall and CPU time (rates from them), the highest peak RSS. */
function medianRun(rounds: readonly RecordsRun[]): RecordsRun {
  const first = rounds[0];
  if (!first) throw new Error('no rounds');
  if (new Set(rounds.map((r) => r.sha256)).size !== 1) throw new Error('the record files differ between rounds of the same run');
  const wallMs = Math.round(median(rounds.map((r) => r.wallMs)));
  const cpuMs = Math.round(median(rounds.map((r) => r.cpuMs)));
  const other = rounds.map((r) => r.otherCpuMs);
  const steal = rounds.map((r) => r.stealMs);
  return {
    ...first, wallMs, cpuMs, maxRssMiB: Math.max(...rounds.map((r) => r.maxRssMiB)), rowsPerSecond: Math.round(first.rows / (wallMs / 1000)), rowsPerCpuSecond: Math.round(first.rows / (cpuMs / 1000)),
    otherCpuMs: other.every((x) => x !== undefined) ? Math.round(median(other as number[])) : undefined,
    stealMs: steal.every((x) => x !== undefined) ? Math.round(median(steal as number[])) : undefined,
    rounds: rounds.length,
    bestRowsPerCpuSecond: Math.round(first.rows / (Math.min(...rounds.map((r) => r.cpuMs)) / 1000)),
  };
}

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const usage = fileURLToPath(new URL('./records-usage.mjs', import.meta.url));

async function sha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const piece of createReadStream(file)) h.update(piece as Buffer);
  return h.digest('hex');
}

/** One `zhengdi evaluate` run in its own process. */
async function runCli(input: string, rows: number, workers: number | null, dir: string): Promise<RecordsRun> {
  const out = join(dir, `out-${rows}-${workers ?? 0}.jsonl`);
  const usageFile = join(dir, 'usage.json');
  const format = process.env.BENCH_RECORD_FORMAT;
  const argv = ['--import', usage, cli, 'evaluate', '-k', 'payout', '--no-progress', input, '--out', out, ...(workers === null ? [] : ['--workers', String(workers)]), ...(format ? ['--record-format', format] : [])];
  const m0 = machineCpu();
  const t0 = performance.now();
  const stderr = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, argv, { env: { ...process.env, BENCH_USAGE_FILE: usageFile }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(err) : reject(new Error(`zhengdi evaluate exited ${code}: ${err.slice(-500)}`))));
  });
  const wallMs = performance.now() - t0;
  const m1 = machineCpu();
  const { cpuMs, maxRssMiB } = JSON.parse(readFileSync(usageFile, 'utf8')) as { cpuMs: number; maxRssMiB: number };
  const m = /evaluate: (\d+) in, (\d+) records, (\d+) errors/.exec(stderr);
  if (!m || Number(m[1]) !== rows) throw new Error(`unexpected summary: ${stderr}`);
  const records = Number(m[2]);
  // Which record format the CLI wrote: the first record's `format`, if it names one.
  const head = Buffer.alloc(1 << 16);
  const fd = openSync(out, 'r');
  const n = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const line = head.subarray(0, n).toString('utf8').split('\n')[0]!;
  let recordFormat = format ?? 'CLI default';
  try {
    const r = JSON.parse(line) as { format?: string; decision?: unknown };
    recordFormat = `${format ?? 'CLI default'}${r.format ? ` (${r.format})` : r.decision ? ' (full decision in each record)' : ''}`;
  } catch {
    /* a record longer than 64 KiB: the format stays as asked */
  }
  const outputBytes = statSync(out).size;
  const run: RecordsRun = {
    rows, workers, wallMs: Math.round(wallMs), cpuMs, maxRssMiB, rowsPerSecond: Math.round(rows / (wallMs / 1000)), rowsPerCpuSecond: Math.round(rows / (cpuMs / 1000)),
    outputBytes, bytesPerRecord: Math.round(outputBytes / Math.max(1, records)), records, errors: Number(m[3]), sha256: await sha256(out), format: recordFormat,
    // The parent's own CPU while it waits is a few ms; counted in "other".
    ...(m0 && m1 ? { otherCpuMs: Math.max(0, Math.round(m1.busyMs - m0.busyMs - cpuMs)), stealMs: Math.round(m1.stealMs - m0.stealMs) } : {}),
    rounds: 1,
  };
  rmSync(out, { force: true });
  return run;
}

/** The label of a run in the bench's output. */
function runName(rows: number, workers: number | null): string {
  return `${rows.toLocaleString('en')} rows, ${workers === null ? 'no --workers (one thread)' : `--workers ${workers}`}`;
}

const WORKER_PLAN: ReadonlyArray<number | null> = [null, 1, 2];

/**
 * The runs of one size in `rounds` rounds, each round in a rotated order; every round's record
 * files must be the same bytes. Returns each run's rounds by worker count (index in WORKER_PLAN).
 */
async function roundsOf(input: string, rows: number, rounds: number, dir: string, log: (name: string, run: RecordsRun) => void): Promise<RecordsRun[][]> {
  const byPlan: RecordsRun[][] = WORKER_PLAN.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < WORKER_PLAN.length; k++) {
      const at = (round + k) % WORKER_PLAN.length;
      const workers = WORKER_PLAN[at]!;
      const run = await runCli(input, rows, workers, dir);
      byPlan[at]!.push(run);
      log(`${runName(rows, workers)}${rounds > 1 ? `, round ${round + 1}` : ''}`, run);
    }
  }
  if (new Set(byPlan.flat().map((r) => r.sha256)).size !== 1) throw new Error(`the record files of ${rows} rows differ between one thread, 1 worker and 2 workers (or between rounds)`);
  return byPlan;
}

/** 2 workers ÷ 1 worker throughput within each round: the median and the range. */
function scalingOf(byPlan: RecordsRun[][]): { median: number; min: number; max: number } {
  const one = byPlan[WORKER_PLAN.indexOf(1)]!;
  const two = byPlan[WORKER_PLAN.indexOf(2)]!;
  const ratios = one.map((r, i) => r.wallMs / two[i]!.wallMs);
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}

export async function benchRecords(log: (name: string, run: RecordsRun) => void = () => undefined) {
  const small = Number(process.env.BENCH_RECORDS_SMALL ?? 100_000);
  const big = Number(process.env.BENCH_RECORDS ?? 1_000_000);
  const rounds = Number(process.env.BENCH_RECORDS_ROUNDS ?? 3);
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError('BENCH_RECORDS_ROUNDS must be a positive integer');
  const dir = mkdtempSync(join(tmpdir(), 'zhengdi-bench-records-'));
  const runs: Record<string, RecordsRun> = {};
  let smallRounds: RecordsRun[][];
  let bigRounds: RecordsRun[][] | undefined;
  try {
    const smallInput = join(dir, 'small.jsonl');
    await writeJsonl(smallInput, small);
    smallRounds = await roundsOf(smallInput, small, rounds, dir, log);
    rmSync(smallInput, { force: true });
    if (big > 0 && big !== small) {
      const bigInput = join(dir, 'big.jsonl');
      await writeJsonl(bigInput, big);
      bigRounds = await roundsOf(bigInput, big, rounds, dir, log);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const [rows, byPlan] of [[small, smallRounds], ...(bigRounds ? [[big, bigRounds] as const] : [])] as const) {
    WORKER_PLAN.forEach((w, i) => (runs[runName(rows, w)] = medianRun(byPlan[i]!)));
  }
  const pick = (rows: number, workers: number | null) => runs[runName(rows, workers)];
  const thread = pick(small, null)!;
  const one = pick(small, 1)!;
  const largeThread = bigRounds ? pick(big, null) : undefined;
  const large = bigRounds ? pick(big, 1) : undefined;
  // Per core: rows per CPU-second of the one-thread run (reading, deciding, sealing and writing on
  // one core; startup included). The 1-worker run adds a second engine and the messages between
  // threads: reported beside it (perCoreOneWorker).
  const perCore = thread.rowsPerCpuSecond;
  const people = 40_000_000;
  const scaling = scalingOf(smallRounds);
  const scalingBig = bigRounds ? scalingOf(bigRounds) : undefined;
  return {
    runs,
    rounds,
    sameBytes: true,
    perCore,
    perCoreOneWorker: one.rowsPerCpuSecond,
    // The same on the big file, where start-up (about 0.4 s of CPU a process, 0.8 s with a
    // worker's engine) is spread over ten times the rows: the steady rate.
    perCoreBig: largeThread?.rowsPerCpuSecond,
    perCoreOneWorkerBig: large?.rowsPerCpuSecond,
    // The round that took least CPU, of each of the four above.
    perCoreBest: { thread: thread.bestRowsPerCpuSecond!, oneWorker: one.bestRowsPerCpuSecond!, big: largeThread?.bestRowsPerCpuSecond, oneWorkerBig: large?.bestRowsPerCpuSecond },
    scaling: scaling.median,
    scalingRange: scaling,
    scalingBig: scalingBig?.median,
    scalingBigRange: scalingBig,
    // What the 1-worker run already keeps busy (CPU ÷ wall: its main thread, V8's helper threads):
    // on C cores, 2 workers can be at most C ÷ this as fast.
    coresBusyOneWorker: (large ?? one).cpuMs / (large ?? one).wallMs,
    // The 1-worker run of the big file (the small one without it): what the calling thread's ceiling is compared with.
    oneWorkerSteady: large ?? one,
    rssRatio: large ? large.maxRssMiB / one.maxRssMiB : undefined,
    // 40 million rows are a steady run: projected from the big file's one-thread rate when there is one.
    projection: { people, from: largeThread ? 'the big file on one thread' : 'the small file on one thread', rate: largeThread?.rowsPerCpuSecond ?? perCore, twoCoresHours: people / ((largeThread?.rowsPerCpuSecond ?? perCore) * 2) / 3600, sixteenCoresHours: people / ((largeThread?.rowsPerCpuSecond ?? perCore) * 16) / 3600 },
  };
}
