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
 * Sizes: `BENCH_RECORDS_SMALL` (default 100,000) on one thread, 1 and 2 workers, and
 * `BENCH_RECORDS` (default 1,000,000; 0 skips it) on 1 and 2 workers. `BENCH_RECORD_FORMAT`, when set,
 * is passed as `--record-format`. The outputs of the small runs are compared by SHA-256 after
 * the runs (not timed) and must be equal. Needs `npm run build` (bench/index.ts builds first).
 */
export interface RecordsRun {
  rows: number; workers: number | null; wallMs: number; cpuMs: number; maxRssMiB: number;
  rowsPerSecond: number; rowsPerCpuSecond: number; outputBytes: number; bytesPerRecord: number; records: number; errors: number; sha256: string; format: string;
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
  const t0 = performance.now();
  const stderr = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, argv, { env: { ...process.env, BENCH_USAGE_FILE: usageFile }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(err) : reject(new Error(`zhengdi evaluate exited ${code}: ${err.slice(-500)}`))));
  });
  const wallMs = performance.now() - t0;
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
  };
  rmSync(out, { force: true });
  return run;
}

export async function benchRecords(log: (name: string, run: RecordsRun) => void = () => undefined) {
  const small = Number(process.env.BENCH_RECORDS_SMALL ?? 100_000);
  const big = Number(process.env.BENCH_RECORDS ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'zhengdi-bench-records-'));
  const runs: Record<string, RecordsRun> = {};
  try {
    const smallInput = join(dir, 'small.jsonl');
    await writeJsonl(smallInput, small);
    const plan: Array<[string, string, number, number | null]> = [
      [`${small.toLocaleString('en')} rows, no --workers (one thread)`, smallInput, small, null],
      [`${small.toLocaleString('en')} rows, --workers 1`, smallInput, small, 1],
      [`${small.toLocaleString('en')} rows, --workers 2`, smallInput, small, 2],
    ];
    for (const [name, input, rows, workers] of plan) log(name, (runs[name] = await runCli(input, rows, workers, dir)));
    const shas = new Set(Object.values(runs).map((r) => r.sha256));
    if (shas.size !== 1) throw new Error('the record files differ between one thread, 1 worker and 2 workers');
    rmSync(smallInput, { force: true });
    if (big > 0) {
      const bigInput = join(dir, 'big.jsonl');
      await writeJsonl(bigInput, big);
      for (const workers of [null, 1, 2]) {
        const name = `${big.toLocaleString('en')} rows, ${workers === null ? 'no --workers (one thread)' : `--workers ${workers}`}`;
        log(name, (runs[name] = await runCli(bigInput, big, workers, dir)));
      }
      if (new Set(Object.values(runs).filter((r) => r.rows === big).map((r) => r.sha256)).size !== 1) throw new Error('the record files of the big input differ between one thread, 1 worker and 2 workers');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const list = Object.values(runs);
  const thread = list.find((r) => r.rows === small && r.workers === null)!;
  const one = list.find((r) => r.rows === small && r.workers === 1)!;
  const two = list.find((r) => r.rows === small && r.workers === 2)!;
  const largeThread = list.find((r) => r.rows === big && r.workers === null && big !== small);
  const large = list.find((r) => r.rows === big && r.workers === 1 && big !== small);
  const largeTwo = list.find((r) => r.rows === big && r.workers === 2 && big !== small);
  // Per core: rows per CPU-second of the one-thread run (reading, deciding, sealing and writing on
  // one core; startup included). The 1-worker run adds a second engine and the messages between
  // threads: reported beside it (perCoreOneWorker).
  const perCore = thread.rowsPerCpuSecond;
  const people = 40_000_000;
  return {
    runs,
    sameBytes: true,
    perCore,
    perCoreOneWorker: one.rowsPerCpuSecond,
    // The same on the big file, where start-up (about 0.4 s of CPU a process, 0.8 s with a
    // worker's engine) is spread over ten times the rows: the steady rate.
    perCoreBig: largeThread?.rowsPerCpuSecond,
    perCoreOneWorkerBig: large?.rowsPerCpuSecond,
    scaling: two.rowsPerSecond / one.rowsPerSecond,
    scalingBig: large && largeTwo ? largeTwo.rowsPerSecond / large.rowsPerSecond : undefined,
    // What the 1-worker run already keeps busy (CPU ÷ wall: its main thread, V8's helper threads):
    // on C cores, 2 workers can be at most C ÷ this as fast.
    coresBusyOneWorker: (large ?? one).cpuMs / (large ?? one).wallMs,
    rssRatio: large ? large.maxRssMiB / one.maxRssMiB : undefined,
    // 40 million rows are a steady run: projected from the big file's one-thread rate when there is one.
    projection: { people, from: largeThread ? 'the big file on one thread' : 'the small file on one thread', rate: largeThread?.rowsPerCpuSecond ?? perCore, twoCoresHours: people / ((largeThread?.rowsPerCpuSecond ?? perCore) * 2) / 3600, sixteenCoresHours: people / ((largeThread?.rowsPerCpuSecond ?? perCore) * 16) / 3600 },
  };
}
