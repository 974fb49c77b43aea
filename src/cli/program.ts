/**
 * The `zhengdi` program (docs/cli.md): its commands, built by {@link program} without running
 * it, so tests can drive it in-process. The entry point that runs it is `index.ts`.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs';
import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { explainRecord, type Lang } from '../audit/explain';
import { parseRecord } from '../audit/record';
import type { ReplayResult } from '../audit/replay';
import { createEngine, type Engine, type EngineOptions } from '../create-engine';
import { ENGINE_VERSION } from '../version';
import { evaluateRowsInWorkers } from './evaluate-workers';
import { formatOf, lines, readItems, type ByteCounter } from './inputs';
import { reasonOf, recordLine } from './record-line';

export { reasonOf };
import { formatTable } from './table';
import { registerTestCommand } from './test-cases';
import { registerServe } from './serve';

interface EngineFlags {
  rulesets?: string[];
  parameters?: string[];
  archive?: string[];
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

function engineOptionsFrom(flags: EngineFlags): EngineOptions {
  return {
    rulesets: (flags.rulesets ?? []).map(readJson),
    parameters: (flags.parameters ?? []).map(readJson),
    archive: (flags.archive ?? []).map(readJson),
  } as EngineOptions;
}

function engineFrom(flags: EngineFlags): Engine {
  return createEngine(engineOptionsFrom(flags));
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isInteger(n) || n < 1 || n > 256) throw new InvalidArgumentError('expected a whole number from 1 to 256');
  return n;
}

function withEngineOptions(cmd: Command): Command {
  const collect = (v: string, prev: string[] = []) => [...prev, v];
  return cmd
    .option('--rulesets <file>', 'a ruleset file (same id replaces a bundled one); repeatable', collect)
    .option('--parameters <file>', 'a parameter file (same series id replaces a bundled one); repeatable', collect)
    .option('--archive <file>', 'an older ruleset file kept by hash, used only to replay records made under it; repeatable', collect);
}

export function collectParam(value: string, previous: Record<string, string | number> = {}): Record<string, string | number> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError('expected id=value, e.g. cn.hunan.shaoyang.max-per-capita-mu=0.3');
  const raw = value.slice(eq + 1);
  return { ...previous, [value.slice(0, eq)]: /^-?(?:0|[1-9]\d{0,14})$/.test(raw) ? Number(raw) : raw };
}

/** Collects output lines and writes them in chunks of about 64 KB, waiting when the stream is full. */
class ChunkedWriter {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly out: Writable) {}
  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 65_536) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}

function progressBar(enabled: boolean, counter: ByteCounter) {
  if (!enabled || !process.stderr.isTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: ' {bar} {percentage}% | {rows} rows | {errors} errors', hideCursor: true, fps: 5 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(1, counter.total), 0, { rows: 0, errors: 0 });
  return bar;
}

/** Records of a JSONL file (or stdin for `-`), with their line numbers. */
async function* recordLines(file: string, counter: ByteCounter): AsyncGenerator<{ line: number; text: string }> {
  if (file !== '-') counter.total = statSync(file).size; // throws before a stream exists when the file is missing
  const stream = file === '-' ? process.stdin : createReadStream(file);
  if (file !== '-') {
    stream.on('data', (c: Buffer | string) => (counter.read += c.length));
  }
  for await (const l of lines(stream)) if (l.text.trim() !== '') yield l;
}

