/**
 * The mutation score of all of src/ (docs/quality.md, "Mutation testing"), merged from the parts
 * of scripts/mutation-parts.sh.
 *
 * Two sources, the newest measurement of each file winning:
 * - the archive, docs/mutation/<part>.json (committed): per file, the count of each status, and
 *   the surviving and uncovered mutants, with the date, commit and suite of the run. reports/ is
 *   not committed and a new checkout has none, so a part measured in an earlier session lives on
 *   only there;
 * - this checkout's runs, reports/mutation-<part>.json (a finished part) or its event files
 *   reports/events-<part>/ (a part stopped before the end: only its mutants with a result count,
 *   and the part is named as partial), with reports/meta-<part>.json (written by
 *   mutation-parts.sh).
 *
 *   npx tsx scripts/mutation-summary.ts                      # the tables
 *   npx tsx scripts/mutation-summary.ts --save [part…]       # this checkout's parts into the archive
 *   npx tsx scripts/mutation-summary.ts --survivors [filter] # surviving and uncovered mutants
 *   npx tsx scripts/mutation-summary.ts --write-docs         # the tables into docs/quality.md
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

interface Mutant {
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number } };
}
interface Report {
  files: Record<string, { mutants: Mutant[] }>;
}
interface Count {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  ignored: number;
}
/** One part's results, as the archive keeps them (docs/mutation/<part>.json). */
interface Part {
  part: string;
  /** How the numbers were obtained. */
  source: string;
  /** False for a part stopped before its end: `tested` of `planned` mutants have a result. */
  complete: boolean;
  tested?: number;
  planned?: number;
  /** When the run started (the tests and sources are those of `commit` then). */
  measuredAt: string;
  finishedAt?: string;
  commit: string;
  /** The tree had changes to src/ or test/ beyond `commit`. */
  dirty?: boolean;
  /** STRYKER_SUITE (vitest.stryker.config.ts): all, core or logic. */
  suite: string;
  /** An incremental rerun: the run whose results it reused where code and tests were unchanged. */
  incrementalFrom?: { commit: string; startedAt: string } | null;
  note?: string;
  files: Record<string, Count>;
  /** `file:line:column Status Mutator "replacement"`; null where the report was not kept. */
  survivors: string[] | null;
}

const ARCHIVE = 'docs/mutation';
const DOCS = 'docs/quality.md';

/** Run only as dist/cli.js (a child process) or as the worker script of src/node: see docs/quality.md. */
export const UNREACHABLE_IN_PROCESS = ['src/cli/index.ts', 'src/node/batch-worker.ts'];

// The files each part mutates (as in scripts/mutation-parts.sh). A part's report may also carry
// other files' old results (from its incremental file): only the files it owns are read from it.
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
const zero = (): Count => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0 });
const KEY: Record<string, keyof Count> = { Killed: 'killed', Timeout: 'timeout', Survived: 'survived', NoCoverage: 'noCoverage', Ignored: 'ignored' };
const survivorLine = (f: string, m: Mutant) =>
  `${f}:${m.location.start.line}:${m.location.start.column} ${m.status} ${m.mutatorName} ${JSON.stringify(m.replacement ?? '').slice(0, 100)}`;

