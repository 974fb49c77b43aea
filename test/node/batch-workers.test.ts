import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Core from '../../src';
import type * as NodeEntry from '../../src/node';
import { households } from '../analysis/generate';

// worker_threads batches (issue 7) run the BUILT package (dist/): Node cannot start a worker
// from TypeScript sources. test/global-setup.ts builds dist/ once when it is stale.
// Size of the acceptance run: ZHENGDI_BATCH_SIZE (default 100000; about 15 s on 2 shared cores).

const root = new URL('../../', import.meta.url);
const SIZE = Number(process.env.ZHENGDI_BATCH_SIZE ?? 100_000);
let core: typeof Core;
let node: typeof NodeEntry;

beforeAll(async () => {
  core = (await import(new URL('dist/index.js', root).href)) as typeof Core;
  node = (await import(new URL('dist/node.js', root).href)) as typeof NodeEntry;
});

describe('evaluateBatchInWorkers (zhengdi-rules/node)', () => {
  it(`${SIZE} inputs on 2 workers: decisions deep-equal to the single-threaded run, in order`, async () => {
    const engine = core.createEngine();
    const single = core.evaluateBatch(engine, 'eligibility', households(SIZE));
    let count = 0;
    let errors = 0;
    const mismatches: number[] = [];
    for await (const r of node.evaluateBatchInWorkers('eligibility', households(SIZE), { workers: 2, chunkSize: 1000 })) {
      const s = single.next();
      if (s.done || !isDeepStrictEqual(r, s.value)) mismatches.push(r.index);
      if ('error' in r) errors++;
      expect(r.index).toBe(count);
      count++;
    }
    expect(single.next().done).toBe(true);
    expect(count).toBe(SIZE);
    expect(mismatches).toEqual([]);
    // every 97th generated input is invalid, and reported per item
    expect(errors).toBeGreaterThanOrEqual(Math.floor(SIZE / 97));
  }, 600_000);

  it('workers build their engine from the given options (custom parameter file)', async () => {
    const custom = {
      jurisdiction: 'cn.hunan.shaoyang',
      parameters: {
        'cn.hunan.shaoyang.max-per-capita-mu': {
          description: { zh: '测试', en: 'test' },
          unit: 'mu',
          values: [{ value: '0.8', from: '2020-01-01', to: null, source: 'test', verified: false }],
        },
      },
    };
    const inputs = [...households(300, 11)];
    const expected = [...core.evaluateBatch(core.createEngine({ parameters: [custom] }), 'eligibility', inputs)];
    const bundled = [...core.evaluateBatch(core.createEngine(), 'eligibility', inputs)];
    const got = await node.collectBatchInWorkers('eligibility', inputs, { workers: 2, chunkSize: 7, engine: { parameters: [custom] } });
    expect(got).toEqual(expected);
    expect(got).not.toEqual(bundled);
  });

  it('an invalid engine option throws its RulesetError before any worker starts', async () => {
    await expect(node.collectBatchInWorkers('eligibility', [], { engine: { parameters: [{ nope: 1 }] } })).rejects.toMatchObject({ code: 'INVALID_RULESET' });
  });

  it('an input that cannot be sent to a worker is decided on the calling thread', async () => {
    const inputs = [...households(3, 5)];
    const odd = { ...inputs[0], extra: () => 1 };
    const got = await node.collectBatchInWorkers('eligibility', [inputs[0], odd, inputs[2]], { workers: 1, chunkSize: 1 });
    expect(got.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(got[1]).toMatchObject({ index: 1, error: { code: 'INVALID_INPUT' } });
  });

  it('works from the CommonJS build as well (require("zhengdi-rules/node"))', async () => {
    const require = createRequire(import.meta.url);
    const cjs = require(new URL('dist/node.cjs', root).pathname) as typeof NodeEntry;
    const inputs = [...households(500, 3)];
    const got = await cjs.collectBatchInWorkers('eligibility', inputs, { workers: 2, chunkSize: 50 });
    expect(got).toEqual([...core.evaluateBatch(core.createEngine(), 'eligibility', inputs)]);
  });
  it('fields: only the chosen fields of each decision come back, equal to those of the single-threaded run (issue 8)', async () => {
    const inputs = [...households(400, 13)];
    const single = [...core.evaluateBatch(core.createEngine(), 'eligibility', inputs)];
    const expected = single.map((r) => ('decision' in r ? { index: r.index, decision: { outcome: r.decision.outcome, warnings: r.decision.warnings } } : r));
    const got = await node.collectBatchInWorkers('eligibility', inputs, { workers: 2, chunkSize: 37, fields: ['outcome', 'warnings'] });
    expect(got).toEqual(expected);
    expect(got.filter((r) => 'error' in r).length).toBeGreaterThan(0); // errors come whole
    const odd = { ...(inputs[0] as object), extra: () => 1 }; // decided on the calling thread: projected too
    const [a, b] = await node.collectBatchInWorkers('eligibility', [inputs[1], odd], { workers: 1, fields: ['outcome'] });
    expect(a).toEqual(single[1] && 'decision' in single[1] ? { index: 0, decision: { outcome: single[1].decision.outcome } } : single[1]);
    expect(b).toMatchObject({ index: 1, error: { code: 'INVALID_INPUT' } });
    await expect(node.collectBatchInWorkers('eligibility', inputs, { fields: ['nope' as 'outcome'] })).rejects.toThrow(RangeError);
  });
});
