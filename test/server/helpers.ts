/** Starts the real service on 127.0.0.1, port 0, and calls it over HTTP. */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { createEngine, type Engine } from '../../src/create-engine';
import type { EligibilityInput } from '../../src/kinds/eligibility';
import type { PayoutInput } from '../../src/kinds/payout';
import { createServer, type ServerOptions, type ZhengdiServer } from '../../src/server';

let shared: Engine | undefined;
/** One engine for the server tests (building one takes a while). */
export function engine(): Engine {
  return (shared ??= createEngine());
}

export interface Running {
  url: string;
  server: ZhengdiServer;
  close(): Promise<void>;
}

export async function start(options: ServerOptions = {}, e: Engine = engine()): Promise<Running> {
  const server = createServer(e, { log: false, ...options });
  const url = await server.listen({ host: '127.0.0.1', port: 0 });
  return { url, server, close: () => server.close() };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): unknown;
}

/** One request with a JSON (or any string) body; the whole answer. */
export async function call(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const h: Record<string, string> = { ...(text !== undefined ? { 'content-type': 'application/json' } : {}), ...headers };
  const res = await fetch(url + path, { method, headers: h, ...(text !== undefined ? { body: text } : {}) });
  const out = await res.text();
  const hs: Record<string, string> = {};
  res.headers.forEach((v, k) => (hs[k] = v));
  return { status: res.status, headers: hs, text: out, json: () => JSON.parse(out) };
}

/**
 * A streamed request with node:http (full duplex: the answer is read while the body is still
 * being sent). `onData` sees every piece of the answer; nothing is kept.
 */
export function stream(url: string, path: string, body: Readable, onData: (chunk: Buffer) => void, headers: Record<string, string> = { 'content-type': 'application/x-ndjson' }): Promise<{ status: number; headers: IncomingMessage['headers'] }> {
  const u = new URL(path, url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname: u.hostname, port: u.port, path: u.pathname + u.search, method: 'POST', headers }, (res) => {
      res.on('data', onData);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    body.on('error', reject);
    body.pipe(req);
  });
}

/** The payout of DOMAIN.md's worked example: a man born 1988-04-12, land expropriated 2024-06-30. */
export const payoutInput: PayoutInput = {
  expropriationDate: '2024-06-30',
  person: { id: 'GC-01 张三', sex: 'male', birthDate: '1988-04-12', pensionStatus: 'none', cooperated: true },
};

/** A Shaoyang household: 2.4 mu before, 1.8 mu taken, 4 members; one adult, one child. */
export const eligibilityInput: EligibilityInput = {
  noticeDate: '2023-05-10',
  household: { originalCultivatedMu: '2.4', expropriatedCultivatedMu: '1.8', memberCount: 4 },
  applicants: [
    { id: 'A1 李四', sex: 'female', birthDate: '1980-03-02', basis: 'member', collectiveMember: true, holdsContractRight: true },
    { id: 'A2 李小', sex: 'male', birthDate: '2010-01-01', basis: 'member', collectiveMember: true, holdsContractRight: true },
  ],
};
