/**
 * Part of `npm run docs`: every exported symbol of the public entry points must have a doc
 * comment with an `@example`. Reads the JSON model typedoc writes to docs/api/api.json and
 * lists every symbol without one; exits 1 if any.
 */
import { readFileSync } from 'node:fs';

interface Comment {
  summary?: Array<{ text: string }>;
  blockTags?: Array<{ tag: string }>;
}
interface Reflection {
  name: string;
  kind: number;
  comment?: Comment;
  signatures?: Reflection[];
  children?: Reflection[];
}

// typedoc ReflectionKind values
const MODULE = 2;
const CHECKED = new Map([
  [8, 'enum'],
  [32, 'variable'],
  [64, 'function'],
  [128, 'class'],
  [256, 'interface'],
  [2097152, 'type'],
]);

const project = JSON.parse(readFileSync(new URL('../docs/api/api.json', import.meta.url), 'utf8')) as Reflection;
const modules = (project.children ?? []).some((c) => c.kind === MODULE) ? project.children!.filter((c) => c.kind === MODULE) : [project];
const missing: string[] = [];
let checked = 0;
for (const mod of modules) {
  for (const r of mod.children ?? []) {
    const what = CHECKED.get(r.kind);
    if (!what) continue;
    checked++;
    const comments = [r.comment, ...(r.signatures ?? []).map((s) => s.comment)].filter((c): c is Comment => c !== undefined);
    const documented = comments.some((c) => (c.summary ?? []).some((p) => p.text.trim() !== ''));
    const example = comments.some((c) => (c.blockTags ?? []).some((t) => t.tag === '@example'));
    if (!documented || !example) missing.push(`${mod.name}: ${what} ${r.name}${documented ? '' : ' (no doc comment)'}${example ? '' : ' (no @example)'}`);
  }
}
if (missing.length > 0) {
  console.error(`${missing.length} of ${checked} exported symbols lack a doc comment with an @example:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log(`docs: all ${checked} exported symbols have a doc comment with an @example`);
