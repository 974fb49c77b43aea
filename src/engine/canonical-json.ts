import canonicalize from 'canonicalize';
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
  const out = canonicalize(value);
  if (out === undefined) throw new TypeError('value cannot be written as JSON');
  return out;
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
