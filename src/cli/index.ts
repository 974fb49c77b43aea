/**
 * `zhengdi`: the command-line tool around the engine (docs/cli.md). The only part of the package
 * that reads files and writes to the terminal. The commands are in `program.ts`.
 */
import { program, reasonOf } from './program';

program()
  .parseAsync(process.argv)
  .catch((e: unknown) => {
    process.stderr.write(`zhengdi: ${reasonOf(e)}\n`);
    process.exitCode = 2;
  });
