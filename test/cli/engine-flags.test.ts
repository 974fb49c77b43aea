import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { engineFrom } from '../../src/cli/engine-flags';
import { UsageError } from '../../src/cli/usage';

// --parameters (and --rulesets, --archive) take a file or a folder: a jurisdiction's
// parameters/ folder holds one series a file, so a reviewer can pass an edited copy whole.
it('--parameters FOLDER reads every series file of it; an edited copy replaces the bundled series', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'zhengdi-flags-')), 'parameters');
  cpSync(new URL('../../rulesets/cn.shanghai/parameters/', import.meta.url), dir, { recursive: true });
  const file = join(dir, 'minimum-living-standard.json');
  const series = JSON.parse(readFileSync(file, 'utf8')) as { parameters: Record<string, { values: Array<{ value: string; from: string }> }> };
  const values = series.parameters['cn.shanghai.minimum-living-standard']!.values;
  values.find((v) => v.from === '2025-07-01')!.value = '1700';
  writeFileSync(file, JSON.stringify(series));
  const engine = engineFrom({ parameters: [dir] });
  expect(engine.parameterOn('cn.shanghai.minimum-living-standard', '2025-07-01')?.value).toBe('1700');
  expect(engine.parameterOn('cn.shanghai.minimum-living-standard', '2025-06-30')?.value).toBe('1595'); // unedited row
  expect(engine.parameterOn('cn.shanghai.contribution-base', '2025-07-01')).toEqual(engineFrom({}).parameterOn('cn.shanghai.contribution-base', '2025-07-01'));
});

it('a path that is neither a file nor a folder is a usage error naming it', () => {
  expect(() => engineFrom({ parameters: ['/nonexistent/params'] })).toThrow(UsageError);
  expect(() => engineFrom({ parameters: ['/nonexistent/params'] })).toThrow(/\/nonexistent\/params/);
});
