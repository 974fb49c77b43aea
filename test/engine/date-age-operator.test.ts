import { describe, expect, it } from 'vitest';
import { CUSTOM_OPERATORS } from '../../src/engine/logic/custom-operators';

// 邵阳 二(一) "年满16周岁（含）": the `date-age` operator of the rule files. It reads each date
// once on the fast path; a bad argument must still be refused with the argument named.
const dateAge = CUSTOM_OPERATORS['date-age']!;

describe('date-age (full years on a date; the birthday counts)', () => {
  it('16 on the 16th birthday, 15 the day before; 29 February reached on 1 March in a common year', () => {
    expect(dateAge('2007-05-10', '2023-05-10')).toBe(16);
    expect(dateAge('2007-05-10', '2023-05-09')).toBe(15);
    expect(dateAge('2008-02-29', '2024-02-28')).toBe(15);
    expect(dateAge('2008-02-29', '2024-02-29')).toBe(16);
    expect(dateAge('2007-02-28', '2023-03-01')).toBe(16);
  });

  it('refuses anything but two real YYYY-MM-DD strings, naming the bad one', () => {
    expect(() => dateAge('2007-02-30', '2023-05-10')).toThrow('expected a date YYYY-MM-DD, got "2007-02-30"');
    expect(() => dateAge('2007-05-10', '2023-5-10')).toThrow('expected a date YYYY-MM-DD, got "2023-5-10"');
    // an array or a number would be read as its string by a regular expression: refused
    expect(() => dateAge(['2007-05-10'], '2023-05-10')).toThrow('expected a date YYYY-MM-DD, got ["2007-05-10"]');
    expect(() => dateAge('2007-05-10', 20230510)).toThrow('expected a date YYYY-MM-DD, got 20230510');
    expect(() => dateAge(null, undefined)).toThrow(TypeError);
  });
});
