/**
 * Where `zhengdi` reads and writes: a file, `-` for standard input, and gzip by the `.gz`
 * extension (node:zlib), on input and output alike.
 */
import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { createGunzip, createGzip, gunzipSync } from 'node:zlib';
import { UsageError } from './usage';

/** Counts bytes as a stream is read (for the progress bar). */
export interface ByteCounter {
  read: number;
  total: number;
}

/** Whether a path is gzip-compressed by its name. */
export const isGzip = (file: string): boolean => /\.gz$/i.test(file);

/** The file's name without a trailing `.gz` (for its format). */
export const withoutGz = (file: string): string => file.replace(/\.gz$/i, '');

/** Checks that an input file exists and is a file, before anything is decided; `-` is stdin. */
export function checkReadable(file: string): number {
  if (file === '-') return 0;
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new UsageError(`${file}: not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message}`);
  }
  return size;
}

/**
 * The bytes of an input (a file, or stdin for `-`), decompressed when its name ends in `.gz`;
 * `counter.read` counts the bytes read from the file (compressed), `counter.total` its size.
 */
export function openInput(file: string, counter: ByteCounter = { read: 0, total: 0 }, highWaterMark?: number): Readable {
  counter.total = checkReadable(file);
  const raw: Readable = file === '-' ? process.stdin : createReadStream(file, highWaterMark ? { highWaterMark } : {});
  if (file !== '-') raw.on('data', (c: Buffer | string) => (counter.read += c.length));
  if (!isGzip(file)) return raw;
  const gunzip = createGunzip();
  raw.on('error', (e) => gunzip.destroy(e));
  return raw.pipe(gunzip);
}

/** A whole input as text (a file, `-` for stdin, `.gz` decompressed): for JSON and rule files. */
export function readText(file: string): string {
  checkReadable(file);
  const bytes = readFileSync(file === '-' ? 0 : file);
  return (isGzip(file) ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** A JSON file (or stdin, or `.gz`); a file that is not JSON is a usage error naming it. */
export function readJsonFile(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file}: not JSON: ${(e as Error).message}`);
  }
}

/** Reads a whole stream as text. */
export async function streamText(stream: Readable): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(parts).toString('utf8');
}

/**
 * An output: stdout when no file (or `-`), else the file, gzip-compressed when its name ends in
 * `.gz`. `end()` resolves once every byte is on disk.
 */
export function openOutput(file: string | undefined): { stream: Writable; end(): Promise<void> } {
  if (file === undefined || file === '-') return { stream: process.stdout, end: async () => {} };
  const sink = createWriteStream(file);
  if (!isGzip(file)) {
    return { stream: sink, end: () => new Promise((resolve, reject) => { sink.once('error', reject); sink.end(() => resolve()); }) };
  }
  const gzip = createGzip();
  gzip.pipe(sink);
  return {
    stream: gzip,
    end: () =>
      new Promise((resolve, reject) => {
        sink.once('error', reject);
        sink.once('finish', () => resolve());
        gzip.end();
      }),
  };
}
