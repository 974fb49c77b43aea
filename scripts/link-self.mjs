#!/usr/bin/env node
// `npm run link-self`: makes `zhengdi-rules` resolvable from anywhere in this clone, by the old
// Node lookup (node_modules folders up the tree), as tslab and other tools that ignore the
// package's self-reference resolve modules. Creates node_modules/zhengdi-rules as a symbolic
// link to the clone itself, so `import … from 'zhengdi-rules'` (and `zhengdi-rules/charts`,
// `zhengdi-rules/node`) in a notebook loads this clone's dist/ (run `npm run build` first).
// Idempotent; refuses to replace a real folder (an installed copy).
import { lstatSync, mkdirSync, readlinkSync, symlinkSync, unlinkSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const link = join(root, 'node_modules', 'zhengdi-rules');
const target = relative(dirname(link), root) || '.'; // '..'
mkdirSync(dirname(link), { recursive: true });
let st;
try {
  st = lstatSync(link);
} catch {
  st = undefined;
}
if (st && !st.isSymbolicLink()) {
  console.error(`${link} is a folder, not a link: remove it first (an installed copy of the package?)`);
  process.exit(1);
}
if (st && readlinkSync(link) === target) {
  console.log(`node_modules/zhengdi-rules → ${target} (already linked)`);
} else {
  if (st) unlinkSync(link);
  symlinkSync(target, link, 'dir');
  console.log(`node_modules/zhengdi-rules → ${target}`);
}
