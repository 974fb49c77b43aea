/**
 * Merges the Stryker JSON reports of scripts/mutation-parts.sh (reports/mutation-<part>.json)
 * and prints the tables of docs/quality.md ("Mutation testing"): per directory, per file, and
 * the totals over all of src/ and over src/ without the files only a child process or a worker
 * thread runs. `--survivors [path-substring]` lists the surviving and uncovered mutants.
 *
 * A part that was stopped before the end has no report; its mutants tested so far are read from
 * its event files (reports/events-<part>/, the event-recorder reporter) and the part is named as
 * partial, with how many of its mutants have a result.
 *
 *   npx tsx scripts/mutation-summary.ts [--survivors [filter]]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

interface Mutant {
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number } };
}
interface Report {
  files: Record<string, { mutants: Mutant[] }>;
}

/** Run only as dist/cli.js (a child process) or as the worker script of src/node: see docs/quality.md. */
export const UNREACHABLE_IN_PROCESS = ['src/cli/index.ts', 'src/node/batch-worker.ts'];

// The files each part mutates (as in scripts/mutation-parts.sh). A part's report may also carry
// other files' old results (from its incremental file); a file's numbers come from the last part
// listed here that mutates it.
const OWNS: Record<string, RegExp> = {
  rest: /^src\/([^/]+\.ts|audit\/|analysis\/|batch\/|cli\/|node\/)/,
  logic: /^src\/engine\/(logic\/|(parameters|schemas|errors|items|money|ruleset|ruleset-file)\.ts$)/,
  engine: /^src\/engine\/(engine|context|dates|decimal|jurisdiction|canonical-json)\.ts$/,
  kinds: /^src\/kinds\//,
  cli: /^src\/cli\/(csv-row|inputs|table|record-line|decide-rows)\.ts$/,
  audit: /^src\/([^/]+\.ts|audit\/|analysis\/|batch\/)/,
  program: /^src\/cli\/(program|index)\.ts$/,
  node: /^src\/(node\/|cli\/evaluate-workers\.ts$)/,
  logic1: /^src\/engine\/(parameters|schemas|errors|items|money|ruleset-file)\.ts$/,
  logic2: /^src\/engine\/(logic\/|ruleset\.ts$)/,
};
const srcName = (f: string) => f.replace(/^.*?(src\/)/, '$1');
const files = new Map<string, Mutant[]>();
/** Parts read from their event files (stopped before the end): part → [tested, planned]. */
const partial = new Map<string, [number, number]>();
const parts = Object.keys(OWNS).filter((p) => existsSync(`reports/mutation-${p}.json`) || existsSync(`reports/events-${p}`));
for (const p of parts) {
  if (existsSync(`reports/mutation-${p}.json`)) {
    const r = JSON.parse(readFileSync(`reports/mutation-${p}.json`, 'utf8')) as Report;
    for (const [f, v] of Object.entries(r.files)) if (OWNS[p]!.test(srcName(f))) files.set(srcName(f), v.mutants);
    continue;
  }
  // A part without its report: the results its event-recorder wrote, one file per tested mutant.
  const dir = `reports/events-${p}`;
  const byFile = new Map<string, Mutant[]>();
  let planned = 0;
  for (const e of readdirSync(dir).sort()) {
    const data = JSON.parse(readFileSync(`${dir}/${e}`, 'utf8')) as { mutantPlans?: unknown[]; fileName?: string } & Mutant;
    if (e.endsWith('-onMutationTestingPlanReady.json')) planned = data.mutantPlans?.length ?? 0;
    else if (e.endsWith('-onMutantTested.json') && data.fileName && OWNS[p]!.test(srcName(data.fileName))) {
      const f = srcName(data.fileName);
      (byFile.get(f) ?? byFile.set(f, []).get(f)!).push(data);
    }
  }
  let tested = 0;
  for (const [f, ms] of byFile) {
    files.set(f, ms);
    tested += ms.length;
  }
  partial.set(p, [tested, planned]);
}

interface Count {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  ignored: number;
}
const zero = (): Count => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0 });
function add(c: Count, ms: readonly Mutant[]): Count {
  for (const m of ms) {
    if (m.status === 'Killed') c.killed++;
    else if (m.status === 'Timeout') c.timeout++;
    else if (m.status === 'Survived') c.survived++;
    else if (m.status === 'NoCoverage') c.noCoverage++;
    else if (m.status === 'Ignored') c.ignored++;
  }
  return c;
}
const pct = (n: number, d: number) => (d === 0 ? 'n/a' : ((100 * n) / d).toFixed(2));
function row(name: string, c: Count, bold = false): string {
  const detected = c.killed + c.timeout;
  const total = pct(detected, detected + c.survived + c.noCoverage);
  const covered = pct(detected, detected + c.survived);
  const b = (s: string) => (bold ? `**${s}**` : s);
  return `| ${b(name)} | ${b(total)} | ${covered} | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage} | ${c.ignored} |`;
}

if (process.argv.includes('--survivors')) {
  const filter = process.argv[process.argv.indexOf('--survivors') + 1] ?? '';
  for (const [f, ms] of [...files].sort()) {
    if (!f.includes(filter)) continue;
    for (const m of ms) {
      if (m.status === 'Survived' || m.status === 'NoCoverage') {
        console.log(`${f}:${m.location.start.line}:${m.location.start.column} ${m.status} ${m.mutatorName} ${JSON.stringify(m.replacement ?? '').slice(0, 100)}`);
      }
    }
  }
} else {
  console.log(`parts: ${parts.join(', ')}\n`);
  for (const [p, [tested, planned]] of partial) {
    console.log(`part ${p} stopped before the end: ${tested} of ${planned} mutants (ignored ones included) have a result; its files count only those\n`);
  }
  console.log('| Scope | Score (total) | Score (covered) | killed | timeout | survived | no coverage | ignored (static) |');
  console.log('|---|---|---|---|---|---|---|---|');
  const all = zero();
  const reachable = zero();
  for (const [f, ms] of files) {
    add(all, ms);
    if (!UNREACHABLE_IN_PROCESS.includes(f)) add(reachable, ms);
  }
  console.log(row('All files measured', all, true));
  console.log(row(`The same without ${UNREACHABLE_IN_PROCESS.join(', ')}`, reachable, true));
  const dirOf = (f: string) => f.split('/').slice(0, f.startsWith('src/kinds/') || f.startsWith('src/engine/logic/') ? 3 : 2).join('/') + (f.split('/').length > 2 ? '/' : '');
  const dirs = new Map<string, Count>();
  for (const [f, ms] of files) add(dirs.get(dirOf(f)) ?? dirs.set(dirOf(f), zero()).get(dirOf(f))!, ms);
  for (const [d, c] of [...dirs].sort()) console.log(row(d, c));
  console.log('\n| File | Score (total) | Score (covered) | killed | timeout | survived | no coverage | ignored (static) |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [f, ms] of [...files].sort()) console.log(row(f.replace(/^src\//, ''), add(zero(), ms)));
}
