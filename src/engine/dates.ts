import { UTCDate } from '@date-fns/utc';
// One module per function: the package index loads all of date-fns, about 0.7 s here under tsx,
// ts-node and vitest, whose loaders take each module in turn (in each isolated test file too).
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';

/**
 * Calendar dates as `YYYY-MM-DD` strings. No clock and no time zone: every date is read as a
 * UTC midnight (`UTCDate`), so arithmetic is the same wherever the code runs.
 */
export type IsoDate = string;

/** The digit at `i` of `s` (0–9), or -1 when it is not an ASCII digit. */
function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * Year, month and day of a real calendar date written `YYYY-MM-DD` (ASCII digits, year from
 * 1000), or null. Read character by character (what `/^(\d{4})-(\d{2})-(\d{2})$/` accepts,
 * without a regular expression and its match array: dates are read several times a decision).
 */
function parts(value: IsoDate): [number, number, number] | null {
  // A value that is not a string is read as its text, as the regular expression read it.
  const date = typeof value === 'string' ? value : String(value);
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return null;
  const y0 = digitAt(date, 0), y1 = digitAt(date, 1), y2 = digitAt(date, 2), y3 = digitAt(date, 3);
  const m0 = digitAt(date, 5), m1 = digitAt(date, 6), d0 = digitAt(date, 8), d1 = digitAt(date, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return null;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const mo = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return [y, mo, d];
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1–12) of the proleptic Gregorian calendar (plain arithmetic: no Date). */
function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

function formatParts(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Whether a value is a real calendar date written `YYYY-MM-DD` (2023-02-30 is not). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parts(value) !== null;
}

function toUtc(date: IsoDate): UTCDate {
  const p = parts(date);
  if (!p) throw new TypeError(`expected a date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return new UTCDate(p[0], p[1] - 1, p[2]);
}

function fromUtc(date: Date): IsoDate {
  return format(date, 'yyyy-MM-dd');
}

/**
 * Full years of age on a date (周岁). A birthday counts on the day itself; a 29 February birthday
 * is reached on 1 March in a common year (the 28th is still a day short).
 *
 * @example ageOn('2004-02-29', '2020-02-29') // 16
 */
export function ageOn(birthDate: IsoDate, onDate: IsoDate): number {
  const age = ageOrNaN(birthDate, onDate);
  if (Number.isNaN(age)) throw new TypeError(`expected dates YYYY-MM-DD, got ${birthDate} and ${onDate}`);
  return age;
}

/** {@link ageOn}, or NaN when either is not a string holding a real calendar date (reads each date once). */
export function ageOrNaN(birthDate: unknown, onDate: unknown): number {
  if (typeof birthDate !== 'string' || typeof onDate !== 'string') return Number.NaN;
  const b = parts(birthDate);
  const o = parts(onDate);
  if (!b || !o) return Number.NaN;
  const beforeBirthday = o[1] < b[1] || (o[1] === b[1] && o[2] < b[2]);
  return o[0] - b[0] - (beforeBirthday ? 1 : 0);
}

/** The date `n` calendar days later (earlier when negative). */
export function addDaysIso(date: IsoDate, n: number): IsoDate {
  return fromUtc(addDays(toUtc(date), n));
}

/**
 * The date `n` months later; a day that the target month lacks becomes its last day
 * (2020-01-31 + 1 month = 2020-02-29).
 */
export function addMonthsIso(date: IsoDate, n: number): IsoDate {
  const p = parts(date);
  if (!p) throw new TypeError(`expected a date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  // Plain calendar arithmetic (as date-fns addMonths on a UTC date, without allocating dates):
  // month index from year 0, then the day clamped to the target month's length.
  const total = p[0] * 12 + (p[1] - 1) + n;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  if (y < 1000 || y > 9999) return fromUtc(addMonths(toUtc(date), n));
  return formatParts(y, m, Math.min(p[2], daysInMonth(y, m)));
}

/** Calendar days from `from` to `to`, both ends included (same day = 1). */
export function daysInclusive(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(toUtc(to), toUtc(from)) + 1;
}

/** Calendar days from `from` to `to` (`to` − `from`; same day = 0). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(toUtc(to), toUtc(from));
}

/** The date on which someone born on `birthDate` reaches `years` full years. */
export function birthdayAt(birthDate: IsoDate, years: number): IsoDate {
  const b = parts(birthDate);
  if (!b) throw new TypeError(`expected a date YYYY-MM-DD, got ${birthDate}`);
  const y = b[0] + years;
  // 29 February in a common year: the age is reached on 1 March.
  if (b[1] === 2 && b[2] === 29 && daysInMonth(y, 2) === 28) return `${y}-03-01`;
  return formatParts(y, b[1], b[2]);
}

/**
 * Whole months from `from` to `to` (`to` on or after `from`). `down`: the months fully elapsed,
 * i.e. the largest n with `addMonthsIso(from, n) <= to`. `up`: a part month counts as a full
 * month, i.e. the smallest n with `addMonthsIso(from, n) >= to`. Month ends clamp as in
 * {@link addMonthsIso} (2023-01-31 + 1 month = 2023-02-28). A `to` before `from` gives 0.
 *
 * @example monthsBetween('2023-03-15', '2025-06-15', 'up')   // 27
 * @example monthsBetween('2023-03-15', '2025-06-16', 'up')   // 28
 * @example monthsBetween('2023-03-15', '2025-06-16', 'down') // 27
 */
export function monthsBetween(from: IsoDate, to: IsoDate, mode: 'down' | 'up'): number {
  const f = parts(from);
  const t = parts(to);
  if (!f || !t) throw new TypeError(`expected dates YYYY-MM-DD, got ${from} and ${to}`);
  if (to <= from) return 0;
  // The months by year and month alone. Adding them lands in to's month, on from's day or the
  // month's last day: at most one month too many, when that day is after to's.
  let n = (t[0] - f[0]) * 12 + (t[1] - f[1]);
  if (addMonthsIso(from, n) > to) n--;
  if (mode === 'up' && addMonthsIso(from, n) < to) n++;
  return n;
}

/** The earlier / later of two dates. */
export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}
export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}
