// Mutation testing (not in CI): `npm run mutation`. See docs/quality.md for the last score.
// The machine is shared: two workers, per-test coverage so each mutant runs only the tests
// that reach it, and an incremental file so a re-run only tests mutants whose code or tests
// changed. Static mutants (module-level code such as zod schema literals) would each need the
// whole suite and are left out (`ignoreStatic`); the report counts them as ignored.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  // The decision path (engine, context, dates, decimals, the eligibility kind). On the shared
  // 2-core machine all of src/engine and src/kinds (2,092 mutants, 1,803 of them non-static) does not
  // fit in 40 minutes; mutate the rest separately, e.g.
  //   npm run mutation -- --mutate 'src/engine/logic/**/*.ts' --incrementalFile reports/stryker-logic.json
  mutate: ['src/kinds/**/*.ts', 'src/engine/{engine,context,dates,decimal,jurisdiction,canonical-json}.ts'],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 20_000,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
