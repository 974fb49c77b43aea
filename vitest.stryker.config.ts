import { defineConfig } from 'vitest/config';

// The suite Stryker runs for each mutant (per-test coverage: only the tests that reach it).
// Left out, because they kill nothing the rest do not: Stryker mutates src/ in-process, and these
// run the BUILT package (dist/), which a mutant does not change:
// - test/browser/**: bundles dist/index.js into Chromium (imports nothing from src/);
// - test/cli/large-csv.test.ts: 100,000 CSV rows through dist/cli.js in a child process (25 s; imports
//   nothing from src/);
// - test/node/batch-workers.test.ts: dist/node.js and its worker threads (30 s; imports only
//   types from src/). The calling-thread
//   side of src/node is tested in-process by test/node/batch-workers-src.test.ts, which stays.
// - test/cli/cli.test.ts: the same for the everyday commands (it imports src/ only to compute
//   expected values: parseRecord and engine.rulesets(), both tested directly by
//   test/audit/record.test.ts and test/engine/engine-contract.test.ts). The commands run
//   in-process against src/cli by test/cli/program.test.ts, which stays.
// - test/cli/workers.test.ts: `zhengdi evaluate --workers` through dist/cli.js (imports nothing
//   from src/); the row code it shares is tested in-process by test/cli/record-line.test.ts.
//
// STRYKER_SUITE=core (scripts/mutation-parts.sh sets it for the parts logic, engine and kinds)
// also leaves out test/cli/** and test/node/**: they reach the engine and the kinds only through
// the same calls the engine and kind tests make, and they are the slowest files (worker threads,
// files on disk), which every surviving mutant of the decision path would rerun. A mutant those
// tests would kill but no other does counts as survived: the score is a lower bound.
const dist = ['test/browser/**', 'test/cli/large-csv.test.ts', 'test/cli/cli.test.ts', 'test/node/batch-workers.test.ts', 'test/cli/workers.test.ts'];
//
// STRYKER_SUITE=logic (the part logic: the JSON Logic compiler, ruleset and parameter loading)
// keeps only the tests of the engine and of the kinds (test/engine, test/kinds, test/cn.*, and the
// jurisdictions' hand-worked cases, test/cases.test.ts, where the law tests that are plain pairs
// now live): every
// compiled rule runs in nearly every test, so a surviving compiler mutant reruns whatever is
// included; the audit, analysis, hostile-input and determinism files reach the compiler only
// through the kinds' decisions, which the kind tests check value by value. Same lower bound.
const suite = process.env.STRYKER_SUITE;
const core = suite === 'core' ? ['test/cli/**', 'test/node/**'] : suite === 'logic' ? ['test/cli/**', 'test/node/**', 'test/analysis/**', 'test/audit/**', 'test/!(cases).test.ts'] : [];
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...dist, ...core, 'node_modules/**'],
    setupFiles: ['test/stryker/fixed-seed.ts'],
    testTimeout: 30_000,
    // Each mutant reruns the properties that reach it: a tenth of the runs (at least 10) each time.
    env: { PROPERTY_RUNS_SCALE: '0.1' },
  },
});
