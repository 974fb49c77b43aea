/**
 * `npm run docs:outputs` rewrites every block marked `<!-- output: COMMAND -->` with what
 * COMMAND prints (stdout and stderr, run from the repository root with `zhengdi` being the
 * built CLI); `--check` rewrites nothing and exits 1 naming each block that is not current.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blocksOf, docFiles } from './blocks';

/** What a command prints, as shown in a doc: `$ COMMAND`, then its output. */
export function runCommand(root: string, command: string): string {
  const bin = mkdtempSync(join(tmpdir(), 'zhengdi-docs-'));
  writeFileSync(join(bin, 'zhengdi'), `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'dist/cli.js')}" "$@"\n`, { mode: 0o755 });
  let out: string;
  try {
    out = execFileSync('sh', ['-c', `{ ${command}\n} 2>&1`], { cwd: root, env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1', COLUMNS: '200' }, encoding: 'utf8', maxBuffer: 1 << 26 });
  } catch (e) {
    out = (e as { stdout?: string }).stdout ?? ''; // a command may exit 1 on purpose (replay of tampered records)
  }
  return `$ ${command}\n${out.replace(/\s+$/, '')}\n`;
}

/** The text of a doc with every output block regenerated, and the blocks that changed. */
export function refreshOutputs(root: string, file: string, text: string, run: (command: string) => string = (c) => runCommand(root, c)): { text: string; stale: Array<{ line: number; command: string }> } {
  const stale: Array<{ line: number; command: string }> = [];
  let out = '';
  let pos = 0;
  for (const b of blocksOf(file, text)) {
    if (b.output === undefined) continue;
    const fresh = run(b.output);
    if (fresh !== b.code) stale.push({ line: b.line, command: b.output });
    out += text.slice(pos, b.bodyStart) + fresh;
    pos = b.bodyEnd;
  }
  return { text: out + text.slice(pos), stale };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = new URL('../../', import.meta.url).pathname;
  const check = process.argv.includes('--check');
  let stale = 0;
  let blocks = 0;
  for (const f of docFiles(root)) {
    const text = readFileSync(f, 'utf8');
    const r = refreshOutputs(root, f.slice(root.length), text);
    blocks += blocksOf(f, text).filter((b) => b.output !== undefined).length;
    for (const s of r.stale) console.error(`${f.slice(root.length)}:${s.line}: the output of \`${s.command}\` is not what the command prints${check ? ' (npm run docs:outputs rewrites it)' : ': rewritten'}`);
    stale += r.stale.length;
    if (!check && r.stale.length > 0) writeFileSync(f, r.text);
  }
  if (check && stale > 0) process.exit(1);
  console.log(`docs: ${blocks} output blocks ${check ? 'checked' : 'generated'}${stale && !check ? `, ${stale} rewritten` : ', all current'}`);
}
