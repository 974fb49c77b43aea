/**
 * Replay: re-evaluates recorded decisions with the ruleset they name and compares them field by
 * field. Pure and browser-safe; works on arrays, iterables and async iterables (streams).
 */
import type { AnyDecision, EngineCore } from '../engine/engine';
import { InputError, ZhengdiError, formatPath } from '../engine/errors';
import type { RulesetSummary } from '../engine/ruleset';
import { diffDecisions, type Diff } from './diff';
import { COMPACT_FORMAT, compactDecisionDiffs, compactRulesetHash, isCompact, parseCompactRecord, rederive, type AnyCompactRecord } from './compact';
import { jsonOf, parseRecord, recordHashOf, type DecisionRecord } from './record';

/**
 * Why a record could not be replayed (`code` is stable).
 *
 * @example
 * ```ts
 * const e: ReplayError = { code: 'UNKNOWN_RULESET', message: 'no ruleset with hash …' };
 * ```
 */
export interface ReplayError {
  /**
   * `INVALID_RECORD` (not JSON or not a record), `UNKNOWN_RULESET` (the engine has no ruleset
   * with the record's hash), `RULESET_NOT_APPLICABLE` (it has it, but that ruleset does not
   * decide this jurisdiction and kind on the record's date), or the engine's error code
   * (`INVALID_INPUT`, `NO_RULESET_IN_FORCE`, `MISSING_PARAMETER`, …).
   */
  code: string;
  message: string;
}

/**
 * A record whose replay differs: its position, its id, and the differences.
 *
 * @example
 * ```ts
 * for (const m of report.mismatched) console.log(m.index, m.diffs.map((d) => d.path));
 * ```
 */
export interface ReplayMismatch {
  index: number;
  id?: string;
  /** What differs. A record edited after it was made also has a diff at `recordHash`. */
  diffs: Diff[];
}

/**
 * A record that could not be replayed, and why.
 *
 * @example
 * ```ts
 * for (const f of report.failed) console.log(f.index, f.error.code);
 * ```
 */
export interface ReplayFailure {
  index: number;
  id?: string;
  error: ReplayError;
}

/**
 * What `engine.replay` returns. `total = matched + mismatched.length + failed.length`.
 *
 * @example
 * ```ts
 * const report: ReplayReport = engine.replay(records);
 * console.log(report.matched, report.mismatched.length, report.failed.length);
 * ```
 */
export interface ReplayReport {
  total: number;
  matched: number;
  mismatched: ReplayMismatch[];
  failed: ReplayFailure[];
}

/**
 * The result for one record, given to `onRecord` as it is replayed.
 *
 * @example
 * ```ts
 * const onRecord = (r: ReplayResult) => { if (r.status === 'failed') console.log(r.index, r.error.code); };
 * ```
 */
export type ReplayResult =
  | { index: number; id?: string; status: 'matched'; ruleset: RulesetSummary }
  | { index: number; id?: string; status: 'mismatched'; diffs: Diff[]; ruleset: RulesetSummary }
  | { index: number; id?: string; status: 'failed'; error: ReplayError };

/**
 * Options of `engine.replay`.
 *
 * @example
 * ```ts
 * engine.replay(records, { onRecord: (r) => r.status !== 'matched' && console.log(r.index, r.status) });
 * ```
 */
export interface ReplayOptions {
  /** Called for every record in order (a CLI maps indexes to line numbers, moves a progress bar). */
  onRecord?: (result: ReplayResult) => void;
  /**
   * `'recorded'` (default): re-decide each record under the ruleset it names by hash, with the
   * figures it recorded — does the record still say what its rules say? `'in-force'`: re-decide
   * under the rules and figures in force today for its date — what has a correction changed?
   */
  against?: 'recorded' | 'in-force';
}

/** What replay needs from an engine: its core (any kinds). */
export type ReplayHost = Pick<EngineCore, 'rulesetInForce' | 'rulesetByHash' | 'evaluateUnder' | 'evaluate'>;

