/**
 * `zhengdi evaluate --output-fields outcome,warnings`: each line keeps the record's id and only
 * the named fields, in place of the whole decision record (about 4 KB a row for eligibility).
 * Such lines are results, not records: `replay`, `explain` and `verify` need whole records.
 */
import { InvalidArgumentError } from 'commander';

/** Field names and where each is taken from in a decision record. */
export const OUTPUT_FIELDS = {
  kind: ['decision', 'kind'],
  jurisdiction: ['decision', 'jurisdiction'],
  asOf: ['decision', 'asOf'],
  ruleset: ['decision', 'ruleset'],
  outcome: ['decision', 'outcome'],
  reasons: ['decision', 'reasons'],
  parameters: ['decision', 'parameters'],
  warnings: ['decision', 'warnings'],
  request: ['request'],
  input: ['request', 'input'],
  recordHash: ['recordHash'],
  engineVersion: ['engineVersion'],
} as const satisfies Record<string, readonly string[]>;

/** A field of {@link OUTPUT_FIELDS}. */
export type OutputField = keyof typeof OUTPUT_FIELDS;

/** Parses `--output-fields` (`record` = the whole record, the default); throws on an unknown name. */
export function parseOutputFields(value: string): OutputField[] | 'record' {
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 1 && names[0] === 'record') return 'record';
  const bad = names.filter((n) => n !== 'id' && !Object.hasOwn(OUTPUT_FIELDS, n));
  if (names.length === 0 || bad.length > 0) {
    throw new InvalidArgumentError(`${bad.length ? `unknown field ${bad.join(', ')}; ` : ''}expected record, or a comma-separated list of ${Object.keys(OUTPUT_FIELDS).join(', ')}`);
  }
  return [...new Set(names.filter((n): n is OutputField => n !== 'id'))];
}

function at(o: unknown, path: readonly string[]): unknown {
  let cur = o;
  for (const k of path) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return cur;
}

/** One record line (JSON with `\n`) cut down to `{ id, …fields }` in the order asked for. */
export function projectLine(line: string, fields: readonly OutputField[]): string {
  const record = JSON.parse(line) as { id?: string };
  const out: Record<string, unknown> = { id: record.id };
  for (const f of fields) out[f] = at(record, OUTPUT_FIELDS[f]);
  return JSON.stringify(out) + '\n';
}

const decoder = new TextDecoder();
/** A chunk of record lines (UTF-8) cut down as {@link projectLine}. */
export function projectChunk(bytes: Uint8Array, fields: readonly OutputField[]): string {
  const text = decoder.decode(bytes);
  let out = '';
  for (const l of text.split('\n')) if (l !== '') out += projectLine(l, fields);
  return out;
}
