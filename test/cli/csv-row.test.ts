import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseHeader, rowToRequest } from '../../src/cli/csv-row';
import { formatOf, lines, readItems, toRequest, type ByteCounter, type Item } from '../../src/cli/inputs';
import { displayWidth, formatTable } from '../../src/cli/table';

// How the CLI reads its inputs (docs/cli.md, "CSV: how columns map to an input", "JSON and
// JSONL"), tested on the functions themselves. Expected values follow the rules in docs/cli.md.

const row = (header: string[], cells: string[]) => rowToRequest(parseHeader(header), cells);

describe('CSV header (parseHeader)', () => {
  it('dotted paths; a number segment is an array index; types after the last colon; special columns', () => {
    expect(parseHeader([' _id ', '_asOf', '_input', '_param.a.b:number', 'household.memberCount', 'applicants.10.id:string', 'x:json', 'y:boolean'])).toEqual([
      { header: '_id', kind: 'id', path: [], type: 'string' },
      { header: '_asOf', kind: 'asOf', path: [], type: 'string' },
      { header: '_input', kind: 'input', path: [], type: 'json' },
      { header: '_param.a.b:number', kind: 'param', path: [], type: 'number', param: 'a.b' },
      { header: 'household.memberCount', kind: 'field', path: ['household', 'memberCount'], type: 'auto' },
      { header: 'applicants.10.id:string', kind: 'field', path: ['applicants', 10, 'id'], type: 'string' },
      { header: 'x:json', kind: 'field', path: ['x'], type: 'json' },
      { header: 'y:boolean', kind: 'field', path: ['y'], type: 'boolean' },
    ]);
    expect(parseHeader(['_param.p'])[0]).toMatchObject({ kind: 'param', type: 'auto', param: 'p' });
    expect(parseHeader(['$a._b.c9'])[0]!.path).toEqual(['$a', '_b', 'c9']);
    expect(parseHeader(['a.0', 'a.9999'])[1]!.path).toEqual(['a', 9999]);
  });

  it('every bad column is named in one error, with its 1-based position', () => {
    let msg = '';
    try {
      parseHeader(['ok', 'a:date', 'a..b', '__proto__.x', 'a.constructor', 'b.prototype', '', 'a.01', 'a.10000', 'ok', '1a', 'a-b']);
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg.startsWith('bad CSV header: ')).toBe(true);
    const parts = msg.slice('bad CSV header: '.length).split('; ');
    const path = "a column is a dotted path of names and array indexes (e.g. applicants.0.id)";
    expect(parts).toEqual([
      "column 2 'a:date': unknown type ':date' (string, number, boolean, json)",
      `column 3 'a..b': ${path}`,
      `column 4 '__proto__.x': ${path}`,
      `column 5 'a.constructor': ${path}`,
      `column 6 'b.prototype': ${path}`,
      `column 7 '': ${path}`,
      `column 8 'a.01': ${path}`,
      `column 9 'a.10000': ${path}`,
      "column 10 'ok': repeats column 1",
      `column 11 '1a': ${path}`,
      `column 12 'a-b': ${path}`,
    ]);
  });

  it('a colon at the start is part of the name, not a type', () => {
    expect(() => parseHeader([':string'])).toThrow("column 1 ':string': a column is a dotted path");
    expect(() => parseHeader([':bogus'])).toThrow(new Error("bad CSV header: column 1 ':bogus': a column is a dotted path of names and array indexes (e.g. applicants.0.id)"));
  });

  it('a path may not be both a value and the parent of other columns; a repeat is named with the first position', () => {
    expect(() => parseHeader(['household', 'household.memberCount'])).toThrow("bad CSV header: column 'household' is also the parent of other columns");
    expect(() => parseHeader(['a.b', 'a.bc'])).not.toThrow(); // a prefix of a name is not a parent
    expect(() => parseHeader(['x', 'y', 'x:string'])).toThrow("column 3 'x:string': repeats column 1");
  });
});

