/**
 * Every endpoint of API.md "Service", called over HTTP on a real server (127.0.0.1, port 0):
 * answers are the library's objects byte for byte, and every error class has its status and
 * code.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainRecord } from '../../src/audit/explain';
import { toRecord, type DecisionRecord } from '../../src/audit/record';
import { collectBatch, evaluateBatch } from '../../src/batch';
import { createEngine, type EvaluateRequest } from '../../src/create-engine';
import { MissingParameterError, RulesetError } from '../../src/engine/errors';
import { evaluateJsonLines } from '../../src/node/jsonl-workers';
import { jsonSchemas } from '../../src/schemas/json-schema';
import { ENGINE_VERSION } from '../../src/version';
import { call, eligibilityInput, engine, payoutInput, start, stream, type Running } from './helpers';

let s: Running;
beforeAll(async () => {
  s = await start();
});
afterAll(async () => {
  await s.close();
});

const payoutRequest = { kind: 'payout', input: payoutInput } as const;
const eligibilityRequest = { kind: 'eligibility', jurisdiction: 'cn.hunan.shaoyang', input: eligibilityInput } as const;

async function jsonlOf(kind: 'payout' | 'eligibility', text: string, options = {}): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const b of evaluateJsonLines(engine(), kind, [text], options)) parts.push(b);
  return Buffer.concat(parts).toString('utf8');
}

describe('GET /v1/health', () => {
  it('says ok, the engine version and how many rulesets it has', async () => {
    const r = await call(s.url, 'GET', '/v1/health');
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ status: 'ok', engineVersion: ENGINE_VERSION, rulesets: engine().rulesets().length });
  });
});

describe('POST /v1/evaluate', () => {
  it('answers a payout with the library decision, byte for byte', async () => {
    const r = await call(s.url, 'POST', '/v1/evaluate', payoutRequest);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.text).toBe(JSON.stringify(engine().evaluate(payoutRequest as EvaluateRequest)));
    // 沪府规〔2022〕3号 三(一): a 36-year-old (born 1988-04-12, expropriated 2024-06-30) gets 12 years
    // of premiums at once: base 0.6 × 12183 = 7309.8 × (pension 0.24 + medical 0.125) = 2668.077 a
    // month × 144 months = 384 203.088 → 384 203.09 yuan, paid by the acquiring unit.
    const d = r.json() as { outcome: { stage: string; items: Array<{ code: string; article: string; amount: string }> } };
    expect(d.outcome.stage).toBe('employment');
    expect(d.outcome.items.find((i) => i.code === 'lump-sum-premium')).toMatchObject({ article: '三(一)', amount: '384203.09' });
  });

  it('answers an eligibility with its reasons: the child fails age-16', async () => {
    const r = await call(s.url, 'POST', '/v1/evaluate', eligibilityRequest);
    expect(r.status).toBe(200);
    expect(r.text).toBe(JSON.stringify(engine().evaluate(eligibilityRequest as EvaluateRequest)));
    // 二(一): (2.4 − 1.8) ÷ 4 = 0.15 mu per person, under 0.3; A1 is 43 on 2023-05-10, A2 (born
    // 2010-01-01) is 13, under 16.
    const d = r.json() as { outcome: { perCapitaAfterMu: string; applicants: Array<{ id: string; eligible: boolean; failed: string[] }> }; reasons: Array<{ rule: string; holds: boolean; subject?: string }> };
    expect(d.outcome.perCapitaAfterMu).toBe('0.1500');
    expect(d.outcome.applicants).toEqual([
      { id: 'A1 李四', eligible: true, failed: [] },
      { id: 'A2 李小', eligible: false, failed: ['age-16'] },
    ]);
    expect(d.reasons.find((x) => x.rule === 'age-16' && x.subject === 'A2 李小')?.holds).toBe(false);
  });

  it('400 INVALID_INPUT lists every issue with zod code, path and message', async () => {
    const r = await call(s.url, 'POST', '/v1/evaluate', { kind: 'payout', input: { expropriationDate: '2024-02-30', person: { id: 'x', sex: 'robot', birthDate: '1988-04-12', cooperated: true } } });
    expect(r.status).toBe(400);
    const body = r.json() as { code: string; issues: Array<{ code: string; path: unknown[]; message: string }> };
    expect(body.code).toBe('INVALID_INPUT');
    const byPath = Object.fromEntries(body.issues.map((i) => [i.path.join('.'), i]));
    expect(byPath['input.expropriationDate']).toMatchObject({ code: 'custom', message: 'expected a real calendar date YYYY-MM-DD' });
    expect(byPath['input.person.sex']?.code).toBe('invalid_value');
    expect(byPath['input.person.pensionStatus']?.code).toBe('invalid_value');
    expect(body.issues.every((i) => typeof i.code === 'string' && Array.isArray(i.path) && typeof i.message === 'string')).toBe(true);
  });

  it('400 for an envelope field that does not exist, and for a body that is not JSON', async () => {
    const a = await call(s.url, 'POST', '/v1/evaluate', { ...payoutRequest, asof: '2024-06-30' });
    expect(a.status).toBe(400);
    expect((a.json() as { issues: Array<{ code: string }> }).issues[0]?.code).toBe('unrecognized_keys');
    const b = await call(s.url, 'POST', '/v1/evaluate', '{"kind": "payout",');
    expect(b.status).toBe(400);
    expect(b.json()).toMatchObject({ code: 'INVALID_INPUT', issues: [{ code: 'invalid_json', path: [] }] });
  });

  it('404 UNKNOWN_KIND and UNKNOWN_JURISDICTION', async () => {
    const a = await call(s.url, 'POST', '/v1/evaluate', { kind: 'pension', input: {} });
    expect(a.status).toBe(404);
    expect(a.json()).toMatchObject({ code: 'UNKNOWN_KIND', kind: 'pension' });
    const b = await call(s.url, 'POST', '/v1/evaluate', { ...payoutRequest, jurisdiction: 'cn.beijing' });
    expect(b.status).toBe(404);
    expect(b.json()).toMatchObject({ code: 'UNKNOWN_JURISDICTION', jurisdiction: 'cn.beijing' });
  });

  it('422 NO_RULESET_IN_FORCE for a date out of every window (Gucun rules start 2022-04-01; the expropriation date governs)', async () => {
    const r = await call(s.url, 'POST', '/v1/evaluate', { ...payoutRequest, input: { ...payoutInput, expropriationDate: '2022-03-31' } });
    expect(r.status).toBe(422);
    expect(r.json()).toMatchObject({ code: 'NO_RULESET_IN_FORCE', jurisdiction: 'cn.shanghai.baoshan.gucun', kind: 'payout', date: '2022-03-31' });
    const ok = await call(s.url, 'POST', '/v1/evaluate', { ...payoutRequest, input: { ...payoutInput, expropriationDate: '2022-04-01' } });
    expect(ok.status).toBe(200);
  });

  it('422 MISSING_PARAMETER when a series has no value on the date', async () => {
    // A series that stops short of a ruleset's window no longer loads at all (RulesetError) …
    expect(() =>
      createEngine({
        parameters: [{ jurisdiction: 'cn.hunan.shaoyang', parameters: { 'cn.hunan.shaoyang.min-age': { description: { zh: '最低年龄', en: 'minimum age' }, unit: 'year', values: [{ value: 16, from: '2024-01-01', to: null, source: 'test: starts late', verified: false }] } } }],
      }),
    ).toThrow(RulesetError);
    // … so the error reaches the service only from an engine that throws it (e.g. an archived ruleset in replay).
    const base = engine();
    const late = { ...base, evaluate: () => { throw new MissingParameterError('cn.hunan.shaoyang.min-age', '2023-05-10', 'test'); } } as unknown as typeof base;
    const t = await start({}, late);
    try {
      const r = await call(t.url, 'POST', '/v1/evaluate', eligibilityRequest);
      expect(r.status).toBe(422);
      expect(r.json()).toMatchObject({ code: 'MISSING_PARAMETER', parameter: 'cn.hunan.shaoyang.min-age', date: '2023-05-10' });
    } finally {
      await t.close();
    }
  });

  it('500 INTERNAL never shows the error or a stack trace', async () => {
    const broken = { ...engine(), evaluate: () => { throw new TypeError('boom in /srv/secret/file.ts:12'); } } as unknown as ReturnType<typeof engine>;
    const t = await start({}, broken);
    try {
      const r = await call(t.url, 'POST', '/v1/evaluate', payoutRequest);
      expect(r.status).toBe(500);
      expect(r.json()).toEqual({ code: 'INTERNAL', message: 'internal error (see the service log)' });
      expect(r.text).not.toMatch(/boom|secret|at |\.ts/);
    } finally {
      await t.close();
    }
  });

  it('413 for a JSON body over bodyLimit; 404 for an unknown route; 415 for an unknown media type', async () => {
    const t = await start({ bodyLimit: 1000 });
    try {
      const big = await call(t.url, 'POST', '/v1/evaluate', { ...payoutRequest, pad: 'x'.repeat(2000) });
      expect(big.status).toBe(413);
      expect(big.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
      const nf = await call(t.url, 'GET', '/v1/nothing');
      expect(nf.status).toBe(404);
      expect(nf.json()).toMatchObject({ code: 'NOT_FOUND' });
      const media = await call(t.url, 'POST', '/v1/evaluate', '<xml/>', { 'content-type': 'application/xml' });
      expect(media.status).toBe(415);
    } finally {
      await t.close();
    }
  });
});

describe('POST /v1/evaluate/batch', () => {
  it('a JSON array: one result per input, in order, errors inline (count in = out)', async () => {
    const inputs = [eligibilityInput, { noticeDate: 'soon' }, eligibilityInput];
    const r = await call(s.url, 'POST', '/v1/evaluate/batch?kind=eligibility', inputs);
    expect(r.status).toBe(200);
    const expected = await collectBatch(evaluateBatch(engine(), 'eligibility', inputs));
    expect(r.text).toBe(JSON.stringify(expected));
    const body = r.json() as Array<{ index: number; decision?: unknown; error?: { code: string } }>;
    expect(body.map((x) => [x.index, x.error?.code ?? 'decision'])).toEqual([[0, 'decision'], [1, 'INVALID_INPUT'], [2, 'decision']]);
  });

  it('JSON Lines: the same bytes as evaluateJsonLines, bad and too-long lines named', async () => {
    const long = JSON.stringify({ ...eligibilityInput, pad: 'y'.repeat(5000) });
    const text = [JSON.stringify(eligibilityInput), '', 'not json', long, JSON.stringify({ ...eligibilityInput, noticeDate: '2023-13-01' })].join('\n') + '\n';
    const t = await start({ maxLineBytes: 4096 });
    try {
      const r = await call(t.url, 'POST', '/v1/evaluate/batch?kind=eligibility&fields=outcome,warnings', text, { 'content-type': 'application/x-ndjson' });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/^application\/x-ndjson/);
      expect(r.text).toBe(await jsonlOf('eligibility', text, { fields: ['outcome', 'warnings'], maxLineBytes: 4096 }));
      const lines = r.text.trim().split('\n').map((l) => JSON.parse(l) as { index: number; error?: { message: string } });
      // 5 lines, one blank: 4 results (lines 1, 3, 4, 5).
      expect(lines.map((l) => l.index)).toEqual([0, 2, 3, 4]);
      expect(lines[1]?.error?.message).toMatch(/^line 3: not JSON/);
      expect(lines[2]?.error?.message).toMatch(/^line 4: longer than 4096 bytes/);
    } finally {
      await t.close();
    }
  });

  it('asks for ?kind=, refuses an unknown kind or jurisdiction and a date that is not one', async () => {
    expect((await call(s.url, 'POST', '/v1/evaluate/batch', [])).status).toBe(400);
    expect((await call(s.url, 'POST', '/v1/evaluate/batch?kind=nope', [])).json()).toMatchObject({ code: 'UNKNOWN_KIND' });
    expect((await call(s.url, 'POST', '/v1/evaluate/batch?kind=payout&jurisdiction=cn.mars', [])).status).toBe(404);
    const bad = await call(s.url, 'POST', '/v1/evaluate/batch?kind=payout&asOf=2024-02-30', []);
    expect(bad.status).toBe(400);
    expect((bad.json() as { issues: Array<{ path: unknown[] }> }).issues[0]?.path).toEqual(['query', 'asOf']);
    expect((await call(s.url, 'POST', '/v1/evaluate/batch?kind=payout', { not: 'an array' })).status).toBe(400);
  });

  it('413 for a JSON Lines body over streamLimit: before the answer, and as the last line once it has started', async () => {
    const t = await start({ streamLimit: 20_000 });
    try {
      const one = JSON.stringify(payoutInput) + '\n';
      const declared = await call(t.url, 'POST', '/v1/evaluate/batch?kind=payout', one.repeat(200), { 'content-type': 'application/x-ndjson' });
      expect(declared.status).toBe(413);
      expect(declared.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
      // Chunked (no Content-Length): the limit is found while streaming.
      let text = '';
      const res = await stream(t.url, '/v1/evaluate/batch?kind=payout&fields=asOf', Readable.from(Array.from({ length: 200 }, () => Buffer.from(one))), (c) => (text += c.toString('utf8')));
      expect(res.status).toBe(200);
      const last = JSON.parse(text.trim().split('\n').at(-1)!) as { error?: { code: string } };
      expect(last.error?.code).toBe('BODY_TOO_LARGE');
    } finally {
      await t.close();
    }
  });
});

describe('POST /v1/records', () => {
  it('one request: the record toRecord makes, canonical JSON, with the id asked for', async () => {
    const r = await call(s.url, 'POST', '/v1/records?id=case-17', eligibilityRequest);
    expect(r.status).toBe(200);
    const expected = toRecord(engine().evaluate(eligibilityRequest as EvaluateRequest), eligibilityRequest, { id: 'case-17' });
    expect(r.text).toBe(JSON.stringify(expected));
    expect(engine().replay([r.json()])).toMatchObject({ total: 1, matched: 1 });
  });

  it('a batch: one record per input named <name>:<line>, errors inline', async () => {
    const text = [JSON.stringify(payoutInput), '{"expropriationDate":"2024-06-30"}', JSON.stringify(payoutInput)].join('\n');
    const r = await call(s.url, 'POST', '/v1/records?kind=payout&name=people.jsonl', text, { 'content-type': 'application/x-ndjson' });
    expect(r.status).toBe(200);
    const lines = r.text.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(JSON.stringify(toRecord(engine().evaluate(payoutRequest as EvaluateRequest), payoutRequest, { id: 'people.jsonl:1' })));
    expect(JSON.parse(lines[1]!)).toMatchObject({ index: 1, error: { code: 'INVALID_INPUT' } });
    expect((JSON.parse(lines[2]!) as DecisionRecord).id).toBe('people.jsonl:3');
    const arr = await call(s.url, 'POST', '/v1/records?kind=payout', [payoutInput]);
    expect((arr.json() as DecisionRecord[])[0]?.id).toBe('request:1');
  });

  it('a JSON Lines batch of records: a line that is not UTF-8 or too long is an error naming its line; ?pseudonymise applies to every record', async () => {
    const t = await start({ pseudonymiseKey: 'a key of the auditor handover 2026', maxLineBytes: 2048 });
    try {
      const body = Buffer.concat([
        Buffer.from(JSON.stringify(payoutInput) + '\n'),
        Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]),
        Buffer.from(JSON.stringify({ ...payoutInput, pad: 'z'.repeat(3000) }) + '\n'),
        Buffer.from(JSON.stringify(eligibilityInput) + '\n'),
      ]);
      let text = '';
      const res = await stream(t.url, '/v1/records?kind=payout&pseudonymise=true', Readable.from([body]), (c) => (text += c.toString('utf8')));
      expect(res.status).toBe(200);
      const lines = text.trim().split('\n').map((l) => JSON.parse(l) as DecisionRecord & { index?: number; error?: { message: string } });
      expect(lines).toHaveLength(4);
      expect(lines[0]!.request.input).toMatchObject({ person: { id: expect.stringMatching(/^P-[0-9a-f]{20}$/) } });
      expect(text).not.toContain('张三');
      expect(lines[1]).toMatchObject({ index: 1, error: { message: 'line 2: not valid UTF-8' } });
      expect(lines[2]!.error?.message).toMatch(/^line 3: longer than 2048 bytes/);
      expect(lines[3]).toMatchObject({ index: 3, error: { code: 'INVALID_INPUT' } }); // an eligibility input is no payout
      expect(engine().replay([lines[0]])).toMatchObject({ matched: 1 });
    } finally {
      await t.close();
    }
  });

  it('?pseudonymise: refused without a key; with one, no person id is left and the record still replays', async () => {
    const refused = await call(s.url, 'POST', '/v1/records?pseudonymise', eligibilityRequest);
    expect(refused.status).toBe(400);
    const t = await start({ pseudonymiseKey: 'a key of the auditor handover 2026' });
    try {
      const r = await call(t.url, 'POST', '/v1/records?pseudonymise', eligibilityRequest);
      expect(r.status).toBe(200);
      expect(r.text).not.toMatch(/李四|李小|A1|A2/);
      const record = r.json() as DecisionRecord;
      expect((record.decision.outcome as { applicants: Array<{ id: string }> }).applicants.map((a) => a.id)).toEqual([expect.stringMatching(/^P-[0-9a-f]{20}$/), expect.stringMatching(/^P-[0-9a-f]{20}$/)]);
      expect(engine().replay([record])).toMatchObject({ total: 1, matched: 1 });
    } finally {
      await t.close();
    }
  });
});

describe('POST /v1/replay', () => {
  const record = () => toRecord(engine().evaluate(payoutRequest as EvaluateRequest), payoutRequest, { id: 'r1' });

  it('a JSON array: the report of engine.replay', async () => {
    const tampered = JSON.parse(JSON.stringify(record())) as DecisionRecord;
    (tampered.decision.outcome as { totals: { amount: string } }).totals.amount = '1.00';
    const r = await call(s.url, 'POST', '/v1/replay', [record(), tampered]);
    expect(r.status).toBe(200);
    expect(r.json()).toEqual(JSON.parse(JSON.stringify(engine().replay([record(), tampered]))));
    expect(r.json()).toMatchObject({ total: 2, matched: 1, mismatched: [{ index: 1 }] });
  });

  it('JSON Lines: failures with their line numbers, a too-long line named', async () => {
    const t = await start({ maxLineBytes: 64 * 1024 });
    try {
      const text = [JSON.stringify(record()), '', '{"format":"nope"}', 'x'.repeat(70_000)].join('\n') + '\n';
      const r = await call(t.url, 'POST', '/v1/replay', text, { 'content-type': 'application/x-ndjson' });
      expect(r.status).toBe(200);
      const report = r.json() as { total: number; matched: number; failed: Array<{ line: number; error: { code: string; message: string } }> };
      expect(report.total).toBe(3);
      expect(report.matched).toBe(1);
      expect(report.failed.map((f) => [f.line, f.error.code])).toEqual([[3, 'INVALID_RECORD'], [4, 'INVALID_RECORD']]);
      expect(report.failed[1]?.error.message).toMatch(/^line 4: longer than 65536 bytes/);
    } finally {
      await t.close();
    }
  });
});

describe('POST /v1/explain', () => {
  it('a record as Chinese or English text, as explainRecord writes it', async () => {
    const record = toRecord(engine().evaluate(eligibilityRequest as EvaluateRequest), eligibilityRequest, { id: 'case-17' });
    for (const lang of ['zh', 'en'] as const) {
      const r = await call(s.url, 'POST', `/v1/explain?lang=${lang}`, record);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/plain; charset=utf-8/);
      expect(r.text).toBe(explainRecord(record, lang) + '\n');
    }
    expect((await call(s.url, 'POST', '/v1/explain', record)).text).toMatch(/^决定记录 case-17/);
    expect((await call(s.url, 'POST', '/v1/explain?lang=fr', record)).status).toBe(400);
    const bad = (await call(s.url, 'POST', '/v1/explain', { ...record, format: 'other/1' })).json() as { code: string; issues: Array<{ code: string; path: unknown[] }> };
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.issues).toEqual([{ code: 'invalid_value', path: ['format'], message: expect.any(String) }]);
  });
});

describe('GET /v1/rulesets, /v1/parameters, /openapi.json', () => {
  it('rulesets as engine.rulesets()', async () => {
    const r = await call(s.url, 'GET', '/v1/rulesets');
    expect(r.text).toBe(JSON.stringify(engine().rulesets()));
  });

  it('parameters on a date: every series, with null before its first value', async () => {
    const on = await call(s.url, 'GET', '/v1/parameters?on=2023-05-10');
    const list = on.json() as Array<{ id: string; value: unknown; inForce: { from: string } | null }>;
    expect(list.map((p) => p.id)).toEqual(engine().parameterSeries().map((p) => p.id));
    // 二(一): 年满16周岁, 不足0.3亩 (from 2020-01-01).
    expect(list.find((p) => p.id === 'cn.hunan.shaoyang.min-age')).toMatchObject({ value: 16, inForce: { from: '2020-01-01' } });
    expect(list.find((p) => p.id === 'cn.hunan.shaoyang.max-per-capita-mu')?.value).toBe('0.3');
    const before = (await call(s.url, 'GET', '/v1/parameters?on=2019-12-31')).json() as Array<{ id: string; value: unknown; inForce: unknown }>;
    expect(before.find((p) => p.id === 'cn.hunan.shaoyang.min-age')).toMatchObject({ value: null, inForce: null });
    expect((await call(s.url, 'GET', '/v1/parameters?on=2023-02-29')).status).toBe(400);
    expect((await call(s.url, 'GET', '/v1/parameters')).status).toBe(400);
  });

  it('openapi.json: OpenAPI 3.1 with every path of the service, its schemas those generated from zod', async () => {
    const doc = (await call(s.url, 'GET', '/openapi.json')).json() as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/openapi.json', '/v1/evaluate', '/v1/evaluate/batch', '/v1/explain', '/v1/health', '/v1/parameters', '/v1/records', '/v1/replay', '/v1/rulesets']);
    const generated = jsonSchemas();
    const noRefs = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (k, x: unknown) => (k === '$ref' || k === '$defs' || k === '$schema' ? undefined : x)));
    for (const [name, schema] of Object.entries(generated)) {
      // The same schema, but for where its own definitions now live (below).
      expect(noRefs(doc.components.schemas[name]), name).toEqual(noRefs(schema));
    }
    // Every $ref of the document resolves from its root.
    const refs: string[] = [];
    JSON.stringify(doc, (k, x: unknown) => (k === '$ref' && typeof x === 'string' && refs.push(x), x));
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of new Set(refs)) {
      expect(ref, ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.slice('#/components/schemas/'.length)], ref).toBeDefined();
    }
  });
});
