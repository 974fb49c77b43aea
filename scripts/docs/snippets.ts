/**
 * `npm run docs:check` (part 1): every ```ts block of README.md and docs/ is type-checked with
 * `strict` against the built package (as a user's code sees it: `import … from 'zhengdi-rules'`)
 * and run with tsx from the repository root, unless the comment before it says
 * `<!-- doc-check: typecheck-only (why) -->` or `<!-- doc-check: skip (why) -->`. A file's
 * `<!-- doc-prelude … -->` is put before each later block (scripts/docs/blocks.ts). Errors are
 * reported at the doc's own file and line. Needs `npm run build` first.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allBlocks, type Block } from './blocks';

const root = new URL('../../', import.meta.url).pathname;
const dir = join(root, '.doc-check');

interface Unit {
  block: Block;
  path: string;
  /** Lines before the block's first line in the generated file. */
  offset: number;
}

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: 'es2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    types: ['node'],
    skipLibCheck: true,
    noUnusedLocals: false,
    isolatedModules: true,
  },
  include: ['*.ts'],
};

function units(blocks: Block[]): Unit[] {
  return blocks.map((block, i) => {
    const name = `${block.file.replace(/[^A-Za-z0-9]+/g, '-')}-${block.line}.ts`;
    const head = `// ${block.file}:${block.line}\n${block.prelude}${block.prelude.endsWith('\n') || block.prelude === '' ? '' : '\n'}`;
    // `export {}` makes every block a module, so its names do not clash with another block's.
    writeFileSync(join(dir, name), `${head}${block.code}\nexport {};\n`);
    return { block, path: join(dir, name), offset: head.split('\n').length - 1, index: i };
  });
}

function main(): void {
  const blocks = allBlocks(root).filter((b) => b.lang === 'ts' || b.lang === 'typescript');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  const checked = units(blocks.filter((b) => b.mode !== 'skip'));
  const problems: string[] = [];
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { cwd: root, encoding: 'utf8' });
  } catch (e) {
    const out = (e as { stdout?: string }).stdout ?? String(e);
    for (const line of out.split('\n')) {
      const m = /^(?:.*\/)?\.doc-check\/([^()]+)\((\d+),(\d+)\): (.*)$/.exec(line) ?? /^([^()]+\.ts)\((\d+),(\d+)\): (.*)$/.exec(line);
      if (!m) {
        if (line.trim()) problems.push(`  ${line}`);
        continue;
      }
      const u = checked.find((x) => x.path.endsWith('/' + m[1]));
      const at = u ? (Number(m[2]) > u.offset ? `${u.block.file}:${u.block.line + Number(m[2]) - u.offset}` : `${u.block.file}:${u.block.line} (prelude line ${m[2]})`) : m[1];
      problems.push(`${at}: ${m[4]}`);
    }
  }
  let ran = 0;
  for (const u of checked.filter((x) => x.block.mode === 'check')) {
    try {
      execFileSync(process.execPath, ['--import', 'tsx', u.path], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
      ran++;
    } catch (e) {
      const err = (e as { stderr?: string }).stderr ?? String(e);
      problems.push(`${u.block.file}:${u.block.line}: the snippet fails when run:\n    ${err.trim().split('\n').slice(0, 6).join('\n    ')}`);
    }
  }
  const skipped = blocks.filter((b) => b.mode === 'skip').length;
  if (problems.length > 0) {
    console.error(`docs: ${problems.length} problem(s) in the TypeScript snippets of README.md and docs/:\n${problems.join('\n')}`);
    process.exit(1);
  }
  console.log(`docs: ${checked.length} TypeScript snippets type-check (strict), ${ran} ran${skipped ? `, ${skipped} skipped with a reason` : ''}`);
}

main();
