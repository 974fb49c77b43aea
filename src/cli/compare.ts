/**
 * `zhengdi compare FILE --kind K --set id=value…`: what-if. Decides every input under the
 * rules and parameters in force (the baseline) and under a reform (parameter overrides with
 * `--set`, other parameter or ruleset files with `--reform-parameters` / `--reform-rulesets`),
 * and prints what changed: counts, eligibility gained and lost, amounts and amounts by payer,
 * and the inputs whose outcome changed. The library's `compare` (src/analysis/compare.ts) does
 * the work.
 */
import type { Command } from 'commander';
import { compare, type Comparison } from '../analysis/compare';
import { createEngine, type ParameterOverrides } from '../create-engine';
import type { Kind } from '../kinds';
import { checkCsvColumns, checkRunFlags } from './checks';
import { formatOf, readItems } from './inputs';
import { checkReadable, readJsonFile, type ByteCounter } from './io';
import { MESSAGES, langOption, type Lang } from './messages';
import { collectParam, engineOptionsFrom, withEngineOptions } from './engine-flags';
import { formatTable } from './table';
import { UsageError } from './usage';

interface CompareFlags {
  kind: string;
  jurisdiction?: string;
  asOf?: string;
  param?: Record<string, string | number>;
  set?: Record<string, string | number>;
  reformRulesets?: string[];
  reformParameters?: string[];
  rulesets?: string[];
  parameters?: string[];
  archive?: string[];
  format?: string;
  json?: boolean;
  all?: boolean;
  limit: number;
  lang: Lang;
}

/** The comparison as text in one language: totals, by payer, then the changed inputs. */
export function formatComparison(cmp: Comparison, ids: readonly string[], lang: Lang, limit: number): string {
  const M = MESSAGES[lang];
  const t = cmp.totals;
  const out: string[] = [M.compareTitle(cmp.kind, cmp.labels.baseline, cmp.labels.reform), ''];
  const rows: Array<Record<string, string | number>> = [
    { [M.what]: M.inputs, [M.baseline]: t.items, [M.reform]: t.items, [M.delta]: '' },
    { [M.what]: M.changed, [M.baseline]: '', [M.reform]: t.changed, [M.delta]: '' },
    { [M.what]: M.errors, [M.baseline]: t.errors.baseline, [M.reform]: t.errors.reform, [M.delta]: t.errors.reform - t.errors.baseline },
  ];
  if (t.eligible.baseline + t.eligible.reform > 0) {
    rows.push({ [M.what]: M.eligible, [M.baseline]: t.eligible.baseline, [M.reform]: t.eligible.reform, [M.delta]: `+${t.eligible.gained} −${t.eligible.lost}` });
  }
  if (t.amount.baseline !== '0.00' || t.amount.reform !== '0.00') {
    rows.push({ [M.what]: M.amount, [M.baseline]: t.amount.baseline, [M.reform]: t.amount.reform, [M.delta]: t.amount.delta });
  }
  out.push(M.totals, formatTable(rows));
  const payers = Object.entries(t.byPayer);
  if (payers.length > 0) {
    out.push('', M.byPayer, formatTable(payers.map(([p, c]) => ({ [M.payer]: M.payers[p] ?? p, [M.baseline]: c.baseline, [M.reform]: c.reform, [M.delta]: c.delta }))));
  }
  const changed = cmp.items.filter((i) => i.changed);
  if (changed.length > 0) {
    const withApplicants = t.eligible.baseline + t.eligible.reform > 0;
    const shown = changed.slice(0, limit).map((i) => ({
      [M.id]: ids[i.index] ?? String(i.index + 1),
      ...(withApplicants ? { [M.gained]: i.gained.join(', '), [M.lost]: i.lost.join(', ') } : {}),
      [M.diffs]: i.diffs.slice(0, 3).map((d) => `${d.path}: ${JSON.stringify(d.baseline)} → ${JSON.stringify(d.reform)}`).join('; ') + (i.diffs.length > 3 ? ` ${M.more(i.diffs.length - 3)}` : ''),
    }));
    out.push('', M.changedItems, formatTable(shown));
    if (changed.length > limit) out.push(M.more(changed.length - limit));
  }
  return out.join('\n');
}

