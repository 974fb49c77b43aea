/**
 * A decision record as the text of one line, built in one pass: each top-level field is written
 * as canonical JSON (RFC 8785) once; the record hash is taken of that text and the same text,
 * with `recordHash` in its sorted place, is the output line. No parse-back, no re-sort. Pure.
 */
import { CanonicalText, compactTextBody } from '../audit/compact';
import { recordArguments, recordBody, type RequestLike, type Sha256Hex, type ToRecordOptions } from '../audit/record';
import { canonicalJson, sha256Hex } from '../engine/canonical-json';
import type { AnyDecision as Decision } from '../engine/engine';
import { sortedKeys } from '../engine/sorted-keys';

/**
 * One record as text: the canonical JSON of the record (without `chain`, without a newline),
 * its `recordHash` and its id.
 *
 * @example
 * ```ts
 * const { text, recordHash } = recordText(decision, { id: 'TJ-01' });
 * JSON.parse(text).recordHash === recordHash; // true
 * ```
 */
export interface RecordText {
  text: string;
  recordHash: string;
  id: string | null;
}

/**
 * Options of {@link recordText}: the record id and the SHA-256 to use (default: the portable one).
 *
 * @example
 * ```ts
 * recordText(decision, { id: 'TJ-01', sha256: (t) => createHash('sha256').update(t).digest('hex') });
 * ```
 */
export interface RecordTextOptions extends ToRecordOptions {
  sha256?: Sha256Hex;
}

/**
 * The canonical text and hash of a record body (any object whose keys sort after `chain`):
 * `text` is what `JSON.stringify(toRecord(…))` gives, byte for byte.
 *
 * @example
 * ```ts
 * bodyText({ format: 'zhengdi-record/1', … }).recordHash; // SHA-256 of the body's canonical JSON
 * ```
 */
export function bodyText(body: Readonly<Record<string, unknown>>, sha256: Sha256Hex = sha256Hex): { text: string; recordHash: string } {
  // Each field written as canonical JSON by itself (so that one field whose keys are out of order,
  // the caller's input, does not send the others the long way), in sorted order; the hash is of
  // the fields without `recordHash`, the line has it in its sorted place.
  const keys = sortedKeys(body);
  let before = '';
  let after = '';
  for (const k of keys) {
    const v = body[k];
    if (k === 'recordHash' || k === 'chain' || v === undefined) continue;
    const field = `${JSON.stringify(k)}:${v instanceof CanonicalText ? v.text : canonicalJson(v)}`;
    if (k < 'recordHash') before += before === '' ? field : `,${field}`;
    else after += after === '' ? field : `,${field}`;
  }
  const hashed = `{${before}${before !== '' && after !== '' ? ',' : ''}${after}}`;
  const recordHash = sha256(hashed);
  // The line is the hashed text (flat once hashed) with `recordHash` spliced in: two slices of it
  // and the field, which are copied once when the line is written, instead of walking the
  // field-by-field concatenation again.
  const at = before.length + 1;
  const field = before !== '' ? `,"recordHash":"${recordHash}"` : after !== '' ? `"recordHash":"${recordHash}",` : `"recordHash":"${recordHash}"`;
  return { text: hashed.slice(0, at) + field + hashed.slice(at), recordHash };
}

/**
 * The record of a decision ({@link toRecord}'s checks and content) as one line of canonical
 * JSON, hashed and written in one pass. The request is the one the decision carries.
 *
 * @example
 * ```ts
 * const decision = engine.evaluate(request);
 * const { text } = recordText(decision, { id: 'TJ-01' });
 * text === JSON.stringify(toRecord(decision, { id: 'TJ-01' })); // true
 * ```
 */
export function recordText(decision: Decision, options?: RecordTextOptions): RecordText;
/**
 * The same, with the request given again (checked against the decision).
 *
 * @deprecated The decision carries its request: call `recordText(decision, options)`.
 *
 * @example
 * ```ts
 * const { text } = recordText(engine.evaluate(request), request, { id: 'TJ-01' });
 * ```
 */
export function recordText(decision: Decision, request: RequestLike, options?: RecordTextOptions): RecordText;
export function recordText(decision: Decision, requestOrOptions?: RequestLike | RecordTextOptions, options?: RecordTextOptions): RecordText {
  const [request, allOptions] = recordArguments(decision, requestOrOptions, options);
  const { sha256, ...toRecordOptions } = allOptions as RecordTextOptions;
  return lineOf(recordBody(decision, request, toRecordOptions), sha256);
}

/** A record body (of either format) as its line, hash and id. */
function lineOf(body: { readonly id?: string }, sha256: Sha256Hex | undefined): RecordText {
  const { text, recordHash } = bodyText(body as unknown as Record<string, unknown>, sha256);
  return { text, recordHash, id: body.id ?? null };
}

/**
 * The compact record (`zhengdi-compact/2`) of a decision as one line of canonical JSON, hashed
 * and written in one pass: `text` is `JSON.stringify(toCompactRecord(decision, options))`.
 *
 * @example
 * ```ts
 * const { text, recordHash } = compactText(engine.evaluate(request), { id: 'P-17' });
 * ```
 */
export function compactText(decision: Decision, options: RecordTextOptions = {}): RecordText {
  const [request, allOptions] = recordArguments(decision, options);
  const { sha256, ...toRecordOptions } = allOptions as RecordTextOptions;
  return lineOf(compactTextBody(decision, request, toRecordOptions), sha256);
}
