/**
 * A decision record as readable text in Chinese or English: the request, the outcome, each rule
 * (held or not, its clause and the values it saw), each parameter with its source, the warnings.
 * Pure and browser-safe.
 */
import type { JsonValue } from '../engine/types';
import { verifyRecordHash, type DecisionRecord } from './record';

/**
 * The language of an explanation: Chinese or English.
 *
 * @example
 * ```ts
 * explainRecord(record, 'zh');
 * ```
 */
export type Lang = 'zh' | 'en';

const LABELS = {
  zh: {
    record: '决定记录', kind: '决定类型', jurisdiction: '辖区', asOf: '适用日期', ruleset: '规则集', engine: '引擎版本',
    hash: '哈希', recordHash: '记录哈希', hashOk: '与内容一致', hashBad: '与内容不一致（记录生成后被改动过）', overrides: '本次临时指定的参数',
    outcome: '结果', rules: '规则', held: '成立', notHeld: '不成立', warnOnly: '（仅警告）', values: '所见取值', subject: '对象',
    parameters: '参数', open: '至今', verified: '已核实', unverified: '未核实',
    overridden: '本次调用临时指定，非生效值', warnings: '警告', none: '无', yes: '是', no: '否',
  },
  en: {
    record: 'Decision record', kind: 'kind', jurisdiction: 'jurisdiction', asOf: 'as of', ruleset: 'ruleset', engine: 'engine',
    hash: 'hash', recordHash: 'record hash', hashOk: 'matches the content', hashBad: 'DOES NOT MATCH the content (edited after it was made)', overrides: 'overrides for this call',
    outcome: 'Outcome', rules: 'Rules', held: 'held', notHeld: 'did not hold', warnOnly: ' (warning only)', values: 'values seen', subject: 'for',
    parameters: 'Parameters', open: 'open', verified: 'verified', unverified: 'NOT verified',
    overridden: 'overridden for this call', warnings: 'Warnings', none: 'none', yes: 'yes', no: 'no',
  },
} as const;

/** Units of the bundled parameter files, as written after a number in Chinese. */
const UNITS_ZH: Record<string, string> = { year: ' 年', mu: ' 亩', yuan: ' 元', 'yuan/month': ' 元/月', month: ' 个月', day: ' 天', person: ' 人', ratio: '', date: '' };

function show(v: unknown, lang: Lang): string {
  const L = LABELS[lang];
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? L.yes : L.no;
  if (Array.isArray(v)) return v.length === 0 ? '—' : v.every((x) => x === null || typeof x !== 'object') ? v.map((x) => show(x, lang)).join(lang === 'zh' ? '、' : ', ') : JSON.stringify(v);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function pairs(o: Record<string, unknown>, lang: Lang): string {
  return Object.entries(o).map(([k, v]) => `${k} = ${show(v, lang)}`).join(lang === 'zh' ? '；' : '; ');
}

function outcomeLines(outcome: unknown, lang: Lang): string[] {
  if (outcome === null || typeof outcome !== 'object' || Array.isArray(outcome)) return [`  ${show(outcome, lang)}`];
  const lines: string[] = [];
  for (const [k, v] of Object.entries(outcome as Record<string, unknown>)) {
    if (Array.isArray(v) && v.some((x) => x !== null && typeof x === 'object' && !Array.isArray(x))) {
      v.forEach((x, i) => lines.push(`  ${k}[${i}]: ${x !== null && typeof x === 'object' ? pairs(x as Record<string, unknown>, lang) : show(x, lang)}`));
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      lines.push(`  ${k}: ${pairs(v as Record<string, unknown>, lang)}`);
    } else {
      lines.push(`  ${k} = ${show(v, lang)}`);
    }
  }
  return lines;
}

/**
 * Writes a record as text.
 *
 * @example
 * ```ts
 * console.log(explainRecord(record, 'zh'));
 * ```
 */
export function explainRecord(record: DecisionRecord, lang: Lang = 'zh'): string {
  const L = LABELS[lang];
  const d = record.decision;
  const r = d.ruleset;
  const out: string[] = [];
  out.push(`${L.record}${record.id !== undefined ? ` ${record.id}` : ''}`);
  out.push(`  ${L.kind}: ${d.kind}`);
  out.push(`  ${L.jurisdiction}: ${d.jurisdiction}`);
  out.push(`  ${L.asOf}: ${d.asOf}`);
  out.push(`  ${L.ruleset}: ${r.id} v${r.version} (${r.effectiveFrom} – ${r.effectiveTo ?? L.open}) ${r.source.docNo}${lang === 'zh' ? '；' : '; '}${L.hash} ${r.hash}`);
  out.push(`  ${L.engine}: zhengdi-rules ${record.engineVersion}`);
  out.push(`  ${L.recordHash}: ${record.recordHash} (${verifyRecordHash(record) ? L.hashOk : L.hashBad})`);
  if (record.request.parameters && Object.keys(record.request.parameters).length > 0) out.push(`  ${L.overrides}: ${pairs(record.request.parameters, lang)}`);
  out.push('', L.outcome, ...outcomeLines(d.outcome, lang));
  out.push('', L.rules);
  for (const reason of d.reasons) {
    const mark = reason.holds ? `✓ ${L.held}` : `✗ ${L.notHeld}`;
    const who = reason.subject !== undefined ? ` — ${L.subject} ${reason.subject}` : '';
    out.push(`  ${mark}: ${reason.rule}${reason.effect === 'warning' ? L.warnOnly : ''}${who} [${reason.citation.article}, ${reason.citation.docNo}]`);
    out.push(`      ${reason.message[lang]}`);
    if (reason.values && Object.keys(reason.values).length > 0) out.push(`      ${L.values}: ${pairs(reason.values as Record<string, JsonValue>, lang)}`);
  }
  out.push('', L.parameters);
  if (d.parameters.length === 0) out.push(`  ${L.none}`);
  for (const p of d.parameters) {
    const unit = p.unit ? (lang === 'zh' ? (UNITS_ZH[p.unit] ?? ` ${p.unit}`) : ` ${p.unit}`) : '';
    if (p.overridden) out.push(lang === 'zh' ? `  ${p.id} = ${p.value}${unit}（${L.overridden}）` : `  ${p.id} = ${p.value}${unit} (${L.overridden})`);
    else if (lang === 'zh') out.push(`  ${p.id} = ${p.value}${unit}（${p.effectiveFrom} 起${p.effectiveTo ? `至 ${p.effectiveTo}` : '，至今有效'}；${p.verified ? L.verified : L.unverified}；来源：${p.source}）`);
    else out.push(`  ${p.id} = ${p.value}${unit} (from ${p.effectiveFrom} to ${p.effectiveTo ?? 'open'}; ${p.verified ? L.verified : L.unverified}; source: ${p.source})`);
  }
  out.push('', L.warnings);
  if (d.warnings.length === 0) out.push(`  ${L.none}`);
  for (const w of d.warnings) out.push(`  ⚠ ${w.code}: ${w.message[lang]}`);
  return out.join('\n');
}
