import { defineConfig } from 'vitest/config';

// The suite Stryker runs for each mutant: everything but the browser test (which needs
// chromium and a built dist/, neither of which a mutant changes).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    testTimeout: 30_000,
    // Each mutant reruns the properties that reach it: a tenth of the runs (at least 10) each time.
    env: { PROPERTY_RUNS_SCALE: '0.1' },
  },
});
