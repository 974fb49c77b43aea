import { describe, expect, it } from 'vitest';
import { createEngine, RulesetError } from '../../src';

// docs/rulesets.md, worked example: adding a new year's figure to a parameter series
// (Shanghai minimum living standard, raised every 1 July): close the previous value's `to`,
// add the new value with its source. The file replaces any bundled series of the same id.

const value = (v: number, from: string, to: string | null) => ({ value: v, from, to, source: 'test', verified: false });
const file = (values: ReturnType<typeof value>[]) => ({
  jurisdiction: 'cn.shanghai',
  parameters: { 'cn.shanghai.minimum-living-standard': { description: { zh: '最低生活保障标准', en: 'minimum living standard' }, unit: 'yuan/month', values } },
});
const id = 'cn.shanghai.minimum-living-standard';

describe('updating a parameter series (docs/rulesets.md)', () => {
  it('closing 1595 on 2025-06-30 and adding 1650 from 2025-07-01: each date reads its own figure', () => {
    const engine = createEngine({ parameters: [file([value(1510, '2023-07-01', '2024-06-30'), value(1595, '2024-07-01', '2025-06-30'), value(1650, '2025-07-01', null)])] });
    expect(engine.parameterOn(id, '2025-06-30')?.value).toBe(1595);
    expect(engine.parameterOn(id, '2025-07-01')?.value).toBe(1650);
    expect(engine.parameterOn(id, '2031-01-01')?.value).toBe(1650);
    expect(engine.parameterOn(id, '2023-06-30')).toBeUndefined();
  });

  it('forgetting to close the previous value is an overlap', () => {
    expect(() => createEngine({ parameters: [file([value(1595, '2024-07-01', null), value(1650, '2025-07-01', null)])] })).toThrow(RulesetError);
    expect(() => createEngine({ parameters: [file([value(1595, '2024-07-01', null), value(1650, '2025-07-01', null)])] })).toThrow(/overlaps the value from 2024-07-01 \(to open\)/);
  });

  it('starting the new value a day late is a gap', () => {
    expect(() => createEngine({ parameters: [file([value(1595, '2024-07-01', '2025-06-30'), value(1650, '2025-07-02', null)])] })).toThrow(/leaves a gap after 2025-06-30/);
  });
});
