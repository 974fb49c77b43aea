import { describe, expect, it } from 'vitest';
import { canonicalJson, createEngine, toCompactRecord, toRecord, type EligibilityInput } from '../../src';
import { readFileSync } from 'node:fs';
import { households } from '../../bench/generate';
import { buildDecisionFixtures } from '../../scripts/decision-fixtures/build';

/**
 * Messages written when the reasons are read (src/engine/lazy-reasons.ts, issue 21). A message
 * made anew for each subject (Shaoyang's age-16: the applicant's id, birth date and age) is not
 * written until somebody reads the decision's reasons; the decision must then look, copy,
 * serialise and compare exactly as if it had been written at once.
 */
const engine = createEngine();
const valid = (n: number, seed: number) =>
  [...households(n, seed)].filter((h) => {
    try {
      engine.eligibility(h as EligibilityInput);
      return true;
    } catch {
      return false; // every 97th generated household is invalid on purpose
    }
  }) as EligibilityInput[];
// Past the first few hundred, a message that never repeats is no longer remembered: it is left unwritten.
valid(400, 3);

const input = (): EligibilityInput => ({
  noticeDate: '2023-05-10',
  household: { originalCultivatedMu: '2.40', expropriatedCultivatedMu: '1.80', memberCount: 4 },
  applicants: [
    { id: 'A1', sex: 'female', birthDate: '1980-03-02', basis: 'member', collectiveMember: true, holdsContractRight: true },
    { id: 'A2', sex: 'male', birthDate: '2010-06-01', basis: 'member', collectiveMember: true, holdsContractRight: false },
  ],
});
const isDeferred = (d: object) => typeof Object.getOwnPropertyDescriptor(d, 'reasons')?.get === 'function';
const age16 = (d: { reasons: Array<{ rule: string; subject?: string; message: { zh: string; en: string } }> }, who: string) => d.reasons.find((r) => r.rule === 'age-16' && r.subject === who)!.message;

describe('messages written when the reasons are read', () => {
  it('an eligibility decision leaves its applicants\' messages unwritten, and reading them writes the text (二、新增认定 1: 年满16周岁)', () => {
    const d = engine.eligibility(input());
    expect(isDeferred(d)).toBe(true);
    expect(Object.keys(d)).toEqual(['kind', 'jurisdiction', 'asOf', 'ruleset', 'outcome', 'reasons', 'parameters', 'warnings']);
    // 1980-03-02 to 2023-05-10: 43 full years; 2010-06-01: 12 full years (under 16).
    expect(age16(d, 'A1')).toEqual({ zh: '申请人A1（1980-03-02出生）在征收土地公告日2023-05-10已满43周岁，年满16周岁（含）', en: 'Applicant A1 (born 1980-03-02) was 43 full years old on the notice date 2023-05-10: at least 16' });
    expect(age16(d, 'A2').zh).toBe('申请人A2（2010-06-01出生）在征收土地公告日2023-05-10仅满12周岁，未满16周岁');
    // Read once: a plain data property again, the same array each time.
    expect(isDeferred(d)).toBe(false);
    expect(d.reasons).toBe(d.reasons);
    for (const r of d.reasons) expect(r.message.zh.length * r.message.en.length).toBeGreaterThan(0);
  });

  it('JSON, a spread, structuredClone and deep equality see every message, as a decision read first does', () => {
    const read = engine.eligibility(input());
    const text = JSON.stringify(read); // reads the reasons
    expect(JSON.stringify(engine.eligibility(input()))).toBe(text);
    expect(JSON.stringify({ ...engine.eligibility(input()) })).toBe(text);
    expect(JSON.stringify(structuredClone(engine.eligibility(input())))).toBe(text);
    expect(engine.eligibility(input())).toEqual(JSON.parse(text));
    // A record keeps the decision in canonical key order.
    expect(canonicalJson(toRecord(engine.eligibility(input())).decision)).toBe(canonicalJson(JSON.parse(text)));
  });

  it('a compact record reads only each rule\'s result: no message is written, and the record is the same', () => {
    const d = engine.eligibility(input());
    const compact = toCompactRecord(d, { id: 'x' });
    expect(isDeferred(d)).toBe(true);
    expect(JSON.stringify(compact)).toBe(JSON.stringify(toCompactRecord(JSON.parse(JSON.stringify(d)) as typeof d, engine.eligibility(input()).request!, { id: 'x' })));
    expect(compact.reasons).toEqual([[null, 2, 'reported-per-capita-agrees', 'reported-per-capita-same-side'], ['A1', 3, 'age-16', 'per-capita-under-0.3', 'membership'], ['A2', 3, 'per-capita-under-0.3']]);
  });

  it('the messages say what was decided, whatever the caller does to the input afterwards', () => {
    const request = input();
    const d = engine.eligibility(request);
    request.applicants[0]!.birthDate = '2015-01-01';
    request.applicants[0]!.id = 'changed';
    expect(age16(d, 'A1').zh).toContain('1980-03-02出生');
  });

  it('the reasons can be replaced before or after they are read, and a frozen decision still gives them', () => {
    const a = engine.eligibility(input());
    a.reasons = [];
    expect(JSON.parse(JSON.stringify(a)).reasons).toEqual([]);
    const b = engine.eligibility(input());
    void b.reasons;
    b.reasons = b.reasons.slice(0, 1);
    expect(b.reasons).toHaveLength(1);
    const child = Object.create(engine.eligibility(input())) as ReturnType<typeof engine.eligibility>;
    expect(age16(child, 'A1').en).toContain('43 full years');
    const c = Object.freeze(engine.eligibility(input()));
    expect(age16(c, 'A1').en).toContain('43 full years');
    expect(c.reasons).toBe(c.reasons);
    expect(() => {
      (c as { reasons: unknown }).reasons = [];
    }).toThrow(TypeError);
  });

  it('the bundled decision fixtures, made again with messages and values written when read: the same bytes', () => {
    expect(isDeferred(engine.eligibility(input()))).toBe(true);
    for (const [name, content] of buildDecisionFixtures(engine)) expect(readFileSync(new URL(`../../fixtures/decisions/${name}`, import.meta.url), 'utf8'), name).toBe(content);
  });

  it('a reason\'s values are written with its message: JSON (decimals as text), copies of the lists', () => {
    const d = engine.eligibility(input());
    const membership = d.reasons.find((r) => r.rule === 'membership' && r.subject === 'A2')!;
    expect(membership.values).toEqual({ basis: 'member', collectiveMember: true, holdsContractRight: false, unmet: ['holds no land-contract right'], unmetZh: ['不享有土地承包经营权'] });
    // (2.40 − 1.80) ÷ 4 = 0.15, as text; the threshold 0.3 as the parameter's text.
    expect(d.reasons.find((r) => r.rule === 'per-capita-under-0.3' && r.subject === 'A1')!.values).toEqual({ perCapitaAfterMu: '0.15', maxPerCapitaMu: '0.3' });
    (membership.values!.unmet as string[]).push('edited');
    expect(engine.eligibility(input()).reasons.find((r) => r.rule === 'membership' && r.subject === 'A2')!.values!.unmet).toEqual(['holds no land-contract right']);
  });

  it('a decision whose messages all repeat (a payout) writes them at once: no accessor', async () => {
    const { payoutPeople } = await import('../../bench/generate');
    for (const p of [...payoutPeople(50, 9)]) expect(isDeferred(engine.payout(p))).toBe(false);
  });
});
