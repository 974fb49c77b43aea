/**
 * The `zhengdi` program (docs/cli.md): its commands, built by {@link program} without running
 * it, so tests can drive it in-process. The entry point that runs it is `index.ts`.
 */
import { once } from 'node:events';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { Command, InvalidArgumentError, Option } from 'commander';
import { explainRecord, type Lang } from '../audit/explain';
import { expandRecord, isCompact, parseCompactRecord } from '../audit/compact';
import { jsonOf, parseRecord, type DecisionRecord } from '../audit/record';
import type { ReplayResult } from '../audit/replay';
import { createEngine, type Engine } from '../create-engine';
import { ENGINE_VERSION } from '../version';
import { checkCsvColumns, checkRunFlags } from './checks';
import { registerCompare } from './compare';
import { evaluateRowsHere, evaluateRowsInWorkers } from './evaluate-workers';
import { formatOf, lines, readItems } from './inputs';
import { checkReadable, isGzip, openInput, openOutput, type ByteCounter } from './io';
import { MESSAGES, langOption } from './messages';
import { parseOutputFields, projectChunk, projectLine, type OutputField } from './output-fields';
import { registerParameters } from './parameters';
import { Progress } from './progress';
import { reasonOf, recordLine } from '../records/rows';
import { nodeSha256Hex } from '../node/sha256';
import { RecordSink, ResumeError, type RunFingerprint } from './record-output';
import { CliCommand, UsageError } from './usage';

export { reasonOf };
import { formatTable } from './table';
import { collectParam, engineFrom, engineOptionsFrom, withEngineOptions, type EngineFlags } from './engine-flags';

export { collectParam, engineFrom, engineOptionsFrom, withEngineOptions };
import { registerTestCommand } from './test-cases';
import { registerServe } from './serve';
import { describeFile, registerVerify } from './verify';
import { RecordFileVerifier } from '../records/verify';
import { registerSign } from './sign';




function positiveInt(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isInteger(n) || n < 1 || n > 256) throw new InvalidArgumentError('expected a whole number from 1 to 256');
  return n;
}


function nonNegativeInt(v: string): number {
  if (!/^\d{1,6}$/.test(v)) throw new InvalidArgumentError('expected a whole number');
  return Number(v);
}

