import { defineConfig } from 'tsup';

// Dual ESM + CJS build with types for both. JSON rulesets and parameter files are bundled
// into the output, so the package needs no file access at run time.
// `node` (zhengdi-rules/node) holds what needs Node.js (worker threads); `batch-worker` is the
// worker script it starts, found next to it in dist/ (shims give the CJS build import.meta.url).
export default defineConfig({
  entry: { index: 'src/index.ts', node: 'src/node/index.ts', 'batch-worker': 'src/node/batch-worker.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  shims: true,
});
