/**
 * Shaoyang eligibility (二(一)) for a sample village, run with ts-node (ESM loader):
 *
 *   node --loader ts-node/esm examples/ts-node/shaoyang.ts
 *
 * `zhengdi-rules` is the built package (scripts/run-examples.sh runs this against `npm pack`).
 */
import { readFileSync } from 'node:fs';
import { applicantRows, collectBatch, compare, createEngine, evaluateBatch, toCsv, totalsByOutcome, type EligibilityInput } from 'zhengdi-rules';

interface Village {
  village: string;
  households: Array<{ id: string; input: EligibilityInput }>;
}

const village = JSON.parse(readFileSync(new URL('../../rulesets/cn.hunan.shaoyang/samples/village-eligibility.json', import.meta.url), 'utf8')) as Village;
const inputs = village.households.map((h) => h.input);
const engine = createEngine();

// 1. Batch: one result per household, in order; a bad household would be an error row, not a crash.
const results = await collectBatch(evaluateBatch(engine, 'eligibility', inputs));
const rows = applicantRows(results).map((r) => ({ household: village.households[r.index as number]!.id, applicant: r.applicant, eligible: r.eligible, failed: r.failed, perCapitaMu: r.perCapitaAfterMu }));
console.log(`${village.village}: ${rows.length} applicants in ${inputs.length} households`);
console.table(rows);
console.table(totalsByOutcome(results));

// 2. What-if: the threshold raised from 0.3 to 0.5 mu per person.
const cmp = compare({ label: '0.3 mu' }, { label: '0.5 mu', parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': '0.5' } }, inputs, { kind: 'eligibility', engine });
console.log('What-if 0.5 mu:', cmp.totals.eligible);
if (cmp.totals.eligible.lost !== 0) throw new Error('raising the threshold must not remove anyone');

// 3. CSV for a spreadsheet.
console.log(toCsv(rows).split('\n').slice(0, 3).join('\n'));