export function program(): Command {
  const prog = new Command('zhengdi')
    .description('Rules for the social security of farmers whose land was expropriated (被征地农民社会保障): decide, record, replay, explain.')
    .version(ENGINE_VERSION)
    .showHelpAfterError();

  withEngineOptions(prog.command('rulesets').description('list the rulesets (and archived ones) with their windows and hashes'))
    .option('--json', 'print JSON instead of a table')
    .action((opts: EngineFlags & { json?: boolean }) => {
      const engine = engineFrom(opts);
      const list = [...engine.rulesets().map((r) => ({ ...r, archived: false })), ...engine.archivedRulesets().map((r) => ({ ...r, archived: true }))];
      if (opts.json) {
        process.stdout.write(JSON.stringify(list, null, 2) + '\n');
        return;
      }
      const rows = list.map((r) => ({
        id: r.id + (r.archived ? ' (archived)' : ''),
        jurisdiction: r.jurisdiction,
        kinds: r.kinds.join(', '),
        version: r.version,
        from: r.effectiveFrom,
        to: r.effectiveTo ?? 'open',
        document: r.source.docNo,
        hash: r.hash.slice(0, 12),
      }));
      process.stdout.write(formatTable(rows) + '\n');
    });

  withEngineOptions(prog.command('evaluate').description('decide every input of FILE (.json, .jsonl, .csv) and write decision records as JSONL'))
    .argument('<file>', 'inputs: JSON (one input or an array), JSONL (one per line) or CSV (docs/cli.md)')
    .option('-k, --kind <kind>', 'decision kind (e.g. eligibility)')
    .option('-j, --jurisdiction <jurisdiction>', 'jurisdiction (e.g. cn.hunan.shaoyang); optional when one jurisdiction decides the kind')
    .option('--as-of <date>', 'apply the rules and parameters of this date (default: each input\'s decisive date)')
    .option('-p, --param <id=value>', 'parameter override, repeatable', collectParam)
    .option('-o, --out <file>', 'write records to this file instead of stdout')
    .addOption(new Option('--format <format>', 'input format when the extension does not say').choices(['json', 'jsonl', 'csv']))
    .option('-w, --workers <n>', 'decide on n worker threads (JSONL input only); the output is the same', positiveInt)
    .option('--no-progress', 'no progress bar even on a terminal')
    .action(async (file: string, opts: EngineFlags & { kind?: string; jurisdiction?: string; asOf?: string; param?: Record<string, string | number>; out?: string; format?: string; progress: boolean; workers?: number }) => {
      const engineOptions = engineOptionsFrom(opts);
      const engine = createEngine(engineOptions);
      const format = formatOf(file, opts.format);
      if (opts.workers !== undefined && format !== 'jsonl') {
        throw new Error(`--workers reads JSONL input (one input per line), not ${format}: convert the file, or leave out --workers`);
      }
      const out: Writable = opts.out ? createWriteStream(opts.out) : process.stdout;
      const writer = new ChunkedWriter(out);
      const counter: ByteCounter = { read: 0, total: 0 };
      let rows = 0;
      let records = 0;
      let errors = 0;
      let bar: ReturnType<typeof progressBar>;
      if (opts.workers !== undefined) {
        counter.total = statSync(file).size;
        const flags = { kind: opts.kind, jurisdiction: opts.jurisdiction, asOf: opts.asOf, param: opts.param };
        for await (const chunk of evaluateRowsInWorkers(file, engineOptions, flags, opts.workers, counter)) {
          if (rows === 0) bar = progressBar(opts.progress, counter);
          rows += chunk.rows;
          records += chunk.records;
          errors += chunk.errors.length;
          if (chunk.errors.length > 0) {
            bar?.stop();
            process.stderr.write(chunk.errors.join(''));
            bar?.start(Math.max(1, counter.total), counter.read, { rows, errors });
          }
          if (chunk.bytes.length > 0 && !out.write(chunk.bytes)) await once(out, 'drain');
          bar?.update(counter.read, { rows, errors });
        }
      } else {
        for await (const item of readItems(file, format, counter)) {
          if (rows === 0) bar = progressBar(opts.progress, counter);
          rows++;
          const result = recordLine(engine, item, opts);
          if ('line' in result) {
            await writer.write(result.line);
            records++;
          } else {
            errors++;
            bar?.stop();
            process.stderr.write(`${file}: ${item.where}: ${result.error}\n`);
            bar?.start(Math.max(1, counter.total), counter.read, { rows, errors });
          }
          if (bar && rows % 500 === 0) bar.update(counter.read, { rows, errors });
        }
      }
      await writer.flush();
      bar?.update(counter.total, { rows, errors });
      bar?.stop();
      if (opts.out) {
        out.end();
        await once(out, 'finish');
      }
      process.stderr.write(`evaluate: ${rows} in, ${records} records, ${errors} errors\n`);
      process.exitCode = errors > 0 ? 1 : 0;
    });

  withEngineOptions(prog.command('replay').description('replay decision records and compare them field by field; exit code 0 only when all match'))
    .argument('<file>', 'decision records, one JSON per line (- for stdin)')
    .option('--json', 'print the report as JSON (with line numbers)')
    .option('--max-diffs <n>', 'differences shown per record', (v) => Number.parseInt(v, 10), 10)
    .addOption(
      new Option('--against <rules>', "'recorded': the ruleset (by hash) and figures each record names; 'in-force': today's rules and figures for its date (what a correction changed)")
        .choices(['recorded', 'in-force'])
        .default('recorded'),
    )
    .option('--no-progress', 'no progress bar even on a terminal')
    .action(async (file: string, opts: EngineFlags & { json?: boolean; maxDiffs: number; progress: boolean; against: 'recorded' | 'in-force' }) => {
      const engine = engineFrom(opts);
      const counter: ByteCounter = { read: 0, total: 0 };
      const lineOf = new Map<number, number>();
      let current = 0;
      let bar: ReturnType<typeof progressBar>;
      async function* texts() {
        for await (const l of recordLines(file, counter)) {
          current = l.line;
          yield l.text;
        }
      }
      const report = await engine.replay(texts(), {
        against: opts.against,
        onRecord: (r: ReplayResult) => {
          if (r.status !== 'matched') lineOf.set(r.index, current);
          if (r.index === 0) bar = progressBar(opts.progress, counter);
          if (bar && r.index % 500 === 0) bar.update(counter.read, { rows: r.index + 1, errors: lineOf.size });
        },
      });
      bar?.update(counter.total, { rows: report.total, errors: lineOf.size });
      bar?.stop();
      const ok = report.mismatched.length === 0 && report.failed.length === 0;
      if (opts.json) {
        const withLines = {
          ...report,
          mismatched: report.mismatched.map((m) => ({ line: lineOf.get(m.index), ...m })),
          failed: report.failed.map((f) => ({ line: lineOf.get(f.index), ...f })),
        };
        process.stdout.write(JSON.stringify(withLines, null, 2) + '\n');
      } else {
        const out: string[] = [`Replay of ${file}`, ''];
        out.push(formatTable([
          { result: 'records', count: report.total },
          { result: 'matched', count: report.matched },
          { result: 'mismatched', count: report.mismatched.length },
          { result: 'failed', count: report.failed.length },
        ]));
        const show = (v: unknown) => (v === undefined ? '(absent)' : typeof v === 'string' ? v : JSON.stringify(v));
        if (report.mismatched.length > 0) {
          const rows: Array<Record<string, string | number>> = [];
          for (const m of report.mismatched) {
            m.diffs.slice(0, opts.maxDiffs).forEach((d) => rows.push({ line: lineOf.get(m.index) ?? '', id: m.id ?? '', path: d.path, recorded: show(d.recorded), replayed: show(d.replayed) }));
            if (m.diffs.length > opts.maxDiffs) rows.push({ line: lineOf.get(m.index) ?? '', id: m.id ?? '', path: `… ${m.diffs.length - opts.maxDiffs} more`, recorded: '', replayed: '' });
          }
          out.push('', 'Mismatched (recorded ≠ replayed):', formatTable(rows));
        }
        if (report.failed.length > 0) {
          out.push('', 'Failed (could not be replayed):', formatTable(report.failed.map((f) => ({ line: lineOf.get(f.index) ?? '', id: f.id ?? '', code: f.error.code, reason: f.error.message }))));
        }
        out.push('', ok ? (opts.against === 'in-force' ? 'All records match the rules and figures in force today for their dates.' : 'All records match the rules and figures they were made under.') : 'NOT all records match: see above.');
        process.stdout.write(out.join('\n') + '\n');
      }
      process.exitCode = ok ? 0 : 1;
    });

  prog
    .command('explain')
    .description('print decision records as readable Chinese or English text')
    .argument('<file>', 'decision records, one JSON per line (- for stdin)')
    .addOption(new Option('--lang <lang>', 'language').choices(['zh', 'en']).default('zh'))
    .option('--id <id>', 'only the record with this id')
    .option('--line <n>', 'only the record on this line', (v) => Number.parseInt(v, 10))
    .action(async (file: string, opts: { lang: Lang; id?: string; line?: number }) => {
      let shown = 0;
      let bad = 0;
      for await (const { line, text } of recordLines(file, { read: 0, total: 0 })) {
        if (opts.line !== undefined && line !== opts.line) continue;
        try {
          const record = parseRecord(text);
          if (opts.id !== undefined && record.id !== opts.id) continue;
          process.stdout.write((shown > 0 ? '\n' + '─'.repeat(60) + '\n\n' : '') + explainRecord(record, opts.lang) + '\n');
          shown++;
        } catch (e) {
          bad++;
          process.stderr.write(`${file}: line ${line}: not a decision record: ${reasonOf(e)}\n`);
        }
      }
      if (shown === 0 && bad === 0) process.stderr.write(`${file}: no matching record\n`);
      process.exitCode = shown > 0 && bad === 0 ? 0 : 1;
    });
  registerTestCommand(prog, engineFrom as (flags: object) => Engine, withEngineOptions);
  registerServe(prog);
  return prog;
}
