/**
 * One row of `zhengdi evaluate`, from what was read to the JSONL record line or the reason it
 * failed. No Node APIs: the same code runs on the calling thread and in the worker threads of
 * `zhengdi evaluate --workers`, so both give the same bytes. (Moved from `src/cli/record-line.ts`
 * so that `src/node` imports it without importing the CLI.)
 */
import type { Sha256Hex } from '../audit/record';
import type { EngineCore, RequestFor } from '../engine/engine';
import type { KindMap } from '../engine/kind';

/** Any engine's `evaluate` (the bundled one, or a core of your own). */
type Evaluates = { evaluate(request: RequestFor<KindMap>): ReturnType<EngineCore['evaluate']>; evaluateResults?: EngineCore['evaluateResults'] };
import { InputError, ZhengdiError, formatPath } from '../engine/errors';
import { compactText, recordText } from './line';

/** What one row of an input file asks for (a CSV row, a JSONL line, an item of a JSON array). */
export interface RowRequest {
  id?: string;
  /** Per row (CSV `_kind`, `_jurisdiction`), over the flags. */
  kind?: string;
  jurisdiction?: string;
  asOf?: string;
  input: unknown;
  parameters?: Record<string, string | number>;
}

/** What a row of a file asks for: a request, or why the row could not be read. */
export type RowItem = { where: string; defaultId: string } & ({ request: RowRequest & { kind?: string; jurisdiction?: string } } | { error: string });

/** The `evaluate` flags every row falls back on. */
export interface EvaluateFlags {
  kind?: string;
  jurisdiction?: string;
  asOf?: string;
  param?: Record<string, string | number>;
  /**
   * The records written: `compact` (`zhengdi-compact/2`, what `zhengdi evaluate` writes by
   * default) or `full` (`zhengdi-record/1`); left out, `full`.
   */
  recordFormat?: 'compact' | 'full';
}

const ENVELOPE_KEYS = new Set(['id', 'kind', 'jurisdiction', 'asOf', 'parameters', 'input']);

/** A JSON value from a JSON or JSONL file: a bare input, or an envelope `{ id?, kind?, jurisdiction?, asOf?, parameters?, input }`. */
export function toRequest(v: unknown): RowRequest & { kind?: string; jurisdiction?: string } {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('expected a JSON object (an input, or { "input": … })');
  const o = v as Record<string, unknown>;
  if (!Object.hasOwn(o, 'input')) return { input: o };
  const extra = Object.keys(o).filter((k) => !ENVELOPE_KEYS.has(k));
  if (extra.length > 0) throw new Error(`unknown envelope field${extra.length > 1 ? 's' : ''} ${extra.join(', ')} (allowed: ${[...ENVELOPE_KEYS].join(', ')})`);
  for (const k of ['id', 'kind', 'jurisdiction', 'asOf'] as const) {
    if (o[k] !== undefined && typeof o[k] !== 'string') throw new Error(`envelope field ${k} must be a string`);
  }
  if (o.parameters !== undefined && (o.parameters === null || typeof o.parameters !== 'object' || Array.isArray(o.parameters))) throw new Error('envelope field parameters must be an object');
  return o as unknown as RowRequest & { kind?: string; jurisdiction?: string };
}

/** A JSONL line of `name` (1-based `line`) as a row item. A byte order mark opening line 1 is skipped (as for CSV). */
export function jsonlItem(name: string, line: number, text: string): RowItem {
  const where = `line ${line}`;
  try {
    return { where, defaultId: `${name}:${line}`, request: toRequest(JSON.parse(line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)) };
  } catch (e) {
    return { where, defaultId: `${name}:${line}`, error: e instanceof SyntaxError ? `not JSON: ${e.message}` : (e as Error).message };
  }
}

/** An error as one line of text: an input error's problems with their paths, or code and message. */
export function reasonOf(e: unknown): string {
  if (e instanceof InputError) return e.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ');
  if (e instanceof ZhengdiError) return `${e.code}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

/**
 * A decided row: its record as one line of canonical JSON (with `\n`, without the file's chain
 * link), the record's hash and id (what `RecordChain.link` needs).
 */
export interface RowRecord {
  line: string;
  recordHash: string;
  id: string | null;
}

/** Decides one row: its decision record as one JSON line (with `\n`), or the reason it failed. */
export function recordLine(engine: Evaluates, item: RowItem, flags: EvaluateFlags, sha256?: Sha256Hex): RowRecord | { error: string } {
  try {
    if ('error' in item) throw new Error(item.error);
    const r = item.request;
    const kind = r.kind ?? flags.kind;
    if (!kind) throw new Error('no kind: give --kind or a "kind" in the row');
    const request = {
      kind,
      ...((r.jurisdiction ?? flags.jurisdiction) ? { jurisdiction: r.jurisdiction ?? flags.jurisdiction } : {}),
      ...((r.asOf ?? flags.asOf) ? { asOf: r.asOf ?? flags.asOf } : {}),
      input: r.input,
      ...(flags.param || r.parameters ? { parameters: { ...flags.param, ...r.parameters } } : {}),
    } as RequestFor<KindMap>;
    // A compact record needs each rule's result, not its texts: they are not written.
    const decision = flags.recordFormat === 'compact' && engine.evaluateResults ? engine.evaluateResults(request) : engine.evaluate(request);
    const options = { id: r.id ?? item.defaultId, ...(sha256 ? { sha256 } : {}) };
    const { text, recordHash, id } = flags.recordFormat === 'compact' ? compactText(decision, options) : recordText(decision, options);
    return { line: text + '\n', recordHash, id };
  } catch (e) {
    return { error: reasonOf(e) };
  }
}
