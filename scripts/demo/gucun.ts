import { readFileSync } from 'node:fs';
import type { Engine, PayoutInput } from '../../src';
import { formatTable, heading } from './table';

interface Expropriation {
  village: string;
  expropriationDate: string;
  people: Array<{ name: string; person: PayoutInput['person']; note?: string }>;
}

const PAYERS: Record<string, string> = { 'acquiring-unit': '征地单位', district: '区财政', town: '镇财政', 'individual-account': '个人账户' };

/** Exact sum of money strings in fen (integers), so the demo does no float arithmetic. */
function addFen(a: bigint, amount: string): bigint {
  const [y, f = '00'] = amount.split('.');
  return a + BigInt(y!) * 100n + BigInt(f.padEnd(2, '0').slice(0, 2));
}
const yuan = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;

/** Gucun, 宝顾府〔2022〕13号: each person's items, and the totals by payer for the expropriation. */
export function demoGucunPayout(engine: Engine): void {
  const ex = JSON.parse(readFileSync(new URL('../../fixtures/cn.shanghai.baoshan.gucun/expropriation-40.json', import.meta.url), 'utf8')) as Expropriation;
  console.log(heading(`顾村镇 · 征地保障费用 payout — ${ex.village}，征地日 ${ex.expropriationDate}（${ex.people.length} 人）`));
  const rows = [];
  const byPayer = new Map<string, bigint>();
  const byTiming = new Map<string, bigint>();
  const warnings = new Set<string>();
  let grand = 0n;
  for (const { name, person } of ex.people) {
    const d = engine.payout({ expropriationDate: ex.expropriationDate, person });
    const o = d.outcome;
    const who = `${person.id} ${name}`;
    const status = `${o.stage === 'pension' ? '养老' : '就业'}·${o.ageAtExpropriation}岁·${person.pensionStatus}`;
    if (!o.inScope) rows.push({ 人员: who, 阶段: status, 条款: '一', 项目: '不满16周岁，不属适用范围', 金额: '0.00', 时间: '', 出资: '' });
    o.items.forEach((it, i) => {
      rows.push({
        人员: i === 0 ? who : '',
        阶段: i === 0 ? status : '',
        条款: it.article,
        项目: it.code,
        金额: it.amount,
        时间: it.timing === 'deferred' ? '待条件' : '征地时',
        出资: it.funding.map((f) => `${PAYERS[f.payer] ?? f.payer} ${f.amount}`).join(' / '),
      });
    });
    rows.push({ 人员: '', 阶段: '', 条款: '', 项目: '  合计 total', 金额: o.totals.amount, 时间: '', 出资: '' });
    grand = addFen(grand, o.totals.amount);
    for (const [p, a] of Object.entries(o.totals.byPayer)) byPayer.set(p, addFen(byPayer.get(p) ?? 0n, a));
    byTiming.set('at-expropriation', addFen(byTiming.get('at-expropriation') ?? 0n, o.totals.atExpropriation));
    byTiming.set('deferred', addFen(byTiming.get('deferred') ?? 0n, o.totals.deferred));
    for (const w of d.warnings) warnings.add(w.code === 'UNVERIFIED_PARAMETER' ? `${w.code}: ${w.message.en.split(' is not verified')[0]}` : `${person.id} ${w.code}: ${w.message.zh}`);
  }
  console.log(formatTable(rows));
  console.log(heading('按出资方合计 totals by payer'));
  console.log(formatTable([
    ...[...byPayer].map(([p, fen]) => ({ 出资方: `${PAYERS[p] ?? p} (${p})`, 金额: yuan(fen) })),
    { 出资方: '征地时支付 at expropriation', 金额: yuan(byTiming.get('at-expropriation') ?? 0n) },
    { 出资方: '待条件支付 deferred (六 guarantee subsidy)', 金额: yuan(byTiming.get('deferred') ?? 0n) },
    { 出资方: '总计 total', 金额: yuan(grand) },
  ]));
  if (warnings.size) console.log(`\nWarnings for the auditor:\n${[...warnings].map((w) => '  ⚠ ' + w).join('\n')}`);
}
