import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { addDuplicateIdIssues, count, decimalInput, idString, isoDate, MAX_ISSUE_TEXT, zodIssues } from '../../src/engine/schemas';

// The shared blocks of every input schema (src/engine/schemas.ts) and the messages users see
// for them (docs/quality.md, "Input: what is accepted, what is rejected").

const messages = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('dates (isoDate)', () => {
  it('a real calendar date YYYY-MM-DD passes; others are refused with the reason', () => {
    expect(isoDate.parse('2024-02-29')).toBe('2024-02-29');
    expect(messages(isoDate, '2023-02-29')).toEqual(['expected a real calendar date YYYY-MM-DD']);
    expect(messages(isoDate, '2023-01-01T00:00')).toContain('expected a date YYYY-MM-DD');
  });
});

describe('ids (idString)', () => {
  it('1–100 characters of any script, no control characters', () => {
    expect(idString.parse('邵阳-TJ 01')).toBe('邵阳-TJ 01');
    expect(idString.parse('x'.repeat(100))).toHaveLength(100);
    expect(messages(idString, '')).toEqual(['must not be empty']);
    expect(messages(idString, 'x'.repeat(101))).toEqual(['must be at most 100 characters']);
    expect(messages(idString, 'a\u0007b')).toEqual(['must not contain control characters']);
    expect(messages(idString, 'a\u007f')).toEqual(['must not contain control characters']);
    expect(messages(idString, '\u001f')).toEqual(['must not contain control characters']);
    expect(messages(idString, '\u0020\u0080')).toEqual([]); // space and U+0080 are not in the refused ranges
  });
});

describe('decimals (decimalInput)', () => {
  const dec = decimalInput();
  it('a decimal string or finite number, given back as a plain decimal string', () => {
    expect(dec.parse('1.50')).toBe('1.5');
    expect(dec.parse(2.25)).toBe('2.25');
    expect(dec.parse('-0')).toBe('0');
    expect(dec.parse('999999999999999999.99999999999999999999')).toBe('999999999999999999.99999999999999999999');
  });
  it('keepPlaces keeps the decimals a string was written with (a number has none to keep)', () => {
    const keep = decimalInput({ keepPlaces: true });
    expect(keep.parse('1.50')).toBe('1.50');
    expect(keep.parse('3')).toBe('3');
    expect(keep.parse('0.100')).toBe('0.100');
    expect(keep.parse(1.5)).toBe('1.5');
  });
  it('the reasons: not finite, not a decimal, out of range, missing, of another type, too long', () => {
    // zod's number type itself refuses NaN and ±Infinity
    expect(messages(dec, Number.POSITIVE_INFINITY)).toEqual(['expected a decimal such as "1.25" (a string or a finite number)']);
    expect(messages(dec, Number.NaN)).toEqual(['expected a decimal such as "1.25" (a string or a finite number)']);
    expect(messages(dec, '1e5')).toEqual(['expected a decimal such as "1.25"']);
    expect(messages(dec, '0x10')).toEqual(['expected a decimal such as "1.25"']);
    expect(messages(dec, '1000000000000000000')).toEqual(['out of range: at most 20 decimals and less than 10^18 in size']);
    expect(messages(dec, '-1000000000000000000')).toEqual(['out of range: at most 20 decimals and less than 10^18 in size']);
    expect(messages(dec, '0.' + '1'.repeat(21))).toEqual(['out of range: at most 20 decimals and less than 10^18 in size']);
    expect(messages(dec, '0.' + '1'.repeat(20))).toEqual([]);
    expect(messages(z.strictObject({ a: dec }), {})).toEqual(['required: a decimal such as "1.25"']);
    expect(messages(dec, true)).toEqual(['expected a decimal such as "1.25" (a string or a finite number)']);
    expect(messages(dec, '1'.repeat(61))).toContain('a decimal has at most 60 characters');
  });
  it('min: at least (inclusive) or greater than (exclusive)', () => {
    const atLeast = decimalInput({ min: 0 });
    expect(messages(atLeast, '0')).toEqual([]);
    expect(messages(atLeast, '-0.01')).toEqual(['must be at least 0']);
    const above = decimalInput({ min: 0, minExclusive: true });
    expect(messages(above, '0')).toEqual(['must be greater than 0']);
    expect(messages(above, '0.0001')).toEqual([]);
    expect(messages(decimalInput({ min: 1 }), '0.99')).toEqual(['must be at least 1']);
  });
  it('a value that is not a decimal stops the checks of the object around it (no cross-field check sees it)', () => {
    let ran = false;
    const obj = z.strictObject({ a: dec, b: dec }).superRefine(() => {
      ran = true;
    });
    expect(messages(obj, { a: 'x', b: '1' })).toEqual(['expected a decimal such as "1.25"']);
    expect(ran).toBe(false);
    messages(obj, { a: '1e400', b: '1' });
    expect(ran).toBe(false);
    messages(obj, { a: Number.POSITIVE_INFINITY, b: '1' });
    expect(ran).toBe(false);
    messages(obj, { a: '1', b: '1' });
    expect(ran).toBe(true);
  });
});

