// Mutation testing (not in CI): `npm run mutation`. See docs/quality.md for the last score.
// The machine is shared: two workers, per-test coverage so each mutant runs only the tests
// that reach it, and an incremental file so a re-run only tests mutants whose code or tests
// changed. Static mutants (module-level code such as zod schema literals) would each need the
// whole suite and are left out (`ignoreStatic`); the report counts them as ignored.
// The suite is vitest.stryker.config.ts (property runs scaled to 0.1, a fixed fast-check seed,
// the tests that only run dist/ left out).
import process from 'node:process';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  // All of src/ but the files with no runtime code to mutate:
  // - type-only modules: src/engine/types.ts, src/node/protocol.ts;
  // - pure re-export index files: src/index.ts, src/analysis/index.ts, src/node/index.ts.
  mutate: [
    'src/**/*.ts',
    '!src/engine/types.ts',
    '!src/node/protocol.ts',
    '!src/index.ts',
    '!src/analysis/index.ts',
    '!src/node/index.ts',
  ],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 10_000,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  // event-recorder writes each mutant's result as it is tested (one small JSON file each), so a
  // part that is stopped before the end still leaves what it measured (scripts/mutation-summary.ts
  // reads it and says how many mutants of the part were tested).
  reporters: ['clear-text', 'progress-append-only', 'html', 'json', 'event-recorder'],
  eventReporter: { baseDir: process.env.STRYKER_EVENTS ?? 'reports/mutation/events' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
