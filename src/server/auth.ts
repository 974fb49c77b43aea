/** Bearer tokens, compared in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * A check of `Authorization: Bearer <token>` against the configured token. Both sides are hashed
 * first (SHA-256), so `timingSafeEqual` compares equal lengths and the time taken says nothing
 * about the token, not even its length.
 */
export function bearerCheck(token: string): (header: string | undefined) => boolean {
  const expected = digest(token);
  return (header) => {
    if (typeof header !== 'string') return false;
    const m = /^Bearer +(\S(?:.*\S)?)\s*$/i.exec(header);
    return m !== null && timingSafeEqual(digest(m[1]!), expected);
  };
}

/** Whether a host name or address is a loopback one (no token is required there). */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h) || /^::ffff:127(?:\.\d{1,3}){3}$/.test(h);
}