describe('counts', () => {
  it('whole numbers 0 … 10^9', () => {
    expect(count.parse(0)).toBe(0);
    expect(count.parse(1e9)).toBe(1e9);
    expect(messages(count, 1.5)).toEqual(['expected a whole number']);
    expect(messages(count, -1)).toEqual(['must not be negative']);
    expect(messages(count, 1e9 + 1)).toEqual(['too large']);
  });
});

describe('issues (zodIssues, addDuplicateIdIssues)', () => {
  it('paths get the prefix; long keys and messages are cut to MAX_ISSUE_TEXT (500) characters with their length', () => {
    expect(MAX_ISSUE_TEXT).toBe(500);
    const key = 'k'.repeat(MAX_ISSUE_TEXT + 50);
    const r = z.strictObject({}).safeParse({ [key]: 1 });
    const issues = zodIssues(r.error!, ['input']);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toEqual(['input']);
    expect(issues[0]!.message).toBe(`Unrecognized key: "${key}"`.slice(0, MAX_ISSUE_TEXT) + `…(${`Unrecognized key: "${key}"`.length} characters)`);
    const nested = z.strictObject({ a: z.record(z.string(), z.number()) }).safeParse({ a: { [key]: 'x' } });
    expect(zodIssues(nested.error!)[0]!.path).toEqual(['a', 'k'.repeat(MAX_ISSUE_TEXT) + `…(${MAX_ISSUE_TEXT + 50} characters)`]);
    const exact = 'k'.repeat(MAX_ISSUE_TEXT);
    const atLimit = z.strictObject({ a: z.record(z.string(), z.number()) }).safeParse({ a: { [exact]: 'x' } });
    expect(zodIssues(atLimit.error!)[0]!.path).toEqual(['a', exact]);
    const idx = z.array(z.number()).safeParse([1, 'x']);
    expect(zodIssues(idx.error!, ['p', 0])).toEqual([{ code: 'invalid_type', path: ['p', 0, 1], message: expect.any(String) }]);
  });
  it('a symbol in a path is written as text', () => {
    const err = new z.ZodError([{ code: 'custom', path: [Symbol('s')], message: 'm', input: undefined }]);
    expect(zodIssues(err)).toEqual([{ code: 'custom', path: ['Symbol(s)'], message: 'm' }]);
  });
  it('duplicate ids: one issue per repeat, at the repeat, naming the id', () => {
    const issues: Array<{ path: Array<string | number>; message: string }> = [];
    addDuplicateIdIssues({ addIssue: (i) => issues.push(i) }, [{ id: 'a' }, { id: 'b' }, { id: 'a' }, { id: 'a' }, { id: 'B' }], 'applicants', 'applicant');
    expect(issues).toEqual([
      { code: 'custom', path: ['applicants', 2, 'id'], message: "duplicate applicant id 'a'" },
      { code: 'custom', path: ['applicants', 3, 'id'], message: "duplicate applicant id 'a'" },
    ]);
  });
});
