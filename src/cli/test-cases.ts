/**
 * `zhengdi test [PATH…]`: runs the hand-worked cases of rulesets (default: the bundled
 * `rulesets/<jurisdiction>/cases/`). Exit 0 when all pass, 1 when any fails, 2 when a path or a
 * case file cannot be read (before any case runs).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { createRequire } from 'node:module';
import { parseCases, runCase, type CaseResult } from '../cases/run';
import type { Case } from '../cases/case-file';
import type { Engine } from '../create-engine';
import { InputError, formatPath } from '../engine/errors';

const CASE_FILE = /\.(ya?ml|json)$/;

/** The bundled `rulesets/` folder: beside dist/ in the package, two levels up from src/cli/ in a clone. */
export function bundledRulesetsDir(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (const up of ['..', '../..', '../../..']) {
    const dir = resolve(from, up, 'rulesets');
    if (existsSync(dir) && statSync(dir).isDirectory()) return dir;
  }
  return resolve(from, '..', 'rulesets');
}

/** Case files under a path: the file itself, or every case file in `cases/` folders below a folder. */
export function caseFiles(path: string): string[] {
  const st = statSync(path);
  if (st.isFile()) return [path];
  const out: string[] = [];
  const walk = (dir: string, inCases: boolean) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p, inCases || e.name === 'cases');
      else if (inCases && CASE_FILE.test(e.name)) out.push(p);
    }
  };
  walk(path, /(^|[/\\])cases[/\\]?$/.test(path));
  return out;
}

/** The yaml package, loaded the first time a YAML case file is read (not at every start of the CLI). */
let yaml: { parse(text: string): unknown } | undefined;
const parseYaml = (text: string): unknown => (yaml ??= createRequire(import.meta.url)('yaml') as { parse(text: string): unknown }).parse(text);

/** Reads and validates one case file; problems are thrown as one message naming the file. */
export function readCaseFile(file: string): Case[] {
  const text = readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new Error(`${file}: not ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  try {
    return parseCases(raw);
  } catch (e) {
    if (e instanceof InputError) throw new Error(`${file}: not a case file: ${e.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ')}`);
    throw e;
  }
}

const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v));

/** The report of a run, as lines. */
export function formatCaseResults(results: ReadonlyArray<{ file: string; result: CaseResult }>, verbose = false): string[] {
  const out: string[] = [];
  for (const { file, result } of results) {
    if (result.passed && !verbose) continue;
    out.push(`${result.passed ? '✓' : '✗'} ${file}: ${result.name} (${result.clause})`);
    for (const d of result.diffs) out.push(`    ${d.path}: expected ${show(d.expected)}, got ${show(d.got)}`);
  }
  const failed = results.filter((r) => !r.result.passed).length;
  out.push(`${results.length - failed} passed, ${failed} failed`);
  return out;
}

/** Registers `test` on the program. */
export function registerTestCommand(prog: Command, engineFrom: (flags: object) => Engine, withEngineOptions: (c: Command) => Command): void {
  withEngineOptions(prog.command('test').description('run the hand-worked cases of rulesets (default: the bundled rulesets/*/cases/); exit 0 all pass, 1 any fails'))
    .argument('[paths...]', 'case files or folders (their cases/ folders are searched)')
    .option('--verbose', 'list passing cases too')
    .action((paths: string[], opts: { verbose?: boolean }) => {
      const roots = paths.length > 0 ? paths : [bundledRulesetsDir()];
      const files: string[] = [];
      for (const p of roots) {
        if (!existsSync(p)) {
          process.stderr.write(`zhengdi test: ${p}: no such file or folder\n`);
          process.exitCode = 2;
          return;
        }
        files.push(...caseFiles(p));
      }
      if (files.length === 0) {
        process.stderr.write(`zhengdi test: no case files under ${roots.join(', ')} (looked for cases/*.yaml, *.yml, *.json)\n`);
        process.exitCode = 2;
        return;
      }
      let cases: Array<{ file: string; c: Case }>;
      try {
        cases = files.flatMap((f) => readCaseFile(f).map((c) => ({ file: relative(process.cwd(), f) || f, c })));
      } catch (e) {
        process.stderr.write(`zhengdi test: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 2;
        return;
      }
      const engine = engineFrom(opts);
      const results = cases.map(({ file, c }) => ({ file, result: runCase(engine, c) }));
      process.stdout.write(formatCaseResults(results, opts.verbose).join('\n') + '\n');
      process.exitCode = results.every((r) => r.result.passed) ? 0 : 1;
    });
}
