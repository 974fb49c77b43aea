/**
 * Builds the package (dist/) once before the tests when a built file the tests run is missing
 * or older than the sources: the CLI tests run the built binary as a user would, and worker
 * threads (zhengdi-rules/node, `zhengdi evaluate --workers`) need the built worker script.
 * Building here, once, keeps test files from rebuilding dist/ while others read it.
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
  const built = ['cli.js', 'index.js', 'index.cjs', 'node.js', 'node.cjs', 'batch-worker.js', 'batch-worker.cjs'].map((f) => join(root, 'dist', f));
  const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'rulesets')), newest(join(root, 'tsup.config.ts')), newest(join(root, 'package.json')));
  if (built.every((f) => existsSync(f) && statSync(f).mtimeMs >= sources)) return;
  execFileSync('npx', ['tsup', '--silent'], { cwd: root, stdio: 'pipe' });
}
