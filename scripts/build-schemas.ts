/**
 * Writes the JSON Schemas generated from the zod schemas (src/schemas/json-schema.ts) to
 * schemas/<name>.json, shipped as `zhengdi-rules/schemas/<name>.json`. Run by `npm run build`;
 * `--check` only reports (exit 1) files that are not what it would write.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas } from '../src/schemas/json-schema';

const dir = join(import.meta.dirname, '..', 'schemas');
const check = process.argv.includes('--check');
const wanted = new Map(Object.entries(jsonSchemas()).map(([name, s]) => [`${name}.json`, JSON.stringify(s, null, 2) + '\n']));
const stale: string[] = [];
if (!check) mkdirSync(dir, { recursive: true });
for (const [file, text] of wanted) {
  const path = join(dir, file);
  const now = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (now === text) continue;
  stale.push(file);
  if (!check) writeFileSync(path, text);
}
for (const file of existsSync(dir) ? readdirSync(dir) : []) {
  if (file.endsWith('.json') && !wanted.has(file)) {
    stale.push(file);
    if (!check) rmSync(join(dir, file));
  }
}
if (check && stale.length > 0) {
  console.error(`schemas/ is not current (${stale.join(', ')}): run npm run build`);
  process.exit(1);
}
console.error(`schemas: ${wanted.size} files${stale.length > 0 && !check ? `, ${stale.length} written or removed` : ', current'}`);
