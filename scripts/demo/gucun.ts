import { readFileSync } from 'node:fs';
import type { Engine, PayoutInput } from '../../src';
import { payerName, say, type Lang } from './lang';
import { formatTable, heading } from './table';

interface Expropriation {
  village: string;
  expropriationDate: string;
  people: Array<{ name: string; person: PayoutInput['person']; note?: string }>;
}

const PENSION: Record<string, { zh: string; en: string }> = {
  none: { zh: '未领养老金', en: 'no pension' },
  'resident-pension': { zh: '城乡居民养老', en: 'resident pension' },
  'employee-pension': { zh: '职工养老', en: 'employee pension' },
  'old-worker-allowance': { zh: '老年农民养老金', en: 'old farmers\' allowance' },
};

/** Exact sum of money strings in fen (integers), so the demo does no float arithmetic. */
function addFen(a: bigint, amount: string): bigint {
  const [y, f = '00'] = amount.split('.');
  return a + BigInt(y!) * 100n + BigInt(f.padEnd(2, '0').slice(0, 2));
}
const yuan = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;

/** Gucun, 宝顾府〔2022〕13号: each person's items, and the totals by payer for the expropriation. */
export function demoGucunPayout(engine: Engine, lang: Lang): void {
  const t = say(lang);
  const ex = JSON.parse(readFileSync(new URL('../../rulesets/cn.shanghai.baoshan.gucun/samples/expropriation-40.json', import.meta.url), 'utf8')) as Expropriation;
  console.log(heading(t(`顾村镇 · 征地保障费用 — ${ex.village}，征地日 ${ex.expropriationDate}（${ex.people.length} 人）`, `Gucun · payments on expropriation — ${ex.village}, expropriated ${ex.expropriationDate} (${ex.people.length} people)`)));
  const rows = [];
  const byPayer = new Map<string, bigint>();
  const byTiming = new Map<string, bigint>();
  const warnings = new Set<string>();
  let grand = 0n;
  const col = { who: t('人员', 'person'), stage: t('阶段', 'stage'), art: t('条款', 'article'), item: t('项目', 'item'), amount: t('金额', 'amount'), when: t('时间', 'when'), payer: t('出资', 'paid by') };
  for (const { name, person } of ex.people) {
    const d = engine.payout({ expropriationDate: ex.expropriationDate, person });
    const o = d.outcome;
    const who = `${person.id} ${name}`;
    const pension = PENSION[person.pensionStatus]?.[lang] ?? person.pensionStatus;
    const status = o.stage === 'pension' ? t(`养老·${o.ageAtExpropriation}岁·${pension}`, `pension · ${o.ageAtExpropriation} · ${pension}`) : t(`就业·${o.ageAtExpropriation}岁·${pension}`, `employment · ${o.ageAtExpropriation} · ${pension}`);
    if (!o.inScope) rows.push({ [col.who]: who, [col.stage]: status, [col.art]: '一', [col.item]: t('不满16周岁，不属适用范围', 'under 16: out of scope'), [col.amount]: '0.00', [col.when]: '', [col.payer]: '' });
    o.items.forEach((it, i) => {
      rows.push({
        [col.who]: i === 0 ? who : '',
        [col.stage]: i === 0 ? status : '',
        [col.art]: it.article,
        [col.item]: lang === 'zh' ? it.label.zh : it.code,
        [col.amount]: it.amount,
        [col.when]: it.timing === 'deferred' ? t('待条件', 'deferred') : t('征地时', 'at once'),
        [col.payer]: it.funding.map((f) => `${payerName(f.payer, lang)} ${f.amount}`).join(' / '),
      });
    });
    rows.push({ [col.who]: '', [col.stage]: '', [col.art]: '', [col.item]: t('  合计', '  total'), [col.amount]: o.totals.amount, [col.when]: '', [col.payer]: '' });
    grand = addFen(grand, o.totals.amount);
    for (const [p, a] of Object.entries(o.totals.byPayer)) byPayer.set(p, addFen(byPayer.get(p) ?? 0n, a));
    byTiming.set('at-expropriation', addFen(byTiming.get('at-expropriation') ?? 0n, o.totals.atExpropriation));
    byTiming.set('deferred', addFen(byTiming.get('deferred') ?? 0n, o.totals.deferred));
    for (const w of d.warnings) warnings.add(w.code === 'UNVERIFIED_PARAMETER' ? `${w.code}: ${w.message[lang]}` : `${person.id} ${w.code}: ${w.message[lang]}`);
  }
  console.log(formatTable(rows));
  console.log(heading(t('按出资方合计', 'Totals by payer')));
  const who = t('出资方', 'payer');
  const amount = t('金额', 'amount');
  console.log(formatTable([
    ...[...byPayer].map(([p, fen]) => ({ [who]: payerName(p, lang), [amount]: yuan(fen) })),
    { [who]: t('征地时支付', 'paid at expropriation'), [amount]: yuan(byTiming.get('at-expropriation') ?? 0n) },
    { [who]: t('待条件支付（六 征地保障补贴）', 'deferred (六 guarantee subsidy)'), [amount]: yuan(byTiming.get('deferred') ?? 0n) },
    { [who]: t('总计', 'total'), [amount]: yuan(grand) },
  ]));
  if (warnings.size) console.log(`\n${t('提请审核人员注意：', 'Warnings for the auditor:')}\n${[...warnings].map((w) => '  ⚠ ' + w).join('\n')}`);
}
