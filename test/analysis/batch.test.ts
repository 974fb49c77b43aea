import { describe, expect, it } from 'vitest';
import { collectBatch, createEngine, evaluateBatch, isBatchSuccess, toBatchError, type EligibilityInput } from '../../src';
import { engine } from '../helpers';

// Batch API (issue 7): decisions in input order, errors per item, never a thrown batch.

const good: EligibilityInput = {
  noticeDate: '2023-05-10',
  household: { originalCultivatedMu: '2.4', expropriatedCultivatedMu: '1.8', memberCount: 4 },
  applicants: [{ id: 'A1', sex: 'female', birthDate: '1980-03-02', basis: 'member', collectiveMember: true, holdsContractRight: true }],
};
const bad = { ...good, noticeDate: '2023-13-40' };

describe('evaluateBatch', () => {
  it('yields one result per input, in order, with the same decision as evaluate', () => {
    const results = [...evaluateBatch(engine, 'eligibility', [good, bad, good])];
    expect(results.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(results[0]).toEqual({ index: 0, decision: engine.eligibility(good) });
    expect(results[2]).toEqual(results[0] && { ...results[0], index: 2 });
    expect(results[1]).toMatchObject({ index: 1, error: { code: 'INVALID_INPUT', issues: [{ path: ['input', 'noticeDate'] }] } });
  });

  it('reports a ruleset gap per item (NO_RULESET_IN_FORCE) and goes on', () => {
    const early = { ...good, noticeDate: '2019-12-31' };
    const results = [...evaluateBatch(engine, 'eligibility', [early, good])];
    expect(results[0]).toMatchObject({ index: 0, error: { code: 'NO_RULESET_IN_FORCE' } });
    expect(isBatchSuccess(results[1]!)).toBe(true);
  });

  it('captures an unexpected exception of the engine as INTERNAL for that item only', () => {
    const flaky = {
      evaluate: (req: { input: unknown }) => {
        if (req.input === 'boom') throw new TypeError('cannot read x of undefined');
        return engine.evaluate(req as Parameters<typeof engine.evaluate>[0]);
      },
    } as Pick<typeof engine, 'evaluate'>;
    const results = [...evaluateBatch(flaky, 'eligibility', [good, 'boom', good])];
    expect(results[1]).toEqual({ index: 1, error: { code: 'INTERNAL', message: 'TypeError: cannot read x of undefined' } });
    expect(results.filter(isBatchSuccess)).toHaveLength(2);
  });

  it('applies the options (asOf, parameter overrides) to every item', () => {
    // 0.6 mu kept by 4 people = 0.15 mu each; with the bound lowered to 0.15 (strict) nobody qualifies.
    const results = [...evaluateBatch(engine, 'eligibility', [good, good], { parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': '0.15' } })];
    for (const r of results) {
      if (!isBatchSuccess(r)) throw new Error('expected a decision');
      expect(r.decision.outcome.applicants[0]).toEqual({ id: 'A1', eligible: false, failed: ['per-capita-under-0.3'] });
    }
  });

  it('is lazy over an iterable and reads an async iterable in order', async () => {
    let pulled = 0;
    function* gen() {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield good;
      }
    }
    const it = evaluateBatch(engine, 'eligibility', gen());
    it.next();
    expect(pulled).toBe(1);
    async function* agen() {
      yield good;
      await new Promise((r) => setTimeout(r, 5));
      yield bad;
    }
    const results = await collectBatch(evaluateBatch(engine, 'eligibility', agen()));
    expect(results.map((r) => [r.index, 'error' in r])).toEqual([
      [0, false],
      [1, true],
    ]);
  });

  it('gives plain, JSON-serialisable errors', () => {
    const e = toBatchError(new RangeError('x'));
    expect(e).toEqual({ code: 'INTERNAL', message: 'RangeError: x' });
    expect(toBatchError('just a string')).toEqual({ code: 'INTERNAL', message: 'just a string' });
    const [r] = [...evaluateBatch(createEngine(), 'eligibility', [bad])];
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});
