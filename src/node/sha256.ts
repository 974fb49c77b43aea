import { createHash } from 'node:crypto';

/**
 * SHA-256 of a string's UTF-8 bytes as hex, with Node's native implementation (OpenSSL): the
 * same bytes as the portable one the library uses in browsers, several times faster on long
 * records. Passed to `src/records` by the CLI and the worker threads. @internal
 */
export function nodeSha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
