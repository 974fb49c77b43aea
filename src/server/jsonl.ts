/**
 * JSON Lines in and out of the service with bounded memory: a byte limit on a request stream,
 * record lines for `POST /v1/records`, and record texts with their line numbers for replay.
 */
import type { DecisionRecord } from '../audit/record';
import { evaluateOne, type BatchOptions, type BatchResult } from '../batch';
import type { EngineCore } from '../create-engine';
import type { Kind } from '../kinds';
import { lineChunks } from '../node/line-chunks';
import { HttpError } from './errors';
import { recordOf, recordText } from './record-line';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * The bytes of a request stream, up to `limit` in all. Past it the stream fails with a 413
 * `BODY_TOO_LARGE` (before the response starts, that is the response; after, the response ends
 * with that error as its last line).
 */
export async function* limitBytes(source: AsyncIterable<Uint8Array | string>, limit: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const piece of source) {
    const bytes = typeof piece === 'string' ? encoder.encode(piece) : piece;
    total += bytes.length;
    if (total > limit) throw new HttpError(413, 'BODY_TOO_LARGE', `the request body is larger than ${limit} bytes (streamLimit)`);
    yield bytes;
  }
}

/** One line of a JSONL body: its text, or why it could not be read. 0-based `index`. */
export type JsonLine = { index: number; text: string } | { index: number; error: string };

/** The non-blank lines of a JSONL source, each at most `maxLineBytes` (a longer one is an error naming its line). */
export async function* jsonLines(source: AsyncIterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<JsonLine> {
  for await (const c of lineChunks(source, 1000, maxLineBytes)) {
    const long = new Map(c.longLines.map((l) => [l.line, l]));
    let from = 0;
    for (let i = 0; i < c.lines; i++) {
      const index = c.start + i;
      let nl = c.bytes.indexOf(10, from);
      if (nl < 0) nl = c.bytes.length;
      const bytes = c.bytes.subarray(from, nl);
      from = nl + 1;
      const tooLong = long.get(index);
      if (tooLong) {
        yield { index, error: `line ${index + 1}: longer than ${tooLong.limit} bytes (maxLineBytes), not read (${tooLong.bytes} bytes)` };
        continue;
      }
      let text: string;
      try {
        text = decoder.decode(bytes);
      } catch {
        yield { index, error: `line ${index + 1}: not valid UTF-8` };
        continue;
      }
      if (index === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.endsWith('\r')) text = text.slice(0, -1);
      if (text.trim() === '') continue;
      yield { index, text };
    }
  }
}

function lineError(index: number, message: string): BatchResult {
  return { index, error: { code: 'INVALID_INPUT', message, issues: [{ path: [], message }] } };
}

/** Options of {@link recordJsonLines}. */
export interface RecordLinesOptions extends BatchOptions {
  /** Record ids are `<name>:<line>` (1-based), as `zhengdi evaluate FILE` names them by the file. */
  name: string;
  maxLineBytes: number;
  /** Applied to every record (pseudonymisation). */
  map?: (r: DecisionRecord) => DecisionRecord;
}

/**
 * Decides every line of a JSONL source (inputs of `kind`) and yields, per line and in order, the
 * decision record as one JSON line or `{"index":…,"error":{…}}` as `evaluateJsonLines` writes
 * errors. Count in = records + errors.
 */
export async function* recordJsonLines(engine: Pick<EngineCore, 'evaluate'>, kind: Kind, source: AsyncIterable<Uint8Array>, options: RecordLinesOptions): AsyncGenerator<string> {
  const { name, maxLineBytes, map, ...batch } = options;
  let out: string[] = [];
  for await (const line of jsonLines(source, maxLineBytes)) {
    out.push(recordLineOf(engine, kind, line, batch, name, map));
    if (out.length >= 500) {
      yield out.join('');
      out = [];
    }
  }
  if (out.length > 0) yield out.join('');
}

function recordLineOf(engine: Pick<EngineCore, 'evaluate'>, kind: Kind, line: JsonLine, batch: BatchOptions, name: string, map: ((r: DecisionRecord) => DecisionRecord) | undefined): string {
  if ('error' in line) return JSON.stringify(lineError(line.index, line.error)) + '\n';
  let input: unknown;
  try {
    input = JSON.parse(line.text);
  } catch (e) {
    return JSON.stringify(lineError(line.index, `line ${line.index + 1}: not JSON (${(e as Error).message})`)) + '\n';
  }
  return recordResultLine(engine, kind, input, line.index, batch, `${name}:${line.index + 1}`, map) + '\n';
}

/** One input to its record's JSON text, or to its `{ index, error }` JSON text. */
export function recordResultLine(engine: Pick<EngineCore, 'evaluate'>, kind: Kind, input: unknown, index: number, batch: BatchOptions, id: string, map?: (r: DecisionRecord) => DecisionRecord): string {
  const r = evaluateOne(engine, kind, input, index, batch);
  if ('error' in r) return JSON.stringify(r);
  try {
    return recordText(recordOf(r.decision, { ...batch, kind, input }, id, map));
  } catch (e) {
    return JSON.stringify({ index, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } });
  }
}
