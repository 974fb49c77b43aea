import { fc, test } from '@fast-check/vitest';
import { UTCDate } from '@date-fns/utc';
import { addMonths, format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { addMonthsIso, isIsoDate } from '../../src/engine/dates';
import { Dec, toDec } from '../../src/engine/decimal';
import { interpolate } from '../../src/engine/context';

// Issue 8 (performance): the fast paths must give exactly what the slow ones gave.

describe('addMonthsIso by calendar arithmetic equals date-fns addMonths on a UTC date', () => {
  const isoDate = fc
    .record({ y: fc.integer({ min: 1000, max: 9000 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
    .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`)
    .filter(isIsoDate);
  test.prop([isoDate, fc.integer({ min: -1200, max: 1200 })], { numRuns: 2000 })('any date, any number of months', (date, n) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    expect(addMonthsIso(date, n)).toBe(format(addMonths(new UTCDate(y, m - 1, d), n), 'yyyy-MM-dd'));
  });
  it('month ends and leap days clamp', () => {
    expect(addMonthsIso('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsIso('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonthsIso('1900-01-29', 1)).toBe('1900-02-28'); // 1900 is not a leap year
    expect(addMonthsIso('2000-01-29', 1)).toBe('2000-02-29'); // 2000 is
    expect(addMonthsIso('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonthsIso('2024-01-15', -13)).toBe('2022-12-15');
  });
});

describe('toDec parses each string or number once and gives the same decimal', () => {
  it('cached values equal fresh ones, -0 keeps its sign', () => {
    for (const v of ['0.24', '7384', 12, '0.1', 0, '-0.50']) {
      expect(toDec(v).equals(new Dec(v))).toBe(true);
      expect(toDec(v)).toBe(toDec(v));
    }
    expect(toDec(-0).isNegative()).toBe(new Dec(-0).isNegative());
    expect(toDec(0).isNegative()).toBe(false);
    expect(() => toDec('1e5')).toThrow(TypeError);
    expect(() => toDec(Number.NaN)).toThrow(TypeError);
  });
});

describe('message templates parsed once fill the same as before', () => {
  it('slots, places, subject, repeated use', () => {
    const values = { age: 16, ratio: new Dec('0.123456'), ok: true, list: ['a', 'b'] };
    for (let i = 0; i < 2; i++) {
      expect(interpolate('{subject}: {age} 岁 {ratio:4} {ok} {list} {missing} {x', values, 'A1', 'zh')).toBe('A1: 16 岁 0.1235 是 a、b — {x');
      expect(interpolate('{ok}/{ratio}', values, undefined, 'en')).toBe('yes/0.123456');
      expect(interpolate('', values, undefined, 'en')).toBe('');
      expect(interpolate('plain', values, undefined, 'en')).toBe('plain');
    }
  });
});
