import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine, RulesetError, type ParameterFile, type ParameterValueInput } from '../../src';

// docs/rulesets.md, worked example: adding a new year's figure to a parameter series
// (Shanghai minimum living standard, raised every 1 July): close the previous value's `to`,
// add the new value with its source. Run on the REAL rulesets/cn.shanghai/parameters/minimum-living-standard.json:
// the "before" series is the real one cut back to the 2024 figure, open-ended; the "after"
// rows are the ones the document shows, and must be the file's. A file passed to createEngine
// replaces any bundled series of the same id.

const real = JSON.parse(readFileSync(new URL('../../rulesets/cn.shanghai/parameters/minimum-living-standard.json', import.meta.url), 'utf8')) as ParameterFile;
const id = 'cn.shanghai.minimum-living-standard';
const series = real.parameters[id]!;
const withValues = (values: ParameterValueInput[]): ParameterFile => ({ jurisdiction: 'cn.shanghai', parameters: { [id]: { ...series, values } } });

const BULLETIN = '上海市2025年国民经济和社会发展统计公报所载最低生活保障标准';
// The rows shown in docs/rulesets.md (after the update): its second "values" block, read from the page.
const DOC = readFileSync(new URL('../../docs/rulesets.md', import.meta.url), 'utf8');
const blocks = [...DOC.matchAll(/```json\n"values": \[\n {2}…\n([\s\S]*?)\n\]\n```/g)].map((m) => JSON.parse(`[${m[1]}]`) as ParameterValueInput[]);
const DOC_ROWS: ParameterValueInput[] = blocks[1]!;

/** The series before the 2025 figure: the real rows up to 2024-07-01, the last one open-ended. */
const before: ParameterValueInput[] = series.values.filter((v) => v.from <= '2024-07-01').map((v) => (v.from === '2024-07-01' ? { ...v, to: null } : v));
const FIGURE_2025: ParameterValueInput = DOC_ROWS[2]!;

describe('updating a parameter series (docs/rulesets.md), on rulesets/cn.shanghai/parameters/minimum-living-standard.json', () => {
  it('the rows the document shows are the file’s rows from 2023-07-01 on, before and after the update', () => {
    expect(blocks).toHaveLength(2);
    expect(series.values.filter((v) => v.from >= '2023-07-01')).toEqual(DOC_ROWS);
    expect(blocks[0]).toEqual(before.filter((v) => v.from >= '2023-07-01'));
  });

  it('before: the 2024 figure 1595 is open-ended, so 2025-07-01 still reads 1595', () => {
    expect(before.at(-1)).toMatchObject({ value: '1595', from: '2024-07-01', to: null });
    const engine = createEngine({ parameters: [withValues(before)] });
    expect(engine.parameterOn(id, '2025-07-01')?.value).toBe('1595');
  });

  it('closing 1595 on 2025-06-30 and adding 1650 from 2025-07-01 gives the real file; each date reads its own figure', () => {
    const after = [...before.slice(0, -1), { ...before.at(-1)!, to: '2025-06-30' }, FIGURE_2025, DOC_ROWS[3]!];
    expect(after).toEqual(series.values);
    for (const engine of [createEngine({ parameters: [withValues(after)] }), createEngine()]) {
      expect(engine.parameterOn(id, '2025-06-30')?.value).toBe('1595');
      expect(engine.parameterOn(id, '2025-07-01')?.value).toBe('1650');
      expect(engine.parameterOn(id, '2025-07-01')?.source).toBe(BULLETIN);
      expect(engine.parameterOn(id, '2031-01-01')?.source).toMatch(/^占位值/);
    }
  });

  it('五(一) living subsidy, 24 months × the standard: 24 × 1595 = 38280.00 on 2025-06-30, 24 × 1650 = 39600.00 on 2025-07-01', () => {
    const engine = createEngine();
    const person = { id: 'P', sex: 'male' as const, birthDate: '1995-03-01', pensionStatus: 'none' as const, cooperated: true };
    const subsidy = (expropriationDate: string) => engine.payout({ expropriationDate, person }).outcome.items.find((i) => i.id === 'living-subsidy-24-months')?.amount;
    expect(subsidy('2025-06-30')).toBe('38280.00');
    expect(subsidy('2025-07-01')).toBe('39600.00');
  });

  it('forgetting to close the previous value is an overlap', () => {
    const file = withValues([...before, FIGURE_2025]);
    expect(() => createEngine({ parameters: [file] })).toThrow(RulesetError);
    expect(() => createEngine({ parameters: [file] })).toThrow(/overlaps the value from 2024-07-01 \(to open\)/);
  });

  it('starting the new value a day late is a gap', () => {
    const file = withValues([...before.slice(0, -1), { ...before.at(-1)!, to: '2025-06-30' }, { ...FIGURE_2025, from: '2025-07-02' }]);
    expect(() => createEngine({ parameters: [file] })).toThrow(/leaves a gap after 2025-06-30/);
  });
});
