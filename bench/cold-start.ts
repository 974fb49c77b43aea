import { Bench } from 'tinybench';
import { createEngine } from '../src';

/** Part 5: time to createEngine() with every bundled ruleset (validate, hash, compile). */
export async function benchColdStart(time = 1000) {
  const bench = new Bench({ time });
  bench.add('createEngine() with all bundled rulesets', () => {
    createEngine();
  });
  await bench.run();
  return { table: bench.table() };
}
