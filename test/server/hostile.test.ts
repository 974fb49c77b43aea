/**
 * Whatever a caller sends, the service answers with a decision or a documented error body
 * `{ code, message }` with its status, never a 500 and never a stack trace: random JSON
 * bodies, sample requests with one value replaced by a random one, random query strings
 * (fast-check, through Fastify's inject: the same routes, no sockets).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/server';
import { fixtureRequests } from '../fixture-requests';
import { runs } from '../property-runs';
import { engine } from './helpers';

const server = createServer(engine(), { log: false, bodyLimit: 64 * 1024 });
afterAll(() => server.close());

const DOCUMENTED: Record<number, string[]> = {
  400: ['INVALID_INPUT'],
  404: ['UNKNOWN_KIND', 'UNKNOWN_JURISDICTION', 'NOT_FOUND'],
  413: ['BODY_TOO_LARGE'],
  415: ['UNSUPPORTED_MEDIA_TYPE'],
  422: ['NO_RULESET_IN_FORCE', 'MISSING_PARAMETER'],
};

async function check(method: 'GET' | 'POST', url: string, payload?: string, contentType = 'application/json'): Promise<number> {
  const res = await server.fastify.inject({ method, url, ...(payload !== undefined ? { payload, headers: { 'content-type': contentType } } : {}) });
  expect(res.body).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  if (res.statusCode === 200) return 200;
  const body = JSON.parse(res.body) as { code: string; message: string; issues?: Array<{ code: string; path: unknown[]; message: string }> };
  expect(DOCUMENTED[res.statusCode], `${res.statusCode} ${res.body.slice(0, 300)}`).toContain(body.code);
  expect(typeof body.message).toBe('string');
  if (body.code === 'INVALID_INPUT') {
    expect(body.issues!.length).toBeGreaterThan(0);
    for (const i of body.issues!) expect(typeof i.code === 'string' && Array.isArray(i.path) && typeof i.message === 'string').toBe(true);
  }
  return res.statusCode;
}

const samples = fixtureRequests();

/** A sample request with the value at one random path replaced by a random JSON value. */
const mutated = fc.tuple(fc.nat({ max: samples.length - 1 }), fc.nat(), fc.jsonValue({ maxDepth: 2 })).map(([i, at, v]) => {
  const copy = JSON.parse(JSON.stringify(samples[i])) as Record<string, unknown>;
  const holders: Array<[Record<string, unknown> | unknown[], string | number]> = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) {
      x.forEach((y, j) => {
        holders.push([x, j]);
        walk(y);
      });
    } else if (x !== null && typeof x === 'object') {
      for (const [k, y] of Object.entries(x)) {
        holders.push([x as Record<string, unknown>, k]);
        walk(y);
      }
    }
  };
  walk(copy);
  const [holder, key] = holders[at % holders.length]!;
  (holder as Record<string | number, unknown>)[key] = v;
  return copy;
});

describe('hostile requests', () => {
  it('random JSON bodies to every POST route', async () => {
    const routes = ['/v1/evaluate', '/v1/evaluate/batch?kind=payout', '/v1/records', '/v1/records?kind=eligibility', '/v1/replay', '/v1/explain'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.jsonValue({ maxDepth: 4 }), async (route, body) => {
        await check('POST', route, JSON.stringify(body));
      }),
      { numRuns: runs(300) },
    );
  });

  it('sample requests with one value replaced: a decision or a documented error', async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(mutated, async (request) => {
        seen.add(await check('POST', '/v1/evaluate', JSON.stringify(request)));
      }),
      { numRuns: runs(300) },
    );
    expect(seen.has(400)).toBe(true);
  });

  it('random JSON Lines bodies and query strings: one result per non-blank line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)), fc.string()), { maxLength: 8 }), fc.option(fc.string({ maxLength: 30 })), async (lines, query) => {
        const text = lines.join('\n');
        const url = `/v1/evaluate/batch?kind=eligibility${query === null ? '' : `&${encodeURIComponent(query)}=1`}`;
        const res = await server.fastify.inject({ method: 'POST', url, payload: text, headers: { 'content-type': 'application/x-ndjson' } });
        if (query !== null) {
          await check('POST', url, text, 'application/x-ndjson');
          await check('GET', `/v1/parameters?on=${encodeURIComponent(query)}`);
          return;
        }
        expect(res.statusCode).toBe(200);
        const expected = text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l, i) => l.trim() !== '' && !(i === 0 && l === '\ufeff')).length;
        const got = res.body.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { index: number });
        expect(got.length).toBe(expected);
      }),
      { numRuns: runs(200) },
    );
  });
});
