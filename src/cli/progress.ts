/**
 * The progress bar of `zhengdi evaluate` and `zhengdi replay` (on a terminal only): share of
 * the file read, what has been counted with its rate, how many did not go well, elapsed time
 * and time left.
 */
import cliProgress from 'cli-progress';
import type { ByteCounter } from './io';

/** What a bar counts: `rows`/`errors` when deciding, `records`/`not matching` when replaying. */
export interface ProgressLabels {
  unit: string;
  bad: string;
}

/** `1234` per second as `1.2k/s`, `56/s`. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '–/s';
  return perSecond >= 10_000 ? `${(perSecond / 1000).toFixed(0)}k/s` : perSecond >= 1000 ? `${(perSecond / 1000).toFixed(1)}k/s` : `${perSecond.toFixed(0)}/s`;
}

/** Seconds as `42s`, `3m05s`, `1h02m`; unknown as `–`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** The payload of one redraw: counted things, bad ones, their rate, time taken and time left by bytes read (cli-progress keeps `eta` and `duration` for itself). */
export function progressPayload(counter: ByteCounter, count: number, bad: number, elapsedMs: number): { count: number; bad: number; rate: string; left: string; took: string } {
  const secs = elapsedMs / 1000;
  const share = counter.total > 0 ? counter.read / counter.total : 0;
  const eta = share > 0 && secs > 0.5 ? (secs * (1 - share)) / share : Number.NaN;
  return { count, bad, rate: formatRate(secs > 0 ? count / secs : 0), left: formatDuration(eta), took: formatDuration(secs) };
}

/** A bar on stderr when it is a terminal and `enabled`; otherwise nothing is drawn. */
export class Progress {
  private bar: cliProgress.SingleBar | undefined;
  private readonly started = Date.now();
  private count = 0;
  private bad = 0;

  constructor(enabled: boolean, private readonly counter: ByteCounter, labels: ProgressLabels, private readonly now: () => number = Date.now) {
    if (!enabled || !process.stderr.isTTY) return;
    this.bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: ` {bar} {percentage}% | {count} ${labels.unit} ({rate}) | {bad} ${labels.bad} | {took} elapsed, ETA {left}`, hideCursor: true, fps: 5 },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(Math.max(1, counter.total), 0, progressPayload(counter, 0, 0, 0));
  }

  /** Redraws with the counts so far. */
  update(count: number, bad: number): void {
    this.count = count;
    this.bad = bad;
    this.bar?.update(this.counter.read, progressPayload(this.counter, count, bad, this.now() - this.started));
  }

  /** Writes a line to stderr above the bar. */
  log(text: string): void {
    if (!this.bar) {
      process.stderr.write(text);
      return;
    }
    this.bar.stop();
    process.stderr.write(text);
    this.bar.start(Math.max(1, this.counter.total), this.counter.read, progressPayload(this.counter, this.count, this.bad, this.now() - this.started));
  }

  /** The bar at 100 %, then gone from the terminal's last line. */
  stop(): void {
    if (!this.bar) return;
    this.bar.update(this.counter.total, progressPayload(this.counter, this.count, this.bad, this.now() - this.started));
    this.bar.stop();
  }
}
