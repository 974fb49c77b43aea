import { readFileSync } from 'node:fs';
import type { EligibilityInput, Engine } from '../../src';
import { say, type Lang } from './lang';
import { formatTable, heading } from './table';

interface Village {
  village: string;
  households: Array<{ id: string; name: string; input: EligibilityInput }>;
}

const BASIS: Record<string, { zh: string; en: string }> = {
  member: { zh: '集体成员', en: 'member' },
  student: { zh: '在校学生', en: 'student' },
  conscript: { zh: '服兵役', en: 'conscript' },
  'parent-member': { zh: '父母为成员', en: 'parent is a member' },
  'democratic-decision': { zh: '民主决议', en: 'democratic decision' },
};

/** Shaoyang, 二(一): who in a sample village is eligible, and which rule failed for whom. */
export function demoShaoyangEligibility(engine: Engine, lang: Lang): void {
  const t = say(lang);
  const village = JSON.parse(readFileSync(new URL('../../rulesets/cn.hunan.shaoyang/samples/village-eligibility.json', import.meta.url), 'utf8')) as Village;
  console.log(heading(t(`邵阳市区 · 新增认定 — ${village.village}`, `Shaoyang · eligibility of new applicants — ${village.village}`)));
  const rows = [];
  const warnings: string[] = [];
  let eligible = 0;
  let total = 0;
  for (const h of village.households) {
    const d = engine.eligibility(h.input);
    for (const a of d.outcome.applicants) {
      total++;
      if (a.eligible) eligible++;
      const applicant = h.input.applicants.find((x) => x.id === a.id)!;
      const failedWhy = d.reasons.filter((r) => r.subject === a.id && !r.holds).map((r) => `${r.message[lang]}〔${r.citation.article}〕`);
      rows.push({
        [t('户', 'household')]: h.id,
        [t('申请人', 'applicant')]: a.id,
        [t('出生', 'born')]: applicant.birthDate,
        [t('依据', 'basis')]: BASIS[applicant.basis]?.[lang] ?? applicant.basis,
        [t('人均(亩)', 'mu per person')]: d.outcome.perCapitaAfterMu,
        [t('认定', 'decision')]: a.eligible ? t('✓ 符合', '✓ eligible') : t('✗ 不符合', '✗ not eligible'),
        [t('未满足的条件', 'conditions not met')]: failedWhy.join(t('；', '; ')) || '—',
      });
    }
    for (const w of d.warnings.filter((x) => x.code !== 'ASSUMED_EFFECTIVE_DATE')) warnings.push(`${h.id} ${w.code}: ${w.message[lang]}`);
  }
  console.log(formatTable(rows));
  console.log('\n' + t(`${total} 名申请人中 ${eligible} 名符合条件（${village.households.length} 户）。`, `${eligible} of ${total} applicants eligible (${village.households.length} households).`));
  if (warnings.length) console.log(`\n${t('提请审核人员注意：', 'Warnings for the auditor:')}\n${warnings.map((w) => '  ⚠ ' + w).join('\n')}`);
}
