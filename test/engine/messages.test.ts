import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatMessage, interpolate, toJsonValue } from '../../src/engine/context';
import { Dec } from '../../src/engine/decimal';

// Reason messages (docs/architecture.md, "Rules in a ruleset file"): `{name}` inserts a value,
// `{name:4}` rounds it half-up to 4 decimals for display, `{subject}` the subject. Reason values
// are JSON with decimals as plain strings.

describe('message templates', () => {
  const values = { mu: new Dec('0.15'), third: new Dec(1).div(3), half: '0.00005', n: 16, yes: true, no: false, none: null, list: ['a', 'b'], word: 'member' };
  it('{name} inserts the value; decimals are plain; nothing to show is “—”', () => {
    expect(interpolate('{mu} mu, {n} years, basis {word}', values, 'A1', 'en')).toBe('0.15 mu, 16 years, basis member');
    expect(interpolate('[{none}] [{missing}]', values, 'A1', 'en')).toBe('[—] [—]');
  });
  it('{name:4} rounds half-up to 4 decimals (numbers, Decimals and decimal strings only)', () => {
    expect(interpolate('{mu:4} {third:4} {half:4} {n:2} {word:2}', values, undefined, 'en')).toBe('0.1500 0.3333 0.0001 16.00 member');
  });
  it('{name:places} reads a string only when it is a whole decimal (sign, digits, optional fraction)', () => {
    const v = { neg: '-1.25', whole: '12', tail: '1.5x', head: 'x1.5', dot: '1.', frac: '.5', exp: '1e3' };
    expect(interpolate('{neg:1} {whole:1} {tail:1} {head:1} {dot:1} {frac:1} {exp:1}', v, undefined, 'en')).toBe('-1.3 12.0 1.5x x1.5 1. .5 1e3');
  });
  it('without places a number is written as JavaScript writes it, a Decimal in full', () => {
    expect(interpolate('{big} {dec}', { big: 1e21, dec: new Dec('1e-30') }, undefined, 'en')).toBe('1e+21 0.' + '0'.repeat(29) + '1');
  });
  it('booleans read 是/否 in Chinese and yes/no in English; lists are joined in each language', () => {
    expect(interpolate('{yes}{no} {list}', values, undefined, 'zh')).toBe('是否 a、b');
    expect(interpolate('{yes} {no} {list}', values, undefined, 'en')).toBe('yes no a, b');
  });
  it('{subject} is the subject, or nothing for a household rule; unknown braces are left alone', () => {
    expect(interpolate('Applicant {subject}', values, '张三', 'zh')).toBe('Applicant 张三');
    expect(interpolate('Applicant {subject}', values, undefined, 'en')).toBe('Applicant ');
    expect(interpolate('{1x} { mu } {mu:}', values, undefined, 'en')).toBe('{1x} { mu } {mu:}');
  });
});

describe('reason values as JSON', () => {
  it('decimals become plain strings, undefined null, non-finite numbers strings; arrays and objects recurse', () => {
    expect(toJsonValue(new Dec('1e-7'))).toBe('0.0000001');
    expect(toJsonValue(undefined)).toBeNull();
    expect(toJsonValue(null)).toBeNull();
    expect(toJsonValue('x')).toBe('x');
    expect(toJsonValue(false)).toBe(false);
    expect(toJsonValue(2.5)).toBe(2.5);
    expect(toJsonValue(NaN)).toBe('NaN');
    expect(toJsonValue([new Dec('0.30'), undefined])).toEqual(['0.3', null]);
    expect(toJsonValue({ a: new Dec('2'), b: { c: true } })).toEqual({ a: '2', b: { c: true } });
    expect(toJsonValue(10n)).toBe('10');
  });
});

describe('formatMessage memoises by what a slot shows, never giving another value\'s message', () => {
  // A message is a function of its template and the text of its slot values; the memo keys a
  // Decimal by its exact text (a new Decimal of the same figure, computed for another household,
  // finds the message already made). Each call must still equal filling the template afresh.
  const template = { zh: '人均 {x:4} 亩，标准 {y} 亩，{subject}', en: '{x:4} mu per person, threshold {y} mu, {subject}' };
  const fresh = (values: Record<string, unknown>, subject: string | undefined) => ({ zh: interpolate(template.zh, values, subject, 'zh'), en: interpolate(template.en, values, subject, 'en') });
  const value = fc.oneof(
    fc.constantFrom('0.15', '0.150', '-0', '0', '1e3', '0.00005', 'member'),
    fc.integer({ min: -3, max: 3 }),
    fc.constantFrom(-0, 0.5, true, false, null, undefined),
    fc.constantFrom('0.15', '0.1500', '-0.15', '-0', '0', '0.00005', '-0.00001', '0.00001', '1.23456789').map((t) => new Dec(t)),
  );
  it('equals interpolating afresh, for Decimals, decimal strings, numbers (-0 too), booleans and nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value, fc.constantFrom(undefined, 'A1', 'A2')), { minLength: 1, maxLength: 60 }), (calls) => {
        for (const [x, y, subject] of calls) expect(formatMessage(template, { x, y }, subject)).toEqual(fresh({ x, y }, subject));
      }),
      { numRuns: 300 },
    );
  });
  it('a Decimal and its negative zero are told apart; equal figures from different Decimals share a message', () => {
    expect(formatMessage(template, { x: new Dec('-0'), y: new Dec('-0') }, undefined).en).toBe(fresh({ x: new Dec('-0'), y: new Dec('-0') }, undefined).en);
    expect(formatMessage(template, { x: new Dec('0'), y: new Dec('0') }, undefined).en).toBe(fresh({ x: new Dec('0'), y: new Dec('0') }, undefined).en);
    const a = formatMessage(template, { x: new Dec('0.15'), y: new Dec('0.3') }, 'H1');
    const b = formatMessage(template, { x: new Dec('0.1500'), y: new Dec('0.30') }, 'H1');
    expect(b).toEqual(a);
    expect(b).not.toBe(a); // a fresh object each time
    expect(a.en).toBe('0.1500 mu per person, threshold 0.3 mu, H1');
  });
});
