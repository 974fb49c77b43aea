/**
 * `zhengdi explain records.jsonl | head -3`: when the reader of stdout goes away, Node reports
 * EPIPE as an error event on the stream (a stack trace if nobody listens). The reader has what
 * it wanted, so the program stops quietly, as Unix tools do.
 */
import type { Writable } from 'node:stream';

/** Exits quietly (code 0) when `stream`'s reader has closed the pipe; other errors are re-thrown. */
export function quietOnClosedPipe(stream: Writable, exit: (code: number) => void = (c) => process.exit(c)): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') {
      exit(0);
      return;
    }
    throw e;
  });
}
