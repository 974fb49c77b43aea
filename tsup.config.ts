import { defineConfig } from 'tsup';

// Dual ESM + CJS build with types for both. JSON rulesets and parameter files are bundled
// into the output, so the package needs no file access at run time.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
});