/** A part of this checkout's reports/, as the archive would keep it; undefined if it has none. */
function partFromReports(p: string): Part | undefined {
  const owns = OWNS[p]!;
  const byFile = new Map<string, Mutant[]>();
  let complete = true;
  let tested: number | undefined;
  let planned: number | undefined;
  if (existsSync(`reports/mutation-${p}.json`)) {
    const r = JSON.parse(readFileSync(`reports/mutation-${p}.json`, 'utf8')) as Report;
    for (const [f, v] of Object.entries(r.files)) if (owns.test(srcName(f))) byFile.set(srcName(f), v.mutants);
  } else if (existsSync(`reports/events-${p}`)) {
    // Stopped before the end: the results its event-recorder wrote, one file per tested mutant.
    complete = false;
    planned = 0;
    for (const e of readdirSync(`reports/events-${p}`).sort()) {
      const data = JSON.parse(readFileSync(`reports/events-${p}/${e}`, 'utf8')) as { mutantPlans?: unknown[]; fileName?: string } & Mutant;
      if (e.endsWith('-onMutationTestingPlanReady.json')) planned = data.mutantPlans?.length ?? 0;
      else if (e.endsWith('-onMutantTested.json') && data.fileName && owns.test(srcName(data.fileName))) {
        const f = srcName(data.fileName);
        (byFile.get(f) ?? byFile.set(f, []).get(f)!).push(data);
      }
    }
    tested = [...byFile.values()].reduce((n, ms) => n + ms.length, 0);
  } else {
    return undefined;
  }
  // reports/meta-<part>.json, written by mutation-parts.sh (finishedAt once the run has ended)
  type Meta = { suite: string; commit: string; dirty: boolean; startedAt: string; finishedAt?: string; incrementalFrom?: { commit: string; startedAt: string } | null };
  const meta: Meta = existsSync(`reports/meta-${p}.json`)
    ? (JSON.parse(readFileSync(`reports/meta-${p}.json`, 'utf8')) as Meta)
    : { suite: '?', commit: '?', dirty: true, startedAt: '?' };
  const from = meta.incrementalFrom;
  const files: Record<string, Count> = {};
  const survivors: string[] = [];
  for (const [f, ms] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const c = (files[f] = zero());
    for (const m of ms) {
      const k = KEY[m.status];
      if (k) c[k]++;
      if (m.status === 'Survived' || m.status === 'NoCoverage') survivors.push(survivorLine(f, m));
    }
  }
  return {
    part: p,
    source: complete ? 'Stryker JSON report' : 'event files of a run stopped before its end',
    complete,
    ...(complete ? {} : { tested, planned }),
    measuredAt: meta.startedAt,
    ...(complete && meta.finishedAt ? { finishedAt: meta.finishedAt } : {}),
    commit: meta.commit,
    dirty: meta.dirty,
    suite: meta.suite,
    ...(from ? { incrementalFrom: { commit: from.commit, startedAt: from.startedAt } } : {}),
    files,
    survivors: survivors.sort((a, b) => a.localeCompare(b, 'en', { numeric: true })),
  };
}

const archived: Part[] = existsSync(ARCHIVE)
  ? readdirSync(ARCHIVE)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(`${ARCHIVE}/${f}`, 'utf8')) as Part)
  : [];
// --write-docs reads the archive only: the page shows what is committed.
const local = process.argv.includes('--write-docs')
  ? []
  : Object.keys(OWNS)
      .map(partFromReports)
      .filter((p): p is Part => p !== undefined);

if (process.argv.includes('--save')) {
  // --save [part…]: those parts only (default: every part of reports/)
  const only = process.argv.slice(process.argv.indexOf('--save') + 1).filter((a) => !a.startsWith('--'));
  mkdirSync(ARCHIVE, { recursive: true });
  for (const p of local.filter((l) => only.length === 0 || only.includes(l.part))) {
    writeFileSync(`${ARCHIVE}/${p.part}.json`, JSON.stringify(p, null, 2) + '\n');
    console.log(`${ARCHIVE}/${p.part}.json: ${Object.keys(p.files).length} files, ${p.complete ? 'complete' : `partial (${p.tested} of ${p.planned})`}`);
  }
  process.exit(0);
}

// A local part replaces its archived copy; then every file takes its numbers from the newest
// part that measured it.
const parts = [...archived.filter((a) => !local.some((l) => l.part === a.part)), ...local].sort((a, b) => (a.measuredAt < b.measuredAt ? -1 : 1));
const owner = new Map<string, Part>();
for (const p of parts) for (const f of Object.keys(p.files)) owner.set(f, p);

