/**
 * The hand-worked cases beside the rules (rulesets/<jurisdiction>/cases/*.yaml), each run as a
 * test: the same runner as `zhengdi test`.
 */
import { describe, expect, it } from 'vitest';
import { bundledRulesetsDir, caseFiles, readCaseFile } from '../src/cli/test-cases';
import { runCase } from '../src/cases/run';
import { engine } from './helpers';

const files = caseFiles(bundledRulesetsDir(new URL('../src/cli/', import.meta.url).pathname));

describe('hand-worked cases in rulesets/*/cases/', () => {
  it('finds case files in every jurisdiction that decides something', () => {
    const dirs = new Set(files.map((f) => f.split('/rulesets/')[1]!.split('/')[0]));
    expect([...dirs].sort()).toEqual(['cn.hunan.shaoyang', 'cn.shanghai.baoshan.gucun', 'cn.zhejiang.taizhou']);
  });
  for (const file of files) {
    const rel = file.split('/rulesets/')[1];
    describe(rel!, () => {
      for (const c of readCaseFile(file)) {
        it(`${c.name} (${c.clause})`, () => {
          const r = runCase(engine, c);
          expect(r.diffs).toEqual([]);
          expect(r.passed).toBe(true);
        });
      }
    });
  }
});
