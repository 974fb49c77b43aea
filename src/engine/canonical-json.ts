import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/**
 * Canonical JSON (RFC 8785, JSON Canonicalization Scheme): keys sorted, no white space, numbers
 * as JavaScript prints them. The same value always gives the same bytes.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [true, '0.3'] }); // '{"a":[true,"0.3"],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  // Most values the engine writes are built with their keys in order: then the native writer
  // gives the same bytes, about three times faster (property-tested against `canonicalize`).
  if (stringifiesCanonically(value)) return JSON.stringify(value);
  const out = canonical(value);
  if (out === undefined) throw new TypeError('value cannot be written as JSON');
  return out;
}

/**
 * Whether `JSON.stringify(value)` already is its canonical JSON: plain objects (prototype
 * `Object.prototype` or null) whose own keys come in sorted order, dense arrays, strings,
 * booleans, null and finite numbers, and nothing with a `toJSON`, `undefined` or a symbol. Any
 * doubt is a no, and the value is written by {@link canonical}.
 */
function stringifiesCanonically(value: unknown): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      break;
    default:
      return false;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) if (!(i in value) || !stringifiesCanonically(value[i])) return false;
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && !(keys[i - 1]! < keys[i]!)) return false;
    if (!stringifiesCanonically(o[keys[i]!])) return false;
  }
  return true;
}

/**
 * RFC 8785 as the `canonicalize` package writes it (the same bytes for every value, property-tested
 * against it in test/engine/canonical-json.test.ts): primitives as `JSON.stringify` writes them,
 * `toJSON` followed, object keys sorted by UTF-16 code units, `undefined` and symbol members left
 * out of objects and `null` in arrays; NaN and ±Infinity refused. One string built by appending,
 * instead of a `reduce` over template strings: a record is written several times a second per core.
 */
function canonical(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (Number.isNaN(value)) throw new Error('NaN is not allowed');
      if (!Number.isFinite(value)) throw new Error('Infinity is not allowed');
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      return JSON.stringify(value); // undefined, a function or a symbol: undefined; a bigint throws
  }
  const o = value as Record<string, unknown> & { toJSON?: unknown };
  if (o.toJSON instanceof Function) return canonical((o.toJSON as () => unknown)());
  if (Array.isArray(value)) {
    let s = '[';
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) continue; // a hole, skipped as Array.prototype.reduce skips it
      if (i > 0) s += ',';
      const x: unknown = value[i];
      s += x === undefined || typeof x === 'symbol' ? 'null' : canonical(x);
    }
    return s + ']';
  }
  const keys = Object.keys(o).sort();
  let s = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const x = o[k];
    if (x === undefined || typeof x === 'symbol') continue;
    if (!first) s += ',';
    first = false;
    s += JSON.stringify(k) + ':' + canonical(x);
  }
  return s + '}';
}

/** SHA-256 of a string's UTF-8 bytes, as lower-case hex. Synchronous and runs in browsers. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/**
 * SHA-256 of the canonical JSON of a value: the content hash of rulesets and records.
 *
 * @example
 * ```ts
 * contentHash({ a: 1 }) === contentHash({ a: 1 }); // true: 64 hex digits, key order does not matter
 * ```
 */
export function contentHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
