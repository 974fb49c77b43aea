import { describe, expect, it } from 'vitest';
import { compare, diffJson, InputError, NoRulesetInForceError } from '../../src';

// compare (what-if, docs/analysis.md): per item the leaves that changed and who gained or lost
// eligibility; in total the counts, errors and amounts before and after. Tested with stub
// engines whose answers are written out here, so every total can be added up by hand.

interface In { id: string; ok?: string[]; amount?: string; pay?: Record<string, string>; fail?: 'input' | 'ruleset' | 'other' }
const stub = (shift: (x: In) => In) => ({
  calls: [] as unknown[],
  evaluate(request: { input: unknown; parameters?: unknown }) {
    this.calls.push(request.parameters);
    const x = shift(request.input as In);
    if (x.fail === 'input') throw new InputError([{ path: ['input'], message: 'bad' }]);
    if (x.fail === 'ruleset') throw new NoRulesetInForceError('j', 'k', '2020-01-01');
    if (x.fail === 'other') throw new Error('boom');
    return {
      kind: 'eligibility', jurisdiction: 'j', asOf: '2023-01-01', ruleset: { id: 'r', version: '1', hash: 'h' },
      outcome: { applicants: (x.ok ?? []).map((id) => ({ id, eligible: true })), totals: { amount: x.amount ?? '0.00', byPayer: x.pay ?? {} } },
    };
  },
}) as { calls: unknown[]; evaluate: never }; // a stub: typed loosely on purpose

describe('diffJson', () => {
  it('paths from $: [i] for indexes, .name for keys; a leaf or a change of type is one diff', () => {
    expect(diffJson(1, 1)).toEqual([]);
    expect(diffJson(Number.NaN, Number.NaN)).toEqual([]);
    expect(diffJson(1, 2)).toEqual([{ path: '$', baseline: 1, reform: 2 }]);
    expect(diffJson([1, 2], [1])).toEqual([{ path: '[1]', baseline: 2, reform: undefined }]);
    expect(diffJson({ a: { b: [0, 1] } }, { a: { b: [0, 2] }, c: 1 })).toEqual([
      { path: 'a.b[1]', baseline: 1, reform: 2 },
      { path: 'c', baseline: undefined, reform: 1 },
    ]);
    expect(diffJson([1], { 0: 1 })).toEqual([{ path: '$', baseline: [1], reform: { 0: 1 } }]);
    expect(diffJson({ a: 1 }, [1])).toEqual([{ path: '$', baseline: { a: 1 }, reform: [1] }]);
  });
});

