import { describe, expect, it } from 'vitest';
import { canonicalJson, ENGINE_VERSION, InputError, parseRecord, toRecord, verifyRecordHash, type EligibilityInput } from '../../src';
import { contentHash } from '../../src/engine/canonical-json';
import { engine } from '../helpers';

const input: EligibilityInput = {
  noticeDate: '2023-05-10',
  household: { originalCultivatedMu: 2.4, expropriatedCultivatedMu: '1.80', memberCount: 4 },
  applicants: [{ id: 'A1', sex: 'female', birthDate: '1980-03-02', basis: 'member', collectiveMember: true, holdsContractRight: true }],
};

describe('toRecord: a self-contained, canonical record', () => {
  const request = { kind: 'eligibility', input, parameters: { 'cn.hunan.shaoyang.min-age': 18 } } as const;
  const record = toRecord(engine.evaluate(request), request, { id: 'case-17' });

  it('carries the request with the asOf and jurisdiction actually used and its overrides', () => {
    expect(record.request).toEqual({ kind: 'eligibility', jurisdiction: 'cn.hunan.shaoyang', asOf: '2023-05-10', input, parameters: { 'cn.hunan.shaoyang.min-age': 18 } });
    expect(record.id).toBe('case-17');
    expect(record.format).toBe('zhengdi-record/1');
    expect(record.engineVersion).toBe(ENGINE_VERSION);
  });
  it('names the ruleset by id and content hash, and every parameter read with its value', () => {
    const bundled = engine.rulesets().find((r) => r.id === 'cn.hunan.shaoyang/2020-01-01')!;
    expect(record.ruleset).toEqual({ id: bundled.id, version: bundled.version, hash: bundled.hash });
    expect(record.parameters).toEqual({ 'cn.hunan.shaoyang.min-age': 18, 'cn.hunan.shaoyang.max-per-capita-mu': '0.3' });
  });
  it('JSON.stringify gives canonical JSON (sorted keys), the same bytes every time', () => {
    const again = toRecord(engine.evaluate(request), request, { id: 'case-17' });
    expect(JSON.stringify(record)).toBe(canonicalJson(record));
    expect(JSON.stringify(again)).toBe(JSON.stringify(record));
    expect(Object.keys(record)).toEqual(['decision', 'engineVersion', 'format', 'id', 'parameters', 'recordHash', 'request', 'ruleset']);
  });
  it('its recordHash is the SHA-256 of its canonical JSON without recordHash', () => {
    const { recordHash, ...body } = record;
    expect(recordHash).toBe(contentHash(body));
    expect(verifyRecordHash(record)).toBe(true);
    expect(verifyRecordHash({ ...record, id: 'case-18' })).toBe(false);
  });
  it('refuses a request that does not belong to the decision', () => {
    const d = engine.evaluate(request);
    expect(() => toRecord(d, { ...request, asOf: '2023-05-11' })).toThrow(InputError);
    expect(() => toRecord(d, { ...request, jurisdiction: 'cn.zhejiang.taizhou' })).toThrow(/jurisdiction/);
  });
  it('parseRecord accepts its JSON and rejects what is not a record', () => {
    expect(parseRecord(JSON.stringify(record))).toEqual(record);
    expect(() => parseRecord('{"format":"zhengdi-record/1"}')).toThrow(InputError);
    expect(() => parseRecord('not json')).toThrow(/not JSON/);
  });
});
