/**
 * Part 6 of `npm run bench`: the decision service (`zhengdi serve`, built dist/cli.js) in its
 * own process, loaded with autocannon at 1, 16 and 64 connections with single payout decisions
 * (POST /v1/evaluate), against in-process `engine.evaluate` of the same request measured in the
 * same run. Reported as requests/s, p50/p99 latency and the ratio service ÷ in-process.
 *
 * Environment: BENCH_SERVICE_SECONDS (per connection count, default 5).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import autocannon from 'autocannon';
import { createEngine, type EvaluateRequest } from '../src';

const REQUEST = {
  kind: 'payout',
  input: { expropriationDate: '2024-06-30', person: { id: 'GC-01', sex: 'male', birthDate: '1988-04-12', pensionStatus: 'none', cooperated: true } },
} as EvaluateRequest;

export interface ServiceRow {
  connections: number;
  'requests/s': number;
  'p50 ms': number;
  'p99 ms': number;
  'non-2xx': number;
  errors: number;
  'service ÷ in-process': number;
}

/** Decisions per second of engine.evaluate on this thread (the same request), over about `ms`. */
function inProcessRate(ms: number): number {
  const engine = createEngine();
  for (let i = 0; i < 2000; i++) engine.evaluate(REQUEST); // warm up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 100; i++) engine.evaluate(REQUEST);
    n += 100;
  }
  return n / ((performance.now() - start) / 1000);
}

export async function benchService(): Promise<{ table: ServiceRow[]; inProcess: number }> {
  const seconds = Number(process.env.BENCH_SERVICE_SECONDS ?? 5);
  const child = spawn(process.execPath, ['dist/cli.js', 'serve', '--port', '0', '--log-level', 'silent'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`the service did not start: ${err}`)), 30_000);
      child.stderr.on('data', () => {
        const m = /listening on (http:\/\/\S+)/.exec(err);
        if (m) {
          clearTimeout(t);
          resolve(m[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`the service exited (${code}): ${err}`)));
    });
    const body = JSON.stringify(REQUEST);
    // Warm the service up (JIT) before measuring.
    await autocannon({ url: `${url}/v1/evaluate`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: 4, duration: 2 });
    const inProcess = inProcessRate(seconds * 1000);
    const table: ServiceRow[] = [];
    for (const connections of [1, 16, 64]) {
      const r = await autocannon({ url: `${url}/v1/evaluate`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections, duration: seconds });
      table.push({
        connections,
        'requests/s': Math.round(r.requests.average),
        'p50 ms': r.latency.p50,
        'p99 ms': r.latency.p99,
        'non-2xx': r.non2xx,
        errors: r.errors,
        'service ÷ in-process': Number((r.requests.average / inProcess).toFixed(3)),
      });
    }
    return { table, inProcess: Math.round(inProcess) };
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
}
