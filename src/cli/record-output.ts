/**
 * Where `zhengdi evaluate` writes its records: a sealed file (hash chain + seal, src/records)
 * that survives being stopped. With `--out F` the records go to `F.partial` beside F, with a
 * progress log `F.partial.progress`; F appears (renamed) only when the run is complete. After a
 * stop (SIGINT/SIGTERM, a dead worker, a kill) `--resume` verifies the partial file up to its last
 * checkpoint and goes on from there: the finished file is byte-identical to an uninterrupted run.
 */
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { open, rename, rm, truncate, type FileHandle } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { RecordChain, type ChainState } from '../records/chain';
import type { RowRecord } from '../records/rows';
import { RecordFileVerifier } from '../records/verify';
import { nodeSha256Hex } from '../node/sha256';

/** What the progress log's first line holds: the run it belongs to. */
export interface RunFingerprint {
  input: string;
  size: number;
  mtimeMs: number;
  /** `rows`: rows counted as read one by one (standard input, `.gz`, CSV, JSON on one thread); `lines`: chunks of lines (a plain JSONL file, or `--workers`). */
  mode: 'rows' | 'lines';
  options: unknown;
}

/** A checkpoint: how far the partial file is complete. */
export interface Checkpoint {
  /** Bytes of the partial file that are complete. */
  bytes: number;
  /** Input rows decided (mode `rows`) or input lines consumed (mode `lines`). */
  done: number;
  rows: number;
  records: number;
  errors: number;
}

const PROGRESS_FORMAT = 'zhengdi-evaluate-progress/1';
const FLUSH_BYTES = 64 * 1024;
/**
 * Chunks written to the partial file while the run goes on: the next chunk is linked (and the
 * workers are sent more rows) while the thread pool copies the previous ones into the file. Each
 * write is followed by its checkpoint, in order; at most this many wait, so memory stays flat.
 */
const QUEUED_WRITES = 2;

/** A usage error: the CLI reports it with exit code 2. */
export class ResumeError extends Error {}

function readProgress(file: string): { fingerprint?: RunFingerprint; last?: Checkpoint } {
  const lines = readFileSync(file, 'utf8').split('\n');
  let fingerprint: RunFingerprint | undefined;
  let last: Checkpoint | undefined;
  for (const l of lines) {
    if (l === '') continue;
    let v: Record<string, unknown>;
    try {
      v = JSON.parse(l) as Record<string, unknown>;
    } catch {
      continue; // a line cut off by a kill
    }
    if (v.format === PROGRESS_FORMAT) fingerprint = v.run as RunFingerprint;
    else if (typeof v.bytes === 'number') last = v as unknown as Checkpoint;
  }
  return { fingerprint, last };
}

/**
 * The record sink of one `evaluate` run.
 *
 * @example
 * ```ts
 * const sink = await RecordSink.open({ out: 'records.jsonl', resume: false, fingerprint });
 * sink.add(rowRecord); await sink.checkpoint(progress); await sink.finish();
 * ```
 */
export class RecordSink {
  private parts: Array<string | Uint8Array> = [];
  private size = 0;
  /** Bytes of the partial file once every queued write has landed. */
  private end = 0;
  /** The queued writes of the partial file, oldest first; each settles (never rejects) when written and checkpointed. */
  private queue: Array<Promise<void>> = [];
  /** The last queued write: the next one starts after it. */
  private tail: Promise<void> = Promise.resolve();
  /** The first write or checkpoint that failed: nothing is written after it, and the next call throws it. */
  private failure: { error: unknown } | undefined;
  private constructor(
    private readonly chain: RecordChain,
    private readonly out: { file: FileHandle; progress: FileHandle; path: string; partial: string } | { stream: Writable },
    readonly resumed: Checkpoint | undefined,
    bytes: number,
  ) {
    this.end = bytes;
  }

  /** The partial file of `out`. */
  static partialOf(out: string): string {
    return `${out}.partial`;
  }

