import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// What `npm pack` ships is minimal: the build, the rule files the build bundles (also shipped as
// data for auditors), the README, CHANGELOG, LICENSE and package.json. No sources, tests,
// fixtures, scripts, benchmarks or configuration (but for the node/package.json resolution stub).

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// node/package.json: a stub that lets TypeScript's older node10 resolution find `zhengdi-rules/node`.
// server/package.json: the same for `zhengdi-rules/server`; schemas/*.json: the JSON Schemas (`zhengdi-rules/schemas/*.json`).
const ALLOWED = [/^dist\/[^/]+$/, /^node\/package\.json$/, /^server\/package\.json$/, /^charts\/package\.json$/, /^schemas\/[^/]+\.json$/, /^rulesets\/[^/]+\/(archive\/|parameters\/|samples\/)?[^/]+\.json$/, /^rulesets\/[^/]+\/cases\/[^/]+\.ya?ml$/, /^rulesets\/[^/]+\/law\/source\.txt$/, /^README\.md$/, /^CHANGELOG\.md$/, /^LICENSE$/, /^package\.json$/];

function packedFiles(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [pack] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
  return pack!.files.map((f) => f.path).sort();
}

describe('npm pack contents', () => {
  const files = packedFiles();

  it('holds only dist/*, rulesets/**/*.json, the cases (rulesets/*/cases/*.yaml), README.md, CHANGELOG.md, LICENSE and package.json', () => {
    expect(files.filter((f) => !ALLOWED.some((re) => re.test(f)))).toEqual([]);
    for (const banned of ['src/', 'test/', 'fixtures/', 'scripts/', 'bench/', 'examples/', 'docs/', 'reports/', '.stryker-tmp/', 'node_modules/']) {
      expect(files.filter((f) => f.startsWith(banned))).toEqual([]);
    }
  });

  it('holds every bundled rule file and the package documents', () => {
    const rulesets = readdirSync(new URL('../rulesets', import.meta.url), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.json') || /[/\\]cases[/\\][^/\\]+\.ya?ml$/.test(f) || /[/\\]law[/\\]source\.txt$/.test(f))
      .map((f) => `rulesets/${f.split('\\').join('/')}`)
      .sort();
    expect(rulesets.length).toBeGreaterThan(0);
    expect(files.filter((f) => f.startsWith('rulesets/'))).toEqual(rulesets);
    for (const f of ['README.md', 'CHANGELOG.md', 'LICENSE', 'package.json', 'schemas/payout.input.json', 'schemas/record.json']) expect(files).toContain(f);
  });

  it.skipIf(!existsSync(new URL('../dist/index.js', import.meta.url)))('holds the ESM and CJS builds with their types (after `npm run build`)', () => {
    for (const f of ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts']) expect(files).toContain(f);
  });
});
