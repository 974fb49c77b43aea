import { basename, extname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { parseHeader, rowToRequest, type ColumnSpec } from './csv-row';
import { openInput, readText, withoutGz, type ByteCounter } from './io';
import { UsageError } from './usage';
import { jsonlItem, toRequest, type RowItem } from '../records/rows';

/** One item read from an input file: a request, or the reason it could not be read. */
export type Item = RowItem;

export { toRequest };

export type { ByteCounter };

/** Lines of a text stream with their numbers (1-based). */
export async function* lines(stream: Readable): AsyncGenerator<{ line: number; text: string }> {
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  for await (const text of rl) yield { line: ++n, text };
}

/**
 * The format of a file from its extension (a trailing `.gz` is skipped: `rows.csv.gz` is CSV);
 * standard input (`-`) is JSONL unless `--format` says otherwise.
 */
export function formatOf(file: string, forced?: string): 'json' | 'jsonl' | 'csv' {
  if (forced === undefined && file === '-') return 'jsonl';
  const f = (forced ?? extname(withoutGz(file)).slice(1)).toLowerCase();
  if (f === 'json' || f === 'jsonl' || f === 'csv') return f;
  if (f === 'ndjson') return 'jsonl';
  throw new UsageError(`cannot tell the format of ${file}: use a .json, .jsonl or .csv file (optionally .gz), or --format`);
}

/**
 * Reads every item of an input file (`-`: stdin; `.gz`: gunzipped), streaming JSONL and CSV.
 * `onHeader` sees a CSV's columns before any row is read, and may throw to stop the run.
 */
export async function* readItems(file: string, format: 'json' | 'jsonl' | 'csv', counter: ByteCounter, onHeader?: (specs: ColumnSpec[]) => void): AsyncGenerator<Item> {
  const name = file === '-' ? 'stdin' : basename(withoutGz(file));
  if (format === 'json') {
    const text = readText(file);
    counter.read = counter.total = text.length;
    let all: unknown;
    try {
      all = JSON.parse(text) as unknown;
    } catch (e) {
      throw new UsageError(`${file}: not JSON: ${(e as Error).message}`);
    }
    const list = Array.isArray(all) ? all : [all];
    for (let i = 0; i < list.length; i++) {
      const where = Array.isArray(all) ? `item ${i + 1}` : 'item 1';
      try {
        yield { where, defaultId: `${name}#${i + 1}`, request: toRequest(list[i]) };
      } catch (e) {
        yield { where, defaultId: `${name}#${i + 1}`, error: (e as Error).message };
      }
    }
    return;
  }
  if (format === 'jsonl') {
    for await (const { line, text } of lines(openInput(file, counter))) {
      if (text.trim() !== '') yield jsonlItem(name, line, text);
    }
    return;
  }
  // `info.lines` is the line a record ends on; a quoted cell may span lines, so the record's
  // first line is that minus the line breaks in its raw text. The raw text also holds the empty
  // lines skipped before the record: they are not part of it.
  const parser = openInput(file, counter).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, raw: true }));
  let specs: ReturnType<typeof parseHeader> | undefined;
  for await (const { record, info, raw } of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
    if (!specs) {
      try {
        specs = parseHeader(record);
      } catch (e) {
        throw new UsageError(`${file}: ${(e as Error).message}`);
      }
      onHeader?.(specs);
      continue;
    }
    const own = raw.replace(/^(?:\r?\n)+/, ''); // without the skipped empty lines before it
    const body = own.endsWith('\n') ? own.slice(0, -1) : own; // raw includes the record's own line break
    let breaks = 0;
    for (let i = body.indexOf('\n'); i >= 0; i = body.indexOf('\n', i + 1)) breaks++;
    const line = info.lines - breaks;
    const where = `line ${line}`;
    try {
      yield { where, defaultId: `${name}:${line}`, request: rowToRequest(specs, record) };
    } catch (e) {
      yield { where, defaultId: `${name}:${line}`, error: (e as Error).message };
    }
  }
}