function errorOf(e: unknown): ReplayError {
  if (e instanceof InputError) return { code: e.code, message: e.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ') };
  if (e instanceof ZhengdiError) return { code: e.code, message: e.message };
  return { code: 'ERROR', message: e instanceof Error ? e.message : String(e) };
}

const short = (h: string) => h.slice(0, 12);

/** Replays one record (already parsed or raw JSON / a JSON string). */
export function replayOne(host: ReplayHost, raw: unknown, index: number, options: ReplayOptions = {}): ReplayResult {
  // A full record, or a compact one (whose decision is re-derived); both name their request and ruleset.
  let record: DecisionRecord | undefined;
  let compact: AnyCompactRecord | undefined;
  try {
    const value = jsonOf(raw);
    if (isCompact(value)) compact = parseCompactRecord(value);
    else record = parseRecord(value);
  } catch (e) {
    const id = raw !== null && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : undefined;
    return { index, ...(id !== undefined ? { id } : {}), status: 'failed', error: { code: 'INVALID_RECORD', message: errorOf(e).message } };
  }
  const named: { id?: string; request: DecisionRecord['request'] } = (compact ?? record)!;
  const idPart = named.id !== undefined ? { id: named.id } : {};
  const { kind, jurisdiction, asOf } = named.request;
  const hash = compact ? compactRulesetHash(compact) : record!.ruleset.hash;
  // What the record says of its ruleset: its id and version (a full or zhengdi-compact/1 record), else only the hash.
  const madeUnder = compact?.format === COMPACT_FORMAT ? undefined : (compact ?? record)!.ruleset as DecisionRecord['ruleset'];
  const inForceNow = (): { summary?: RulesetSummary; text: string } => {
    try {
      const r = host.rulesetInForce(jurisdiction, kind, asOf);
      return { summary: r, text: `${r.id} v${r.version} (hash ${short(r.hash)})` };
    } catch (e) {
      return { text: `none (${errorOf(e).message})` };
    }
  };
  let ruleset: RulesetSummary;
  let replayed: AnyDecision;
  if (options.against === 'in-force') {
    const now = inForceNow();
    if (!now.summary) return { index, ...idPart, status: 'failed', error: { code: 'NO_RULESET_IN_FORCE', message: `in force for ${jurisdiction} ${kind} on ${asOf}: ${now.text}` } };
    try {
      replayed = host.evaluate(named.request as never);
    } catch (e) {
      return { index, ...idPart, status: 'failed', error: errorOf(e) };
    }
    ruleset = host.rulesetByHash(replayed.ruleset.hash) ?? now.summary;
  } else {
    const known = host.rulesetByHash(hash);
    if (!known) {
      return {
        index, ...idPart, status: 'failed',
        error: {
          code: 'UNKNOWN_RULESET',
          message: `made under ruleset ${madeUnder ? `${madeUnder.id}${madeUnder.version ? ` v${madeUnder.version}` : ''} ` : ''}(hash ${short(hash)}), which this engine does not have; in force for ${jurisdiction} ${kind} on ${asOf}: ${inForceNow().text}. Load that ruleset file (createEngine({ archive: [file] }) or --archive) to replay it exactly.`,
        },
      };
    }
    ruleset = known;
    if (compact) {
      // Re-derived under the ruleset and figures recorded; compared on what a compact record keeps.
      try {
        const { diffs } = rederive(compact, host);
        return diffs.length === 0 ? { index, ...idPart, status: 'matched', ruleset } : { index, ...idPart, status: 'mismatched', diffs, ruleset };
      } catch (e) {
        return { index, ...idPart, status: 'failed', error: errorOf(e) };
      }
    }
    try {
      replayed = host.evaluateUnder(hash, record!.request, { pinned: record!.decision.parameters });
    } catch (e) {
      return { index, ...idPart, status: 'failed', error: errorOf(e) };
    }
  }
  let diffs: Diff[];
  if (compact) diffs = compactDecisionDiffs(compact, replayed);
  else {
    diffs = diffDecisions(record!.decision, replayed);
    const computed = recordHashOf(record!);
    if (computed !== record!.recordHash) diffs.push({ path: 'recordHash', recorded: record!.recordHash, replayed: computed });
  }
  return diffs.length === 0 ? { index, ...idPart, status: 'matched', ruleset } : { index, ...idPart, status: 'mismatched', diffs, ruleset };
}

class Collector {
  readonly report: ReplayReport = { total: 0, matched: 0, mismatched: [], failed: [] };
  constructor(private readonly options: ReplayOptions) {}
  add(r: ReplayResult): void {
    this.report.total++;
    const idPart = r.id !== undefined ? { id: r.id } : {};
    if (r.status === 'matched') this.report.matched++;
    else if (r.status === 'mismatched') this.report.mismatched.push({ index: r.index, ...idPart, diffs: r.diffs });
    else this.report.failed.push({ index: r.index, ...idPart, error: r.error });
    this.options.onRecord?.(r);
  }
}

const FILE_LINES = new Set(['zhengdi-seal/1', 'zhengdi-signature/1']);

/** A line as a value (JSON parsed once), and whether it is a record file's seal or signature line (not a record: skipped). */
function lineValue(raw: unknown): { value: unknown; skip: boolean } {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { value: raw, skip: false }; // reported as INVALID_RECORD
    }
  }
  const skip = value !== null && typeof value === 'object' && FILE_LINES.has((value as { format?: unknown }).format as string);
  return { value, skip };
}

function isAsyncIterable(x: unknown): x is AsyncIterable<unknown> {
  return x !== null && typeof x === 'object' && typeof (x as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

/**
 * Replays records in order. Synchronous for arrays and iterables; a promise for async iterables.
 * Only mismatches and failures are kept, so a stream of any length runs in bounded memory. The
 * seal and signature lines of a sealed record file are skipped (check them with
 * `verifyRecordFile`); indexes count records only.
 */
export function replayRecords(host: ReplayHost, records: Iterable<unknown>, options?: ReplayOptions): ReplayReport;
export function replayRecords(host: ReplayHost, records: AsyncIterable<unknown>, options?: ReplayOptions): Promise<ReplayReport>;
export function replayRecords(host: ReplayHost, records: Iterable<unknown> | AsyncIterable<unknown>, options: ReplayOptions = {}): ReplayReport | Promise<ReplayReport> {
  if (typeof records === 'string' || records === null || typeof records !== 'object') {
    throw new InputError([{ path: ['records'], message: 'expected an array, an iterable or an async iterable of records' }]);
  }
  const c = new Collector(options);
  if (isAsyncIterable(records)) {
    return (async () => {
      let i = 0;
      for await (const r of records) {
        const { value, skip } = lineValue(r);
        if (!skip) c.add(replayOne(host, value, i++, options));
      }
      return c.report;
    })();
  }
  if (typeof (records as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
    throw new InputError([{ path: ['records'], message: 'expected an array, an iterable or an async iterable of records' }]);
  }
  let i = 0;
  for (const r of records as Iterable<unknown>) {
    const { value, skip } = lineValue(r);
    if (!skip) c.add(replayOne(host, value, i++, options));
  }
  return c.report;
}
