/**
 * `zhengdi serve` as a user runs it (the built dist/cli.js): it listens on loopback, its record
 * lines are the bytes `zhengdi evaluate` writes for the same file, it stops on SIGTERM after
 * the request in flight, and it will not listen elsewhere without a token.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, recordLinesOf, zhengdi } from '../cli/run';
import { call, payoutInput, stream } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'zhengdi-serve-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

async function serve(args: string[]): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`not started: ${err}`)), 30_000);
    child.stderr!.on('data', () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m) {
        clearTimeout(t);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
  return { child, url, stderr: () => err };
}

describe('zhengdi serve', () => {
  it('answers full records with the bytes of zhengdi evaluate --record-format full, and stops on SIGTERM after the request in flight', { timeout: 120_000 }, async () => {
    const lines = [payoutInput, { ...payoutInput, person: { ...payoutInput.person, id: 'GC-02', birthDate: '1962-09-01' } }, { expropriationDate: '2024-06-30' }];
    const file = join(dir, 'people.jsonl');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const cli = await zhengdi(['evaluate', '--kind', 'payout', '--record-format', 'full', file]);
    expect(cli.code).toBe(1); // line 3 fails
    const s = await serve(['--log-level', 'silent']);
    const r = await call(s.url, 'POST', '/v1/records?kind=payout&name=people.jsonl', lines.map((l) => JSON.stringify(l)).join('\n'), { 'content-type': 'application/x-ndjson' });
    const answer = r.text.split('\n').filter((l) => l !== '');
    expect(answer).toHaveLength(3);
    expect(JSON.parse(answer[2]!)).toMatchObject({ index: 2, error: { code: 'INVALID_INPUT' } });
    // The CLI writes a sealed file: each record with its chain link in front, then the seal. The
    // service's records are the same records without the link (its batches are not sealed files).
    const cliRecords = recordLinesOf(cli.stdout).map((l) => l.replace(/^\{"chain":\{"hash":"[0-9a-f]{64}","n":\d+\},/, '{'));
    expect(answer.slice(0, 2)).toEqual(cliRecords);

    // SIGTERM while a stream is open: it is finished, then the process exits 0.
    const body = new PassThrough();
    let text = '';
    const inFlight = stream(s.url, '/v1/evaluate/batch?kind=payout&fields=asOf', body, (c) => (text += c.toString('utf8')));
    body.write((JSON.stringify(payoutInput) + '\n').repeat(1000));
    await expect.poll(() => text.length, { timeout: 20_000 }).toBeGreaterThan(0);
    s.child.kill('SIGTERM');
    await expect.poll(() => s.stderr(), { timeout: 10_000 }).toMatch(/SIGTERM: finishing in-flight requests/);
    body.end(JSON.stringify(payoutInput) + '\n');
    expect((await inFlight).status).toBe(200);
    expect(text.trim().split('\n')).toHaveLength(1001);
    const [code] = (await once(s.child, 'exit')) as [number];
    expect(code).toBe(0);
    expect(s.stderr()).toMatch(/stopped/);
  });

  it('needs --token-file off loopback, and then asks every request for the token', { timeout: 60_000 }, async () => {
    const refused = await zhengdi(['serve', '--host', '0.0.0.0', '--port', '0']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/not loopback: give --token-file/);
    const tokenFile = join(dir, 'token.txt');
    writeFileSync(tokenFile, 'a-long-random-service-token-0042\n');
    const s = await serve(['--token-file', tokenFile, '--log-level', 'silent']);
    try {
      expect((await call(s.url, 'GET', '/v1/health')).status).toBe(401);
      expect((await call(s.url, 'GET', '/v1/health', undefined, { authorization: 'Bearer a-long-random-service-token-0042' })).status).toBe(200);
    } finally {
      s.child.kill('SIGTERM');
      await once(s.child, 'exit');
    }
  });
});
