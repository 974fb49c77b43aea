/**
 * `zhengdi serve`: the decision service (docs/service.md) on a port, until SIGINT or SIGTERM,
 * when in-flight requests finish and new ones are refused.
 */
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { createEngine, type EngineOptions } from '../create-engine';
import { isLoopback } from '../server/auth';
import type { createServer as CreateServer } from '../server/server';

const collect = (v: string, prev: string[] = []) => [...prev, v];
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

function port(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535) throw new InvalidArgumentError('expected a port from 0 to 65535 (0 picks a free one)');
  return n;
}

function bytes(v: string): number {
  const m = /^(\d+)(k|m|g)?i?b?$/i.exec(v.trim());
  if (!m) throw new InvalidArgumentError('expected a size such as 10mb or 1048576');
  const unit = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase() as 'k' | 'm' | 'g'] ?? 1;
  const n = Number(m[1]) * unit;
  if (n < 1 || !Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a positive size');
  return n;
}

/** A secret from a file: its first line, trimmed. */
function secretFrom(file: string, what: string): string {
  const text = readFileSync(file, 'utf8').split(/\r?\n/)[0]!.trim();
  if (text.length < 16) throw new Error(`${file}: a ${what} has at least 16 characters`);
  return text;
}

interface ServeFlags {
  port: number;
  host: string;
  tokenFile?: string;
  pseudonymiseKeyFile?: string;
  bodyLimit?: number;
  streamLimit?: number;
  maxLineBytes?: number;
  corsOrigin?: string[];
  publicHealth?: boolean;
  logLevel: string;
  rulesets?: string[];
  parameters?: string[];
  archive?: string[];
}

/** Adds `serve` to the program. */
export function registerServe(prog: Command): void {
  prog
    .command('serve')
    .description('run the decision service (HTTP, JSON and JSON Lines; docs/service.md) until SIGINT/SIGTERM')
    .option('--port <n>', 'port (0 picks a free one)', port, 8080)
    .option('--host <host>', 'address to listen on; anything but loopback needs --token-file', '127.0.0.1')
    .option('--token-file <file>', 'file whose first line is the bearer token every request must carry')
    .option('--pseudonymise-key-file <file>', 'file whose first line is the key for /v1/records?pseudonymise')
    .option('--body-limit <size>', 'largest JSON body (default 10mb)', bytes)
    .option('--stream-limit <size>', 'largest JSON Lines body (default 1gb)', bytes)
    .option('--max-line-bytes <size>', 'longest JSON Lines line (default 1mb)', bytes)
    .option('--cors-origin <origin>', 'allow browser calls from this origin; repeatable (default: no CORS)', collect)
    .option('--public-health', 'leave GET /v1/health open without the token')
    .option('--log-level <level>', 'log level (fatal, error, warn, info, debug, silent)', 'info')
    .option('--rulesets <file>', 'a ruleset file (same id replaces a bundled one); repeatable', collect)
    .option('--parameters <file>', 'a parameter file (same series id replaces a bundled one); repeatable', collect)
    .option('--archive <file>', 'an older ruleset file kept by hash, for replay; repeatable', collect)
    .action(async (opts: ServeFlags) => {
      const token = opts.tokenFile ? secretFrom(opts.tokenFile, 'token') : undefined;
      if (!token && !isLoopback(opts.host)) throw new Error(`--host ${opts.host} is not loopback: give --token-file (the service carries personal data)`);
      const engine = createEngine({
        rulesets: (opts.rulesets ?? []).map(readJson),
        parameters: (opts.parameters ?? []).map(readJson),
        archive: (opts.archive ?? []).map(readJson),
      } as EngineOptions);
      // Fastify is loaded only to serve (about 150 ms of start-up the other commands do not pay).
      const { createServer } = (await import('../server/server')) as { createServer: typeof CreateServer };
      const server = createServer(engine, {
        host: opts.host,
        port: opts.port,
        ...(token ? { token } : {}),
        ...(opts.pseudonymiseKeyFile ? { pseudonymiseKey: secretFrom(opts.pseudonymiseKeyFile, 'key') } : {}),
        ...(opts.bodyLimit ? { bodyLimit: opts.bodyLimit } : {}),
        ...(opts.streamLimit ? { streamLimit: opts.streamLimit } : {}),
        ...(opts.maxLineBytes ? { maxLineBytes: opts.maxLineBytes } : {}),
        ...(opts.corsOrigin ? { corsOrigins: opts.corsOrigin } : {}),
        ...(opts.publicHealth ? { publicHealth: true } : {}),
        log: opts.logLevel === 'silent' ? false : { level: opts.logLevel, stream: process.stderr },
      });
      const url = await server.listen();
      process.stderr.write(`zhengdi serve: listening on ${url}${token ? ' (bearer token required)' : ''}\n`);
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        process.stderr.write(`zhengdi serve: ${signal}: finishing in-flight requests\n`);
        server.close().then(
          () => process.stderr.write('zhengdi serve: stopped\n'),
          (e: unknown) => {
            process.stderr.write(`zhengdi serve: ${e instanceof Error ? e.message : String(e)}\n`);
            process.exitCode = 1;
          },
        );
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
}
