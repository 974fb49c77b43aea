import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine, RulesetError, type ParameterFile, type ParameterValueInput } from '../../src';

// docs/rulesets.md, worked example: adding a new year's figure to a parameter series
// (Shanghai minimum living standard, raised every 1 July): close the previous value's `to`,
// add the new value with its source. Run on the REAL rulesets/cn.shanghai/parameters.json:
// the "before" series is the real one cut back to the 2024 figure, open-ended; the "after"
// rows are the ones the document shows, and must be the file's. A file passed to createEngine
// replaces any bundled series of the same id.

const real = JSON.parse(readFileSync(new URL('../../rulesets/cn.shanghai/parameters.json', import.meta.url), 'utf8')) as ParameterFile;
const id = 'cn.shanghai.minimum-living-standard';
const series = real.parameters[id]!;
const withValues = (values: ParameterValueInput[]): ParameterFile => ({ jurisdiction: 'cn.shanghai', parameters: { [id]: { ...series, values } } });

const BULLETIN = '上海市2025年国民经济和社会发展统计公报所载最低生活保障标准';
const BULLETIN_NOTE = 'seen in the 2025 statistical bulletin (DOMAIN.md); the bulletin itself was not read here';
const BULLETIN_SOURCE = { title: '上海市2025年国民经济和社会发展统计公报 (as reported in DOMAIN.md)', address: 'https://tjj.sh.gov.cn (statistical bulletin; not read here)' };
// The rows of the file from 2023-07-01 (docs/rulesets.md shows them without `evidence` and `sources`,
// which a file may omit: see test/engine/derived-parameters.test.ts for the defaults).
const DOC_ROWS: ParameterValueInput[] = [
  {
    value: '1510', from: '2023-07-01', to: '2024-06-30', source: '上海市城乡居民最低生活保障标准（2023-07-01起1510元），来源未找到', verified: false, evidence: 'placeholder',
    note: 'the figure comes from DOMAIN.md ("from secondary reports"); no page stating it was found (searched 2026-12-01, Chinese and English). Treat as a placeholder until checked.',
  },
  { value: '1595', from: '2024-07-01', to: '2025-06-30', source: BULLETIN, verified: false, evidence: 'secondary', sources: [BULLETIN_SOURCE], note: BULLETIN_NOTE },
  {
    value: '1650', from: '2025-07-01', to: '2026-06-30', source: BULLETIN, verified: false, evidence: 'secondary',
    sources: [BULLETIN_SOURCE, { title: 'Kaizen HRS news: Shanghai raises on 2025-07-01', address: 'https://kaizenhrs.com/news/info.html?id=32', quote: 'a raise on 2025-07-01 is confirmed; the figure was cut off' }],
    note: BULLETIN_NOTE,
  },
  {
    value: '1650',
    from: '2026-07-01',
    to: null,
    source: '占位值：2026-07-01起的标准尚未找到（2026-12-01检索未得），沿用上一标准',
    verified: false,
    evidence: 'placeholder',
    note: "placeholder: the figure for this base year was searched for and not found; the previous year's value is carried forward. Override per call or replace the series.",
  },
];

/** The series before the 2025 figure: the real rows up to 2024-07-01, the last one open-ended. */
const before: ParameterValueInput[] = series.values.filter((v) => v.from <= '2024-07-01').map((v) => (v.from === '2024-07-01' ? { ...v, to: null } : v));
const FIGURE_2025: ParameterValueInput = DOC_ROWS[2]!;

describe('updating a parameter series (docs/rulesets.md), on rulesets/cn.shanghai/parameters.json', () => {
  it('the rows the document shows are the file’s rows from 2023-07-01 on', () => {
    expect(series.values.filter((v) => v.from >= '2023-07-01')).toEqual(DOC_ROWS);
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
