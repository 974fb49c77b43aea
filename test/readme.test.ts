import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

// The README's usage example is examples/readme-example.ts, which CI runs from the packed
// package with ts-node and tsx (scripts/smoke-package.sh). Keep the two identical.
it('README shows examples/readme-example.ts verbatim', () => {
  const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');
  expect(read('README.md')).toContain('```ts\n' + read('examples/readme-example.ts') + '```');
});
