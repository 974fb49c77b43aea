import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // Builds dist/cli.js when stale: the CLI tests run the built binary.
    globalSetup: ['test/global-setup.ts'],
  },
});
