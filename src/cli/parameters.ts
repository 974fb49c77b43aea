/**
 * `zhengdi parameters [--on DATE] [--jurisdiction J] [--id ID]`: the parameter series the
 * engine knows, as a table in one language or as JSON. With `--on`, the value each series has
 * in force on that date (a series with none is marked); without it, every dated value (each
 * series' history). `--jurisdiction` keeps the series that apply there: its own and those of the
 * jurisdictions it belongs to (`cn.shanghai` for `cn.shanghai.baoshan.gucun`).
 */
import type { Command } from 'commander';
import type { ParameterSeries } from '../engine/parameters';
import { jurisdictionChain } from '../engine/jurisdiction';
import { isoDate } from '../engine/schemas';
import { engineFrom, withEngineOptions } from './engine-flags';
import { MESSAGES, langOption, type Lang } from './messages';
import { formatTable } from './table';
import { UsageError, unknownValue } from './usage';

interface ParametersFlags {
  on?: string;
  jurisdiction?: string;
  id?: string[];
  json?: boolean;
  lang: Lang;
  rulesets?: string[];
  parameters?: string[];
  archive?: string[];
}

/** One row per dated value (or per series on a date): what the table and the JSON show. */
export interface ParameterRow {
  id: string;
  jurisdiction: string;
  description: { zh: string; en: string };
  unit: string;
  /** The value (a list joined with ", "); a derived value on its first day, or on `--on`. */
  value: string | number | null;
  /** For a derived value: its formula, as JSON Logic text. */
  formula?: string;
  from: string | null;
  to: string | null;
  verified: boolean | null;
  evidence: string | null;
  source: string | null;
}

/** The rows of `zhengdi parameters` for these series. */
export function parameterRows(series: readonly ParameterSeries[], on: string | undefined, valueOn?: (id: string, date: string) => { value: unknown; from?: string; to?: string | null } | undefined): ParameterRow[] {
  const rows: ParameterRow[] = [];
  for (const s of series) {
    const base = { id: s.id, jurisdiction: s.jurisdiction, description: { zh: s.description.zh, en: s.description.en }, unit: s.unit };
    const values = on === undefined ? s.values : s.values.filter((v) => v.from <= on && (v.to === null || on <= v.to));
    if (values.length === 0) rows.push({ ...base, value: null, from: null, to: null, verified: null, evidence: null, source: null });
    for (const v of values) {
      const evidence = (v as { evidence?: string }).evidence ?? null;
      const formula = (v as { formula?: unknown }).formula;
      // A derived value has a formula, not a value: computed on the day asked for (or its first day).
      const computed = v.value === undefined ? valueOn?.(s.id, on ?? v.from) : undefined;
      const raw = v.value !== undefined ? v.value : computed?.value;
      const value = Array.isArray(raw) ? raw.join(', ') : typeof raw === 'string' || typeof raw === 'number' ? raw : null;
      // On a date, a derived value holds for the days its inputs keep their values.
      const from = on !== undefined && computed?.from !== undefined ? computed.from : v.from;
      const to = on !== undefined && computed?.to !== undefined ? computed.to : v.to;
      rows.push({ ...base, value, ...(formula !== undefined ? { formula: JSON.stringify(formula) } : {}), from, to, verified: v.verified, evidence, source: v.source });
    }
  }
  return rows;
}

/** Registers `zhengdi parameters`. */
export function registerParameters(prog: Command): void {
  const collect = (v: string, prev: string[] = []) => [...prev, v];
  withEngineOptions(prog.command('parameters').description('list the parameter series: the values in force on a date (--on), or every dated value'))
    .option('--on <date>', 'the values in force on this date (YYYY-MM-DD); default: every value of each series')
    .option('-j, --jurisdiction <jurisdiction>', 'only the series that apply in this jurisdiction (its own and its parents\')')
    .option('--id <id>', 'only this series (its history without --on); repeatable', collect)
    .option('--json', 'print JSON instead of a table')
    .addOption(langOption('en'))
    .action((opts: ParametersFlags) => {
      const engine = engineFrom(opts);
      const problems: string[] = [];
      if (opts.on !== undefined && !isoDate.safeParse(opts.on).success) problems.push(`--on: '${opts.on}' is not a date YYYY-MM-DD`);
      let series = engine.parameterSeries();
      const ids = series.map((s) => s.id);
      for (const id of opts.id ?? []) if (!ids.includes(id)) problems.push(`--id: ${unknownValue('parameter', id, ids)}`);
      if (opts.jurisdiction !== undefined) {
        const known = [...new Set([...engine.rulesets().map((r) => r.jurisdiction), ...series.map((s) => s.jurisdiction)])].sort();
        if (!known.includes(opts.jurisdiction)) problems.push(`--jurisdiction: ${unknownValue('jurisdiction', opts.jurisdiction, known)}`);
      }
      if (problems.length > 0) throw new UsageError(problems.join('\n'));
      if (opts.jurisdiction !== undefined) {
        const chain = new Set(jurisdictionChain(opts.jurisdiction));
        series = series.filter((s) => chain.has(s.jurisdiction));
      }
      if (opts.id) series = series.filter((s) => opts.id!.includes(s.id));
      const rows = parameterRows(series, opts.on, (id, date) => engine.parameterOn(id, date) as { value: unknown; from?: string; to?: string | null } | undefined);
      if (opts.json) {
        process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      const M = MESSAGES[opts.lang];
      const title = opts.on !== undefined ? M.parametersOn(opts.on, opts.jurisdiction) : opts.id?.length === 1 ? M.historyOf(opts.id[0]!) : undefined;
      const table = formatTable(
        rows.map((r) => ({
          [M.parameter]: r.id,
          [M.value]: r.value === null ? M.notInForce : String(r.value),
          [M.unit]: M.units[r.unit] ?? r.unit,
          [M.since]: r.from ?? '',
          [M.until]: r.from === null ? '' : (r.to ?? M.open),
          [M.verified]: r.verified === null ? '' : r.verified ? M.yes : M.no,
          [M.source]: r.source ?? r.description[opts.lang],
        })),
      );
      process.stdout.write((title !== undefined ? title + '\n\n' : '') + table + '\n');
    });
}
