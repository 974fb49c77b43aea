import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyRecordFile } from '../../src/records';
import village from '../../rulesets/cn.hunan.shaoyang/samples/village-eligibility.json';
import { CLI, ROOT, zhengdi } from './run';

// Runs that survive (issue 20): `zhengdi evaluate --out F` writes F.partial and renames it when
// complete; SIGKILL at any point and `--resume` gives the bytes of an uninterrupted run; SIGINT
// stops after the current chunk with a summary; a worker that dies fails the run naming its rows.

const tmp = mkdtempSync(join(tmpdir(), 'zhengdi-survive-'));
const input = join(tmp, 'in.jsonl');
// 1,500 rows (every 97th not JSON, so the rows with errors are resumed too): about a second to
// decide, several chunks of lines (a signal is seen between chunks).
const ROWS = 1500;
const BAD = Array.from({ length: ROWS }, (_, i) => i).filter((i) => i % 97 === 5).length; // 16
writeFileSync(input, Array.from({ length: ROWS }, (_, i) => (i % 97 === 5 ? '{bad' : JSON.stringify({ id: `H${i}`, input: village.households[i % village.households.length]!.input }))).join('\n') + '\n');
const args = (out: string, ...more: string[]) => ['evaluate', '-k', 'eligibility', '--no-progress', input, '--out', out, ...more];

/** Starts the CLI and kills it with `signal` after `ms`; resolves with its exit code or signal and stderr. */
function runAndKill(argv: string[], ms: number, signal: NodeJS.Signals, when?: () => boolean, after = 0): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...argv], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // ms ≥ 0: after ms; ms < 0: `after` ms after `when()` holds
    let timer: NodeJS.Timeout;
    if (ms >= 0) timer = setTimeout(() => child.kill(signal), ms);
    else {
      const poll = (): void => {
        if (when!()) timer = setTimeout(() => child.kill(signal), after);
        else timer = setTimeout(poll, 20);
      };
      timer = setTimeout(poll, 20);
    }
    child.on('error', reject);
    child.on('close', (code, sig) => {
      clearTimeout(timer!);
      resolve({ code, signal: sig, stderr });
    });
  });
}

/** A seeded generator (the points are random but the test repeatable). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Runs killed by SIGKILL in this file (docs/quality.md). */
let killed = 0;

