/**
 * What the service does around the decisions: graceful shutdown with requests in flight, the
 * bearer token, no CORS unless configured, request timeouts, and logs that never hold a body.
 */
import { connect } from 'node:net';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createServer } from '../../src/server';
import { bearerCheck, isLoopback } from '../../src/server/auth';
import { call, eligibilityInput, engine, payoutInput, start, stream } from './helpers';

const TOKEN = 'correct horse battery staple 2026';

describe('graceful shutdown', () => {
  it('lets a request in flight finish, refuses new ones, then closes', async () => {
    const s = await start();
    const body = new PassThrough();
    let text = '';
    const inFlight = stream(s.url, '/v1/evaluate/batch?kind=payout&fields=asOf', body, (c) => (text += c.toString('utf8')));
    // A JSON Lines answer comes 1000 lines at a time: once the first 1000 are answered and the
    // body is still open, the request is in flight.
    const line = JSON.stringify(payoutInput) + '\n';
    body.write(line.repeat(1000));
    await expect.poll(() => text.length, { timeout: 20_000 }).toBeGreaterThan(0);
    const closed = s.close();
    let closedYet = false;
    void closed.then(() => (closedYet = true));
    // A new connection is refused once the port is closed (or answered 503 while it closes).
    await expect
      .poll(async () => {
        try {
          return (await call(s.url, 'GET', '/v1/health')).status;
        } catch {
          return 'refused';
        }
      }, { timeout: 10_000 })
      .toSatisfy((v) => v === 'refused' || v === 503);
    expect(closedYet).toBe(false);
    // The request in flight goes on and finishes whole.
    body.write(line.repeat(4));
    body.end();
    const res = await inFlight;
    expect(res.status).toBe(200);
    const indexes = text.trim().split('\n').map((l) => (JSON.parse(l) as { index: number }).index);
    expect(indexes).toHaveLength(1004);
    expect(indexes.at(-1)).toBe(1003);
    await closed;
    expect(closedYet).toBe(true);
  });

  it('answers no new request on a kept-alive connection once shutdown starts (closed, or 503)', async () => {
    const s = await start();
    const { port } = new URL(s.url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.on('error', () => undefined); // the server may reset the idle connection
    await new Promise((r) => socket.once('connect', r));
    let got = '';
    socket.on('data', (d) => (got += d.toString('utf8')));
    const socketClosed = new Promise((r) => socket.once('close', r));
    // A slow request keeps the server from closing while the kept-alive connection is tried.
    const slow = new PassThrough();
    const inFlight = stream(s.url, '/v1/evaluate/batch?kind=payout', slow, () => undefined);
    slow.write(JSON.stringify(payoutInput) + '\n');
    socket.write('GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    await expect.poll(() => got.includes('"status":"ok"'), { timeout: 10_000 }).toBe(true);
    got = '';
    const closed = s.close();
    socket.write('GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n');
    await socketClosed;
    expect(got === '' || /^HTTP\/1\.1 503[^]*SHUTTING_DOWN/.test(got)).toBe(true);
    slow.end();
    expect((await inFlight).status).toBe(200);
    await closed;
  });
});

describe('bearer token', () => {
  it('401 without the token or with a wrong one, 200 with it', async () => {
    const s = await start({ token: TOKEN });
    try {
      const none = await call(s.url, 'POST', '/v1/evaluate', { kind: 'payout', input: payoutInput });
      expect(none.status).toBe(401);
      expect(none.json()).toMatchObject({ code: 'UNAUTHORIZED' });
      expect(none.headers['www-authenticate']).toBe('Bearer');
      expect((await call(s.url, 'GET', '/v1/health', undefined, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
      expect((await call(s.url, 'GET', '/v1/health', undefined, { authorization: TOKEN })).status).toBe(401);
      expect((await call(s.url, 'GET', '/openapi.json')).status).toBe(401);
      const ok = await call(s.url, 'POST', '/v1/evaluate', { kind: 'payout', input: payoutInput }, { authorization: `Bearer ${TOKEN}` });
      expect(ok.status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('publicHealth leaves only /v1/health open', async () => {
    const s = await start({ token: TOKEN, publicHealth: true });
    try {
      expect((await call(s.url, 'GET', '/v1/health')).status).toBe(200);
      expect((await call(s.url, 'GET', '/v1/rulesets')).status).toBe(401);
    } finally {
      await s.close();
    }
  });

  it('refuses to listen off loopback without a token, and a short token', async () => {
    const server = createServer(engine(), { log: false });
    await expect(server.listen({ host: '0.0.0.0', port: 0 })).rejects.toThrow(/without a token/);
    await server.close();
    expect(() => createServer(engine(), { log: false, token: 'short' })).toThrow(/at least 16/);
  });

  it('compares the whole token (hashes of equal length, timingSafeEqual)', () => {
    const check = bearerCheck(TOKEN);
    expect(check(`Bearer ${TOKEN}`)).toBe(true);
    expect(check(`bearer ${TOKEN}`)).toBe(true);
    expect(check(`Bearer ${TOKEN.slice(0, -1)}`)).toBe(false);
    expect(check(`Bearer ${TOKEN}${TOKEN}`)).toBe(false);
    expect(check(undefined)).toBe(false);
    expect(check('Basic abc')).toBe(false);
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '10.0.0.5', '::', 'example.org'].some(isLoopback)).toBe(false);
  });
});

describe('CORS', () => {
  it('sends no CORS header by default, even to a browser origin', async () => {
    const s = await start();
    try {
      const r = await call(s.url, 'GET', '/v1/health', undefined, { origin: 'https://intranet.example' });
      expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
      const pre = await call(s.url, 'OPTIONS', '/v1/evaluate', undefined, { origin: 'https://intranet.example', 'access-control-request-method': 'POST' });
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await s.close();
    }
  });

  it('allows exactly the configured origins', async () => {
    const s = await start({ corsOrigins: ['https://intranet.example'] });
    try {
      const ok = await call(s.url, 'GET', '/v1/health', undefined, { origin: 'https://intranet.example' });
      expect(ok.headers['access-control-allow-origin']).toBe('https://intranet.example');
      const pre = await call(s.url, 'OPTIONS', '/v1/evaluate', undefined, { origin: 'https://intranet.example', 'access-control-request-method': 'POST' });
      expect(pre.status).toBe(204);
      expect(pre.headers['access-control-allow-headers']).toMatch(/authorization/);
      const other = await call(s.url, 'GET', '/v1/health', undefined, { origin: 'https://evil.example' });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await s.close();
    }
  });
});

describe('timeouts and logs', () => {
  it('408 when a request body does not arrive within requestTimeout', async () => {
    const s = await start({ requestTimeout: 400, timeoutCheckInterval: 100 });
    try {
      const { port } = new URL(s.url);
      const socket = connect(Number(port), '127.0.0.1');
      let got = '';
      socket.on('data', (d) => (got += d.toString('utf8')));
      socket.on('error', () => undefined);
      const ended = new Promise((r) => socket.once('close', r));
      socket.write('POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"kind":');
      await ended;
      expect(got).toMatch(/^HTTP\/1\.1 408/);
      expect(got).toMatch(/"code":"REQUEST_TIMEOUT"/);
    } finally {
      await s.close();
    }
  });

  it('logs one structured line per request, never a body, a query or a header', async () => {
    let log = '';
    const sink = new Writable({ write: (c: Buffer, _e, done) => ((log += c.toString('utf8')), done()) });
    const s = await start({ token: TOKEN, log: { level: 'info', stream: sink } });
    try {
      const secret = { ...eligibilityInput, applicants: [{ ...eligibilityInput.applicants[0], id: 'SECRET-PERSON-4711' }] };
      await call(s.url, 'POST', '/v1/evaluate?x=1', { kind: 'eligibility', input: secret }, { authorization: `Bearer ${TOKEN}` });
      await call(s.url, 'POST', '/v1/evaluate', { kind: 'eligibility', input: { ...secret, noticeDate: 'SECRET-DATE' } }, { authorization: `Bearer ${TOKEN}` });
      await call(s.url, 'POST', '/v1/evaluate/batch?kind=eligibility', JSON.stringify(secret) + '\n', { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-ndjson' });
    } finally {
      await s.close();
    }
    const lines = log.trim().split('\n').map((l) => JSON.parse(l) as { msg: string; req?: { method: string; path: string }; res?: { statusCode: number } });
    expect(lines.some((l) => l.req?.path === '/v1/evaluate' && l.req.method === 'POST')).toBe(true);
    expect(lines.some((l) => l.res?.statusCode === 400)).toBe(true);
    expect(log).not.toMatch(/SECRET|x=1|correct horse|authorization/i);
  });
});
