import fc from 'fast-check';

/**
 * Arbitraries for the shared input blocks of src/engine/schemas.ts, each generating only values
 * those blocks accept (so a kind's arbitrary built from them generates valid inputs).
 */

const DAY_MS = 86_400_000;

/** A real calendar date `YYYY-MM-DD` between two dates (inclusive). */
export function isoDateBetween(from: string, to: string): fc.Arbitrary<string> {
  const min = Date.parse(`${from}T00:00:00Z`) / DAY_MS;
  const max = Date.parse(`${to}T00:00:00Z`) / DAY_MS;
  return fc.integer({ min, max }).map((d) => new Date(d * DAY_MS).toISOString().slice(0, 10));
}

/** An id written by people: 1–100 UTF-16 units, no control characters, any script. */
export const idString: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme-ascii' }),
    fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }),
    fc.constantFrom('A1', '张三', '李四-2', 'x'.repeat(100)),
  )
  // eslint-disable-next-line no-control-regex
  .filter((s) => s.length >= 1 && s.length <= 100 && !/[\u0000-\u001f\u007f]/.test(s));

/** A plain decimal string from an integer mantissa and a scale: "12.340", "0.0001", "7". */
function decimalString(mantissa: bigint, scale: number): string {
  const digits = mantissa.toString().padStart(scale + 1, '0');
  return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/**
 * A non-negative decimal the schema accepts (< 10^18, ≤ 20 decimals), written as the caller
 * might: a string with trailing zeros, a number, or a huge-but-legal string. Mostly in the
 * range of household land (0–50 mu) so that thresholds near 0.3 are reached often.
 */
export const nonNegativeDecimal: fc.Arbitrary<string | number> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.bigInt({ min: 0n, max: 50_000n }), fc.integer({ min: 0, max: 4 })).map(([m, s]) => decimalString(m, s)) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 5000 }).map((n) => n / 100) },
  { weight: 1, arbitrary: fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }), fc.integer({ min: 0, max: 20 })).map(([m, s]) => decimalString(m, s)) },
  { weight: 1, arbitrary: fc.constantFrom('0', '0.0', '0.3', '0.30000000000000000001', '999999999999999999.99999999999999999999', 0) },
);
