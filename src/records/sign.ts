/**
 * Signatures of sealed record files: Ed25519 (RFC 8032) from @noble/curves (audited, no home-made
 * crypto), over the seal line. Pure and browser-safe: a browser can check a file it is given.
 *
 * A signature line follows the seal:
 * `{"alg":"Ed25519","format":"zhengdi-signature/1","publicKey":hex32,"signature":hex64}`; it signs
 * the UTF-8 bytes of `zhengdi-signature/1\n` followed by the seal line (without its newline).
 * The seal holds the chain head, so the signature covers every record, their order and count.
 * Private keys never appear in a record file or a message of this module.
 */
import { ed25519 } from '@noble/curves/ed25519';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils';
import { canonicalJson } from '../engine/canonical-json';
import { sealText, type Seal } from './chain';

/**
 * The format tag of a signature line.
 *
 * @example
 * ```ts
 * JSON.parse(line).format === SIGNATURE_FORMAT; // a signature line
 * ```
 */
export const SIGNATURE_FORMAT = 'zhengdi-signature/1' as const;

/**
 * A signature line.
 *
 * @example
 * ```ts
 * const s: SignatureLine = { format: 'zhengdi-signature/1', alg: 'Ed25519', publicKey: '3d4017c3…', signature: '92a0…' };
 * ```
 */
export interface SignatureLine {
  format: typeof SIGNATURE_FORMAT;
  alg: 'Ed25519';
  /** The signer's public key, 32 bytes as hex (who signed; trust comes from the key the verifier is given). */
  publicKey: string;
  /** 64 bytes as hex. */
  signature: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * The bytes a signature of this seal covers: `zhengdi-signature/1\n` and the seal line.
 *
 * @example
 * ```ts
 * ed25519.verify(signature, signedMessage(seal), publicKey);
 * ```
 */
export function signedMessage(seal: Seal): Uint8Array {
  return utf8ToBytes(`${SIGNATURE_FORMAT}\n${sealText(seal)}`);
}

/** 32 raw bytes from 64 hex digits (a key), or an error that does not echo the key. */
function keyBytes(hex: string, what: string): Uint8Array {
  const h = hex.trim().toLowerCase();
  if (!HEX64.test(h)) throw new Error(`${what} must be 32 bytes as 64 hex digits`);
  return hexToBytes(h);
}

/**
 * The public key (hex) of an Ed25519 private key (hex, 32 bytes).
 *
 * @example
 * ```ts
 * publicKeyOf(privateKeyHex); // '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c' for RFC 8032 test 1
 * ```
 */
export function publicKeyOf(privateKeyHex: string): string {
  return bytesToHex(ed25519.getPublicKey(keyBytes(privateKeyHex, 'a private key')));
}

/**
 * Signs a seal: its signature line (canonical JSON, no newline).
 *
 * @example
 * ```ts
 * out.write(signatureLine(seal, privateKeyHex) + '\n');
 * ```
 */
export function signatureLine(seal: Seal, privateKeyHex: string): string {
  const priv = keyBytes(privateKeyHex, 'a private key');
  const line: SignatureLine = {
    format: SIGNATURE_FORMAT,
    alg: 'Ed25519',
    publicKey: bytesToHex(ed25519.getPublicKey(priv)),
    signature: bytesToHex(ed25519.sign(signedMessage(seal), priv)),
  };
  return canonicalJson(line);
}

/**
 * Whether a signature line is a valid Ed25519 signature of this seal by the key it names
 * (RFC 8032 strict verification). False for any malformed line.
 *
 * @example
 * ```ts
 * verifySignature(seal, JSON.parse(line)) && line.publicKey === trustedKey;
 * ```
 */
export function verifySignature(seal: Seal, line: unknown): boolean {
  if (line === null || typeof line !== 'object') return false;
  const s = line as Partial<SignatureLine>;
  if (s.format !== SIGNATURE_FORMAT || s.alg !== 'Ed25519' || typeof s.publicKey !== 'string' || !HEX64.test(s.publicKey)) return false;
  if (typeof s.signature !== 'string' || !/^[0-9a-f]{128}$/.test(s.signature)) return false;
  try {
    return ed25519.verify(hexToBytes(s.signature), signedMessage(seal), hexToBytes(s.publicKey), { zip215: false });
  } catch {
    return false;
  }
}

/**
 * A public key given as 64 hex digits, normalised (lower case); throws a message that does not echo it.
 *
 * @example
 * ```ts
 * publicKeyHex('D75A98…'); // 'd75a98…'
 * ```
 */
export function publicKeyHex(hex: string): string {
  return bytesToHex(keyBytes(hex, 'a public key'));
}