  /**
   * Opens the sink: stdout (no resume), or `out.partial` fresh, or (resume) the partial file
   * truncated to its last checkpoint and verified. Throws a ResumeError when it cannot resume.
   */
  static async open(options: { out?: string; resume: boolean; fingerprint: RunFingerprint; stdout: Writable; notice?: (message: string) => void }): Promise<RecordSink> {
    const { out, resume, fingerprint } = options;
    if (!out) {
      if (resume) throw new ResumeError('--resume needs --out: only a file can be resumed');
      return new RecordSink(new RecordChain({ sha256: nodeSha256Hex }), { stream: options.stdout }, undefined, 0);
    }
    const partial = RecordSink.partialOf(out);
    const progressPath = `${partial}.progress`;
    let state: ChainState | undefined;
    let resumed: Checkpoint | undefined;
    let bytes = 0;
    if (resume && !(existsSync(partial) && existsSync(progressPath))) {
      // Killed before it wrote anything (or never run): nothing to keep, start from the beginning.
      options.notice?.(`nothing to resume (no ${existsSync(partial) ? progressPath : partial}): starting from the first row`);
    } else if (resume) {
      const { fingerprint: before, last } = readProgress(progressPath);
      if (!before) throw new ResumeError(`${progressPath} does not say which run it belongs to: delete ${partial} and it, and start again`);
      if (JSON.stringify(before) !== JSON.stringify(fingerprint)) {
        throw new ResumeError(`${partial} was made by another run (other input file, input contents or options): start again without --resume, or repeat the same command`);
      }
      resumed = last ?? { bytes: 0, done: 0, rows: 0, records: 0, errors: 0 };
      await truncate(partial, resumed.bytes);
      state = verifiedState(partial, resumed.records);
      bytes = resumed.bytes;
    }
    // The progress log names its run before the partial file exists: a partial file always has one.
    const progress = await open(progressPath, resumed ? 'a' : 'w');
    if (!resumed) await progress.write(JSON.stringify({ format: PROGRESS_FORMAT, run: fingerprint }) + '\n');
    const file = await open(partial, resumed ? 'a' : 'w');
    return new RecordSink(new RecordChain({ sha256: nodeSha256Hex, ...(state ? { state } : {}) }), { file, progress, path: out, partial }, resumed, bytes);
  }

  /** Where the records are being written. */
  get where(): string {
    return 'file' in this.out ? this.out.partial : 'stdout';
  }

  /** Adds a decided row's record (chained now, written at the next flush). */
  add(r: RowRecord): void {
    const line = this.chain.link(r.line.endsWith('\n') ? r.line.slice(0, -1) : r.line, r.recordHash, r.id);
    this.parts.push(line);
    this.size += line.length;
  }

  /** Whether enough is buffered to write a chunk. */
  get full(): boolean {
    return this.size >= FLUSH_BYTES;
  }

  /** Adds a worker's chunk of record lines (chained now). */
  addBytes(bytes: Uint8Array, hashes: readonly string[], ids: readonly (string | null)[]): void {
    if (hashes.length === 0) return;
    const b = this.chain.linkBytes(bytes, hashes, ids);
    this.parts.push(b);
    this.size += b.length;
  }

  /** Adds a chunk of record lines decided on this thread (chained now, encoded when written). */
  addLines(lines: readonly string[], hashes: readonly string[], ids: readonly (string | null)[]): void {
    if (lines.length === 0) return;
    const text = this.chain.linkLines(lines, hashes, ids);
    this.parts.push(text);
    this.size += text.length;
  }

