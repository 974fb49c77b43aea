import fc from 'fast-check';
import { Dec } from '../../src/engine/decimal';
import { isoDateBetween, idString as validId, nonNegativeDecimal } from './common';

/**
 * Values at and beyond the edges of the shared input blocks of src/engine/schemas.ts (decimal,
 * date, id): valid ones mixed with near misses, for tests that compare a fast parser with zod.
 */

/** Decimal inputs: valid ones, the edge forms of a plain decimal, and text of digits, points, signs, exponents and spaces. */
export const decimalEdge: fc.Arbitrary<unknown> = fc.oneof(
  nonNegativeDecimal,
  fc.constantFrom(
    '1.', '.5', '1e3', '1E3', '-0', '-0.0', '-0.5', '-1', '0', '00', '007', '0.0', '0.50', '1.50', ' 1', '1 ', '\t1', '1\n', '+1', '1,5', '１', '٣', '0x10',
    'Infinity', 'NaN', '', '-', '.', '..', '1..2', '1.2.3', '999999999999999999', '1000000000000000000', '0999999999999999999', '999999999999999999.99999999999999999999',
    '0.00000000000000000001', '0.000000000000000000001', '1.000000000000000000000000', '1.100000000000000000000', '0.3000000000000000000000000000000000000000000',
    `1.${'0'.repeat(58)}`, `1.${'0'.repeat(57)}`, '1'.repeat(61), '😀'.repeat(30), '1'.repeat(100_000), '0.'.padEnd(60, '0'),
  ),
  fc.constantFrom(-0, 0, 1, -1, -0.5, 0.1 + 0.2, 1e-7, 5e-324, 1e17, 1e18, 1e21, 2 ** 53, 2 ** 53 + 2, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity),
  fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '-', 'e', ' ', '0'), maxLength: 25 }),
  fc.double(),
  fc.integer(),
  fc.constantFrom(null, undefined, true, [], {}, ['1'], { valueOf: () => 1 }, 1n, new Dec('1.5')),
);

/** Date inputs: real dates, near misses and other text. */
export const dateEdge: fc.Arbitrary<unknown> = fc.oneof(
  isoDateBetween('0999-01-01', '9999-12-31'),
  fc.constantFrom(
    '2023-02-30', '2023-02-29', '2024-02-29', '1900-02-29', '2000-02-29', '2100-02-29', '0999-12-31', '1000-01-01', '9999-12-31', '2023-13-01', '2023-00-10',
    '2023-01-00', '2023-01-32', '2023-04-31', '2023-1-01', '20230101', '2023-01-01T00:00', ' 2023-01-01', '2023-01-01 ', '２０２３-01-01', '+2023-01-01', '12023-01-01', '2023/01/01', '',
  ),
  fc.string({ unit: fc.constantFrom('0', '1', '2', '9', '-'), minLength: 8, maxLength: 12 }),
  fc.constantFrom(null, undefined, 20230101, new Date('2023-01-01'), ['2023-01-01']),
);

/** Id inputs: valid ones, control characters, lengths around the limits, other types. */
export const idEdge: fc.Arbitrary<unknown> = fc.oneof(
  validId,
  fc.constantFrom('', 'a\u0000', '\u007f', 'a\u001fb', '\t', 'a\nb', '\u0080', '\u2028', '\ud800', 'x'.repeat(100), 'x'.repeat(101), '张'.repeat(100), '😀'.repeat(50), '😀'.repeat(51), '😀'.repeat(100), '😀'.repeat(101), '\ud800'.repeat(101), `${'x'.repeat(99)}😀`),
  fc.string({ maxLength: 120 }),
  fc.constantFrom(null, undefined, 1, ['A1'], { id: 'A1' }),
);