/** Registers `zhengdi compare`. */
export function registerCompare(prog: Command): void {
  const collect = (v: string, prev: string[] = []) => [...prev, v];
  withEngineOptions(prog.command('compare').description('what-if: decide every input of FILE under the rules in force and under a reform, and show what changes'))
    .argument('<file>', 'inputs, as for evaluate (.json, .jsonl, .csv, .gz, - for stdin)')
    .requiredOption('-k, --kind <kind>', 'decision kind (e.g. eligibility, payout)')
    .option('-j, --jurisdiction <jurisdiction>', 'jurisdiction; optional when one jurisdiction decides the kind')
    .option('--as-of <date>', 'apply the rules of this date on both sides (default: each input\'s decisive date)')
    .option('-p, --param <id=value>', 'parameter override on both sides, repeatable', collectParam)
    .option('-s, --set <id=value>', 'the reform: a parameter override on the reform side only, repeatable', collectParam)
    .option('--reform-rulesets <file>', 'the reform: a ruleset file used on the reform side only; repeatable', collect)
    .option('--reform-parameters <file>', 'the reform: a parameter file used on the reform side only; repeatable', collect)
    .option('--format <format>', 'input format when the extension does not say (json, jsonl, csv)')
    .option('--json', 'print the comparison as JSON (totals, and per changed input its id, differences, gained and lost)')
    .option('--all', 'with --json, every input, not only the changed ones')
    .option('--limit <n>', 'changed inputs listed in the text output', (v) => Number.parseInt(v, 10), 20)
    .addOption(langOption('en'))
    .action(async (file: string, opts: CompareFlags) => {
      const options = engineOptionsFrom(opts);
      const baselineEngine = createEngine(options);
      const reformFiles = [...(opts.reformRulesets ?? []), ...(opts.reformParameters ?? [])];
      const reformEngine = reformFiles.length > 0
        ? createEngine({ ...options, rulesets: [...(options.rulesets ?? []), ...(opts.reformRulesets ?? []).map(readJsonFile)], parameters: [...(options.parameters ?? []), ...(opts.reformParameters ?? []).map(readJsonFile)] } as typeof options)
        : baselineEngine;
      checkRunFlags(baselineEngine, { kind: opts.kind, jurisdiction: opts.jurisdiction, asOf: opts.asOf, param: { ...opts.param, ...opts.set } });
      if (!opts.set && reformFiles.length === 0) throw new UsageError('compare: no reform: give --set id=value, --reform-parameters FILE or --reform-rulesets FILE');
      const format = formatOf(file, opts.format);
      checkReadable(file);
      const counter: ByteCounter = { read: 0, total: 0 };
      const ids: string[] = [];
      let unread = 0;
      const onHeader = (specs: Parameters<typeof checkCsvColumns>[1]) => checkCsvColumns(baselineEngine, specs, opts.kind, file);
      async function* inputs(): AsyncGenerator<unknown> {
        for await (const item of readItems(file, format, counter, onHeader)) {
          let problem: string | undefined;
          if ('error' in item) problem = item.error;
          else {
            const r = item.request;
            if ((r.kind && r.kind !== opts.kind) || (r.jurisdiction && r.jurisdiction !== opts.jurisdiction) || r.asOf || r.parameters) {
              problem = 'compare decides every row with --kind, --jurisdiction, --as-of and --param: a row may not set its own';
            }
          }
          if (problem !== undefined) {
            unread++;
            process.stderr.write(`${file}: ${item.where}: ${problem}\n`);
            continue;
          }
          ids.push((item as { request: { id?: string } }).request.id ?? item.defaultId);
          yield (item as { request: { input: unknown } }).request.input;
        }
      }
      const label = opts.set ? Object.entries(opts.set).map(([k, v]) => `${k}=${v}`).join(', ') : reformFiles.join(', ');
      const cmp = await compare(
        { label: MESSAGES[opts.lang].baseline, engine: baselineEngine },
        { label: `${MESSAGES[opts.lang].reform} (${label})`, engine: reformEngine, parameters: opts.set as ParameterOverrides | undefined },
        inputs(),
        { kind: opts.kind as Kind, keep: opts.json && opts.all ? 'all' : 'changed', ...(opts.jurisdiction ? { jurisdiction: opts.jurisdiction } : {}), ...(opts.asOf ? { asOf: opts.asOf } : {}), ...(opts.param ? { parameters: opts.param } : {}) },
      );
      if (opts.json) {
        const items = cmp.items.map((i) => ({
          id: ids[i.index],
          index: i.index,
          changed: i.changed,
          diffs: i.diffs,
          gained: i.gained,
          lost: i.lost,
          ...('error' in i.baseline ? { baselineError: i.baseline.error } : {}),
          ...('error' in i.reform ? { reformError: i.reform.error } : {}),
        }));
        process.stdout.write(JSON.stringify({ kind: cmp.kind, labels: cmp.labels, totals: cmp.totals, unread, items }, null, 2) + '\n');
      } else {
        process.stdout.write(formatComparison(cmp, ids, opts.lang, opts.limit) + '\n');
      }
      const failed = unread + cmp.totals.errors.baseline + cmp.totals.errors.reform;
      process.exitCode = failed > 0 ? 1 : 0;
    });
}
