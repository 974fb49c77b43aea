import { spawn } from 'node:child_process';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const CLI = `${ROOT}dist/cli.js`;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `zhengdi` binary (dist/cli.js) as a child process. */
export function zhengdi(args: string[], opts: { stdin?: string; nodeArgs?: string[]; command?: string[] } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const cmd = opts.command ?? [process.execPath];
    const child = spawn(cmd[0]!, [...cmd.slice(1), ...(opts.nodeArgs ?? []), CLI, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.stdin ?? '');
  });
}

/** The record lines of a sealed record file's text (`zhengdi evaluate` output): every line but the seal, which must be last. */
export function recordLinesOf(text: string): string[] {
  const lines = text.trim().split('\n');
  const seal = JSON.parse(lines.pop() ?? '{}') as { format?: string; count?: number };
  if (seal.format !== 'zhengdi-seal/1' || seal.count !== lines.length) throw new Error(`not a sealed record file (last line: ${JSON.stringify(seal)})`);
  return lines;
}
