import { readFileSync } from 'node:fs';
import type { EligibilityInput, Engine } from '../../src';
import { formatTable, heading } from './table';

interface Village {
  village: string;
  households: Array<{ id: string; name: string; input: EligibilityInput }>;
}

/** Shaoyang, 二(一): who in a sample village is eligible, and which rule failed for whom. */
export function demoShaoyangEligibility(engine: Engine): void {
  const village = JSON.parse(readFileSync(new URL('../../fixtures/cn.hunan.shaoyang/village-eligibility.json', import.meta.url), 'utf8')) as Village;
  console.log(heading(`邵阳市区 · 新增认定 eligibility — ${village.village}`));
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
      const failedWhy = d.reasons.filter((r) => r.subject === a.id && !r.holds).map((r) => `${r.rule}: ${r.message.zh}`);
      rows.push({
        户: h.id,
        申请人: a.id,
        出生: applicant.birthDate,
        依据: applicant.basis,
        '人均(亩)': d.outcome.perCapitaAfterMu,
        认定: a.eligible ? '✓ 符合' : '✗ 不符合',
        '未满足的规则 failed rule': failedWhy.join('；') || '—',
      });
    }
    for (const w of d.warnings.filter((x) => x.code !== 'ASSUMED_EFFECTIVE_DATE')) warnings.push(`${h.id} ${w.code}: ${w.message.zh}`);
  }
  console.log(formatTable(rows));
  console.log(`\n${eligible} of ${total} applicants eligible (${village.households.length} households).`);
  if (warnings.length) console.log(`\nWarnings for the auditor:\n${warnings.map((w) => '  ⚠ ' + w).join('\n')}`);
}
