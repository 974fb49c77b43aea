/**
 * Taizhou (台政办函〔2019〕47号), one village through the four decisions, run with ts-node:
 * quota (三(二) 以地定量) → allocation to households (三(三) 人地对应) → enrolment a year on
 * (三(四) 即征即保) → re-use of the freed places (三(三) 节余和调剂指标).
 *
 *   node --loader ts-node/esm examples/ts-node/taizhou.ts
 *
 * `zhengdi-rules` is the built package (scripts/run-examples.sh runs this against `npm pack`).
 */
import { readFileSync } from 'node:fs';
import { createEngine, type AllocationInput, type EnrollmentInput, type QuotaInput, type ReallocationInput } from 'zhengdi-rules';

interface Village {
  village: string;
  quota: QuotaInput;
  allocation: { approvalDate: string; households: Array<AllocationInput['households'][number] & { name: string }> };
  enrollment: { rosterReportedOn: string; asOf: string; nominees: EnrollmentInput['nominees'] };
  reallocation: { rosterReportedOn: string; asOf: string; adjustmentPlaces: number; candidates: ReallocationInput['candidates']; procedure: ReallocationInput['procedure'] };
}

const v = JSON.parse(readFileSync(new URL('../../rulesets/cn.zhejiang.taizhou/samples/village-dongpu.json', import.meta.url), 'utf8')) as Village;
const engine = createEngine();

// 1. Quota: approved land ÷ (village land ÷ people 16+ not yet insured), rounded, capped.
const quota = engine.quota(v.quota).outcome;
console.log(`${v.village}: quota`);
console.table({ approvedAreaMu: quota.approvedAreaMu, villageLandMu: quota.villageLandMu, cap: quota.cap, landPerPersonMu: quota.landPerPersonMu, exactQuota: quota.exactQuota, quota: quota.quota, validUntil: quota.validUntil });

// 2. Allocation: the quota shared among households by expropriated area (largest remainders).
const households = v.allocation.households.map(({ name: _name, ...h }) => h);
const allocation = engine.allocation({ approvalDate: v.allocation.approvalDate, quota: quota.quota, households }).outcome;
console.log(`allocation: ${allocation.allocated} of ${quota.quota} places`);
console.table(allocation.households.map((h) => ({ household: h.id, areaMu: h.expropriatedAreaMu, members: h.eligibleMembers, exactShare: Number(h.exactShare).toFixed(4), places: h.places, capped: h.capped })));

// 3. Enrolment a year on: who enrolled by the deadline, who waived, which places are freed.
const enrollment = engine.enrollment({ rosterReportedOn: v.enrollment.rosterReportedOn, nominees: v.enrollment.nominees }, { asOf: v.enrollment.asOf }).outcome;
console.log(`enrolment as of ${enrollment.asOf} (deadline ${enrollment.deadline}):`, enrollment.counts, `freed places: ${enrollment.freedPlaces}`);
console.table(enrollment.nominees.filter((n) => n.status !== 'enrolled').map((n) => ({ nominee: n.id, status: n.status, how: n.waivedHow ?? '', rule: n.decidedBy })));

// 4. Reallocation: the freed places and the adjustment places go to candidates, priority first.
const reallocation = engine.reallocation(
  { rosterReportedOn: v.reallocation.rosterReportedOn, freedPlaces: enrollment.freedPlaces, adjustmentPlaces: v.reallocation.adjustmentPlaces, candidates: v.reallocation.candidates, procedure: v.reallocation.procedure },
  { asOf: v.reallocation.asOf },
).outcome;
console.log(`reallocation: ${reallocation.places.freed} freed + ${reallocation.places.adjustment} adjustment places, ${reallocation.remaining} left`);
console.table([
  ...reallocation.assigned.map((c) => ({ candidate: c.id, result: c.priority ? 'assigned (priority)' : 'assigned' })),
  ...reallocation.notAssigned.map((c) => ({ candidate: c.id, result: `not assigned: ${c.failed.join(', ')}` })),
]);
