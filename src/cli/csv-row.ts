/**
 * How a CSV row becomes a request (documented in docs/cli.md):
 * - a header `household.originalCultivatedMu` sets that field; a number segment indexes an array
 *   (`applicants.0.id`);
 * - a header may end in a type: `:string`, `:number`, `:boolean`, `:json`; an empty cell is always
 *   left out (so shorter lists leave their columns empty); without a type `true`/`false` are booleans, whole numbers without leading zeros
 *   (`4`, `-2`) are numbers, anything else (`4.80`, `2023-06-15`, `TJ-01`) is a string;
 * - special columns: `_id` (record id), `_kind`, `_jurisdiction` (the row's kind and
 *   jurisdiction, over `--kind` and `--jurisdiction`), `_asOf`, `_input` (the whole input as
 *   JSON; dotted columns are set over it), `_param.<parameter id>` (a per-row override).
 */

import type { RowRequest } from '../records/rows';

export interface ColumnSpec {
  header: string;
  kind: 'field' | 'id' | 'kind' | 'jurisdiction' | 'asOf' | 'input' | 'param';
  path: Array<string | number>;
  type: 'auto' | 'string' | 'number' | 'boolean' | 'json';
  /** For `_param.<id>`. */
  param?: string;
}

export type { RowRequest };

const SEGMENT = /^(?:[A-Za-z_$][A-Za-z0-9_$]*|0|[1-9]\d{0,3})$/;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const TYPES = new Set(['string', 'number', 'boolean', 'json']);

/** Reads the header line; throws an Error naming every bad column. */
export function parseHeader(headers: readonly string[]): ColumnSpec[] {
  const problems: string[] = [];
  const specs: ColumnSpec[] = [];
  const seen = new Map<string, string>();
  headers.forEach((raw, i) => {
    const h = raw.trim();
    const colon = h.lastIndexOf(':');
    let name = h;
    let type: ColumnSpec['type'] = 'auto';
    if (colon > 0) {
      const t = h.slice(colon + 1);
      if (!TYPES.has(t)) problems.push(`column ${i + 1} '${h}': unknown type ':${t}' (string, number, boolean, json)`);
      else type = t as ColumnSpec['type'];
      name = h.slice(0, colon);
    }
    if (name === '_id') specs.push({ header: h, kind: 'id', path: [], type: 'string' });
    else if (name === '_kind') specs.push({ header: h, kind: 'kind', path: [], type: 'string' });
    else if (name === '_jurisdiction') specs.push({ header: h, kind: 'jurisdiction', path: [], type: 'string' });
    else if (name === '_asOf') specs.push({ header: h, kind: 'asOf', path: [], type: 'string' });
    else if (name === '_input') specs.push({ header: h, kind: 'input', path: [], type: 'json' });
    else if (name.startsWith('_param.')) specs.push({ header: h, kind: 'param', path: [], type, param: name.slice('_param.'.length) });
    else {
      const segs = name.split('.');
      const bad = segs.find((s) => !SEGMENT.test(s) || FORBIDDEN.has(s));
      if (name === '' || bad !== undefined) {
        problems.push(`column ${i + 1} '${h}': a column is a dotted path of names and array indexes (e.g. applicants.0.id)`);
        return;
      }
      const path = segs.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      specs.push({ header: h, kind: 'field', path, type });
    }
    if (seen.has(name)) problems.push(`column ${i + 1} '${h}': repeats column ${seen.get(name)}`);
    seen.set(name, String(i + 1));
  });
  // A path may not be both a value and a container (`household` and `household.memberCount`).
  const fields = specs.filter((s) => s.kind === 'field').map((s) => s.path.join('.'));
  for (const f of fields) {
    if (fields.some((g) => g.startsWith(f + '.'))) problems.push(`column '${f}' is also the parent of other columns`);
  }
  if (problems.length > 0) throw new Error(`bad CSV header: ${problems.join('; ')}`);
  return specs;
}

function convert(cell: string, type: ColumnSpec['type'], header: string): unknown {
  switch (type) {
    case 'string':
      return cell;
    case 'number': {
      const n = Number(cell.trim());
      if (cell.trim() === '' || !Number.isFinite(n)) throw new Error(`column '${header}': '${cell}' is not a number`);
      return n;
    }
    case 'boolean':
      if (cell === 'true') return true;
      if (cell === 'false') return false;
      throw new Error(`column '${header}': '${cell}' is not true or false`);
    case 'json':
      try {
        return JSON.parse(cell);
      } catch {
        throw new Error(`column '${header}': not valid JSON`);
      }
    default:
      if (cell === 'true') return true;
      if (cell === 'false') return false;
      if (/^-?(?:0|[1-9]\d{0,14})$/.test(cell)) return Number(cell);
      return cell;
  }
}

function setPath(target: Record<string, unknown>, path: ReadonlyArray<string | number>, value: unknown): void {
  let cur: Record<string | number, unknown> = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const nextIsIndex = typeof path[i + 1] === 'number';
    let next = Object.hasOwn(cur, key) ? cur[key] : undefined;
    if (next === undefined || next === null || typeof next !== 'object') {
      next = nextIsIndex ? [] : {};
      cur[key] = next;
    } else if (Array.isArray(next) !== nextIsIndex) {
      throw new Error(`column '${path.join('.')}': ${path.slice(0, i + 1).join('.')} is ${Array.isArray(next) ? 'a list' : 'an object'} here`);
    }
    cur = next as Record<string | number, unknown>;
  }
  cur[path[path.length - 1]!] = value;
}

function checkDense(v: unknown, at: string): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) throw new Error(`${at}[${i}] is empty but a later element is given`);
      checkDense(v[i], `${at}[${i}]`);
    }
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) checkDense(x, at ? `${at}.${k}` : k);
  }
}

/** One CSV row as a request; throws an Error with the reason when a cell cannot be read. */
export function rowToRequest(specs: readonly ColumnSpec[], cells: readonly string[]): RowRequest {
  if (cells.length !== specs.length) throw new Error(`expected ${specs.length} columns, found ${cells.length}`);
  let input: Record<string, unknown> = {};
  const out: RowRequest = { input };
  const inputCol = specs.findIndex((s) => s.kind === 'input');
  if (inputCol >= 0 && cells[inputCol]!.trim() !== '') {
    const v = convert(cells[inputCol]!, 'json', specs[inputCol]!.header);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error(`column '${specs[inputCol]!.header}': expected a JSON object`);
    input = v as Record<string, unknown>;
    out.input = input;
  }
  specs.forEach((s, i) => {
    const cell = cells[i]!;
    if (s.kind === 'input') return;
    if (cell === '') return;
    if (s.kind === 'id') out.id = cell;
    else if (s.kind === 'kind') out.kind = cell;
    else if (s.kind === 'jurisdiction') out.jurisdiction = cell;
    else if (s.kind === 'asOf') out.asOf = cell;
    else if (s.kind === 'param') (out.parameters ??= {})[s.param!] = convert(cell, s.type, s.header) as string | number;
    else setPath(input, s.path, convert(cell, s.type, s.header));
  });
  checkDense(input, '');
  return out;
}
