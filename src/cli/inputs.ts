import { createReadStream, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { parseHeader, rowToRequest } from './csv-row';
import { jsonlItem, toRequest, type RowItem } from '../records/rows';

/** One item read from an input file: a request, or the reason it could not be read. */
export type Item = RowItem;

export { toRequest };

/** Counts bytes as a stream is read (for the progress bar). */
export interface ByteCounter {
  read: number;
  total: number;
}

function fileStream(file: string, counter: ByteCounter): Readable {
  const s = createReadStream(file);
  s.on('data', (chunk) => {
    counter.read += chunk.length;
  });
  return s;
}

/** Lines of a text stream with their numbers (1-based). */
export async function* lines(stream: Readable): AsyncGenerator<{ line: number; text: string }> {
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  for await (const text of rl) yield { line: ++n, text };
}

/** The format of a file from its extension. */
export function formatOf(file: string, forced?: string): 'json' | 'jsonl' | 'csv' {
  const f = (forced ?? extname(file).slice(1)).toLowerCase();
  if (f === 'json' || f === 'jsonl' || f === 'csv') return f;
  if (f === 'ndjson') return 'jsonl';
  throw new Error(`cannot tell the format of ${file}: use a .json, .jsonl or .csv file, or --format`);
}

/** Reads every item of an input file, streaming JSONL and CSV. */
export async function* readItems(file: string, format: 'json' | 'jsonl' | 'csv', counter: ByteCounter): AsyncGenerator<Item> {
  const name = basename(file);
  counter.total = statSync(file).size;
  if (format === 'json') {
    const text = readFileSync(file, 'utf8');
    counter.read = counter.total;
    const all = JSON.parse(text) as unknown;
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
    for await (const { line, text } of lines(fileStream(file, counter))) {
      if (text.trim() !== '') yield jsonlItem(name, line, text);
    }
    return;
  }
  // `info.lines` is the line a record ends on; a quoted cell may span lines, so the record's
  // first line is that minus the line breaks in its raw text. The raw text also holds the empty
  // lines skipped before the record: they are not part of it.
  const parser = fileStream(file, counter).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, raw: true }));
  let specs: ReturnType<typeof parseHeader> | undefined;
  for await (const { record, info, raw } of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
    if (!specs) {
      specs = parseHeader(record);
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
