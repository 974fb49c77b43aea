/**
 * `zhengdi`: the command-line tool around the engine (docs/cli.md). The only part of the package
 * that reads files and writes to the terminal. The commands are in `program.ts`.
 *
 * Exit codes: 0 all good; 1 some rows failed, did not match or were tampered with; 2 a usage or
 * run-level error, reported once before any row is decided.
 */
import { program, reasonOf } from './program';
import { quietOnClosedPipe } from './pipe';

quietOnClosedPipe(process.stdout);
quietOnClosedPipe(process.stderr);

program()
  .parseAsync(process.argv)
  .catch((e: unknown) => {
    process.stderr.write(reasonOf(e).split('\n').map((l) => `zhengdi: ${l}\n`).join(''));
    process.exitCode = 2;
  });
