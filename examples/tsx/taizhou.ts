/**
 * Taizhou (台政办函〔2019〕47号) with tsx: the sample village through quota → allocation →
 * enrolment → reallocation as one summary table, then a what-if on the quota's rounding mode
 * (the document is silent on rounding; half-up is the package's interpretation).
 *
 *   npx tsx examples/tsx/taizhou.ts
 *
 * `zhengdi-rules` is the built package (scripts/run-examples.sh runs this against `npm pack`).
 */
import { readFileSync } from 'node:fs';
import { compare, createEngine, type AllocationInput, type EnrollmentInput, type QuotaInput, type ReallocationInput } from 'zhengdi-rules';

const v = JSON.parse(readFileSync(new URL('../../rulesets/cn.zhejiang.taizhou/samples/village-dongpu.json', import.meta.url), 'utf8')) as {
  village: string;
  quota: QuotaInput;
  allocation: { approvalDate: string; households: Array<AllocationInput['households'][number] & { name: string }> };
  enrollment: { rosterReportedOn: string; asOf: string; nominees: EnrollmentInput['nominees'] };
  reallocation: { rosterReportedOn: string; asOf: string; adjustmentPlaces: number; candidates: ReallocationInput['candidates']; procedure: ReallocationInput['procedure'] };
};
const engine = createEngine();
const households = v.allocation.households.map(({ name: _name, ...h }) => h);

// The chain: each step takes its figure from the previous decision.
const quota = engine.quota(v.quota);
const allocation = engine.allocation({ approvalDate: v.allocation.approvalDate, quota: quota.outcome.quota, households });
const enrollment = engine.enrollment({ rosterReportedOn: v.enrollment.rosterReportedOn, nominees: v.enrollment.nominees }, { asOf: v.enrollment.asOf });
const reallocation = engine.reallocation(
  { rosterReportedOn: v.reallocation.rosterReportedOn, freedPlaces: enrollment.outcome.freedPlaces, adjustmentPlaces: v.reallocation.adjustmentPlaces, candidates: v.reallocation.candidates, procedure: v.reallocation.procedure },
  { asOf: v.reallocation.asOf },
);
console.log(v.village);
console.table([
  { step: '三(二) quota', asOf: quota.asOf, result: `${quota.outcome.exactQuota} → ${quota.outcome.quota} places (cap ${quota.outcome.cap})`, warnings: quota.warnings.length },
  { step: '三(三) allocation', asOf: allocation.asOf, result: `${allocation.outcome.allocated} to ${households.length} households, ${allocation.outcome.unallocated} unallocated`, warnings: allocation.warnings.length },
  { step: '三(四) enrollment', asOf: enrollment.asOf, result: `${enrollment.outcome.counts.enrolled} enrolled, ${enrollment.outcome.counts.waived} waived, ${enrollment.outcome.counts.pending} pending`, warnings: enrollment.warnings.length },
  { step: '三(三) reallocation', asOf: reallocation.asOf, result: `${reallocation.outcome.assigned.length} of ${reallocation.outcome.places.total} places assigned`, warnings: reallocation.warnings.length },
]);

// What-if: the quota rounded down or up instead of half-up, and what the allocation makes of it
// (the 8 households have 24 eligible members in all, so a 26th place finds nobody).
const modes = ['half-up', 'down', 'up'];
console.table(modes.map((mode) => {
  const q = engine.quota(v.quota, { parameters: { 'cn.zhejiang.taizhou.quota-rounding-mode': mode } }).outcome;
  const a = engine.allocation({ approvalDate: v.allocation.approvalDate, quota: q.quota, households }).outcome;
  return { rounding: mode, exactQuota: q.exactQuota, quota: q.quota, allocated: a.allocated, unallocated: a.unallocated };
}));
// The same on the quota alone with compare(): the outcome fields that change.
const cmp = compare({ label: 'half-up' }, { label: 'up', parameters: { 'cn.zhejiang.taizhou.quota-rounding-mode': 'up' } }, [v.quota], { kind: 'quota', engine });
console.table(cmp.items[0]!.diffs);
