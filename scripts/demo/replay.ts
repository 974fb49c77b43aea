import { readdirSync, readFileSync } from 'node:fs';
import type { Engine } from '../../src';
import { say, type Lang } from './lang';
import { formatTable, heading } from './table';

/**
 * Auditors: replays every file of fixtures/decisions/ (decisions recorded earlier, and a file of
 * deliberately tampered copies) and shows what matched and what did not.
 */
export function demoReplay(engine: Engine, lang: Lang): void {
  const t = say(lang);
  const dir = new URL('../../fixtures/decisions/', import.meta.url);
  const files = readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort((a, b) => (a === 'tampered.jsonl' ? 1 : b === 'tampered.jsonl' ? -1 : a < b ? -1 : 1));
  console.log(heading(t('审计 · 决定记录回放（fixtures/decisions/）', 'Audit · replay of recorded decisions (fixtures/decisions/)')));
  const col = { file: t('文件', 'file'), records: t('记录', 'records'), matched: t('一致', 'matched'), mismatched: t('不一致', 'mismatched'), failed: t('无法回放', 'failed') };
  const pcol = { record: t('记录', 'record'), what: t('不同之处', 'what differs'), recorded: t('记录值', 'recorded'), replayed: t('按当时规则回放', 'replayed (rules in force)') };
  const rows = [];
  const problems: Array<Record<string, string>> = [];
  for (const name of files) {
    const lines = readFileSync(new URL(name, dir), 'utf8').split('\n').filter((l) => l.trim() !== '');
    const report = engine.replay(lines);
    rows.push({ [col.file]: name, [col.records]: report.total, [col.matched]: report.matched, [col.mismatched]: report.mismatched.length, [col.failed]: report.failed.length });
    for (const m of report.mismatched) {
      for (const d of m.diffs) {
        const show = (v: unknown) => (typeof v === 'string' ? (v.length > 20 ? v.slice(0, 12) + '…' : v) : JSON.stringify(v));
        problems.push({ [pcol.record]: m.id ?? `#${m.index + 1}`, [pcol.what]: d.path, [pcol.recorded]: show(d.recorded), [pcol.replayed]: show(d.replayed) });
      }
    }
    for (const f of report.failed) problems.push({ [pcol.record]: f.id ?? `#${f.index + 1}`, [pcol.what]: f.error.code, [pcol.recorded]: '', [pcol.replayed]: t(f.error.code === 'UNKNOWN_RULESET' ? '本引擎未收录该记录所用的规则集版本（可用 --archive 载入旧规则集文件）' : f.error.code, f.error.message.slice(0, 70) + '…') });
  }
  console.log(formatTable(rows));
  if (problems.length > 0) {
    console.log('\n' + t('未通过（`zhengdi replay` 对此以退出码 1 结束）：', 'Not passed (`zhengdi replay` exits with 1 on these):'));
    console.log(formatTable(problems));
  }
}
