import { readFileSync } from 'node:fs';
import type { Engine, ProcedureInput, ScreeningInput } from '../../src';
import { say, type Lang } from './lang';
import { formatTable, heading } from './table';

const fixture = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../../rulesets/cn.hunan.shaoyang/samples/${name}`, import.meta.url), 'utf8')) as T;

const FLAGS: Record<string, { zh: string; en: string }> = {
  'under-16-at-notice': { zh: '公告时未满16周岁', en: 'under 16 at the notice' },
  'not-member-at-notice': { zh: '公告时非集体成员', en: 'not a member at the notice' },
  'land-above-standard': { zh: '人均耕地超原标准', en: 'land above the standard' },
  'public-service-staff': { zh: '机关事业单位在编', en: 'public-service staff' },
  'lump-sum-after-2017': { zh: '2017年后一次性补缴', en: 'lump sum paid after 2017' },
  'excluded-by-rule': { zh: '其他规定不得纳入', en: 'excluded by another rule' },
};

/** Shaoyang 一(一): screening a roster of existing enrollees; 二(二): auditing two case files. */
export function demoShaoyangAudit(engine: Engine, lang: Lang): void {
  const t = say(lang);
  const flag = (f: string) => FLAGS[f]?.[lang] ?? f;
  const roster = fixture<{ asOf: string; input: ScreeningInput }>('screening-roster.json');
  console.log(heading(t(`邵阳市区 · 存量甄别 — ${roster.input.roster ?? ''}（适用日期 ${roster.asOf}）`, `Shaoyang · screening of existing enrollees — ${roster.input.roster ?? ''} (as of ${roster.asOf})`)));
  const s = engine.screening(roster.input, { asOf: roster.asOf });
  console.log(
    formatTable(
      s.outcome.enrollees.map((e) => ({
        [t('对象', 'enrollee')]: e.id,
        [t('公告日', 'notice')]: e.noticeDate,
        [t('人均(亩)', 'mu per person')]: e.perCapitaAfterMu,
        [t('标准(亩)', 'standard (mu)')]: e.historicalStandardMu,
        [t('结果', 'result')]: e.status === 'clear' ? t('✓ 无疑问', '✓ clear') : t('⚠ 需复核', '⚠ needs review'),
        [t('存疑事项', 'flags')]: e.flags.map(flag).join(t('、', ', ')) || '—',
      })),
    ),
  );
  const c = s.outcome.counts;
  const flags = Object.entries(c.flags).map(([f, n]) => `${flag(f)} ${n}`).join(t('，', ', '));
  console.log('\n' + t(`${c.total} 名对象中 ${c.needsReview} 名需复核（一(一)）；存疑事项：${flags}。`, `${c.needsReview} of ${c.total} enrollees need review (一(一)); flags: ${flags}.`));

  for (const name of ['case-compliant.json', 'case-violations.json']) {
    const file = fixture<{ input: ProcedureInput }>(name);
    const d = engine.procedure(file.input);
    const o = d.outcome;
    const where = [file.input.district, file.input.township, file.input.village].filter(Boolean).join('');
    console.log(heading(t(`邵阳市区 · 三审两公示 — ${o.caseId} ${where}（${name}）`, `Shaoyang · three reviews and two notices — ${o.caseId} ${where} (${name})`)));
    const verdict = o.compliant ? t('✓ 程序合规', '✓ compliant') : t(`✗ ${o.violations.length} 处违规`, `✗ ${o.violations.length} violation(s)`);
    const state = o.complete ? t(`${o.decisiveDate.date} 审定`, `approved ${o.decisiveDate.date}`) : t(`尚未完成，截至 ${o.decisiveDate.date}`, `incomplete, as of ${o.decisiveDate.date}`);
    const n = o.counts;
    console.log(
      t(
        `${verdict}；${state}；申报 ${n.applications} 份，村民代表 ${n.representatives} 名，异议 ${n.objections} 项，未处理 ${n.unresolvedObjections} 项。`,
        `${verdict}; ${state}; ${n.applications} applications, ${n.representatives} representatives, ${n.objections} objection(s), ${n.unresolvedObjections} open.`,
      ),
    );
    if (o.violations.length > 0) {
      console.log(
        formatTable(
          o.violations.map((v) => ({
            [t('条款', 'clause')]: v.clause,
            [t('步骤', 'step')]: v.stepName?.[lang] ?? '—',
            [t('对象', 'subject')]: v.subject,
            [t('说明', 'what is wrong')]: v.message[lang],
          })),
        ),
      );
    }
    const notes = d.warnings.filter((w) => w.code !== 'ASSUMED_EFFECTIVE_DATE');
    if (notes.length) console.log(`${t('提请审核人员注意：', 'Warnings for the auditor:')}\n${notes.map((w) => `  ⚠ ${w.code}: ${w.message[lang]}`).join('\n')}`);
  }
}
