import { readFileSync } from 'node:fs';
import type { Engine, ProcedureInput, ScreeningInput } from '../../src';
import { formatTable, heading } from './table';

const fixture = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../../fixtures/cn.hunan.shaoyang/${name}`, import.meta.url), 'utf8')) as T;

const FLAG_ZH: Record<string, string> = {
  'under-16-at-notice': '公告时未满16周岁',
  'not-member-at-notice': '公告时非集体成员',
  'land-above-standard': '人均耕地超原标准',
  'public-service-staff': '机关事业单位在编',
  'lump-sum-after-2017': '2017年后一次性补缴',
  'excluded-by-rule': '其他规定不得纳入',
};

/** Shaoyang 一(一): screening a roster of existing enrollees; 二(二): auditing two case files. */
export function demoShaoyangAudit(engine: Engine): void {
  const roster = fixture<{ asOf: string; input: ScreeningInput }>('screening-roster.json');
  console.log(heading(`邵阳市区 · 存量甄别 screening — ${roster.input.roster ?? ''} (asOf ${roster.asOf})`));
  const s = engine.screening(roster.input, { asOf: roster.asOf });
  console.log(
    formatTable(
      s.outcome.enrollees.map((e) => ({
        对象: e.id,
        公告日: e.noticeDate,
        '人均(亩)': e.perCapitaAfterMu,
        '标准(亩)': e.historicalStandardMu,
        结果: e.status === 'clear' ? '✓ clear' : '⚠ needs-review',
        '存疑事项 flags': e.flags.map((f) => FLAG_ZH[f] ?? f).join('、') || '—',
      })),
    ),
  );
  const c = s.outcome.counts;
  console.log(`\n${c.needsReview} of ${c.total} enrollees need review (一(一)); flags: ${Object.entries(c.flags).map(([f, n]) => `${f} ${n}`).join(', ')}.`);

  for (const name of ['case-compliant.json', 'case-violations.json']) {
    const file = fixture<{ input: ProcedureInput }>(name);
    const d = engine.procedure(file.input);
    const o = d.outcome;
    const where = [file.input.district, file.input.township, file.input.village].filter(Boolean).join('');
    console.log(heading(`邵阳市区 · 三审两公示 procedure — ${o.caseId} ${where} (${name})`));
    console.log(
      `${o.compliant ? '✓ compliant' : `✗ ${o.violations.length} violation(s)`}; ${o.complete ? `approved ${o.decisiveDate.date}` : `incomplete, as of ${o.decisiveDate.date}`}; ` +
        `${o.counts.applications} applications, ${o.counts.representatives} representatives, ${o.counts.objections} objection(s), ${o.counts.unresolvedObjections} open.`,
    );
    if (o.violations.length > 0) {
      console.log(
        formatTable(
          o.violations.map((v) => ({
            条款: v.clause,
            步骤: v.stepName?.zh ?? '—',
            规则: v.rule,
            对象: v.subject,
            '说明 message': v.message.zh,
          })),
        ),
      );
    }
    const notes = d.warnings.filter((w) => w.code !== 'ASSUMED_EFFECTIVE_DATE');
    if (notes.length) console.log(`Warnings for the auditor:\n${notes.map((w) => `  ⚠ ${w.code}: ${w.message.zh}`).join('\n')}`);
  }
}
