import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDaysIso, addMonthsIso, ageOn, birthdayAt, daysInclusive, isIsoDate } from '../../src/engine/dates';

describe('calendar dates', () => {
  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(['2024-02-29', '2023-12-31', '1000-01-01'].every(isIsoDate)).toBe(true);
    expect(['2023-02-29', '2023-02-30', '2023-13-01', '2023-00-10', '99999-01-01', '2023-1-01', '2023-01-01T00:00', '', 20230101].some(isIsoDate)).toBe(false);
  });
  it('age in full years counts the birthday itself', () => {
    expect(ageOn('2007-05-10', '2023-05-10')).toBe(16);
    expect(ageOn('2007-05-10', '2023-05-09')).toBe(15);
  });
  it('a 29 February birthday is reached on 1 March in a common year', () => {
    expect(ageOn('2000-02-29', '2017-02-28')).toBe(16);
    expect(ageOn('2000-02-29', '2017-03-01')).toBe(17);
    expect(birthdayAt('2000-02-29', 17)).toBe('2017-03-01');
    expect(birthdayAt('2000-02-29', 16)).toBe('2016-02-29');
  });
  it('days inclusive: a notice from the 1st to the 7th lasts 7 days', () => {
    expect(daysInclusive('2023-03-01', '2023-03-07')).toBe(7);
    expect(daysInclusive('2024-02-27', '2024-03-01')).toBe(4);
  });
  it('adding months clamps to the end of the month; days cross years', () => {
    expect(addMonthsIso('2020-01-31', 1)).toBe('2020-02-29');
    expect(addMonthsIso('2023-08-09', 12)).toBe('2024-08-09');
    expect(addDaysIso('2023-12-31', 1)).toBe('2024-01-01');
  });
  it('does not depend on the time zone of the machine', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'America/Sao_Paulo';
    try {
      expect(addDaysIso('2018-11-03', 1)).toBe('2018-11-04'); // a day that began at 01:00 there
      expect(daysInclusive('2018-11-01', '2018-11-07')).toBe(7);
    } finally {
      process.env.TZ = tz;
    }
  });
});

describe('a date is read exactly as the regular expression YYYY-MM-DD (ASCII digits) and a real calendar day from year 1000 read it', () => {
  const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
  const byRegex = (s: string): boolean => {
    const m = ISO.exec(s);
    if (!m) return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const dim = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    return y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && d <= dim[mo - 1]!;
  };
  const char = fc.constantFrom('0', '1', '2', '9', '-', '/', ' ', '٣', 'a', '\n');
  const near = fc.tuple(fc.integer({ min: 0, max: 10_999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  it('agrees with the regular expression on near-dates, edits of them and random text', () => {
    fc.assert(
      fc.property(fc.oneof(near, near.chain((s) => fc.tuple(fc.nat(s.length), char).map(([i, c]) => s.slice(0, i) + c + s.slice(i + 1))), near.map((s) => `${s}\n`), fc.string({ maxLength: 12 })), (s) => {
        expect(isIsoDate(s)).toBe(byRegex(s));
      }),
      { numRuns: 3000 },
    );
  });
  it('boundaries: 1000-01-01 and 2024-02-29 are dates; 0999-12-31, 2023-02-29, 2024-13-01 and full-width digits are not', () => {
    expect(['1000-01-01', '2024-02-29', '2000-02-29'].map(isIsoDate)).toEqual([true, true, true]);
    expect(['0999-12-31', '2023-02-29', '1900-02-29', '2024-13-01', '２０２４-01-01', '2024-1-01'].map(isIsoDate)).toEqual([false, false, false, false, false, false]);
  });
});
