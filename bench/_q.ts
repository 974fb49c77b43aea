import { createEngine } from '../src';
import { payoutPeople } from '../bench/generate';
import { handPayout, handParams } from '../bench/payout-hand';
import { isDeepStrictEqual } from 'node:util';
const engine = createEngine();
const people = [...payoutPeople(5000)];
const cache = new Map<string, ReturnType<typeof handParams>>();
const pp = (d: string) => { let p = cache.get(d); if (!p) { p = handParams((id) => engine.parameterOn(id, d)!.value); cache.set(d, p); } return p; };
let bad = 0;
for (const x of people) {
  const d = engine.payout(x).outcome;
  const h = handPayout(x, pp(x.expropriationDate));
  const e = { inScope: d.inScope, items: d.items.map((i) => ({ id: i.id, amount: i.amount, timing: i.timing, funding: i.funding })), totals: d.totals };
  if (!isDeepStrictEqual(e, h)) { if (bad++ < 3) console.log(JSON.stringify(x), JSON.stringify(e), JSON.stringify(h)); }
}
console.log('bad', bad);
for (let r = 0; r < 3; r++) {
let t = performance.now(); for (const x of people) engine.payout(x); const te = performance.now() - t;
t = performance.now(); for (const x of people) handPayout(x, pp(x.expropriationDate)); const th = performance.now() - t;
console.log('engine/s', (5000 / te * 1000).toFixed(0), 'hand/s', (5000 / th * 1000).toFixed(0), 'ratio', (te / th).toFixed(2));
}