if (process.argv.includes('--survivors')) {
  const filter = process.argv[process.argv.indexOf('--survivors') + 1] ?? '';
  for (const p of parts) {
    const mine = Object.keys(p.files).filter((f) => owner.get(f) === p && f.includes(filter));
    if (mine.length === 0) continue;
    if (p.survivors === null) console.log(`# ${mine.join(', ')}: part ${p.part} (${p.measuredAt}) did not keep its survivors`);
    else for (const s of p.survivors) if (mine.includes(s.slice(0, s.indexOf(':')))) console.log(s);
  }
  process.exit(0);
}

function add(c: Count, d: Count): Count {
  for (const k of Object.keys(c) as (keyof Count)[]) c[k] += d[k];
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

const out: string[] = [];
out.push('| Part | Measured (start) | Tests and sources as of | Suite | Files used | Result | Source |');
out.push('|---|---|---|---|---|---|---|');
for (const p of parts) {
  const used = Object.keys(p.files).filter((f) => owner.get(f) === p).length;
  const status = p.complete ? 'complete' : `stopped: ${p.tested} of ${p.planned} have a result`;
  const reused = p.incrementalFrom ? ` (incremental: results of ${p.incrementalFrom.commit}, ${p.incrementalFrom.startedAt}, kept where code and tests were unchanged)` : '';
  out.push(`| ${p.part} | ${p.measuredAt} | ${p.commit}${p.dirty ? ' (+ uncommitted)' : ''}${reused} | ${p.suite} | ${used} of ${Object.keys(p.files).length} | ${status} | ${p.source} |`);
}
out.push('\n| Scope | Score (total) | Score (covered) | killed | timeout | survived | no coverage | ignored (static) |');
out.push('|---|---|---|---|---|---|---|---|');
const all = zero();
const reachable = zero();
for (const [f, p] of owner) {
  add(all, p.files[f]!);
  if (!UNREACHABLE_IN_PROCESS.includes(f)) add(reachable, p.files[f]!);
}
out.push(row('All of src/ measured', all, true));
out.push(row(`The same without ${UNREACHABLE_IN_PROCESS.join(', ')}`, reachable, true));
// src/kinds/<kind>/ and src/engine/logic/ get their own rows; a file directly in src/ is its own row.
const dirOf = (f: string) => {
  const parts = f.split('/');
  const depth = (f.startsWith('src/kinds/') || f.startsWith('src/engine/logic/')) && parts.length > 3 ? 3 : 2;
  return parts.length > depth ? `${parts.slice(0, depth).join('/')}/` : f;
};
const dirs = new Map<string, Count>();
for (const [f, p] of owner) add(dirs.get(dirOf(f)) ?? dirs.set(dirOf(f), zero()).get(dirOf(f))!, p.files[f]!);
for (const [d, c] of [...dirs].sort()) out.push(row(d, c));
out.push('\n| File | Part | Score (total) | Score (covered) | killed | timeout | survived | no coverage | ignored (static) |');
out.push('|---|---|---|---|---|---|---|---|---|');
for (const [f, p] of [...owner].sort(([a], [b]) => (a < b ? -1 : 1))) {
  out.push(row(f.replace(/^src\//, ''), p.files[f]!).replace(/^\| ([^|]+) \|/, `| $1 | ${p.part} |`));
}

if (process.argv.includes('--write-docs')) {
  // The block between the two markers of docs/quality.md ("The score now") is this output.
  const doc = readFileSync(DOCS, 'utf8');
  const [start, end] = ['<!-- mutation-summary:start -->', '<!-- mutation-summary:end -->'];
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) throw new Error(`${DOCS} has no ${start} … ${end} block`);
  const block = `${start}\n<!-- written by \`npx tsx scripts/mutation-summary.ts --write-docs\` from docs/mutation/*.json -->\n\n${out.join('\n')}\n\n`;
  writeFileSync(DOCS, doc.slice(0, a) + block + doc.slice(b));
  console.log(`${DOCS}: tables written`);
} else {
  console.log(out.join('\n'));
}
