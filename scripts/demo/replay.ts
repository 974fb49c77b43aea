import { readdirSync, readFileSync } from 'node:fs';
import type { Engine } from '../../src';
import { formatTable, heading } from './table';

/**
 * Auditors: replays every file of fixtures/decisions/ (decisions recorded earlier, and a file of
 * deliberately tampered copies) and shows what matched and what did not.
 */
export function demoReplay(engine: Engine): void {
  const dir = new URL('../../fixtures/decisions/', import.meta.url);
  const files = readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort((a, b) => (a === 'tampered.jsonl' ? 1 : b === 'tampered.jsonl' ? -1 : a < b ? -1 : 1));
  console.log(heading('审计 · 决定记录回放 replay of recorded decisions (fixtures/decisions/)'));
  const rows = [];
  const problems: Array<Record<string, string>> = [];
  for (const name of files) {
    const lines = readFileSync(new URL(name, dir), 'utf8').split('\n').filter((l) => l.trim() !== '');
    const report = engine.replay(lines);
    rows.push({ file: name, records: report.total, matched: report.matched, mismatched: report.mismatched.length, failed: report.failed.length });
    for (const m of report.mismatched) {
      for (const d of m.diffs) {
        const show = (v: unknown) => (typeof v === 'string' ? (v.length > 20 ? v.slice(0, 12) + '…' : v) : JSON.stringify(v));
        problems.push({ record: m.id ?? `#${m.index + 1}`, 'what differs': d.path, recorded: show(d.recorded), 'replayed (rules in force)': show(d.replayed) });
      }
    }
    for (const f of report.failed) problems.push({ record: f.id ?? `#${f.index + 1}`, 'what differs': f.error.code, recorded: '', 'replayed (rules in force)': f.error.message.slice(0, 70) + '…' });
  }
  console.log(formatTable(rows));
  if (problems.length > 0) {
    console.log('\nNot passed (`zhengdi replay` exits with 1 on these):');
    console.log(formatTable(problems));
  }
}
