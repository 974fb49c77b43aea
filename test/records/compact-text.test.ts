import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactText, toCompactRecord } from '../../src';
import type { AnyDecision } from '../../src/engine/engine';
import { compactBody } from '../../src/audit/compact';
import { bodyText } from '../../src/records/line';
import { payoutPeople } from '../../bench/generate';
import { fixtureRequests } from '../fixture-requests';
import { engine } from '../helpers';
import { runs } from '../property-runs';

/**
 * `compactText` writes a compact record's parameters from a text kept per list of ids and values
 * (src/audit/compact.ts `parametersText`, issue 21). The line must be what the record's objects
 * give (compactBody, then canonical JSON of each field), byte for byte, whatever was written
 * before it: these tests compare the two on every bundled sample, on generated rows in changing
 * orders and with overrides, and on decisions whose parameter reads are edited into any shape.
 */
const general = (d: AnyDecision, id?: string) => {
  const { text, recordHash } = bodyText(compactBody(d, d.request!, id === undefined ? {} : { id }));
  return { text, recordHash, id: id ?? null };
};
const outcomeOf = (f: () => unknown) => {
  try {
    return f();
  } catch (e) {
    return e instanceof Error ? e.constructor.name : String(e);
  }
};

/** A decision with its request (non-enumerable, as the engine gives it) and some fields replaced. */
function edited(d: AnyDecision, fields: Record<string, unknown>): AnyDecision {
  const copy = { ...d, ...fields } as AnyDecision;
  Object.defineProperty(copy, 'request', { value: d.request, enumerable: false });
  return copy;
}

describe('compactText: the same line as the record built and written field by field', () => {
  it('every bundled sample of every kind, with and without an id', () => {
    const requests = fixtureRequests();
    expect(requests.length).toBeGreaterThan(20);
    for (const [i, request] of requests.entries()) {
      const d = engine.evaluate(request);
      expect(compactText(d, { id: `s:${i}` })).toEqual(general(d, `s:${i}`));
      expect(compactText(d)).toEqual(general(d));
      expect(compactText(d, { id: `s:${i}` }).text).toBe(JSON.stringify(toCompactRecord(d, { id: `s:${i}` })));
    }
  });

  it('generated payout rows on five dates, in two orders, and with overrides: a kept text is given only for the very same values', () => {
    const people = [...payoutPeople(200, 5)];
    const decisions = [
      ...people.map((input) => engine.evaluate({ kind: 'payout', input })),
      ...people.slice(0, 40).map((input, i) => engine.evaluate({ kind: 'payout', input, parameters: { 'cn.shanghai.average-monthly-wage': i % 2 === 0 ? '12000' : 12000 } })),
    ];
    for (const list of [decisions, [...decisions].reverse()]) for (const [i, d] of list.entries()) expect(compactText(d, { id: `r:${i}` })).toEqual(general(d, `r:${i}`));
    // A number and a decimal text of the same figure are different records.
    const wages = decisions.slice(200).map((d) => (JSON.parse(compactText(d).text) as { parameters: Record<string, Record<string, unknown>> }).parameters['cn.shanghai']?.['average-monthly-wage']);
    expect(new Set(wages.filter((w) => w !== undefined))).toEqual(new Set(['12000', 12000]));
  });

  it('a list read changed in place between two records: the second has the list as it is then', () => {
    const d = engine.evaluate({ kind: 'payout', input: [...payoutPeople(1, 3)][0]! });
    const list = ['a', 'b'];
    const e = edited(d, { parameters: [...d.parameters, { ...d.parameters[0]!, id: 'cn.test.list', value: list }] });
    expect(compactText(e)).toEqual(general(e));
    list.push('c');
    expect(JSON.parse(compactText(e).text).parameters['cn.test']).toEqual({ list: ['a', 'b', 'c'] });
    expect(compactText(e)).toEqual(general(e));
  });

  it('any parameter reads (repeated ids, ids that are not text, values of any type, text with NUL): the same line or the same error, twice over', () => {
    const base = engine.evaluate({ kind: 'payout', input: [...payoutPeople(1, 11)][0]! });
    const id = fc.oneof({ arbitrary: fc.constantFrom('cn.a', 'cn.b', 'cn.a.b', '7', '__proto__', 'x.__proto__'), weight: 6 }, { arbitrary: fc.string({ maxLength: 3 }), weight: 3 }, { arbitrary: fc.constantFrom(1, undefined), weight: 1 });
    const value = fc.oneof(
      { arbitrary: fc.constantFrom('1', 1, '0.5', 0.5, 'a\u0000n1', '', -0, 1e21), weight: 8 },
      { arbitrary: fc.string({ maxLength: 3 }), weight: 3 },
      { arbitrary: fc.array(fc.string({ maxLength: 2 }), { maxLength: 2 }), weight: 2 },
      { arbitrary: fc.constantFrom(undefined, null, Number.NaN, true), weight: 1 },
    );
    const reads = fc.array(fc.record({ id, value }), { maxLength: 5 }).map((rs) => rs.map((r) => ({ ...base.parameters[0]!, ...r })));
    fc.assert(
      fc.property(reads, (parameters) => {
        const d = edited(base, { parameters });
        const expected = outcomeOf(() => general(d, 'x'));
        // Twice: the second time from the kept text, when there is one.
        expect(outcomeOf(() => compactText(d, { id: 'x' }))).toEqual(expected);
        expect(outcomeOf(() => compactText(d, { id: 'x' }))).toEqual(expected);
      }),
      { numRuns: runs(800) },
    );
  });

  it('the request is checked as for toCompactRecord: an InputError naming the field', () => {
    const d = engine.evaluate({ kind: 'payout', input: [...payoutPeople(1, 11)][0]! });
    expect(() => compactText(d, { id: '' })).toThrow(/record id/);
    expect(() => compactText(edited(d, { kind: 'eligibility' }))).toThrow(/decision is of kind 'eligibility'/);
  });
});

describe('evaluateResults: a decision for a compact record only', () => {
  it('every bundled sample (quota reads its reasons\' messages while deciding), generated payout rows and eligibility households: the same compact line as from evaluate', async () => {
    const { households } = await import('../../bench/generate');
    const requests = [
      ...fixtureRequests(),
      ...[...payoutPeople(150, 21)].map((input) => ({ kind: 'payout', input })),
      ...[...households(150, 23)].map((input) => ({ kind: 'eligibility', input })),
    ];
    let compared = 0;
    for (const [i, request] of requests.entries()) {
      const full = outcomeOf(() => engine.evaluate(request as never));
      if (typeof full === 'string') {
        expect(outcomeOf(() => engine.evaluateResults(request)), `${i}`).toBe(full); // the same error
        continue;
      }
      const results = engine.evaluateResults(request);
      expect(compactText(results, { id: `r:${i}` }), `${i}`).toEqual(compactText(full as AnyDecision, { id: `r:${i}` }));
      expect(results.outcome).toEqual((full as AnyDecision).outcome);
      compared++;
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('its reasons carry each rule\'s result, not its texts (why it is not for showing)', () => {
    const d = engine.evaluateResults({ kind: 'payout', input: [...payoutPeople(1, 11)][0]! });
    expect(d.reasons.length).toBeGreaterThan(5);
    expect(d.reasons.every((r) => r.message.zh === '' && r.message.en === '')).toBe(true);
  });
});
