/**
 * Usage and run-level errors of `zhengdi` (docs/cli.md, exit code 2): a mistake in how the
 * command was called, found before any row is decided and reported once.
 */
import { Command, type ErrorOptions } from 'commander';

/** A mistake in the call (a bad option value, an unknown parameter, a bad CSV header): exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * A commander `Command` whose own errors (unknown option or command, missing argument, a value
 * not among the choices, no command at all) exit with 2, not commander's default 1: docs/cli.md
 * keeps 1 for "some rows failed".
 */
export class CliCommand extends Command {
  constructor(name?: string) {
    super(name);
    const help = this.help.bind(this) as (context?: unknown) => never;
    // `zhengdi` with no command prints the help to stderr and exits: a usage error.
    this.help = ((context?: unknown) => {
      if (context !== null && typeof context === 'object' && (context as { error?: boolean }).error && !process.exitCode) process.exitCode = 2;
      return help(context);
    }) as Command['help'];
  }
  override createCommand(name?: string): Command {
    return new CliCommand(name);
  }
  override error(message: string, errorOptions?: ErrorOptions): never {
    return super.error(message, { ...errorOptions, exitCode: 2 });
  }
}

/** The closest of `known` to `word` within two edits, for "did you mean". */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const k of known) {
    const d = editDistance(word.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** `unknown X 'v'` with a hint and the list of what is known. */
export function unknownValue(what: string, value: string, known: readonly string[]): string {
  const near = closest(value, known);
  const list = known.length <= 12 ? `; known: ${known.join(', ')}` : near ? '' : `; ${known.length} are known${what === 'parameter' ? ' (zhengdi parameters lists them)' : ''}`;
  return `unknown ${what} '${value}'${near ? ` (did you mean '${near}'?)` : ''}${list}`;
}
