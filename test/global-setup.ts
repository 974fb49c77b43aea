/**
 * Builds the CLI (dist/cli.js) once before the tests when it is missing or older than its
 * sources, so the CLI tests run the built binary as a user would. Only the CLI entry is built
 * (`ZHENGDI_BUILD=cli npx tsup`, about a second), not the library's type declarations.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((n) => newest(join(path, n))));
}

export default function setup(): void {
  const cli = join(root, 'dist/cli.js');
  const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'rulesets')), newest(join(root, 'tsup.config.ts')), newest(join(root, 'package.json')));
  if (existsSync(cli) && statSync(cli).mtimeMs >= sources) return;
  execFileSync('npx', ['tsup'], { cwd: root, env: { ...process.env, ZHENGDI_BUILD: 'cli' }, stdio: 'pipe' });
}
