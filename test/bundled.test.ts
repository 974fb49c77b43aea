import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { bundledSource } from '../scripts/gen-bundled';
import { BUNDLED_ARCHIVE, BUNDLED_PARAMETERS, BUNDLED_RULESETS } from '../src/bundled';

const root = new URL('../rulesets/', import.meta.url);
const folders = readdirSync(root).sort();

// src/bundled.ts is generated from the jurisdiction folders (npm run bundled): adding a file
// under rulesets/<j>/ and regenerating is all it takes to ship it.
it('src/bundled.ts is current (run npm run bundled after adding or removing a file under rulesets/)', () => {
  expect(readFileSync(new URL('../src/bundled.ts', import.meta.url), 'utf8')).toBe(bundledSource());
});

it('every file of every jurisdiction folder is bundled: versions, archived versions, parameter series', () => {
  const count = (sub: string, re: RegExp) => folders.reduce((n, j) => n + (readdirSync(new URL(`${j}/${sub}`, root), { withFileTypes: true }).filter((e) => e.isFile() && re.test(e.name)).length), 0);
  const safe = (sub: string, re: RegExp) => { try { return count(sub, re); } catch { return 0; } };
  expect(BUNDLED_RULESETS).toHaveLength(safe('', /^ruleset\..+\.json$/));
  expect(BUNDLED_PARAMETERS).toHaveLength(folders.reduce((n, j) => { try { return n + readdirSync(new URL(`${j}/parameters/`, root)).filter((f) => f.endsWith('.json')).length; } catch { return n; } }, 0));
  expect(BUNDLED_ARCHIVE).toHaveLength(folders.reduce((n, j) => { try { return n + readdirSync(new URL(`${j}/archive/`, root)).filter((f) => f.endsWith('.json')).length; } catch { return n; } }, 0));
});

it('one parameter series a file: rulesets/<j>/parameters/<name>.json holds exactly the series <j>.<name> of jurisdiction <j>', () => {
  let n = 0;
  for (const j of folders) {
    let files: string[] = [];
    try { files = readdirSync(new URL(`${j}/parameters/`, root)); } catch { continue; }
    for (const f of files) {
      const file = JSON.parse(readFileSync(new URL(`${j}/parameters/${f}`, root), 'utf8')) as { jurisdiction: string; parameters: Record<string, unknown> };
      expect(file.jurisdiction, f).toBe(j);
      expect(Object.keys(file.parameters), `${j}/parameters/${f}`).toEqual([`${j}.${f.replace(/\.json$/, '')}`]);
      n++;
    }
  }
  expect(n).toBe(BUNDLED_PARAMETERS.length);
});