  /** What is buffered as bytes to write (emptying the buffer). */
  private take(): Uint8Array[] {
    const parts = this.parts;
    this.parts = [];
    this.size = 0;
    if (parts.length === 0) return [];
    // Text only (one thread): encoded once, as one string. Bytes (the workers' chunks, one a
    // checkpoint): written as they are, without copying them into one buffer first.
    return parts.every((p) => typeof p === 'string') ? [Buffer.from(parts.join(''), 'utf8')] : parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p));
  }

  private rethrow(): void {
    if (this.failure) throw this.failure.error;
  }

  /**
   * Queues `bufs` to be written to the partial file after the writes before them, then the
   * checkpoint `c` that says the file is complete up to them. Returns at once.
   */
  private enqueue({ file, progress, partial }: { file: FileHandle; progress: FileHandle; partial: string }, bufs: Uint8Array[], c: Omit<Checkpoint, 'bytes'>): void {
    const size = bufs.reduce((n, b) => n + b.length, 0);
    const end = (this.end += size);
    const write = async () => {
      if (this.failure) return; // a write before this one failed: the file ends at its last checkpoint
      if (size > 0) {
        const { bytesWritten } = bufs.length === 1 ? await file.write(bufs[0]!) : await file.writev(bufs);
        if (bytesWritten !== size) throw new Error(`wrote ${bytesWritten} of ${size} bytes to ${partial}`);
      }
      await progress.write(JSON.stringify({ bytes: end, ...c }) + '\n');
    };
    this.tail = this.tail.then(write).catch((error: unknown) => {
      this.failure ??= { error };
    });
    this.queue.push(this.tail);
  }

  /** Waits until every queued write has landed; throws the first that failed. */
  private async drain(): Promise<void> {
    await Promise.all(this.queue);
    this.queue = [];
    this.rethrow();
  }

  /**
   * Writes what is buffered, then records the checkpoint (the partial file is complete up to
   * here). To a file, both are queued behind the writes before them and this returns as soon as
   * at most a few writes wait; standard output is written at once.
   */
  async checkpoint(c: Omit<Checkpoint, 'bytes'>): Promise<void> {
    this.rethrow();
    const bufs = this.take();
    if ('file' in this.out) {
      this.enqueue(this.out, bufs, c);
      while (this.queue.length > QUEUED_WRITES) await this.queue.shift();
      this.rethrow();
    } else if (bufs.length > 0 && !this.out.stream.write(bufs.length === 1 ? bufs[0]! : Buffer.concat(bufs))) {
      await once(this.out.stream, 'drain');
    }
  }

  /** Writes the seal; with --out, renames the partial file to the destination and removes the progress log. */
  async finish(c: Omit<Checkpoint, 'bytes'>): Promise<void> {
    await this.checkpoint(c);
    const seal = Buffer.from(this.chain.seal(), 'utf8');
    if ('file' in this.out) {
      await this.drain();
      await this.out.file.write(seal);
      await this.out.file.sync();
      await this.out.file.close();
      await this.out.progress.close();
      await rename(this.out.partial, this.out.path);
      await rm(`${this.out.partial}.progress`, { force: true });
    } else if (!this.out.stream.write(seal)) {
      await once(this.out.stream, 'drain');
    }
  }

  /**
   * Stops: writes what is complete and a checkpoint, lets the queued writes land, closes; the
   * partial file stays for --resume. Without a checkpoint (after an error) what is buffered is
   * dropped and a failed write is not thrown again: the file ends at its last checkpoint.
   */
  async stop(c?: Omit<Checkpoint, 'bytes'>): Promise<void> {
    const out = this.out;
    try {
      if (c) await this.checkpoint(c);
      else this.parts = [];
      if ('file' in out) await this.drain();
    } catch (e) {
      if (c) throw e;
    } finally {
      // A file is closed whatever happened, a failed checkpoint included.
      if ('file' in out) {
        await out.file.close();
        await out.progress.close();
      }
    }
  }
}

/** The chain state at the end of a partial file, every record verified; a ResumeError if it does not verify. */
function verifiedState(partial: string, records: number): ChainState {
  const text = readFileSync(partial, 'utf8');
  const v = new RecordFileVerifier({ sha256: nodeSha256Hex });
  const lines = text === '' ? [] : text.slice(0, text.endsWith('\n') ? -1 : undefined).split('\n');
  let first: string | null = null;
  let last: string | null = null;
  let head: string | undefined;
  let count = 0;
  lines.forEach((l, i) => {
    if (v.line(i + 1, l) === 'record') {
      const r = JSON.parse(l) as { id?: string; chain: { hash: string; n: number } };
      count++;
      if (count === 1) first = r.id ?? null;
      last = r.id ?? null;
      head = r.chain.hash;
    }
  });
  const report = v.end();
  const problems = report.problems.filter((p) => p.code !== 'SEAL_MISSING');
  if (problems.length > 0) throw new ResumeError(`${partial} does not verify (line ${problems[0]!.line}: ${problems[0]!.message}): cannot resume; delete it and start again`);
  if (count !== records) throw new ResumeError(`${partial} holds ${count} records, its progress log says ${records}: cannot resume; delete it and start again`);
  return count === 0 ? new RecordChain().state : { count, head: head!, first, last };
}