describe('zhengdi evaluate --out survives being killed', () => {
  const reference = join(tmp, 'reference.jsonl');

  it('an uninterrupted run: F is renamed from F.partial at the end, sealed and intact; no partial files stay', async () => {
    const r = await zhengdi(args(reference));
    expect(r.code).toBe(1); // 4 rows are not JSON
    expect(existsSync(reference)).toBe(true);
    expect(existsSync(`${reference}.partial`) || existsSync(`${reference}.partial.progress`)).toBe(false);
    const report = verifyRecordFile(readFileSync(reference, 'utf8'));
    expect(report).toMatchObject({ status: 'intact', records: ROWS - BAD });
    expect(r.stderr).toContain(`evaluate: ${ROWS} in, ${ROWS - BAD} records, ${BAD} errors`);
  });

  it('20 runs killed with SIGKILL at random points, then resumed: each gives the bytes of the uninterrupted run', { timeout: 240_000 }, async () => {
    const expected = readFileSync(reference);
    const random = lcg(20261202);
    const outcomes: string[] = [];
    let runsKilled = 0;
    for (let run = 0; runsKilled < 20 && run < 60; run++) {
      const out = join(tmp, `killed-${run}.jsonl`);
      // A random point of the run: 0–350 ms after its partial file appears (before that the
      // process is still starting, and a kill there leaves nothing to resume).
      const ms = Math.floor(random() * 350);
      const k = await runAndKill(args(out), -1, 'SIGKILL', () => existsSync(`${out}.partial`), ms);
      if (k.signal === 'SIGKILL') {
        killed++;
        runsKilled++;
        // F exists only when the kill came after the rename: then it is whole (compared below).
        outcomes.push(existsSync(out) ? `${ms}ms (after the rename)` : `${ms}ms`);
        if (run % 5 === 4) {
          // killed again while resuming
          const again = await runAndKill(args(out, '--resume'), 300 + Math.floor(random() * 400), 'SIGKILL');
          if (again.signal === 'SIGKILL') {
            killed++;
            outcomes.push('and again while resuming');
          }
        }
        // Not finished: no F, or (a kill after the rename, then a --resume that started the run
        // again, there being nothing to resume, and was killed) F and a new F.partial.
        if (!existsSync(out) || existsSync(`${out}.partial`)) {
          const resumed = await zhengdi(args(out, '--resume'));
          expect(resumed.code, resumed.stderr).toBe(1);
        }
      } else {
        outcomes.push(`${ms}ms (finished first)`);
      }
      expect(readFileSync(out).equals(expected), `run ${run} (killed at ${ms} ms)`).toBe(true);
      expect(existsSync(`${out}.partial`)).toBe(false);
      rmSync(out);
    }
    expect(runsKilled).toBe(20);
    console.log(`SIGKILL runs: ${killed} (${outcomes.join(', ')})`);
  });

  it('SIGINT and SIGTERM stop after the current chunk: a summary of what was written, exit 130/143, no F; --resume finishes it', { timeout: 60_000 }, async () => {
    const expected = readFileSync(reference);
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      const out = join(tmp, `${signal}.jsonl`);
      const r = await runAndKill(args(out), -1, signal, () => existsSync(`${out}.partial`) && statSync(`${out}.partial`).size > 0);
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).toMatch(new RegExp(`evaluate: stopped by ${signal} after \\d+ rows: \\d+ records and \\d+ errors so far, written to ${out.replace(/[.]/g, '\\.')}\\.partial; run the same command with --resume to finish`));
      expect(existsSync(out)).toBe(false);
      const partial = verifyRecordFile(readFileSync(`${out}.partial`, 'utf8'));
      expect(partial.problems.map((p) => p.code)).toEqual(['SEAL_MISSING']); // complete records, not sealed yet
      const rows = Number(/after (\d+) rows/.exec(r.stderr)![1]);
      const resumed = await zhengdi(args(out, '--resume'));
      expect(resumed.stderr).toContain(`(resumed after ${rows} rows)`);
      expect(readFileSync(out).equals(expected)).toBe(true);
    }
  });

  it('--resume refuses another run\'s partial file, a partial file that does not verify, and a run without --out (exit 2)', async () => {
    const out = join(tmp, 'refuse.jsonl');
    const checkpointed = () => existsSync(`${out}.partial.progress`) && readFileSync(`${out}.partial.progress`, 'utf8').split('\n').length > 2;
    const k = await runAndKill(args(out), -1, 'SIGKILL', checkpointed);
    expect(k.signal).toBe('SIGKILL');
    const other = await zhengdi(['evaluate', '-k', 'eligibility', '--as-of', '2023-07-01', '--no-progress', input, '--out', out, '--resume']);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('was made by another run');
    const text = readFileSync(`${out}.partial`, 'utf8'); // the first record is before the first checkpoint
    writeFileSync(`${out}.partial`, text.replace('"eligible":true', '"eligible":false'));
    const bad = await zhengdi(args(out, '--resume'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/does not verify \(line 1: the record does not match its recordHash/);
    const noOut = await zhengdi(['evaluate', '-k', 'eligibility', input, '--resume']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--resume needs --out');
  });
});

describe('zhengdi evaluate --workers --out survives being killed', () => {
  it('killed twice mid-run and resumed with --workers: the bytes of an uninterrupted single-thread run', { timeout: 120_000 }, async () => {
    const rows = join(tmp, 'rows-3500.jsonl'); // 4 chunks of 1000 lines for the workers
    writeFileSync(rows, Array.from({ length: 3500 }, (_, i) => (i % 500 === 7 ? '{bad' : JSON.stringify({ id: `W${i}`, input: village.households[i % village.households.length]!.input }))).join('\n') + '\n');
    const single = join(tmp, 'single-3500.jsonl');
    await zhengdi(['evaluate', '-k', 'eligibility', '--no-progress', rows, '--out', single]);
    const out = join(tmp, 'workers-3500.jsonl');
    const argv = (...more: string[]) => ['evaluate', '-k', 'eligibility', '--no-progress', '--workers', '2', rows, '--out', out, ...more];
    const progressLines = () => (existsSync(`${out}.partial.progress`) ? readFileSync(`${out}.partial.progress`, 'utf8').split('\n').length - 2 : 0);
    const first = await runAndKill(argv(), -1, 'SIGKILL', () => progressLines() >= 1);
    expect(first.signal).toBe('SIGKILL');
    const before = progressLines();
    const second = await runAndKill(argv('--resume'), -1, 'SIGKILL', () => progressLines() > before);
    if (second.signal === 'SIGKILL') killed++;
    killed++;
    if (!existsSync(out)) expect((await zhengdi(argv('--resume'))).code).toBe(1);
    expect(readFileSync(out).equals(readFileSync(single))).toBe(true);
  });
});

describe('a worker that dies', () => {
  it('terminated mid-run: non-zero exit, an error naming the rows in flight, no destination file, no hang', { timeout: 60_000 }, async () => {
    // A worker script that runs the real one but exits on its second chunk (as a worker killed or out of memory does).
    const script = join(tmp, 'dying-worker.mjs');
    writeFileSync(script, `import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (m) => { if (m.chunk === 1) process.exit(7); });\nawait import(${JSON.stringify(join(ROOT, 'dist/batch-worker.js'))});\n`);
    const big = join(tmp, 'big.jsonl');
    writeFileSync(big, Array.from({ length: 2500 }, (_, i) => JSON.stringify({ id: `B${i}`, input: village.households[i % village.households.length]!.input })).join('\n') + '\n');
    const out = join(tmp, 'dies.jsonl');
    const started = Date.now();
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'evaluate', '-k', 'eligibility', '--no-progress', '--workers', '2', big, '--out', out], { cwd: ROOT, env: { ...process.env, ZHENGDI_WORKER_SCRIPT: script }, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('batch worker stopped (exit code 7) with work in progress (lines 1001–2000 of');
    expect(r.stderr).toContain(`${out} was not written`);
    expect(existsSync(out)).toBe(false);
  });
});
