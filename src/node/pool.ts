import { Worker } from 'node:worker_threads';
import type { WorkerData, WorkerReply, WorkerRequest } from './protocol';

/**
 * One chunk of work for {@link inOrder}: the message to post (its `chunk` number is filled in),
 * the buffers to transfer with it, and what to do on the calling thread when the message cannot
 * be posted (not structured-cloneable). @internal
 */
export interface Job<R> {
  request: DistributiveOmit<WorkerRequest, 'chunk'>;
  transfer?: ArrayBuffer[];
  local?: () => R;
  /** What the job decides, for errors (`lines 1001–2000 of people.jsonl`). */
  label?: string;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface Pending<R> {
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
  promise: Promise<R>;
}

function deferred<R>(): Pending<R> {
  let resolve!: (r: R) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<R>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // handled when awaited in order
  return { resolve, reject, promise };
}

/** The built worker script next to this module (or, from the TypeScript sources, in dist/). */
export function defaultWorkerScript(): URL {
  const here = import.meta.url;
  if (/\.ts$/.test(here)) {
    // Running from the TypeScript sources (tests, tsx): Node cannot run the TS worker itself,
    // so use the built one. `npm run build` first.
    return new URL('../../dist/batch-worker.js', here);
  }
  return new URL(here.endsWith('.cjs') ? './batch-worker.cjs' : './batch-worker.js', here);
}

/**
 * The young generation of each worker's heap (where a decision's short-lived objects are made).
 * A worker's default is small: deciding and sealing a row makes tens of kilobytes of garbage, and
 * with the default the scavenger ran for 17–21% of a worker's time on 100,000 payout rows; with
 * 64 MiB, 8% (profiles of `zhengdi evaluate --workers 1`, docs/performance.md). It costs up to
 * 64 MiB more memory per worker, the same for any number of rows.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 64 } as const;

/**
 * Runs `jobs` on `count` worker threads and yields each job's reply (unwrapped by `unwrap`) in
 * job order. At most `2 × count` jobs are in flight, so memory stays flat however many jobs
 * come; the next job is read only when a slot frees. A job goes to the worker with the fewest
 * jobs in progress. Workers are terminated when the generator finishes, throws, or is
 * abandoned (`return()`). @internal
 */
export async function* inOrder<R>(
  count: number,
  script: string | URL,
  data: WorkerData,
  jobs: AsyncIterable<Job<R>>,
  unwrap: (reply: Exclude<WorkerReply, { type: 'fatal' }>) => R,
): AsyncGenerator<R, void, undefined> {
  const pending = new Map<number, Pending<R>>();
  const assigned = new Map<Worker, Set<number>>();
  const labels = new Map<number, string>();
  let closing = false;
  let fatal: unknown;
  const inFlight = (chunks: Iterable<number>) => {
    const named = [...chunks].sort((a, b) => a - b).map((c) => labels.get(c) ?? `chunk ${c + 1}`);
    return named.length > 0 ? ` (${named.join(', ')})` : '';
  };
  const failAll = (e: unknown) => {
    fatal ??= e;
    for (const p of pending.values()) p.reject(fatal);
  };
  const workers: Worker[] = [];
  for (let i = 0; i < count; i++) {
    const w = new Worker(script, { workerData: data, resourceLimits: WORKER_LIMITS });
    assigned.set(w, new Set());
    w.on('message', (msg: WorkerReply) => {
      if (msg.type === 'fatal') return failAll(Object.assign(new Error(`worker could not build its engine: ${msg.error.message}`), { code: msg.error.code }));
      assigned.get(w)!.delete(msg.chunk);
      labels.delete(msg.chunk);
      pending.get(msg.chunk)?.resolve(unwrap(msg));
    });
    w.on('error', (e: Error) => failAll(Object.assign(new Error(`batch worker failed: ${e.message}${inFlight(assigned.get(w)!)}`), { cause: e })));
    w.on('exit', (code) => {
      // Any exit before the pool closes is a failure: work sent to a dead worker would never come back.
      const mine = assigned.get(w)!;
      if (!closing) failAll(new Error(`batch worker stopped (exit code ${code})${mine.size > 0 ? ` with work in progress${inFlight(mine)}` : ''}`));
    });
    workers.push(w);
  }
  const maxInFlight = count * 2;
  let next = 0; // next chunk to yield
  let sent = 0; // chunks sent so far
  const source = jobs[Symbol.asyncIterator]();
  try {
    let done = false;
    while (!done || next < sent) {
      while (!done && sent - next < maxInFlight) {
        const step = await source.next();
        if (step.done) {
          done = true;
          break;
        }
        const chunk = sent++;
        const p = deferred<R>();
        pending.set(chunk, p);
        const job = step.value;
        const w = workers.reduce((a, b) => (assigned.get(b)!.size < assigned.get(a)!.size ? b : a));
        try {
          if (job.label !== undefined) labels.set(chunk, job.label);
          w.postMessage({ ...job.request, chunk }, job.transfer ?? []);
          assigned.get(w)!.add(chunk);
          if (fatal) p.reject(fatal);
        } catch (e) {
          // Not structured-cloneable (e.g. an input holding a function): decide it here.
          if (!job.local) throw e;
          p.resolve(job.local());
        }
      }
      if (next < sent) {
        const result = await pending.get(next)!.promise;
        pending.delete(next++);
        yield result;
      }
    }
  } finally {
    closing = true;
    for (const w of workers) assigned.get(w)!.clear();
    await source.return?.();
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
