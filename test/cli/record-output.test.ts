import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RecordSink, type Checkpoint, type RunFingerprint } from '../../src/cli/record-output';
import { nodeSha256Hex } from '../../src/node/sha256';
import { verifyRecordFile } from '../../src/records';

// The record sink queues its writes (issue 21): the next chunk is linked while the previous ones
// are copied into the file. What must not change: the bytes, a checkpoint only after the bytes it
// names, and a failed write reported, with nothing written after it.

const tmp = mkdtempSync(join(tmpdir(), 'zhengdi-sink-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const fingerprint: RunFingerprint = { input: 'rows.jsonl', size: 0, mtimeMs: 0, mode: 'lines', options: {} };
const encoder = new TextEncoder();

/** Chunk k of `n` record lines as a worker returns them: `{"id":…,"v":…}` lines, their hashes and ids. */
function chunk(k: number, n: number): { bytes: Uint8Array; hashes: string[]; ids: string[] } {
  const ids = Array.from({ length: n }, (_, i) => `R${k}-${i}`);
  const lines = ids.map((id, i) => `{"id":"${id}","recordHash":"${nodeSha256Hex(`{"id":"${id}","v":${i}}`)}","v":${i}}\n`);
  return { bytes: encoder.encode(lines.join('')), hashes: ids.map((id, i) => nodeSha256Hex(`{"id":"${id}","v":${i}}`)), ids };
}

const at = (records: number): Omit<Checkpoint, 'bytes'> => ({ done: records, rows: records, records, errors: 0 });

function progressLines(out: string): Checkpoint[] {
  return readFileSync(`${out}.partial.progress`, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Checkpoint & { format?: string })
    .filter((c) => c.format === undefined);
}

describe('RecordSink: queued writes', () => {
  it('writes every chunk in order, each checkpoint after the bytes it names; stop() lets the queued writes land', async () => {
    const out = join(tmp, 'ordered.jsonl');
    const sink = await RecordSink.open({ out, resume: false, fingerprint, stdout: process.stdout });
    const sizes: number[] = [];
    for (let k = 0; k < 12; k++) {
      const c = chunk(k, 50);
      sink.addBytes(c.bytes.slice(), c.hashes, c.ids);
      await sink.checkpoint(at(50 * (k + 1)));
      sizes.push(c.bytes.length);
    }
    await sink.stop();
    const partial = readFileSync(`${out}.partial`, 'utf8');
    const lines = partial.split('\n').slice(0, -1);
    expect(lines).toHaveLength(600);
    // Line n is record n of chunk ⌊n/50⌋, in order, each with its chain place.
    lines.forEach((l, n) => {
      const r = JSON.parse(l) as { id: string; chain: { n: number } };
      expect(r.chain.n).toBe(n + 1);
      expect(r.id).toBe(`R${Math.floor(n / 50)}-${n % 50}`);
    });
    // One checkpoint a chunk, in order; each names the end of a line, the last the whole file.
    const checkpoints = progressLines(out);
    expect(checkpoints.map((c) => c.records)).toEqual(Array.from({ length: 12 }, (_, k) => 50 * (k + 1)));
    const bytes = Buffer.from(partial, 'utf8');
    for (const c of checkpoints) expect(bytes[c.bytes - 1]).toBe(10);
    expect(checkpoints.at(-1)!.bytes).toBe(statSync(`${out}.partial`).size);
    // Each chunk adds its lines and a chain prefix (`{"chain":{"hash":"…","n":N},` for the leading `{`) per line.
    const prefixes = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `{"chain":{"hash":"${'0'.repeat(64)}","n":${from + i + 1}},`.length - 1).reduce((a, b) => a + b, 0);
    expect(checkpoints[0]!.bytes).toBe(sizes[0]! + prefixes(0, 50));
  });

  it('finish() waits for the queued writes, then seals: the file verifies', async () => {
    const out = join(tmp, 'sealed.jsonl');
    const sink = await RecordSink.open({ out, resume: false, fingerprint, stdout: process.stdout });
    for (let k = 0; k < 8; k++) {
      const c = chunk(k, 25);
      sink.addBytes(c.bytes, c.hashes, c.ids);
      await sink.checkpoint(at(25 * (k + 1)));
    }
    await sink.finish(at(200));
    expect(existsSync(`${out}.partial`)).toBe(false);
    const report = verifyRecordFile(readFileSync(out, 'utf8'));
    expect(report.problems).toEqual([]);
    expect(report.records).toBe(200);
  });

  it('a write that fails is thrown by a later call, and nothing after it is written or checkpointed, even when later writes would succeed', async () => {
    const out = join(tmp, 'failing.jsonl');
    const sink = await RecordSink.open({ out, resume: false, fingerprint, stdout: process.stdout });
    // The second write of the partial file fails once (a full disk, say), the others would succeed.
    const file = (sink as unknown as { out: { file: FileHandle } }).out.file;
    const write = file.write.bind(file) as (buffer: Uint8Array) => Promise<{ bytesWritten: number; buffer: Uint8Array }>;
    let calls = 0;
    Object.assign(file, {
      write: (buffer: Uint8Array) => (++calls === 2 ? Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })) : write(buffer)),
    });
    const first = chunk(0, 10);
    let thrown: unknown;
    try {
      for (let k = 0; k < 6; k++) {
        const c = chunk(k, 10);
        sink.addBytes(c.bytes, c.hashes, c.ids);
        await sink.checkpoint(at(10 * (k + 1)));
      }
      await sink.finish(at(60));
    } catch (e) {
      thrown = e;
    }
    expect((thrown as NodeJS.ErrnoException | undefined)?.code).toBe('ENOSPC');
    expect(calls).toBe(2); // nothing was written after the failed write
    // stop() after the error (as the CLI's error path calls it) does not throw it again.
    await expect(sink.stop()).resolves.toBeUndefined();
    // The file and its progress log end at the first chunk: --resume goes on from there.
    const size = statSync(`${out}.partial`).size;
    expect(size).toBe(first.bytes.length + 10 * (`{"chain":{"hash":"${'0'.repeat(64)}","n":1},`.length - 1) + 1); // n = 10 has two digits
    const checkpoints = progressLines(out);
    expect(checkpoints).toHaveLength(1);
    expect(checkpoints[0]!.bytes).toBe(size);
    expect(existsSync(out)).toBe(false);
  });

  it('stop(c) after a failed write throws the failure and still closes the partial file and its progress log', async () => {
    const out = join(tmp, 'failing-stop.jsonl');
    const sink = await RecordSink.open({ out, resume: false, fingerprint, stdout: process.stdout });
    const handles = (sink as unknown as { out: { file: FileHandle; progress: FileHandle } }).out;
    Object.assign(handles.file, { write: () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })) });
    const c = chunk(0, 10);
    sink.addBytes(c.bytes, c.hashes, c.ids);
    await sink.checkpoint(at(10)); // queued: the write fails behind it
    // An interrupted run stops with a checkpoint (the CLI on SIGINT): the failure is its error.
    await expect(sink.stop(at(10))).rejects.toMatchObject({ code: 'ENOSPC' });
    // A closed FileHandle has fd -1.
    expect(handles.file.fd).toBe(-1);
    expect(handles.progress.fd).toBe(-1);
  });
});
