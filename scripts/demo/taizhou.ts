import { readFileSync } from 'node:fs';
import type { AllocationInput, EnrollmentInput, Engine, QuotaInput, ReallocationInput } from '../../src';
import { formatTable, heading } from './table';

interface Village {
  village: string;
  quota: QuotaInput;
  allocation: { approvalDate: string; households: Array<AllocationInput['households'][number] & { name: string }> };
  enrollment: { rosterReportedOn: string; asOf: string; nominees: EnrollmentInput['nominees'] };
  reallocation: Omit<ReallocationInput, 'freedPlaces' | 'procedure'> & { asOf: string; procedure: ReallocationInput['procedure']; incompleteProcedure: ReallocationInput['procedure'] };
}

const STATUS: Record<string, string> = { enrolled: '✓ 已参保', waived: '✗ 放弃', pending: '… 待定' };

/** Taizhou, 台政办函〔2019〕47号: one village through quota → allocation → enrollment → reallocation. */
export function demoTaizhou(engine: Engine): void {
  const v = JSON.parse(readFileSync(new URL('../../fixtures/cn.zhejiang.taizhou/village-dongpu.json', import.meta.url), 'utf8')) as Village;

  // 1. quota (三(二) 以地定量)
  const q = engine.quota(v.quota);
  const qo = q.outcome;
  console.log(heading(`台州市 · 以地定量 quota — ${v.village}`));
  console.log(formatTable([
    { 项目: '(a) 批准征收耕地+其他农用地 (亩)', 值: qo.approvedAreaMu },
    { 项目: '(b) 村上年度末耕地+其他农用地 (亩)', 值: qo.villageLandMu },
    { 项目: '(c − d) 尚未参保16周岁以上农业人口 (上限)', 值: qo.cap },
    { 项目: '人均土地 (亩)', 值: qo.landPerPersonMu },
    { 项目: '精确指标', 值: qo.exactQuota },
    { 项目: `指标 (${qo.roundingMode}${qo.capApplied ? ', 按上限' : ''})`, 值: qo.quota },
    { 项目: '有效期至 (含当日)', 值: qo.validUntil ?? '—' },
  ]));
  if (qo.excludedLand.length) console.log(`\n未计入的地类:\n${qo.excludedLand.map((x) => `  · ${x.reason.zh}`).join('\n')}`);

  // 2. allocation (三(三) 人地对应)
  const a = engine.allocation({ approvalDate: v.allocation.approvalDate, quota: qo.quota, households: v.allocation.households.map(({ name: _n, ...h }) => h) });
  console.log(heading(`人地对应 allocation — 指标 ${qo.quota} 个按被征面积分配到户`));
  console.log(formatTable(a.outcome.households.map((h) => ({
    户: h.id,
    户主: v.allocation.households.find((x) => x.id === h.id)!.name,
    '被征面积(亩)': h.expropriatedAreaMu,
    符合条件成员: h.eligibleMembers,
    精确份额: Number(h.exactShare).toFixed(4),
    首轮: h.firstRoundPlaces,
    分得: h.places,
    备注: h.capped ? '受成员数限制，余额转他户' : '',
  }))));
  console.log(`\n分配 ${a.outcome.allocated} 个，未分配 ${a.outcome.unallocated} 个；轮次: ${a.outcome.rounds.map((r) => `${r.seats}→余${r.surplus}`).join('，')}`);

  // 3. enrollment (三(四) 即征即保)
  const e = engine.enrollment({ rosterReportedOn: v.enrollment.rosterReportedOn, nominees: v.enrollment.nominees }, { asOf: v.enrollment.asOf });
  const eo = e.outcome;
  console.log(heading(`即征即保 enrollment — 截至 ${eo.asOf}，缴费期限 ${eo.deadline}（含）`));
  console.log(formatTable(eo.nominees.filter((n) => n.status !== 'enrolled' || n.completedOn === eo.deadline).map((n) => ({
    参保对象: n.id,
    办结日: n.completedOn ?? '—',
    状态: STATUS[n.status]! + (n.waivedHow === 'deemed' ? '（视为放弃）' : n.waivedHow === 'declared' ? '（本人放弃）' : ''),
    依据: `${n.decidedBy}: ${n.reason.zh}`,
  }))));
  console.log(`\n已参保 ${eo.counts.enrolled}，放弃 ${eo.counts.waived}，待定 ${eo.counts.pending}（其余均按期办结）；节余名额 ${eo.freedPlaces} 个。`);

  // 4. reallocation (三(三) 节余和调剂指标)
  const base = { rosterReportedOn: v.reallocation.rosterReportedOn, freedPlaces: eo.freedPlaces, adjustmentPlaces: v.reallocation.adjustmentPlaces, candidates: v.reallocation.candidates };
  const r = engine.reallocation({ ...base, procedure: v.reallocation.procedure }, { asOf: v.reallocation.asOf });
  console.log(heading(`节余和调剂指标 reallocation — ${r.outcome.places.freed} 个节余 + ${r.outcome.places.adjustment} 个调剂`));
  console.log(formatTable([
    ...r.outcome.assigned.map((x, i) => ({ 顺序: i + 1, 对象: x.id, 结果: x.priority ? '✓ 安排（优先：已征地未参保）' : '✓ 安排（其余名额）' })),
    ...r.outcome.notAssigned.map((x) => ({ 顺序: '—', 对象: x.id, 结果: `✗ ${x.failed.join(', ')}` })),
  ]));
  console.log(`\n剩余名额 ${r.outcome.remaining} 个。`);
  const refused = engine.reallocation({ ...base, procedure: v.reallocation.incompleteProcedure }, { asOf: v.reallocation.asOf });
  console.log(`\n同一名单、五议两公开未履行完毕: ${refused.outcome.refused ? '不予采用' : '采用'} —\n${refused.reasons.filter((x) => !x.holds && x.effect !== 'warning').map((x) => `  ✗ ${x.rule}: ${x.message.zh}`).join('\n')}`);
  const warnings = [q, a, e, r].flatMap((d) => d.warnings.map((w) => `${d.kind} ${w.code}: ${w.message.zh}`));
  if (warnings.length) console.log(`\nWarnings for the auditor:\n${warnings.map((w) => '  ⚠ ' + w).join('\n')}`);
}