describe('compare with stub engines', () => {
  const inputs: In[] = [
    { id: '1', ok: ['a'], amount: '10.00', pay: { town: '10.00' } },
    { id: '2', ok: ['b', 'c'], amount: '5.50', pay: { district: '5.00', town: '0.50' } },
    { id: '3', fail: 'input' },
    { id: '4', ok: ['d'] },
  ];
  // reform: 1 unchanged; 2 loses c and pays 1.00 more to the district; 3 still fails the same way; 4 fails otherwise
  const reformOf = (x: In): In =>
    x.id === '2' ? { ...x, ok: ['b', 'e'], amount: '6.50', pay: { district: '6.00', town: '0.50' } } : x.id === '4' ? { ...x, fail: 'ruleset' } : x;

  it('totals: items, changed, errors, eligibility gained and lost, amounts and by payer (sorted), exactly', () => {
    const cmp = compare({ engine: stub((x) => x) }, { engine: stub(reformOf) }, inputs, { kind: 'eligibility' });
    expect(cmp.kind).toBe('eligibility');
    expect(cmp.labels).toEqual({ baseline: 'baseline', reform: 'reform' });
    expect(cmp.totals).toEqual({
      items: 4,
      changed: 2,
      errors: { baseline: 1, reform: 2 },
      // baseline a, b, c, d = 4; reform a, b, e = 3; gained e; lost c and d
      eligible: { baseline: 4, reform: 3, gained: 1, lost: 2 },
      // 10.00 + 5.50 + 0.00 = 15.50 → 10.00 + 6.50 = 16.50
      amount: { baseline: '15.50', reform: '16.50', delta: '1.00' },
      byPayer: { district: { baseline: '5.00', reform: '6.00', delta: '1.00' }, town: { baseline: '10.50', reform: '10.50', delta: '0.00' } },
    });
    expect(Object.keys(cmp.totals.byPayer)).toEqual(['district', 'town']);
    const [i1, i2, i3, i4] = cmp.items;
    expect(i1).toMatchObject({ index: 0, changed: false, diffs: [], gained: [], lost: [] });
    expect(i2).toMatchObject({ index: 1, changed: true, gained: ['e'], lost: ['c'] });
    expect(i2!.diffs).toEqual([
      { path: 'applicants[1].id', baseline: 'c', reform: 'e' },
      { path: 'totals.amount', baseline: '5.50', reform: '6.50' },
      { path: 'totals.byPayer.district', baseline: '5.00', reform: '6.00' },
    ]);
    expect(i3).toMatchObject({ index: 2, changed: false, diffs: [] });
    expect(i4).toMatchObject({ index: 3, changed: true, diffs: [{ path: 'error', baseline: null, reform: 'NO_RULESET_IN_FORCE' }], lost: ['d'] });
  });

  it('keep: all items, only the changed ones, or none; labels', () => {
    const run = (keep: 'all' | 'changed' | 'none') => compare({ engine: stub((x) => x), label: 'now' }, { engine: stub(reformOf), label: 'new' }, inputs, { kind: 'eligibility', keep });
    expect(run('all').items.map((i) => i.index)).toEqual([0, 1, 2, 3]);
    expect(run('changed').items.map((i) => i.index)).toEqual([1, 3]);
    expect(run('none').items).toEqual([]);
    expect(run('none').totals.changed).toBe(2);
    expect(run('none').labels).toEqual({ baseline: 'now', reform: 'new' });
  });

  it('an error the reform fixes is a change at "error"; an unexpected exception is INTERNAL', () => {
    const cmp = compare({ engine: stub((x) => ({ ...x, fail: 'other' })) }, { engine: stub((x) => x) }, [{ id: '1', ok: ['a'] }], { kind: 'eligibility' });
    expect(cmp.items[0]!.diffs).toEqual([{ path: 'error', baseline: 'INTERNAL', reform: null }]);
    expect(cmp.totals.errors).toEqual({ baseline: 1, reform: 0 });
    expect(cmp.totals.eligible).toEqual({ baseline: 0, reform: 1, gained: 1, lost: 0 });
  });

  it('outcomes without totals or with a non-string amount add nothing to the money', () => {
    const odd = { evaluate: (r: { input: unknown }) => ({ kind: 'k', jurisdiction: 'j', asOf: 'd', ruleset: { id: 'r', version: '1', hash: 'h' }, outcome: r.input }) };
    const cmp = compare({ engine: odd as never }, { engine: odd as never }, [{ totals: { amount: 5, byPayer: { x: '1.00' } } }, { totals: [] }, 7], { kind: 'eligibility' });
    expect(cmp.totals.amount).toEqual({ baseline: '0.00', reform: '0.00', delta: '0.00' });
    expect(cmp.totals.byPayer).toEqual({ x: { baseline: '1.00', reform: '1.00', delta: '0.00' } });
  });

  it('the shared engine serves a scenario without its own; scenario parameters are merged over the shared ones', () => {
    const shared = stub((x) => x);
    compare({ parameters: { p: '1' } }, { parameters: { p: '2', q: '3' } }, [{ id: '1' }], { kind: 'eligibility', engine: shared as never, parameters: { p: '0', r: '9' } });
    expect(shared.calls).toEqual([{ p: '1', r: '9' }, { p: '2', q: '3', r: '9' }]);
  });

  it('an async iterable gives a promise of the same comparison', async () => {
    async function* gen() {
      for (const x of inputs) yield x;
    }
    const sync = compare({ engine: stub((x) => x) }, { engine: stub(reformOf) }, inputs, { kind: 'eligibility' });
    const p = compare({ engine: stub((x) => x) }, { engine: stub(reformOf) }, gen(), { kind: 'eligibility' });
    expect(p).toBeInstanceOf(Promise);
    expect(await p).toEqual(sync);
  });
});
