import { readFileSync } from 'node:fs';
import type { AllocationInput, EnrollmentInput, Engine, QuotaInput, ReallocationInput } from '../../src';
import { say, type Lang } from './lang';
import { formatTable, heading } from './table';

interface Village {
  village: string;
  quota: QuotaInput;
  allocation: { approvalDate: string; households: Array<AllocationInput['households'][number] & { name: string }> };
  enrollment: { rosterReportedOn: string; asOf: string; nominees: EnrollmentInput['nominees'] };
  reallocation: Omit<ReallocationInput, 'freedPlaces' | 'procedure'> & { asOf: string; procedure: ReallocationInput['procedure']; incompleteProcedure: ReallocationInput['procedure'] };
}

const STATUS: Record<string, { zh: string; en: string }> = { enrolled: { zh: '✓ 已参保', en: '✓ enrolled' }, waived: { zh: '✗ 放弃', en: '✗ waived' }, pending: { zh: '… 待定', en: '… pending' } };

/** Taizhou, 台政办函〔2019〕47号: one village through quota → allocation → enrollment → reallocation. */
export function demoTaizhou(engine: Engine, lang: Lang): void {
  const t = say(lang);
  const v = JSON.parse(readFileSync(new URL('../../rulesets/cn.zhejiang.taizhou/samples/village-dongpu.json', import.meta.url), 'utf8')) as Village;

  // 1. quota (三(二) 以地定量)
  const q = engine.quota(v.quota);
  const qo = q.outcome;
  console.log(heading(t(`台州市 · 以地定量 — ${v.village}`, `Taizhou · quota from land — ${v.village}`)));
  const [item, value] = [t('项目', 'item'), t('值', 'value')];
  const rounding = qo.roundingMode === 'half-up' ? t('四舍五入', 'half-up') : qo.roundingMode;
  console.log(formatTable([
    { [item]: t('(a) 批准征收耕地+其他农用地 (亩)', '(a) approved cultivated + other farm land (mu)'), [value]: qo.approvedAreaMu },
    { [item]: t('(b) 村上年度末耕地+其他农用地 (亩)', '(b) village cultivated + other farm land at last year end (mu)'), [value]: qo.villageLandMu },
    { [item]: t('(c − d) 尚未参保16周岁以上农业人口 (上限)', '(c − d) farm population 16+ not yet insured (cap)'), [value]: qo.cap },
    { [item]: t('人均土地 (亩)', 'land per person (mu)'), [value]: qo.landPerPersonMu },
    { [item]: t('精确指标', 'exact quota'), [value]: qo.exactQuota },
    { [item]: t(`指标 (${rounding}${qo.capApplied ? '，按上限' : ''})`, `quota (${rounding}${qo.capApplied ? ', capped' : ''})`), [value]: qo.quota },
    { [item]: t('有效期至 (含当日)', 'valid until (inclusive)'), [value]: qo.validUntil ?? '—' },
  ]));
  if (qo.excludedLand.length) console.log(`\n${t('未计入的地类：', 'Land types not counted:')}\n${qo.excludedLand.map((x) => `  · ${x.reason[lang]}`).join('\n')}`);

  // 2. allocation (三(三) 人地对应)
  const a = engine.allocation({ approvalDate: v.allocation.approvalDate, quota: qo.quota, households: v.allocation.households.map(({ name: _n, ...h }) => h) });
  console.log(heading(t(`人地对应 — 指标 ${qo.quota} 个按被征面积分配到户`, `Allocation — ${qo.quota} places shared among households by land taken`)));
  console.log(formatTable(a.outcome.households.map((h) => ({
    [t('户', 'household')]: h.id,
    [t('户主', 'head')]: v.allocation.households.find((x) => x.id === h.id)!.name,
    [t('被征面积(亩)', 'land taken (mu)')]: h.expropriatedAreaMu,
    [t('符合条件成员', 'eligible members')]: h.eligibleMembers,
    [t('精确份额', 'exact share')]: Number(h.exactShare).toFixed(4),
    [t('首轮', 'first round')]: h.firstRoundPlaces,
    [t('分得', 'places')]: h.places,
    [t('备注', 'note')]: h.capped ? t('受成员数限制，余额转他户', 'capped by members; the rest goes to others') : '',
  }))));
  const rounds = a.outcome.rounds.map((r) => t(`${r.seats}→余${r.surplus}`, `${r.seats}→${r.surplus} left`)).join(t('，', ', '));
  console.log('\n' + t(`分配 ${a.outcome.allocated} 个，未分配 ${a.outcome.unallocated} 个；轮次：${rounds}`, `${a.outcome.allocated} allocated, ${a.outcome.unallocated} unallocated; rounds: ${rounds}`));

  // 3. enrollment (三(四) 即征即保)
  const e = engine.enrollment({ rosterReportedOn: v.enrollment.rosterReportedOn, nominees: v.enrollment.nominees }, { asOf: v.enrollment.asOf });
  const eo = e.outcome;
  console.log(heading(t(`即征即保 — 截至 ${eo.asOf}，缴费期限 ${eo.deadline}（含）`, `Enrollment on expropriation — as of ${eo.asOf}, deadline ${eo.deadline} (inclusive)`)));
  console.log(formatTable(eo.nominees.filter((n) => n.status !== 'enrolled' || n.completedOn === eo.deadline).map((n) => ({
    [t('参保对象', 'nominee')]: n.id,
    [t('办结日', 'completed')]: n.completedOn ?? '—',
    [t('状态', 'status')]: STATUS[n.status]![lang] + (n.waivedHow === 'deemed' ? t('（视为放弃）', ' (deemed)') : n.waivedHow === 'declared' ? t('（本人放弃）', ' (declared)') : ''),
    [t('依据', 'why')]: n.reason[lang],
  }))));
  console.log('\n' + t(`已参保 ${eo.counts.enrolled}，放弃 ${eo.counts.waived}，待定 ${eo.counts.pending}（其余均按期办结）；节余名额 ${eo.freedPlaces} 个。`, `${eo.counts.enrolled} enrolled, ${eo.counts.waived} waived, ${eo.counts.pending} pending (the rest completed in time); ${eo.freedPlaces} places freed.`));

  // 4. reallocation (三(三) 节余和调剂指标)
  const base = { rosterReportedOn: v.reallocation.rosterReportedOn, freedPlaces: eo.freedPlaces, adjustmentPlaces: v.reallocation.adjustmentPlaces, candidates: v.reallocation.candidates };
  const r = engine.reallocation({ ...base, procedure: v.reallocation.procedure }, { asOf: v.reallocation.asOf });
  console.log(heading(t(`节余和调剂指标 — ${r.outcome.places.freed} 个节余 + ${r.outcome.places.adjustment} 个调剂`, `Freed and adjustment places — ${r.outcome.places.freed} freed + ${r.outcome.places.adjustment} adjustment`)));
  const whyNot = (x: { id: string; failed: string[] }) => r.reasons.filter((y) => y.subject === x.id && !y.holds && y.effect !== 'warning').map((y) => y.message[lang]).join(t('；', '; ')) || x.failed.join(', ');
  const [order, who, result] = [t('顺序', 'order'), t('对象', 'candidate'), t('结果', 'result')];
  console.log(formatTable([
    ...r.outcome.assigned.map((x, i) => ({ [order]: i + 1, [who]: x.id, [result]: x.priority ? t('✓ 安排（优先：已征地未参保）', '✓ placed (first: land taken, not insured)') : t('✓ 安排（其余名额）', '✓ placed (remaining places)') })),
    ...r.outcome.notAssigned.map((x) => ({ [order]: '—', [who]: x.id, [result]: `✗ ${whyNot(x)}` })),
  ]));
  console.log('\n' + t(`剩余名额 ${r.outcome.remaining} 个。`, `${r.outcome.remaining} places left.`));
  const refused = engine.reallocation({ ...base, procedure: v.reallocation.incompleteProcedure }, { asOf: v.reallocation.asOf });
  const refusedWhy = refused.reasons.filter((x) => !x.holds && x.effect !== 'warning').map((x) => `  ✗ ${x.message[lang]}〔${x.citation.article}〕`).join('\n');
  console.log('\n' + t(`同一名单、五议两公开未履行完毕：${refused.outcome.refused ? '不予采用' : '采用'} —`, `The same list without the full five deliberations and two disclosures: ${refused.outcome.refused ? 'refused' : 'accepted'} —`) + `\n${refusedWhy}`);
  const warnings = [q, a, e, r].flatMap((d) => d.warnings.map((w) => `${w.code}: ${w.message[lang]}`));
  if (warnings.length) console.log(`\n${t('提请审核人员注意：', 'Warnings for the auditor:')}\n${warnings.map((w) => '  ⚠ ' + w).join('\n')}`);
}
