/**
 * `zhengdi verify FILE [--public-key KEY]`: checks a record file's hash chain, seal and
 * signatures (src/records); exit 0 only when the file is sealed and intact (and signed by each
 * key given), 1 otherwise (unsealed files included: their deletions cannot be detected).
 */
import { createReadStream } from 'node:fs';
import type { Command } from 'commander';
import { nodeSha256Hex } from '../node/sha256';
import { RecordFileVerifier, type FileVerification } from '../records/verify';
import { lines } from './inputs';
import { readPublicKey } from './keys';
import { formatTable } from './table';

/** Reads a record file (or stdin for `-`) through a verifier; `each` sees every line and what it was. */
export async function verifyFile(file: string, verifier: RecordFileVerifier): Promise<FileVerification> {
  const stream = file === '-' ? process.stdin : createReadStream(file);
  for await (const l of lines(stream)) verifier.line(l.line, l.text);
  return verifier.end();
}

/** The report as text lines (shared with `replay`). */
export function describeFile(file: string, r: FileVerification, lang: 'zh' | 'en' = 'en'): string[] {
  const zh = lang === 'zh';
  const out: string[] = [];
  if (r.status === 'unsealed') {
    out.push(zh
      ? `${file}：未封存（封存格式之前的记录文件）：${r.records} 条记录，各自与其哈希核对；无法发现删除、调换顺序或截断的记录`
      : `${file}: unsealed (a record file from before sealed files): ${r.records} records, each checked against its own hash; a deleted, reordered or truncated record cannot be detected`);
  } else if (r.status === 'intact') {
    out.push(zh
      ? `${file}：已封存且完整：${r.seal!.count} 条记录（${r.seal!.first ?? '—'} … ${r.seal!.last ?? '—'}），链头 ${r.seal!.head}`
      : `${file}: sealed and intact: ${r.seal!.count} records (${r.seal!.first ?? '—'} … ${r.seal!.last ?? '—'}), chain head ${r.seal!.head}`);
  } else {
    out.push(zh ? `${file}：不完整：${r.problems.length} 处问题` : `${file}: NOT intact: ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}`);
  }
  for (const s of r.signatures) {
    out.push(zh
      ? `第 ${s.line} 行的签名：公钥 ${s.publicKey}，${s.valid ? '有效' : '无效'}${s.trusted ? '，为所给公钥' : ''}`
      : `signature on line ${s.line}: key ${s.publicKey}, ${s.valid ? 'valid' : 'INVALID'}${s.trusted ? ', a key you gave' : ''}`);
  }
  if (r.problems.length > 0) out.push('', formatTable(r.problems.map((p): Record<string, string | number> => (zh ? { 行: p.line, 问题: p.code, 说明: p.message } : { line: p.line, problem: p.code, detail: p.message }))));
  return out;
}

/** Registers `verify` on the program. */
export function registerVerify(prog: Command): void {
  prog
    .command('verify')
    .description('check a record file\'s hash chain, seal and signatures; exit 0 only when sealed and intact')
    .argument('<file>', 'a record file written by zhengdi evaluate (- for stdin)')
    .option('--public-key <key>', 'require a valid signature by this Ed25519 public key (64 hex digits, or a PEM or hex file); repeatable', (v: string, prev: string[] = []) => [...prev, v])
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: { publicKey?: string[]; json?: boolean }) => {
      const publicKeys = (opts.publicKey ?? []).map(readPublicKey);
      const report = await verifyFile(file, new RecordFileVerifier({ sha256: nodeSha256Hex, publicKeys }));
      process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + '\n' : describeFile(file, report).join('\n') + '\n');
      process.exitCode = report.status === 'intact' ? 0 : 1;
    });
}
