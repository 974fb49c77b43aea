import { defineConfig, type Options } from 'tsup';

// Dual ESM + CJS build with types for both. JSON rulesets and parameter files are bundled
// into the output, so the package needs no file access at run time.
// `node` (zhengdi-rules/node) holds what needs Node.js (worker threads); `batch-worker` is the
// worker script it starts, found next to it in dist/ (shims give the CJS build import.meta.url).
// The `zhengdi` CLI is a second, ESM-only entry for Node (dist/cli.js, with a shebang); its
// dependencies (commander, csv-parse, cli-progress) stay external and are never loaded by the
// library entry.
// `charts` (zhengdi-rules/charts) builds Vega-Lite charts and draws them with vega, an optional
// peer dependency imported only when a chart is drawn: the library entry never loads it.
// `ZHENGDI_BUILD=cli npx tsup` builds only the CLI (the CLI tests do, to stay fast).
const library = {
  entry: { index: 'src/index.ts', node: 'src/node/index.ts', 'batch-worker': 'src/node/batch-worker.ts', server: 'src/server/index.ts', charts: 'src/charts/index.ts' },
  format: ['esm', 'cjs'] as Options['format'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  shims: true,
} satisfies Options;
const cli = {
  entry: { cli: 'src/cli/index.ts' },
  format: ['esm'] as Options['format'],
  dts: false,
  sourcemap: false,
  clean: false,
  target: 'node20',
  platform: 'node',
  banner: { js: '#!/usr/bin/env node' },
} satisfies Options;
export default defineConfig(process.env.ZHENGDI_BUILD === 'cli' ? [cli] : [library, cli]);
