/**
 * The `zhengdi` program (docs/cli.md): its commands, built by {@link program} without running
 * it, so tests can drive it in-process. The entry point that runs it is `index.ts`.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { explainRecord, type Lang } from '../audit/explain';
import { parseRecord } from '../audit/record';
import type { ReplayResult } from '../audit/replay';
import { createEngine, type Engine, type EngineOptions } from '../engine/engine';
import { ENGINE_VERSION } from '../version';
import { evaluateRowsInWorkers } from './evaluate-workers';
import { formatOf, lines, readItems, type ByteCounter } from './inputs';
import { reasonOf, recordLine } from '../records/rows';
import { nodeSha256Hex } from '../node/sha256';
import { RecordSink, ResumeError, type RunFingerprint } from './record-output';

export { reasonOf };
import { formatTable } from './table';
import { describeFile, registerVerify } from './verify';
import { RecordFileVerifier } from '../records/verify';
import { registerSign } from './sign';

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
    .option('--resume', 'go on with the interrupted run of the same command (from OUT.partial); the result is the same bytes')
    .option('--no-progress', 'no progress bar even on a terminal')
    .action(async (file: string, opts: EngineFlags & { kind?: string; jurisdiction?: string; asOf?: string; param?: Record<string, string | number>; out?: string; format?: string; progress: boolean; workers?: number; resume?: boolean }) => {
      const engineOptions = engineOptionsFrom(opts);
      const engine = createEngine(engineOptions);
      const format = formatOf(file, opts.format);
      if (opts.workers !== undefined && format !== 'jsonl') {
        throw new Error(`--workers reads JSONL input (one input per line), not ${format}: convert the file, or leave out --workers`);
      }
      const input = statSync(file);
      const flags = { kind: opts.kind, jurisdiction: opts.jurisdiction, asOf: opts.asOf, param: opts.param };
      const fingerprint: RunFingerprint = {
        input: resolve(file), size: input.size, mtimeMs: input.mtimeMs, mode: opts.workers !== undefined ? 'workers' : 'rows',
        options: { ...flags, format, rulesets: opts.rulesets, parameters: opts.parameters, archive: opts.archive },
      };
      let sink: RecordSink;
      try {
        sink = await RecordSink.open({ out: opts.out, resume: opts.resume === true, fingerprint, stdout: process.stdout, notice: (m) => process.stderr.write(`evaluate: ${m}\n`) });
      } catch (e) {
        if (e instanceof ResumeError) throw Object.assign(new Error(e.message), { exitCode: 2 });
        throw e;
      }
      const counter: ByteCounter = { read: 0, total: 0 };
      const before = sink.resumed;
      let rows = before?.rows ?? 0;
      let records = before?.records ?? 0;
      let errors = before?.errors ?? 0;
      let done = before?.done ?? 0;
      let bar: ReturnType<typeof progressBar>;
      let stopped: NodeJS.Signals | undefined;
      const onSignal = (signal: NodeJS.Signals) => {
        if (stopped) process.exit(signal === 'SIGINT' ? 130 : 143); // a second signal: stop now
        stopped = signal;
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      const progress = () => ({ done, rows, records, errors });
      try {
        if (opts.workers !== undefined) {
          counter.total = input.size;
          for await (const chunk of evaluateRowsInWorkers(file, engineOptions, flags, opts.workers, counter, done)) {
            if (bar === undefined) bar = progressBar(opts.progress, counter);
            rows += chunk.rows;
            records += chunk.records;
            errors += chunk.errors.length;
            done = chunk.end;
            if (chunk.errors.length > 0) {
              bar?.stop();
              process.stderr.write(chunk.errors.join(''));
              bar?.start(Math.max(1, counter.total), counter.read, { rows, errors });
            }
            sink.addBytes(chunk.bytes, chunk.hashes, chunk.ids);
            await sink.checkpoint(progress());
            bar?.update(counter.read, { rows, errors });
            if (stopped) break;
          }
        } else {
          let skip = done;
          for await (const item of readItems(file, format, counter)) {
            if (skip > 0) {
              skip--;
              continue;
            }
            if (bar === undefined) bar = progressBar(opts.progress, counter);
            rows++;
            done++;
            const result = recordLine(engine, item, opts, nodeSha256Hex);
            if ('line' in result) {
              sink.add(result);
              records++;
            } else {
              errors++;
              bar?.stop();
              process.stderr.write(`${file}: ${item.where}: ${result.error}\n`);
              bar?.start(Math.max(1, counter.total), counter.read, { rows, errors });
            }
            if (sink.full) await sink.checkpoint(progress());
            if (bar && rows % 500 === 0) bar.update(counter.read, { rows, errors });
            if (stopped) break;
          }
        }
      } catch (e) {
        bar?.stop();
        await sink.stop();
        const where = opts.out ? ` ${opts.out} was not written; ${sink.where} keeps the records decided before (run again with --resume to go on).` : '';
        throw Object.assign(new Error(`${reasonOf(e)}.${where}`), { exitCode: 2 });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      bar?.update(counter.total, { rows, errors });
      bar?.stop();
      if (stopped) {
        await sink.stop(progress());
        process.stderr.write(`evaluate: stopped by ${stopped} after ${rows} rows: ${records} records and ${errors} errors so far, written to ${sink.where}${opts.out ? `; run the same command with --resume to finish ${opts.out}` : ' (not sealed)'}\n`);
        process.exitCode = stopped === 'SIGINT' ? 130 : 143;
        return;
      }
      await sink.finish(progress());
      process.stderr.write(`evaluate: ${rows} in, ${records} records, ${errors} errors${before ? ` (resumed after ${before.rows} rows)` : ''}\n`);
      process.exitCode = errors > 0 ? 1 : 0;
    });

  withEngineOptions(prog.command('replay').description('replay decision records and compare them field by field; exit code 0 only when all match'))
    .argument('<file>', 'decision records, one JSON per line (- for stdin)')
    .option('--json', 'print the report as JSON (with line numbers)')
    .option('--max-diffs <n>', 'differences shown per record', (v) => Number.parseInt(v, 10), 10)
    .option('--no-progress', 'no progress bar even on a terminal')
    .action(async (file: string, opts: EngineFlags & { json?: boolean; maxDiffs: number; progress: boolean }) => {
      const engine = engineFrom(opts);
      const counter: ByteCounter = { read: 0, total: 0 };
      const lineOf = new Map<number, number>();
      let current = 0;
      let bar: ReturnType<typeof progressBar>;
      const verifier = new RecordFileVerifier({ sha256: nodeSha256Hex });
      async function* texts() {
        for await (const l of recordLines(file, counter)) {
          current = l.line;
          const kind = verifier.line(l.line, l.text);
          if (kind === 'record' || kind === 'invalid') yield l.text; // seal and signature lines are the file's, not records
        }
      }
      const report = await engine.replay(texts(), {
        onRecord: (r: ReplayResult) => {
          if (r.status !== 'matched') lineOf.set(r.index, current);
          if (r.index === 0) bar = progressBar(opts.progress, counter);
          if (bar && r.index % 500 === 0) bar.update(counter.read, { rows: r.index + 1, errors: lineOf.size });
        },
      });
      bar?.update(counter.total, { rows: report.total, errors: lineOf.size });
      bar?.stop();
      const verified = verifier.end();
      // A record that no longer matches its own hash is already a difference at `recordHash`.
      const fileProblems = verified.problems.filter((p) => p.code !== 'HASH_MISMATCH');
      const fileReport = { ...verified, problems: fileProblems, status: verified.status === 'broken' && fileProblems.length === 0 ? (verified.seal ? 'intact' : 'unsealed') : verified.status } as typeof verified;
      const ok = report.mismatched.length === 0 && report.failed.length === 0 && fileReport.status !== 'broken';
      if (opts.json) {
        const withLines = {
          ...report,
          file: fileReport,
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
        out.push('', ...describeFile(file, fileReport));
        const allMatch = report.mismatched.length === 0 && report.failed.length === 0;
        out.push('', allMatch && ok ? 'All records match the rules in force on their dates.' : allMatch ? 'All records match, but the FILE is NOT intact: see above.' : 'NOT all records match: see above.');
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
        if (/^\{"(?:alg|count)":/.test(text) && /"format":"zhengdi-(?:seal|signature)\/1"/.test(text)) continue; // a sealed file's seal and signatures
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
  registerVerify(prog);
  registerSign(prog);
  return prog;
}
