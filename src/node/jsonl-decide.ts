import { evaluateOne, type BatchOptions, type BatchResult } from '../batch';
import type { EngineCore } from '../engine/engine';
import type { Kind } from '../kinds';
import type { LongLine } from '../records/decide-rows';
import { projectResult } from './project';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

export type { LongLine };

function lineError(index: number, message: string): BatchResult {
  return { index, error: { code: 'INVALID_INPUT', message: `line ${index + 1}: ${message}`, issues: [{ path: [], message }] } };
}

function decodeLines(bytes: Uint8Array): Array<string | null> {
  try {
    return decoder.decode(bytes).split('\n');
  } catch {
    // Not UTF-8 somewhere: decode line by line so only the bad lines fail (null).
    const lines: Array<string | null> = [];
    let from = 0;
    for (;;) {
      const nl = bytes.indexOf(10, from);
      const end = nl < 0 ? bytes.length : nl;
      try {
        lines.push(decoder.decode(bytes.subarray(from, end)));
      } catch {
        lines.push(null);
      }
      if (nl < 0) return lines;
      from = nl + 1;
    }
  }
}

/**
 * Decides the lines of one JSONL chunk (UTF-8 bytes whose first line is line `start`, 0-based)
 * and returns the results as UTF-8 JSONL: one `BatchResult` per non-blank line, in line order,
 * with `index` = the line's 0-based number. A line that is not UTF-8 or not JSON, or that was
 * too long to read, is an `INVALID_INPUT` error result; nothing is skipped silently but blank
 * lines. A byte order mark on line 0 is ignored. Runs in the worker (and on the calling thread
 * for {@link evaluateJsonLines}). @internal
 */
export function decideJsonLines(engine: Pick<EngineCore, 'evaluate'>, kind: Kind, bytes: Uint8Array, start: number, options: BatchOptions, fields: readonly string[] | undefined, longLines: readonly LongLine[] = []): Uint8Array {
  const lines = decodeLines(bytes);
  const long = new Map(longLines.map((l) => [l.line, l]));
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const index = start + i;
    let text: string | null = lines[i] ?? null;
    let result: BatchResult;
    if (text === null) {
      result = lineError(index, 'not valid UTF-8');
    } else {
      if (index === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.endsWith('\r')) text = text.slice(0, -1);
      const tooLong = long.get(index);
      if (tooLong) {
        result = lineError(index, `longer than ${tooLong.limit} bytes (maxLineBytes), not read (${tooLong.bytes} bytes)`);
      } else if (text.trim() === '') {
        continue;
      } else {
        let input: unknown;
        try {
          input = JSON.parse(text);
        } catch (e) {
          out.push(JSON.stringify(lineError(index, `not JSON (${(e as Error).message})`)));
          continue;
        }
        result = projectResult(evaluateOne(engine, kind, input, index, options), fields);
      }
    }
    out.push(JSON.stringify(result));
  }
  return encoder.encode(out.length === 0 ? '' : out.join('\n') + '\n');
}
