/**
 * `zhengdi sign --key KEYFILE FILE` (appends an Ed25519 signature of the seal) and
 * `zhengdi keygen --out NAME` (writes NAME.key, private, mode 0600, and NAME.pub). The private
 * key is read into memory only to sign; it is never written to the record file, stdout or stderr.
 */
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { nodeSha256Hex } from '../node/sha256';
import { publicKeyOf, signatureLine } from '../records/sign';
import { RecordFileVerifier } from '../records/verify';
import { newKeyPair, readPrivateKey } from './keys';
import { describeFile, verifyFile } from './verify';

/** Registers `sign` and `keygen` on the program. */
export function registerSign(prog: Command): void {
  prog
    .command('sign')
    .description('sign a sealed record file with an Ed25519 private key: appends a signature line covering the seal')
    .argument('<file>', 'a sealed record file (zhengdi evaluate --out)')
    .requiredOption('--key <keyfile>', 'the private key: PEM (zhengdi keygen, openssl genpkey -algorithm ed25519) or 64 hex digits')
    .action(async (file: string, opts: { key: string }) => {
      const privateKey = readPrivateKey(opts.key);
      const report = await verifyFile(file, new RecordFileVerifier({ sha256: nodeSha256Hex }));
      if (report.status !== 'intact' || !report.seal) {
        process.stderr.write(describeFile(file, report).join('\n') + '\nsign: only a sealed, intact file is signed\n');
        process.exitCode = 1;
        return;
      }
      const publicKey = publicKeyOf(privateKey);
      if (report.signatures.some((s) => s.publicKey === publicKey && s.valid)) {
        process.stderr.write(`sign: ${file} is already signed by key ${publicKey}\n`);
        return;
      }
      appendFileSync(file, signatureLine(report.seal, privateKey) + '\n');
      process.stdout.write(`signed ${file}: ${report.seal.count} records, chain head ${report.seal.head}, public key ${publicKey}\n`);
    });

  prog
    .command('keygen')
    .description('make an Ed25519 key pair for signing record files: NAME.key (private, mode 0600) and NAME.pub (public)')
    .requiredOption('--out <name>', 'file name without extension')
    .action((opts: { out: string }) => {
      const keyFile = `${opts.out}.key`;
      const pubFile = `${opts.out}.pub`;
      for (const f of [keyFile, pubFile]) if (existsSync(f)) throw new Error(`${f} exists: keygen never overwrites a key`);
      const pair = newKeyPair();
      writeFileSync(keyFile, pair.privatePem, { mode: 0o600, flag: 'wx' });
      writeFileSync(pubFile, pair.publicPem, { flag: 'wx' });
      process.stdout.write(`wrote ${keyFile} (private: keep it offline, never in a repository) and ${pubFile}\npublic key ${pair.publicHex}\n`);
    });
}
