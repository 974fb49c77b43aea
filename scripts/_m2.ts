import { readFileSync, readdirSync } from 'node:fs';
import { createEngine, toRecord } from '../src';
import { toCompactRecord, expandRecord, compactRecordOf } from '../src/audit/compact';
import { payoutPeople } from '../bench/generate';
const engine = createEngine();
let total = 0, full = 0, n = 0;
let first: any;
for (const p of payoutPeople(1000)) {
  const d = engine.evaluate({ kind: 'payout', input: p });
  const c = toCompactRecord(d, { id: `people.jsonl:${n + 1}` });
  total += Buffer.byteLength(JSON.stringify(c)); n++;
  full += Buffer.byteLength(JSON.stringify(toRecord(d, { id: `people.jsonl:${n}` })));
  first ??= c;
}
console.log('compact bytes/row', total / n, 'full', full / n);
for (const k of Object.keys(first)) console.log(k, Buffer.byteLength(JSON.stringify(first[k])));
const dirs = ['fixtures/decisions/', 'fixtures/decisions/archive/'];
let ok = 0, bad = 0;
for (const dir of dirs) for (const f of readdirSync(dir).filter((f) => f.endsWith('.jsonl') && f !== 'tampered.jsonl')) {
  for (const line of readFileSync(dir + f, 'utf8').split('\n').filter(Boolean)) {
    const r = JSON.parse(line); delete r.chain;
    const want = JSON.stringify(r);
    try {
      const got = JSON.stringify(expandRecord(compactRecordOf(r), engine));
      if (got === want) ok++; else { bad++; console.log('differs', f, r.id); }
    } catch (e) { bad++; console.log('err', f, r.id, (e as Error).message.slice(0, 300)); }
  }
}
console.log({ ok, bad });
