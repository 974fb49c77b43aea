import { describe, expect, it } from 'vitest';
import { blocksOf } from '../scripts/docs/blocks';
import { refreshOutputs, runCommand } from '../scripts/docs/outputs';

// Docs that cannot go stale (scripts/docs/): an output block is what its command prints, and
// the check fails when one is edited by hand.

const ROOT = new URL('../', import.meta.url).pathname;

describe('output blocks', () => {
  const fresh = runCommand(ROOT, 'zhengdi parameters --id cn.hunan.shaoyang.min-age');
  const doc = (body: string) => `# A doc\n\n<!-- output: zhengdi parameters --id cn.hunan.shaoyang.min-age -->\n\`\`\`\n${body}\`\`\`\n\nText after.\n`;

  it('a block as the command prints it is current', () => {
    expect(fresh).toMatch(/^\$ zhengdi parameters --id cn\.hunan\.shaoyang\.min-age\nHistory of cn\.hunan\.shaoyang\.min-age\n/);
    expect(refreshOutputs(ROOT, 'a.md', doc(fresh)).stale).toEqual([]);
  });
  it('a block edited by hand is reported with its line, and rewritten back', () => {
    const edited = doc(fresh.replace(/\b16\b/, '18')); // someone "corrects" the minimum age in the doc
    const r = refreshOutputs(ROOT, 'a.md', edited);
    expect(r.stale).toEqual([{ line: 4, command: 'zhengdi parameters --id cn.hunan.shaoyang.min-age' }]);
    expect(r.text).toBe(doc(fresh));
  });
  it('the output of a failing command (exit 1 or 2) is kept, with its stderr', () => {
    const out = runCommand(ROOT, 'zhengdi evaluate --kind eligibilty examples/cli/village.csv; echo "exit code $?"');
    expect(out).toContain("zhengdi: --kind: unknown kind 'eligibilty'");
    expect(out.trimEnd().endsWith('exit code 2')).toBe(true);
  });
});

describe('annotations', () => {
  it('prelude, typecheck-only and skip apply to the blocks they precede', () => {
    const text = [
      '<!-- doc-prelude',
      "const households: unknown[] = [];",
      '-->',
      '```ts',
      'households.length;',
      '```',
      '<!-- doc-check: typecheck-only (reads your file) -->',
      '```ts',
      "readFileSync('people.jsonl');",
      '```',
      '<!-- doc-check: skip (a shape, not code) -->',
      '```ts',
      '{ a: string }',
      '```',
    ].join('\n') + '\n';
    const [a, b, c] = blocksOf('x.md', text);
    expect([a!.mode, b!.mode, c!.mode]).toEqual(['check', 'typecheck-only', 'skip']);
    expect(a!.prelude).toBe('const households: unknown[] = [];\n');
    expect(a!.line).toBe(4);
  });
});
