import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { RecordSink } from '../src/cli/record-output';
import { createEngine } from '../src/create-engine';
import { nodeSha256Hex } from '../src/node/sha256';
import { decideRows } from '../src/records/decide-rows';
import { payoutPeople } from './generate';

/**
 * Part 7's ceiling (issue 21): what the calling thread of `zhengdi evaluate --workers N` can take,
 * whatever N. The workers decide and seal the rows; the calling thread links each chunk into the
 * hash chain (`RecordChain.linkBytes`) and writes it to the partial file with its checkpoint
 * (`RecordSink`, the CLI's own code). Here one chunk of 1,000 generated payout rows is decided
 * once, then linked and written `BENCH_CEILING_CHUNKS` times (default 300, i.e. 300,000 rows and
 * about 445 MB) as fast as the thread can: rows per second of wall time, the file writes included
 * (the kernel copies them into the page cache on the thread pool). The median of 3 rounds.
 */
export async function recordsCeiling(): Promise<{ rowsPerSecond: number; rounds: number[]; chunkRows: number; chunks: number }> {
  const chunks = Number(process.env.BENCH_CEILING_CHUNKS ?? 300);
  if (!Number.isInteger(chunks) || chunks < 1) throw new RangeError('BENCH_CEILING_CHUNKS must be a positive integer');
  const engine = createEngine();
  const input = new TextEncoder().encode([...payoutPeople(1000)].map((p) => JSON.stringify(p)).join('\n') + '\n');
  const decided = decideRows(engine, input, 0, [], 'ceiling.jsonl', 'ceiling.jsonl', { kind: 'payout', recordFormat: 'compact' }, nodeSha256Hex);
  if (decided.errors.length > 0) throw new Error(`generated rows failed: ${decided.errors[0]}`);
  const rounds: number[] = [];
  for (let round = 0; round < 3; round++) {
    const dir = mkdtempSync(join(tmpdir(), 'zhengdi-bench-ceiling-'));
    try {
      const sink = await RecordSink.open({ out: join(dir, 'records.jsonl'), resume: false, fingerprint: { input: 'ceiling.jsonl', size: input.length, mtimeMs: 0, mode: 'lines', options: {} }, stdout: process.stdout });
      let rows = 0;
      const t0 = performance.now();
      for (let k = 0; k < chunks; k++) {
        // A fresh buffer each time, as each worker reply transfers its own.
        sink.addBytes(decided.bytes.slice(), decided.hashes, decided.ids);
        rows += decided.rows;
        await sink.checkpoint({ done: rows, rows, records: rows, errors: 0 });
      }
      await sink.finish({ done: rows, rows, records: rows, errors: 0 });
      rounds.push(Math.round(rows / ((performance.now() - t0) / 1000)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const sorted = [...rounds].sort((a, b) => a - b);
  return { rowsPerSecond: sorted[1]!, rounds, chunkRows: decided.rows, chunks };
}
