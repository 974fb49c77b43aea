import { describe, expect, it } from 'vitest';
import { addDaysIso, addMonthsIso, ageOn, birthdayAt, daysBetween, daysInclusive, isIsoDate, maxDate, minDate, monthsBetween } from '../../src/engine/dates';

// src/engine/dates.ts: the calendar the rules count with (Gregorian, dates as YYYY-MM-DD
// strings). Every value below is worked out on the calendar by hand.

describe('real calendar dates (isIsoDate)', () => {
  it('leap years: every 4th year, but not centuries unless divisible by 400', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2023-02-28')).toBe(true);
  });
  it('month lengths 30/31; day and month from 1; years 1000–9999', () => {
    expect(isIsoDate('2023-04-30')).toBe(true);
    expect(isIsoDate('2023-04-31')).toBe(false);
    expect(isIsoDate('2023-01-31')).toBe(true);
    expect(isIsoDate('2023-12-31')).toBe(true);
    expect(isIsoDate('2023-12-32')).toBe(false);
    expect(isIsoDate('2023-01-00')).toBe(false);
    expect(isIsoDate('1000-01-01')).toBe(true);
    expect(isIsoDate('0999-12-31')).toBe(false);
    expect(isIsoDate('9999-12-31')).toBe(true);
    expect(isIsoDate(' 2023-01-01')).toBe(false);
    expect(isIsoDate('2023-01-01 ')).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
});

describe('age in full years (ageOn)', () => {
  it('one less before the birthday in the year, by month then day', () => {
    expect(ageOn('2000-06-15', '2010-06-14')).toBe(9);
    expect(ageOn('2000-06-15', '2010-06-15')).toBe(10);
    expect(ageOn('2000-06-15', '2010-05-30')).toBe(9);
    expect(ageOn('2000-06-15', '2010-07-01')).toBe(10);
    expect(ageOn('2000-06-15', '2010-12-01')).toBe(10);
  });
  it('a malformed date is a TypeError naming both dates', () => {
    expect(() => ageOn('2000-02-30', '2010-01-01')).toThrow(new TypeError('expected dates YYYY-MM-DD, got 2000-02-30 and 2010-01-01'));
    expect(() => ageOn('2000-02-01', '2010-1-01')).toThrow(TypeError);
  });
});

describe('adding days and months', () => {
  it('days cross month and leap-day boundaries, both ways', () => {
    expect(addDaysIso('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDaysIso('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDaysIso('2023-03-01', -1)).toBe('2023-02-28');
    expect(addDaysIso('2023-01-01', 0)).toBe('2023-01-01');
    expect(() => addDaysIso('2023-02-29', 1)).toThrow(new TypeError('expected a date YYYY-MM-DD, got "2023-02-29"'));
  });
  it('months: the day is clamped to the target month; years roll over both ways', () => {
    expect(addMonthsIso('2023-03-31', -1)).toBe('2023-02-28');
    expect(addMonthsIso('2023-11-30', 3)).toBe('2024-02-29');
    expect(addMonthsIso('2023-12-15', 1)).toBe('2024-01-15');
    expect(addMonthsIso('2024-01-15', -13)).toBe('2022-12-15');
    expect(addMonthsIso('2024-01-15', -1)).toBe('2023-12-15');
    expect(addMonthsIso('2023-05-31', 1)).toBe('2023-06-30');
    expect(addMonthsIso('2023-09-05', 1)).toBe('2023-10-05');
    expect(addMonthsIso('2023-10-10', 0)).toBe('2023-10-10');
    expect(addMonthsIso('2023-01-09', 24)).toBe('2025-01-09');
  });
  it('months beyond the years 1000–9999 still count (as date-fns does)', () => {
    expect(addMonthsIso('1000-01-31', -1)).toBe('0999-12-31');
    expect(addMonthsIso('1000-03-31', -1)).toBe('1000-02-28');
  });
  it('a malformed date is a TypeError', () => {
    expect(() => addMonthsIso('2023-13-01', 1)).toThrow(new TypeError('expected a date YYYY-MM-DD, got "2023-13-01"'));
  });
});

describe('counting days', () => {
  it('between (end minus start) and inclusive (one more)', () => {
    expect(daysBetween('2023-01-01', '2023-12-31')).toBe(364);
    expect(daysInclusive('2023-01-01', '2023-12-31')).toBe(365);
    expect(daysBetween('2024-01-01', '2024-12-31')).toBe(365);
    expect(daysBetween('2023-01-02', '2023-01-01')).toBe(-1);
    expect(daysInclusive('2023-01-01', '2023-01-01')).toBe(1);
    expect(() => daysBetween('2023-01-01', 'x')).toThrow(TypeError);
  });
});

describe('birthdays (birthdayAt)', () => {
  it('the same month and day N years later, written with zero padding', () => {
    expect(birthdayAt('2001-03-05', 16)).toBe('2017-03-05');
    expect(birthdayAt('2001-10-10', 1)).toBe('2002-10-10');
    expect(birthdayAt('1005-06-07', -10)).toBe('0995-06-07');
  });
  it('29 February: in a leap year that day, otherwise 1 March (1900 and 2100 are not leap, 2000 is)', () => {
    expect(birthdayAt('2004-02-29', 20)).toBe('2024-02-29');
    expect(birthdayAt('2004-02-29', 1)).toBe('2005-03-01');
    expect(birthdayAt('1996-02-29', 104)).toBe('2100-03-01');
    expect(birthdayAt('1600-02-29', 400)).toBe('2000-02-29');
    expect(birthdayAt('1896-02-29', 4)).toBe('1900-03-01');
    expect(birthdayAt('2004-02-28', 1)).toBe('2005-02-28');
    expect(birthdayAt('2004-03-29', 1)).toBe('2005-03-29');
  });
  it('a malformed date is a TypeError', () => {
    expect(() => birthdayAt('2001-02-29', 1)).toThrow(new TypeError('expected a date YYYY-MM-DD, got 2001-02-29'));
  });
});

describe('whole months between two dates (monthsBetween)', () => {
  it('down counts whole months only; up counts a started month as whole', () => {
    expect(monthsBetween('2023-01-15', '2023-03-14', 'down')).toBe(1);
    expect(monthsBetween('2023-01-15', '2023-03-14', 'up')).toBe(2);
    expect(monthsBetween('2023-01-15', '2023-03-15', 'down')).toBe(2);
    expect(monthsBetween('2023-01-15', '2023-03-15', 'up')).toBe(2);
    expect(monthsBetween('2023-01-15', '2024-01-14', 'down')).toBe(11);
    expect(monthsBetween('2023-01-15', '2024-01-14', 'up')).toBe(12);
    expect(monthsBetween('2023-01-15', '2023-01-16', 'up')).toBe(1);
    expect(monthsBetween('2023-01-15', '2023-01-16', 'down')).toBe(0);
  });
  it('a month from the 31st ends on the last day of a shorter month', () => {
    expect(monthsBetween('2023-01-31', '2023-02-28', 'down')).toBe(1);
    expect(monthsBetween('2023-01-31', '2023-02-27', 'down')).toBe(0);
    expect(monthsBetween('2023-01-31', '2023-03-30', 'down')).toBe(1); // 2023-03-31 is not reached
  });
  it('zero when the end is not after the start; a malformed date is a TypeError', () => {
    expect(monthsBetween('2023-03-15', '2023-03-15', 'up')).toBe(0);
    expect(monthsBetween('2023-03-15', '2023-01-01', 'up')).toBe(0);
    expect(() => monthsBetween('2023-03-15', '2023-02-30', 'up')).toThrow(new TypeError('expected dates YYYY-MM-DD, got 2023-03-15 and 2023-02-30'));
  });
});

describe('earlier and later of two dates', () => {
  it('minDate and maxDate', () => {
    expect(minDate('2023-01-02', '2023-01-01')).toBe('2023-01-01');
    expect(minDate('2023-01-01', '2023-01-02')).toBe('2023-01-01');
    expect(maxDate('2023-01-02', '2023-01-01')).toBe('2023-01-02');
    expect(maxDate('2023-01-01', '2023-01-02')).toBe('2023-01-02');
  });
});