describe('CSV row (rowToRequest): cells to a request', () => {
  it('without a type: true/false are booleans, whole numbers without leading zeros are numbers, the rest strings', () => {
    const r = row(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'], ['true', 'false', '4', '-2', '0', '007', '4.80', '2023-06-15', '1234567890123456']);
    expect(r.input).toEqual({ a: true, b: false, c: 4, d: -2, e: 0, f: '007', g: '4.80', h: '2023-06-15', i: '1234567890123456' });
    expect(row(['a', 'b'], ['TRUE', '+4'])).toEqual({ input: { a: 'TRUE', b: '+4' } });
    expect(row(['a', 'b', 'c'], ['42', '-907', '123456789012345'])).toEqual({ input: { a: 42, b: -907, c: 123456789012345 } });
  });

  it('typed columns: :string keeps text, :number reads a finite number, :boolean only true/false, :json parses', () => {
    expect(row(['a:string', 'b:number', 'c:boolean', 'd:boolean', 'e:json'], ['123', ' 4.5 ', 'true', 'false', '{"x":[1]}']).input).toEqual({ a: '123', b: 4.5, c: true, d: false, e: { x: [1] } });
    expect(() => row(['n:number'], ['abc'])).toThrow("column 'n:number': 'abc' is not a number");
    expect(() => row(['n:number'], ['  '])).toThrow("column 'n:number': '  ' is not a number");
    expect(() => row(['n:number'], ['Infinity'])).toThrow("'Infinity' is not a number");
    expect(() => row(['b:boolean'], ['yes'])).toThrow("column 'b:boolean': 'yes' is not true or false");
    expect(() => row(['j:json'], ['{x'])).toThrow("column 'j:json': not valid JSON");
  });

  it('empty cells are left out; special columns set id, asOf and per-row parameters', () => {
    const r = row(['_id', '_asOf', '_param.p.q', '_param.r:string', 'a', 'b'], ['H1', '2023-07-01', '0.31', '16', '', 'x']);
    expect(r).toEqual({ id: 'H1', asOf: '2023-07-01', parameters: { 'p.q': '0.31', r: '16' }, input: { b: 'x' } });
    expect(row(['_id', '_param.p', 'a'], ['', '', '1'])).toEqual({ input: { a: 1 } });
  });

  it('arrays by index, objects by name, built as the path says', () => {
    const r = row(['applicants.0.id', 'applicants.1.id', 'household.memberCount', 'm.0.0'], ['A', 'B', '4', 'deep']);
    expect(r.input).toEqual({ applicants: [{ id: 'A' }, { id: 'B' }], household: { memberCount: 4 }, m: [['deep']] });
  });

  it('a gap in a list is an error naming the empty element', () => {
    expect(() => row(['applicants.0.id', 'applicants.1.id', 'applicants.2.id'], ['A', '', 'C'])).toThrow(new Error('applicants[1] is empty but a later element is given'));
    expect(() => row(['m.0.1'], ['x'])).toThrow(new Error('m[0][0] is empty but a later element is given'));
    expect(() => row(['a.b.c.1'], ['x'])).toThrow(new Error('a.b.c[0] is empty but a later element is given'));
    expect(() => row(['a.1'], ['x'])).toThrow('a[0] is empty but a later element is given');
    expect(() => row(['a.b.1'], ['x'])).toThrow('a.b[0] is empty');
  });

  it('_input gives the whole input as JSON; dotted columns are set over it', () => {
    const r = row(['_input', 'household.memberCount', 'applicants.1.id'], ['{"household":{"memberCount":2,"x":1},"applicants":[{"id":"A"}]}', '5', 'B']);
    expect(r.input).toEqual({ household: { memberCount: 5, x: 1 }, applicants: [{ id: 'A' }, { id: 'B' }] });
    expect(row(['_input', 'a'], ['  ', '1']).input).toEqual({ a: 1 }); // a blank _input is no input
    for (const bad of ['[1]', 'null', '3']) expect(() => row(['_input'], [bad])).toThrow("column '_input': expected a JSON object");
  });

  it('a column that needs a list where _input has an object (or the reverse) is refused', () => {
    expect(() => row(['_input', 'a.0'], ['{"a":{"x":1}}', 'v'])).toThrow("column 'a.0': a is an object here");
    expect(() => row(['_input', 'a.x'], ['{"a":[1]}', 'v'])).toThrow("column 'a.x': a is a list here");
    expect(() => row(['_input', 'a.b.0'], ['{"a":{"b":{"x":1}}}', 'v'])).toThrow(new Error("column 'a.b.0': a.b is an object here"));
    expect(row(['_input'], ['{"a":null,"b":[null]}']).input).toEqual({ a: null, b: [null] }); // nulls are values, not gaps
    // a scalar in _input is replaced by the container the column needs
    expect(row(['_input', 'a.x'], ['{"a":7}', 'v']).input).toEqual({ a: { x: 'v' } });
    expect(row(['_input', 'a.x'], ['{"a":null}', 'v']).input).toEqual({ a: { x: 'v' } });
  });

  it('a row with the wrong number of cells says how many were expected and found', () => {
    expect(() => row(['a', 'b'], ['1'])).toThrow('expected 2 columns, found 1');
    expect(() => row(['a'], ['1', '2'])).toThrow('expected 1 columns, found 2');
  });
});

describe('JSON and JSONL values (toRequest)', () => {
  it('a bare input becomes { input }; an envelope (it has "input") is kept', () => {
    expect(toRequest({ noticeDate: 'x' })).toEqual({ input: { noticeDate: 'x' } });
    const env = { id: 'a', kind: 'k', jurisdiction: 'j', asOf: '2023-01-01', parameters: { p: 1 }, input: { x: 1 } };
    expect(toRequest(env)).toBe(env);
  });
  it('refuses what is not an object, unknown envelope fields, non-string fields, non-object parameters', () => {
    for (const v of [null, 3, 'x', [1]]) expect(() => toRequest(v)).toThrow('expected a JSON object (an input, or { "input": … })');
    expect(() => toRequest({ input: {}, foo: 1 })).toThrow('unknown envelope field foo (allowed: id, kind, jurisdiction, asOf, parameters, input)');
    expect(() => toRequest({ input: {}, foo: 1, bar: 2 })).toThrow('unknown envelope fields foo, bar (allowed:');
    for (const k of ['id', 'kind', 'jurisdiction', 'asOf']) expect(() => toRequest({ input: {}, [k]: 1 })).toThrow(`envelope field ${k} must be a string`);
    for (const p of [null, [1], 'x']) expect(() => toRequest({ input: {}, parameters: p })).toThrow('envelope field parameters must be an object');
    expect(toRequest({ input: {}, id: undefined })).toEqual({ input: {}, id: undefined });
  });
});

describe('file formats (formatOf) and lines', () => {
  it('from the extension, any case; .ndjson is JSONL; --format wins; anything else is an error', () => {
    expect(formatOf('a.JSON')).toBe('json');
    expect(formatOf('dir.x/a.jsonl')).toBe('jsonl');
    expect(formatOf('a.csv')).toBe('csv');
    expect(formatOf('a.ndjson')).toBe('jsonl');
    expect(formatOf('a.txt', 'CSV')).toBe('csv');
    expect(() => formatOf('a.txt')).toThrow('cannot tell the format of a.txt: use a .json, .jsonl or .csv file (optionally .gz), or --format');
    expect(() => formatOf('noext')).toThrow('cannot tell the format of noext');
  });
  it('lines are numbered from 1, CRLF or LF', async () => {
    const got: Array<{ line: number; text: string }> = [];
    for await (const l of lines(Readable.from(['a\r\nb\n', '\nc']))) got.push(l);
    expect(got).toEqual([{ line: 1, text: 'a' }, { line: 2, text: 'b' }, { line: 3, text: '' }, { line: 4, text: 'c' }]);
  });
});

describe('readItems: items with where they came from', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhengdi-items-'));
  const read = async (name: string, text: string, format: 'json' | 'jsonl' | 'csv') => {
    const file = join(dir, name);
    writeFileSync(file, text);
    const counter: ByteCounter = { read: 0, total: 0 };
    const items: Item[] = [];
    for await (const i of readItems(file, format, counter)) items.push(i);
    return { items, counter, size: Buffer.byteLength(text) };
  };

  it('CSV: the line a row starts on, even after a quoted cell spanning lines or a skipped empty line; a BOM is skipped; bytes are counted', async () => {
    const text = '\uFEFFa,b\n1,"x\ny"\n\n2,z\n3\n';
    const { items, counter, size } = await read('f.csv', text, 'csv');
    expect(items).toEqual([
      { where: 'line 2', defaultId: 'f.csv:2', request: { input: { a: 1, b: 'x\ny' } } },
      { where: 'line 5', defaultId: 'f.csv:5', request: { input: { a: 2, b: 'z' } } },
      { where: 'line 6', defaultId: 'f.csv:6', error: 'expected 2 columns, found 1' },
    ]);
    expect(counter).toEqual({ read: size, total: size });
  });

  it('CSV: a quoted cell with two line breaks, then a row without a final newline', async () => {
    const { items } = await read('g.csv', 'a,b\n1,"x\n\ny"\n2,z', 'csv');
    expect(items.map((i) => i.where)).toEqual(['line 2', 'line 5']);
    // header 1; row on 2–4; empty 5 and 6; a row spanning 7–8; a row on 9
    const more = await read('k.csv', 'a,b\n1,"x\n\ny"\n\n\n2,"p\nq"\n3,r', 'csv');
    expect(more.items.map((i) => i.where)).toEqual(['line 2', 'line 7', 'line 9']);
  });

  it('CSV: a bad header stops the file with its error', async () => {
    await expect(read('h.csv', 'a..b\n1\n', 'csv')).rejects.toThrow('bad CSV header');
  });

  it('JSONL: blank lines skipped, numbering kept; "not JSON: …" for a syntax error, the reason otherwise', async () => {
    const { items, counter, size } = await read('f.jsonl', '{"a":1}\n\n  \n{"b"\n[1]\n{"input":{},"id":"x"}\n', 'jsonl');
    expect(items.map((i) => [i.where, i.defaultId])).toEqual([['line 1', 'f.jsonl:1'], ['line 4', 'f.jsonl:4'], ['line 5', 'f.jsonl:5'], ['line 6', 'f.jsonl:6']]);
    expect(items[0]).toMatchObject({ request: { input: { a: 1 } } });
    expect((items[1] as { error: string }).error).toMatch(/^not JSON: /);
    expect(items[2]).toMatchObject({ error: 'expected a JSON object (an input, or { "input": … })' });
    expect(items[3]).toMatchObject({ request: { id: 'x', input: {} } });
    expect(counter).toEqual({ read: size, total: size });
  });

  it('JSON: an array is items 1…N (ids FILE#N); one value is item 1; the whole file counts as read', async () => {
    const arr = await read('f.json', '[{"a":1}, 5]', 'json');
    expect(arr.items).toEqual([
      { where: 'item 1', defaultId: 'f.json#1', request: { input: { a: 1 } } },
      { where: 'item 2', defaultId: 'f.json#2', error: 'expected a JSON object (an input, or { "input": … })' },
    ]);
    expect(arr.counter).toEqual({ read: arr.size, total: arr.size });
    const one = await read('o.json', '{"a":2}', 'json');
    expect(one.items).toEqual([{ where: 'item 1', defaultId: 'o.json#1', request: { input: { a: 2 } } }]);
  });
});

