import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/**
 * Canonical JSON (RFC 8785, JSON Canonicalization Scheme): keys sorted, no white space, numbers
 * as JavaScript prints them. The same value always gives the same bytes.
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

/** SHA-256 of the canonical JSON of a value: the content hash of rulesets and records. */
export function contentHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
