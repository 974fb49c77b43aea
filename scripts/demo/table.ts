import { displayWidth } from '../../src/cli/table';

function pad(s: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

/** A plain-text table with aligned columns (numbers right-aligned). */
export function formatTable(rows: ReadonlyArray<Record<string, string | number | boolean>>): string {
  if (rows.length === 0) return '(no rows)';
  const cols = Object.keys(rows[0]!);
  const cell = (v: string | number | boolean | undefined) => (v === undefined ? '' : String(v));
  const widths = cols.map((c) => Math.max(displayWidth(c), ...rows.map((r) => displayWidth(cell(r[c])))));
  const numeric = cols.map((c) => rows.every((r) => typeof r[c] === 'number' || /^-?\d+(\.\d+)?$/.test(cell(r[c]))));
  const line = (vals: string[]) => vals.map((v, i) => pad(v, widths[i]!, numeric[i])).join('  ').trimEnd();
  return [line(cols), widths.map((w, i) => '─'.repeat(i === widths.length - 1 ? Math.min(w, 40) : w)).join('  '), ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join('\n');
}

/** A section heading. */
export function heading(title: string): string {
  return `\n${title}\n${'═'.repeat(Math.min(100, displayWidth(title)))}`;
}