describe('tables (formatTable)', () => {
  it('CJK and full-width characters take two columns; others one', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('邵阳')).toBe(4);
    expect(displayWidth('ＡＢ')).toBe(4); // full-width Latin U+FF21…
    expect(displayWidth('한')).toBe(2); // Hangul syllable
    expect(displayWidth('ᄀ')).toBe(2); // Hangul Jamo U+1100
    expect(displayWidth('（')).toBe(2); // U+FF08
    expect(displayWidth('￥')).toBe(2); // U+FFE5
    expect(displayWidth('︰')).toBe(2); // U+FE30, CJK compatibility forms
    // every range of wide characters, at both ends and just outside
    const ranges: Array<[number, number]> = [[0x1100, 0x115f], [0x2e80, 0xa4cf], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xff60], [0xffe0, 0xffe6]];
    for (const [lo, hi] of ranges) {
      const w = (c: number) => displayWidth(String.fromCodePoint(c));
      expect([w(lo - 1), w(lo), w(hi), w(hi + 1)], lo.toString(16)).toEqual([1, 2, 2, 1]);
    }
    expect(displayWidth('﹐')).toBe(1); // U+FE50, just past them
  });
  it('columns padded to the widest cell (by display width), two spaces apart, a rule under the header, no trailing spaces', () => {
    const t = formatTable([
      { id: '邵阳', n: 1 },
      { id: 'abcde', n: 22 },
    ]);
    expect(t).toBe(['id     n', '─────  ──', '邵阳   1', 'abcde  22'].join('\n'));
    expect(formatTable([])).toBe('(none)');
    expect(formatTable([{ a: 'x', b: '' }])).toBe('a  b\n─  ─\nx');
    expect(formatTable([{ a: 'x' }, {} as Record<string, string>])).toBe('a\n─\nx\n');
  });
});
