/**
 * The layers of src/ (docs/architecture.md), checked in CI by `npm run lint:layers`.
 * Each layer imports only from the layers below it:
 *
 *   cli/  server/  node/            entry points (cli may use node's worker pool)
 *   batch/  analysis/  charts       batches, rows, what-if
 *   create-engine.ts                the core + bundled kinds, rulesets and replay
 *   records/  audit/                pure: records, seals, replay, diff, explain
 *   kinds/<kind>/                   the mechanism of one kind
 *   bundled.ts                      the bundled data (rulesets/**.json)
 *   engine/                         the core: knows no kind, no bundled data, nothing above
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles anywhere in src/ (type-only imports count too).',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'engine-knows-nothing-above',
      severity: 'error',
      comment: 'src/engine/ is the core: it imports no kind, no bundled data, no audit, records, cli, node or server code.',
      from: { path: '^src/engine/' },
      to: { path: '^src/', pathNot: '^src/engine/' },
    },
    {
      name: 'kinds-only-on-engine',
      severity: 'error',
      comment: 'A kind is mechanism over the engine; it knows no bundled data and nothing above it.',
      from: { path: '^src/kinds/' },
      to: { path: '^src/', pathNot: ['^src/engine/', '^src/kinds/'] },
    },
    {
      name: 'audit-records-on-engine-only',
      severity: 'error',
      comment: 'Records, replay, diff and explain depend on the engine\'s types only (and the package version).',
      from: { path: '^src/(audit|records)/' },
      to: { path: '^src/', pathNot: ['^src/engine/', '^src/audit/', '^src/records/', '^src/version\\.ts$'] },
    },
    {
      name: 'bundled-is-data',
      severity: 'error',
      from: { path: '^src/bundled\\.ts$' },
      to: { path: '^src/' },
    },
    {
      name: 'library-below-entry-points',
      severity: 'error',
      comment: 'Nothing in the library imports the CLI, the worker threads or the server.',
      from: { path: '^src/', pathNot: '^src/(cli|node|server)/' },
      to: { path: '^src/(cli|node|server)/' },
    },
    {
      name: 'node-not-on-cli',
      severity: 'error',
      comment: 'zhengdi-rules/node is a library entry: the CLI uses it, never the other way.',
      from: { path: '^src/node/' },
      to: { path: '^src/(cli|server)/' },
    },
    {
      name: 'server-not-on-cli',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/cli/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
};
