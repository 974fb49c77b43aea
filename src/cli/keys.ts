/**
 * Ed25519 key files for `zhengdi sign`, `verify --public-key` and `keygen`: PEM (PKCS#8 private,
 * SPKI public — what `openssl genpkey -algorithm ed25519` writes) read with node:crypto, or 64
 * hex digits. Only raw bytes go on to the signing code; no message quotes a key file's content.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { publicKeyHex } from '../records/sign';

const HEX64 = /^[0-9a-fA-F]{64}$/;

function fromJwk(x: string | undefined): string {
  if (!x) throw new Error('not an Ed25519 key');
  return Buffer.from(x, 'base64url').toString('hex');
}

/** The private key (hex) in a key file; the error names the file, never its content. */
export function readPrivateKey(file: string): string {
  const text = readFileSync(file, 'utf8').trim();
  if (HEX64.test(text)) return text.toLowerCase();
  try {
    const key = createPrivateKey(text);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
    return fromJwk(key.export({ format: 'jwk' }).d);
  } catch {
    throw new Error(`${file}: not an Ed25519 private key (PEM PKCS#8, as written by zhengdi keygen or openssl genpkey -algorithm ed25519, or 64 hex digits)`);
  }
}

/** A public key given on the command line: 64 hex digits, or a file holding a PEM public key or 64 hex digits. */
export function readPublicKey(arg: string): string {
  if (HEX64.test(arg.trim())) return publicKeyHex(arg);
  if (!existsSync(arg)) throw new Error(`--public-key ${arg}: neither 64 hex digits nor a file`);
  const text = readFileSync(arg, 'utf8').trim();
  if (HEX64.test(text)) return publicKeyHex(text);
  try {
    const key = createPublicKey(text);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
    return fromJwk(key.export({ format: 'jwk' }).x);
  } catch {
    throw new Error(`${arg}: not an Ed25519 public key (PEM SPKI, as written by zhengdi keygen or openssl pkey -pubout, or 64 hex digits)`);
  }
}

/** A new Ed25519 key pair as PEM (private PKCS#8, public SPKI) and the public key as hex (node:crypto's CSPRNG). */
export function newKeyPair(): { privatePem: string; publicPem: string; publicHex: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    publicHex: fromJwk(publicKey.export({ format: 'jwk' }).x),
  };
}
