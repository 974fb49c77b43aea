import { describe, expect, it } from 'vitest';
import { createEngine, RuleEvaluationError, type PayoutInput } from '../../src';
import gucun from '../../rulesets/cn.shanghai.baoshan.gucun/ruleset.2022-04-01.json';
import { engine } from '../helpers';

// 宝顾府〔2022〕13号 七 (签约费): an item without a message of its own gets the default reason
// ("<label> applies: <amount> yuan" / "<label> does not apply"), carrying its amount as a value
// only when it applies (src/engine/items.ts). An item whose amount comes out negative is an error
// naming the item, never a negative payment.

const person = (cooperated: boolean): PayoutInput => ({
  expropriationDate: '2024-09-20',
  person: { id: 'GC-01', sex: 'male', birthDate: '1988-04-12', pensionStatus: 'none', cooperated },
});
const fee = () => String(engine.parameterOn('cn.shanghai.baoshan.gucun.signing-fee', '2024-09-20')!.value);

describe('七 the signing fee: the default reason of an item without a message', () => {
  it('applies: label and amount in both languages, the amount as its value, the person as subject', () => {
    const amount = Number(fee()).toFixed(2);
    const r = engine.payout(person(true)).reasons.find((x) => x.rule === 'signing-fee');
    expect(r).toStrictEqual({
      rule: 'signing-fee',
      holds: true,
      subject: 'GC-01',
      citation: expect.objectContaining({ article: '七' }),
      message: { zh: `签约费适用：${amount} 元`, en: `Signing fee applies: ${amount} yuan` },
      values: { amount },
    });
  });
  it('does not apply: the label alone, and no values at all', () => {
    const r = engine.payout(person(false)).reasons.find((x) => x.rule === 'signing-fee');
    expect(r).toStrictEqual({ rule: 'signing-fee', holds: false, subject: 'GC-01', citation: expect.objectContaining({ article: '七' }), message: { zh: '签约费不适用', en: 'Signing fee does not apply' } });
  });
});

describe('an item whose amount is negative', () => {
  it('is a RuleEvaluationError naming the item and the amount', () => {
    const file = structuredClone(gucun) as { items: Array<{ id: string; amount: unknown }> };
    file.items.find((i) => i.id === 'signing-fee')!.amount = { '-': [0, 1] };
    const e = createEngine({ rulesets: [file] });
    expect(() => e.payout(person(true))).toThrow(new RuleEvaluationError('signing-fee', 'the amount is negative (-1.00)'));
    expect(e.payout(person(false)).outcome.items.map((i) => i.id)).not.toContain('signing-fee');
  });
});
