import type { Bench } from 'tinybench';

/**
 * The mean time of one iteration of a tinybench task, in ms. A task that did not complete (it
 * threw, or was aborted) has no statistics: its error is thrown here instead of a `NaN` or an
 * `undefined` reaching a ratio.
 */
export function taskMeanMs(bench: Bench, name: string): number {
  const task = bench.tasks.find((t) => t.name === name);
  if (!task) throw new Error(`bench: no task named "${name}"`);
  const result = task.result;
  if (result.state !== 'completed') {
    const why = result.state === 'errored' ? `: ${String(result.error)}` : '';
    throw new Error(`bench: task "${name}" ${result.state}${why}`);
  }
  return result.latency.mean;
}