function positiveLine(v: string): number {
  if (!/^[1-9]\d{0,9}$/.test(v)) throw new InvalidArgumentError('expected a line number (1, 2, …)');
  return Number(v);
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

/** Records of a JSONL file (or stdin for `-`, gunzipped for `.gz`), with their line numbers. */
async function* recordLines(file: string, counter: ByteCounter): AsyncGenerator<{ line: number; text: string }> {
  const stream = openInput(file, counter); // a missing file is a usage error before a stream exists
  for await (const l of lines(stream)) if (l.text.trim() !== '') yield l;
}

export function program(): Command {
  const prog = new CliCommand('zhengdi')
    .description('Rules for the social security of farmers whose land was expropriated (被征地农民社会保障): decide, record, replay, explain.')
    .version(ENGINE_VERSION)
    .showHelpAfterError('(zhengdi --help, or zhengdi COMMAND --help, for usage)');

  withEngineOptions(prog.command('rulesets').description('list the rulesets (and archived ones) with their windows and hashes'))
    .option('--json', 'print JSON instead of a table')
    .addOption(langOption('en'))
    .action((opts: EngineFlags & { json?: boolean; lang: Lang }) => {
      const engine = engineFrom(opts);
      const M = MESSAGES[opts.lang];
      const list = [...engine.rulesets().map((r) => ({ ...r, archived: false })), ...engine.archivedRulesets().map((r) => ({ ...r, archived: true }))];
      if (opts.json) {
        process.stdout.write(JSON.stringify(list, null, 2) + '\n');
        return;
      }
      const rows = list.map((r) => ({
        [M.id]: r.id + (r.archived ? ' ' + M.archived : ''),
        [M.jurisdiction]: r.jurisdiction,
        [M.kinds]: r.kinds.join(', '),
        [M.version]: r.version,
        [M.from]: r.effectiveFrom,
        [M.to]: r.effectiveTo ?? M.open,
        [M.document]: r.source.docNo,
        [M.hash]: r.hash.slice(0, 12),
      }));
      process.stdout.write(formatTable(rows) + '\n');
    });

  withEngineOptions(prog.command('evaluate').description('decide every input of FILE (.json, .jsonl, .csv) and write decision records as JSONL'))
    .argument('<file>', 'inputs: JSON (one input or an array), JSONL (one per line) or CSV (docs/cli.md); .gz is gunzipped; - reads stdin (JSONL unless --format)')
    .option('-k, --kind <kind>', 'decision kind (e.g. eligibility)')
    .option('-j, --jurisdiction <jurisdiction>', 'jurisdiction (e.g. cn.hunan.shaoyang); optional when one jurisdiction decides the kind')
    .option('--as-of <date>', 'apply the rules and parameters of this date (default: each input\'s decisive date)')
    .option('-p, --param <id=value>', 'parameter override, repeatable', collectParam)
    .option('-o, --out <file>', 'write records to this file instead of stdout (gzip-compressed when it ends in .gz)')
    .addOption(new Option('--record-format <format>', "records written: 'compact' (zhengdi-compact/2: request, outcome figures, ruleset hash, parameter values, reason results; replay, explain and verify read it) or 'full' (zhengdi-record/1: the whole decision with texts, citations and sources)").choices(['compact', 'full']).default('compact'))
    .option('--output-fields <fields>', 'write only the id and these fields of each record (e.g. outcome or outcome,warnings), not whole records; default record', parseOutputFields)
    .addOption(new Option('--format <format>', 'input format when the extension does not say').choices(['json', 'jsonl', 'csv']))
    .option('-w, --workers <n>', 'decide on n worker threads (JSONL input only); the output is the same', positiveInt)
    .option('--resume', 'go on with the interrupted run of the same command (from OUT.partial); the result is the same bytes')
    .option('--no-progress', 'no progress bar even on a terminal')
    .action(async (file: string, opts: EngineFlags & { kind?: string; jurisdiction?: string; asOf?: string; param?: Record<string, string | number>; out?: string; outputFields?: OutputField[] | 'record'; recordFormat: 'compact' | 'full'; format?: string; progress: boolean; workers?: number; resume?: boolean }) => {
      const engineOptions = engineOptionsFrom(opts);
      const engine = createEngine(engineOptions);
      // Run-level mistakes stop the run here, once, before any row (exit code 2).
      checkRunFlags(engine, opts);
      const format = formatOf(file, opts.format);
      if (opts.workers !== undefined && format !== 'jsonl') {
        throw new UsageError(`--workers reads JSONL input (one input per line), not ${format}: convert the file, or leave out --workers`);
      }
      checkReadable(file);
      const fields = opts.outputFields === 'record' ? undefined : opts.outputFields;
      // Whole records to a plain file: sealed, written to OUT.partial and renamed when complete,
      // resumable. Projected fields, a .gz file or stdout are written as a stream.
      const streamed = fields !== undefined || opts.out === undefined || opts.out === '-' || isGzip(opts.out);
      if (opts.resume && streamed) {
        throw new UsageError(opts.out === undefined || opts.out === '-' ? '--resume needs --out: only a file can be resumed' : '--resume goes on with OUT.partial: it needs --out FILE of whole records (not .gz, not --output-fields)');
      }
      const output = streamed ? openOutput(opts.out) : undefined;
      const input = file === '-' ? { size: 0, mtimeMs: 0 } : statSync(file);
      // --output-fields projects fields of full records (its lines are results, not records).
      const recordFormat = fields !== undefined ? 'full' : opts.recordFormat;
      const flags = { kind: opts.kind, jurisdiction: opts.jurisdiction, asOf: opts.asOf, param: opts.param, recordFormat };
      // A plain JSONL file is read in byte ranges of whole lines, decided chunk by chunk (on this
      // thread, or on the workers); standard input, .gz, CSV and JSON row by row (or, with
      // --workers, in chunks of lines this thread reads).
      const chunked = opts.workers !== undefined || (format === 'jsonl' && file !== '-' && !isGzip(file));
      const fingerprint: RunFingerprint = {
        input: file === '-' ? '-' : resolve(file), size: input.size, mtimeMs: input.mtimeMs, mode: chunked ? 'lines' : 'rows',
        options: { ...flags, format, rulesets: opts.rulesets, parameters: opts.parameters, archive: opts.archive },
      };
      let sink: RecordSink | undefined;
      if (!fields) {
        try {
          sink = await RecordSink.open({ out: streamed ? undefined : opts.out, resume: opts.resume === true, fingerprint, stdout: output?.stream ?? process.stdout, notice: (m) => process.stderr.write(`evaluate: ${m}\n`) });
        } catch (e) {
          if (e instanceof ResumeError) throw Object.assign(new Error(e.message), { exitCode: 2 });
          throw e;
        }
      }
      const writer = output && fields ? new ChunkedWriter(output.stream) : undefined;
      const counter: ByteCounter = { read: 0, total: 0 };
      const before = sink?.resumed;
      let rows = before?.rows ?? 0;
      let records = before?.records ?? 0;
      let errors = before?.errors ?? 0;
      let done = before?.done ?? 0;
      let bar: Progress | undefined;
      let stopped: NodeJS.Signals | undefined;
      const onSignal = (signal: NodeJS.Signals) => {
        if (stopped) process.exit(signal === 'SIGINT' ? 130 : 143); // a second signal: stop now
        stopped = signal;
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      const progress = () => ({ done, rows, records, errors });
      try {
        if (chunked) {
          counter.total = input.size;
          const chunks = opts.workers !== undefined ? evaluateRowsInWorkers(file, engineOptions, flags, opts.workers, counter, done) : evaluateRowsHere(file, engine, flags, counter, done);
          for await (const chunk of chunks) {
            bar ??= new Progress(opts.progress, counter, { unit: 'rows', bad: 'errors' });
            rows += chunk.rows;
            records += chunk.records;
            errors += chunk.errors.length;
            done = chunk.end;
            if (chunk.errors.length > 0) bar.log(chunk.errors.join(''));
            if (sink) {
              if ('lines' in chunk) sink.addLines(chunk.lines, chunk.hashes, chunk.ids);
              else sink.addBytes(chunk.bytes, chunk.hashes, chunk.ids);
              await sink.checkpoint(progress());
            } else if (chunk.records > 0) await writer!.write(projectChunk('lines' in chunk ? Buffer.from(chunk.lines.join(''), 'utf8') : chunk.bytes, fields!));
            bar.update(rows, errors);
            if (stopped) break;
          }
        } else {
          let skip = done;
          const onHeader = (specs: Parameters<typeof checkCsvColumns>[1]) => checkCsvColumns(engine, specs, opts.kind, file);
          for await (const item of readItems(file, format, counter, onHeader)) {
            if (skip > 0) {
              skip--;
              continue;
            }
            bar ??= new Progress(opts.progress, counter, { unit: 'rows', bad: 'errors' });
            rows++;
            done++;
            const result = recordLine(engine, item, flags, nodeSha256Hex);
            if ('line' in result) {
              if (sink) sink.add(result);
              else await writer!.write(projectLine(result.line, fields!));
              records++;
            } else {
              errors++;
              bar.log(`${file}: ${item.where}: ${result.error}\n`);
            }
            if (sink?.full) await sink.checkpoint(progress());
            if (rows % 500 === 0) bar.update(rows, errors);
            if (stopped) break;
          }
        }
      } catch (e) {
        bar?.stop();
        if (e instanceof UsageError) throw e; // a run-level mistake found while reading (a CSV header): exit 2, nothing decided
        await sink?.stop();
        const where = opts.out && sink && !streamed ? ` ${opts.out} was not written; ${sink.where} keeps the records decided before (run again with --resume to go on).` : '';
        throw Object.assign(new Error(`${reasonOf(e)}.${where}`), { exitCode: 2 });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      bar?.update(rows, errors);
      bar?.stop();
      if (stopped) {
        await sink?.stop(progress());
        await writer?.flush();
        await output?.end();
        const at = sink ? sink.where : (opts.out ?? 'stdout');
        process.stderr.write(`evaluate: stopped by ${stopped} after ${rows} rows: ${records} records and ${errors} errors so far, written to ${at}${opts.out && !streamed ? `; run the same command with --resume to finish ${opts.out}` : ' (not sealed)'}\n`);
        process.exitCode = stopped === 'SIGINT' ? 130 : 143;
        return;
      }
      await sink?.finish(progress());
      await writer?.flush();
      await output?.end();
      process.stderr.write(`evaluate: ${rows} in, ${records} records, ${errors} errors${before ? ` (resumed after ${before.rows} rows)` : ''}\n`);
      process.exitCode = errors > 0 ? 1 : 0;
    });

  withEngineOptions(prog.command('replay').description('replay decision records and compare them field by field; exit code 0 only when all match'))
    .argument('<file>', 'decision records, one JSON per line (- for stdin)')
    .option('--json', 'print the report as JSON (with line numbers)')
    .option('--max-diffs <n>', 'differences shown per record', nonNegativeInt, 10)
    .addOption(
      new Option('--against <rules>', "'recorded': the ruleset (by hash) and figures each record names; 'in-force': today's rules and figures for its date (what a correction changed)")
        .choices(['recorded', 'in-force'])
        .default('recorded'),
    )
    .option('--no-progress', 'no progress bar even on a terminal')
    .addOption(langOption('en'))
    .action(async (file: string, opts: EngineFlags & { json?: boolean; maxDiffs: number; progress: boolean; lang: Lang; against: 'recorded' | 'in-force' }) => {
      const engine = engineFrom(opts);
      checkReadable(file);
      const M = MESSAGES[opts.lang];
      const counter: ByteCounter = { read: 0, total: 0 };
      const lineOf = new Map<number, number>();
      let current = 0;
      let bar: Progress | undefined;
      const verifier = new RecordFileVerifier({ sha256: nodeSha256Hex });
      async function* texts() {
        for await (const l of recordLines(file, counter)) {
          current = l.line;
          const kind = verifier.line(l.line, l.text);
          if (kind === 'record' || kind === 'invalid') yield l.text; // seal and signature lines are the file's, not records
        }
      }
      const report = await engine.replay(texts(), {
        against: opts.against,
        onRecord: (r: ReplayResult) => {
          if (r.status !== 'matched') lineOf.set(r.index, current);
          bar ??= new Progress(opts.progress, counter, { unit: opts.lang === 'zh' ? '条记录' : 'records', bad: opts.lang === 'zh' ? '条不一致' : 'not matching' });
          if (r.index % 500 === 0) bar.update(r.index + 1, lineOf.size);
        },
      });
      bar?.update(report.total, lineOf.size);
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
        const out: string[] = [M.replayOf(file), ''];
        out.push(formatTable([
          { [M.result]: M.records, [M.count]: report.total },
          { [M.result]: M.matched, [M.count]: report.matched },
          { [M.result]: M.mismatched, [M.count]: report.mismatched.length },
          { [M.result]: M.failed, [M.count]: report.failed.length },
        ]));
        const show = (v: unknown) => (v === undefined ? M.absent : typeof v === 'string' ? v : JSON.stringify(v));
        if (report.mismatched.length > 0) {
          const rows: Array<Record<string, string | number>> = [];
          for (const m of report.mismatched) {
            m.diffs.slice(0, opts.maxDiffs).forEach((d) => rows.push({ [M.line]: lineOf.get(m.index) ?? '', [M.id]: m.id ?? '', [M.path]: d.path, [M.recorded]: show(d.recorded), [M.replayed]: show(d.replayed) }));
            if (m.diffs.length > opts.maxDiffs) rows.push({ [M.line]: lineOf.get(m.index) ?? '', [M.id]: m.id ?? '', [M.path]: M.more(m.diffs.length - opts.maxDiffs), [M.recorded]: '', [M.replayed]: '' });
          }
          out.push('', M.mismatchedTitle, formatTable(rows));
        }
        if (report.failed.length > 0) {
          out.push('', M.failedTitle, formatTable(report.failed.map((f) => ({ [M.line]: lineOf.get(f.index) ?? '', [M.id]: f.id ?? '', [M.code]: f.error.code, [M.reason]: f.error.message }))));
        }
        out.push('', ...describeFile(file, fileReport, opts.lang));
        const allMatch = report.mismatched.length === 0 && report.failed.length === 0;
        out.push('', allMatch && ok ? (opts.against === 'in-force' ? M.allMatchInForce : M.allMatch) : allMatch ? M.fileNotIntact : M.notAllMatch);
        process.stdout.write(out.join('\n') + '\n');
      }
      process.exitCode = ok ? 0 : 1;
    });

  withEngineOptions(prog
    .command('explain')
    .description('print decision records as readable Chinese or English text (compact records are re-derived first)'))
    .argument('<file>', 'decision records, one JSON per line (- for stdin)')
    .addOption(new Option('--lang <lang>', 'language').choices(['zh', 'en']).default('zh'))
    .option('--id <id>', 'only the record with this id')
    .option('--line <n>', 'only the record on this line', positiveLine)
    .action(async (file: string, opts: EngineFlags & { lang: Lang; id?: string; line?: number }) => {
      let engine: Engine | undefined; // loaded for the first compact record only
      let shown = 0;
      let bad = 0;
      const near: string[] = [];
      for await (const { line, text } of recordLines(file, { read: 0, total: 0 })) {
        if (opts.line !== undefined && line !== opts.line) continue;
        if (/^\{"(?:alg|count)":/.test(text) && /"format":"zhengdi-(?:seal|signature)\/1"/.test(text)) continue; // a sealed file's seal and signatures
        try {
          const value = jsonOf(text);
          const compact = isCompact(value) ? parseCompactRecord(value) : undefined;
          const head = compact ?? parseRecord(value);
          if (opts.id !== undefined && head.id !== opts.id) {
            const record = head;
            if (near.length < 5 && typeof record.id === 'string' && (record.id.endsWith('/' + opts.id) || record.id.includes(opts.id))) near.push(record.id);
            continue;
          }
          const record = compact ? expandRecord(compact, (engine ??= engineFrom(opts))) : (head as DecisionRecord);
          process.stdout.write((shown > 0 ? '\n' + '─'.repeat(60) + '\n\n' : '') + explainRecord(record, opts.lang) + '\n');
          shown++;
        } catch (e) {
          bad++;
          process.stderr.write(`${file}: line ${line}: not a decision record: ${reasonOf(e)}\n`);
        }
      }
      if (shown === 0 && bad === 0) {
        const what = opts.id !== undefined ? `no record with id '${opts.id}'` : opts.line !== undefined ? `no record on line ${opts.line}` : 'no record';
        const hint = near.length > 0 ? ` (ids are written whole; did you mean ${near.map((n) => `'${n}'`).join(', ')}?)` : opts.id !== undefined ? ' (record ids look like eligibility/TJ-03: see the "id" of each line)' : '';
        process.stderr.write(`${file}: ${what}${hint}\n`);
      }
      process.exitCode = shown > 0 && bad === 0 ? 0 : 1;
    });
  registerTestCommand(prog, engineFrom as (flags: object) => Engine, withEngineOptions);
  registerServe(prog);
  registerCompare(prog);
  registerParameters(prog);
  registerVerify(prog);
  registerSign(prog);
  return prog;
}
