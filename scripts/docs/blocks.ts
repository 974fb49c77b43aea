/**
 * The code blocks of the Markdown docs (README.md, docs/**), with the annotations that say how
 * each is checked (docs/quality.md, "Docs that cannot go stale"):
 *
 * - a ```ts block is type-checked with `strict` and run; the HTML comment
 *   `<!-- doc-check: typecheck-only (why) -->` or `<!-- doc-check: skip (why) -->` right before
 *   it says otherwise, with the reason;
 * - `<!-- doc-prelude … -->` holds TypeScript put before every later ts block of the file (the
 *   names a snippet uses without defining them: `households`, `results`), so that a snippet is
 *   short and still checked;
 * - `<!-- output: COMMAND -->` right before a block marks it as the output of COMMAND, run from
 *   the repository root (`zhengdi` is the built CLI): `npm run docs:outputs` rewrites the block,
 *   `npm run docs:check` fails when it differs (an edit by hand, or a change of the tool).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One fenced block of a Markdown file. */
export interface Block {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  code: string;
  /** Character offsets of the body (between the fences) in the file's text. */
  bodyStart: number;
  bodyEnd: number;
  /** `doc-check` mode from the comment before the block. */
  mode: 'check' | 'typecheck-only' | 'skip';
  /** The prelude in force for this block (ts only). */
  prelude: string;
  /** The command whose output this block is (`<!-- output: … -->`). */
  output?: string;
}

const FENCE = /^(`{3,})([^\n`]*)\n/gm;

/** Every fenced block of a Markdown text, with its annotations. */
export function blocksOf(file: string, text: string): Block[] {
  const blocks: Block[] = [];
  let prelude = '';
  let pos = 0;
  FENCE.lastIndex = 0;
  for (let m = FENCE.exec(text); m; m = FENCE.exec(text)) {
    if (m.index < pos) continue;
    const fence = m[1]!;
    const lang = m[2]!.trim();
    const bodyStart = m.index + m[0].length;
    const close = text.indexOf(`\n${fence}`, bodyStart - 1);
    if (close < 0) break;
    const bodyEnd = close + 1;
    const before = text.slice(pos, m.index);
    for (const p of before.matchAll(/<!--\s*doc-prelude\n([\s\S]*?)-->/g)) prelude = p[1]!;
    const tail = before.trimEnd();
    const annotation = /<!--\s*(doc-check|output):\s*([^\n]*?)\s*-->$/.exec(tail);
    const mode = annotation?.[1] === 'doc-check' ? (annotation[2]!.startsWith('skip') ? 'skip' : annotation[2]!.startsWith('typecheck-only') ? 'typecheck-only' : 'check') : 'check';
    blocks.push({
      file,
      line: text.slice(0, m.index).split('\n').length,
      lang,
      code: text.slice(bodyStart, bodyEnd),
      bodyStart,
      bodyEnd,
      mode,
      prelude,
      ...(annotation?.[1] === 'output' ? { output: annotation[2]! } : {}),
    });
    pos = bodyEnd + fence.length;
    FENCE.lastIndex = pos;
  }
  return blocks;
}

/** README.md and every Markdown file under docs/ (docs/api and docs/mutation are generated). */
export function docFiles(root: string): string[] {
  const out = [join(root, 'README.md')];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (!['api', 'mutation'].includes(relative(join(root, 'docs'), p))) walk(p);
      } else if (name.endsWith('.md')) out.push(p);
    }
  };
  walk(join(root, 'docs'));
  return out;
}

/** The blocks of every doc file. */
export function allBlocks(root: string): Block[] {
  return docFiles(root).flatMap((f) => blocksOf(relative(root, f), readFileSync(f, 'utf8')));
}
