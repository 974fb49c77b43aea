import { ed25519 } from '@noble/curves/ed25519';
import { bytesToHex } from '@noble/hashes/utils';
import { describe, expect, it } from 'vitest';
import { publicKeyOf, signatureLine, signedMessage, verifyRecordFile, verifySignature, type Seal } from '../../src/records';
import { editAndRehash, fixtureLines, nodeSha, rechain, sealLines, text } from './sealed-file';

// Signatures of sealed files (issue 20): Ed25519 over the seal, from @noble/curves.

// RFC 8032 §7.1 TEST 1: the library's keys are the standard's.
const RFC_SECRET = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const RFC_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const sealed = sealLines(fixtureLines());
const sealOf = (lines: readonly string[]) => JSON.parse(lines.at(-1)!) as Seal;
const other = bytesToHex(ed25519.utils.randomPrivateKey());

describe('Ed25519 signatures of the seal', () => {
  it('RFC 8032 test 1: the public key of its secret key; the signature of the empty message', () => {
    expect(publicKeyOf(RFC_SECRET)).toBe(RFC_PUBLIC);
    expect(bytesToHex(ed25519.sign(new Uint8Array(0), Buffer.from(RFC_SECRET, 'hex')))).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
  });

  it('signs "zhengdi-signature/1\\n" + the seal line; a signed file verifies with the signer\'s key, and fails without a signature by a key asked for', () => {
    const seal = sealOf(sealed);
    const line = signatureLine(seal, RFC_SECRET);
    expect(new TextDecoder().decode(signedMessage(seal))).toBe(`zhengdi-signature/1\n${sealed.at(-1)}`);
    expect(JSON.parse(line)).toMatchObject({ format: 'zhengdi-signature/1', alg: 'Ed25519', publicKey: RFC_PUBLIC });
    expect(line).not.toContain(RFC_SECRET); // the private key is never written
    expect(verifySignature(seal, JSON.parse(line))).toBe(true);
    const signed = [...sealed, line];
    expect(verifyRecordFile(text(signed), { sha256: nodeSha, publicKeys: [RFC_PUBLIC] })).toMatchObject({ status: 'intact', signatures: [{ line: sealed.length + 1, valid: true, trusted: true }] });
    const wrongKey = verifyRecordFile(text(signed), { sha256: nodeSha, publicKeys: [publicKeyOf(other)] });
    expect(wrongKey.status).toBe('broken');
    expect(wrongKey.problems.map((p) => p.code)).toEqual(['SIGNATURE_MISSING']);
    expect(verifyRecordFile(text(sealed), { sha256: nodeSha, publicKeys: [RFC_PUBLIC] }).problems.map((p) => p.code)).toEqual(['SIGNATURE_MISSING']);
  });

  it('a record edited and the whole file re-hashed, re-chained and re-sealed without the key: the chain passes, the signature does not', () => {
    const signed = [...sealed, signatureLine(sealOf(sealed), RFC_SECRET)];
    const edited = [...sealed];
    edited[10] = editAndRehash(sealed[10]!, (r) => ((r.decision as { outcome: { totals: { amount: string } } }).outcome.totals.amount = '999999.00'));
    const forged = [...rechain(edited), signed.at(-1)!]; // the old signature kept
    const r = verifyRecordFile(text(forged), { sha256: nodeSha, publicKeys: [RFC_PUBLIC] });
    expect(r.problems.map((p) => [p.line, p.code])).toEqual([[sealed.length + 1, 'SIGNATURE_INVALID'], [sealed.length + 2, 'SIGNATURE_MISSING']]);
    // and signed anew with another key: the key the auditor trusts is still missing
    const resigned = [...rechain(edited), signatureLine(sealOf(rechain(edited)), other)];
    expect(verifyRecordFile(text(resigned), { sha256: nodeSha, publicKeys: [RFC_PUBLIC] }).problems.map((p) => p.code)).toEqual(['SIGNATURE_MISSING']);
  });

  it('malformed signature lines never verify; a signature before the seal is a problem', () => {
    const seal = sealOf(sealed);
    const good = JSON.parse(signatureLine(seal, RFC_SECRET)) as Record<string, string>;
    for (const bad of [null, 1, {}, { ...good, alg: 'RSA' }, { ...good, publicKey: 'xyz' }, { ...good, signature: good.signature!.slice(2) }, { ...good, signature: '0'.repeat(128) }]) {
      expect(verifySignature(seal, bad)).toBe(false);
    }
    expect(verifySignature({ ...seal, count: seal.count + 1 }, good)).toBe(false);
    expect(verifyRecordFile(text([signatureLine(seal, RFC_SECRET), ...sealed])).problems[0]).toMatchObject({ line: 1, code: 'SIGNATURE_INVALID' });
    expect(() => signatureLine(seal, 'not a key')).toThrow('a private key must be 32 bytes as 64 hex digits');
  });
});
