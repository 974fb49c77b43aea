/**
 * Part 3's baseline: Gucun `payout` written by hand in plain TypeScript with decimal.js — the
 * same items, amounts and splits as the ruleset's (宝顾府〔2022〕13号 三–七), for the same raw
 * inputs, but no engine: no validation, no JSON Logic, no reasons, no parameter records. The
 * parameters are looked up once per date (as a hand-written program would keep them).
 */
import Decimal from 'decimal.js';
import { ageOn, birthdayAt, monthsBetween } from '../src/engine/dates';
import type { PayoutInput } from '../src';

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -60, toExpPos: 60 });
type D = InstanceType<typeof D>;

export interface HandParams {
  minAge: number; pensionAgeMale: number; pensionAgeFemale: number; extraAgeMale: number; extraAgeFemale: number;
  lumpSumYears: D; extraYears: D; individualPremiumYears: D; medicalPremiumYears: D; guaranteeYears: D;
  livingMonths: D; livingMonthsDisabled: D; districtShare: D; signingFee: D; cooperationReward: D;
  base: D; pensionRate: D; medicalRate: D; minimumLiving: D; pensionerCompensation: D;
}

/** The parameters in force on a date, read once through a lookup (e.g. engine.parameterOn). */
export function handParams(valueOn: (id: string) => string | number): HandParams {
  const g = (id: string) => valueOn(`cn.shanghai.baoshan.gucun.${id}`);
  const s = (id: string) => valueOn(`cn.shanghai.${id}`);
  return {
    minAge: Number(g('min-age')), pensionAgeMale: Number(g('pension-age-male')), pensionAgeFemale: Number(g('pension-age-female')),
    extraAgeMale: Number(g('extra-years-age-male')), extraAgeFemale: Number(g('extra-years-age-female')),
    lumpSumYears: new D(g('lump-sum-years')), extraYears: new D(g('extra-years')), individualPremiumYears: new D(g('individual-premium-years')),
    medicalPremiumYears: new D(g('medical-premium-years')), guaranteeYears: new D(g('guarantee-subsidy-years')),
    livingMonths: new D(g('living-subsidy-months')), livingMonthsDisabled: new D(g('living-subsidy-months-disabled')),
    districtShare: new D(g('district-share')), signingFee: new D(g('signing-fee')), cooperationReward: new D(g('cooperation-reward')),
    base: new D(s('contribution-base')), pensionRate: new D(s('pension-rate')), medicalRate: new D(s('medical-rate')),
    minimumLiving: new D(s('minimum-living-standard')), pensionerCompensation: new D(s('pension-receiver-compensation')),
  };
}

export interface HandItem { id: string; amount: string; timing: 'at-expropriation' | 'deferred'; funding: Array<{ payer: string; amount: string }> }
export interface HandPayout { inScope: boolean; items: HandItem[]; totals: { amount: string; atExpropriation: string; deferred: string; byPayer: Record<string, string> } }

const fen = (x: D) => x.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

export function handPayout(input: PayoutInput, p: HandParams): HandPayout {
  const { person, expropriationDate } = input;
  const age = ageOn(person.birthDate, expropriationDate);
  const male = person.sex === 'male';
  const pension = age >= (male ? p.pensionAgeMale : p.pensionAgeFemale);
  const inScope = age >= p.minAge;
  const items: HandItem[] = [];
  const raw: Array<{ id: string; amount: D; timing: HandItem['timing']; funding: Array<{ payer: string; amount: D }> }> = [];
  if (inScope) {
    const status = person.pensionStatus;
    const elects = !!person.electsEmployeeInsurance;
    const disabled = !!person.fullyDisabled;
    const extraAge = age >= (male ? p.extraAgeMale : p.extraAgeFemale);
    const rates = p.pensionRate.plus(p.medicalRate);
    const premium = (years: D) => years.times(12).times(p.base).times(rates);
    const one = (id: string, amount: D, payer = 'acquiring-unit') => raw.push({ id, amount: fen(amount), timing: 'at-expropriation', funding: [{ payer, amount: fen(amount) }] });
    const halves = (amount: D) => {
      const district = D.min(amount, D.max(0, fen(amount.times(p.districtShare))));
      return [{ payer: 'district', amount: district }, { payer: 'town', amount: amount.minus(district) }];
    };
    const employment = !pension && status !== 'employee-pension';
    const electing = pension && status === 'resident-pension' && elects;
    const notElecting = pension && status === 'resident-pension' && !elects;
    if (employment) one('lump-sum-premium-employment', premium(p.lumpSumYears));
    if (employment && (extraAge || disabled)) one('lump-sum-premium-extra', premium(p.extraYears));
    if (electing) {
      const acct = person.residentPensionAccount!;
      one('lump-sum-premium-pension', premium(p.lumpSumYears));
      const amount = fen(premium(p.individualPremiumYears));
      const fromAccount = D.min(amount, D.max(0, fen(new D(acct.balance))));
      raw.push({ id: 'individual-premium', amount, timing: 'at-expropriation', funding: [{ payer: 'individual-account', amount: fromAccount }, ...halves(amount.minus(fromAccount))] });
      const refund = fen(new D(acct.individualContributions).plus(acct.collectiveSubsidies));
      raw.push({ id: 'resident-account-refund', amount: refund, timing: 'at-expropriation', funding: halves(refund) });
    }
    if (notElecting) {
      const medical = p.medicalPremiumYears.times(12).times(p.base).times(p.medicalRate);
      one('medical-premium', medical);
      one('one-time-compensation-resident', D.max(0, fen(premium(p.lumpSumYears)).minus(fen(medical))));
    }
    if (status === 'employee-pension' || (pension && status === 'old-worker-allowance')) one('one-time-compensation-pensioner', p.pensionerCompensation);
    if (employment && !extraAge && !disabled) one('living-subsidy-24-months', p.livingMonths.times(p.minimumLiving));
    if (employment && !extraAge && disabled) one('living-subsidy-disabled', p.livingMonthsDisabled.times(p.minimumLiving));
    if (!pension && status !== 'resident-pension' && status !== 'employee-pension' && extraAge) {
      const pensionAgeDate = birthdayAt(person.birthDate, male ? p.pensionAgeMale : p.pensionAgeFemale);
      one('living-subsidy-to-pension-age', p.minimumLiving.times(monthsBetween(expropriationDate, pensionAgeDate, 'up')));
    }
    // 六 (ruling of 2026-12): not for those who get the 3 extra years (men 55+, women 50+, or fully disabled).
    if (employment && !extraAge && !disabled) {
      const amount = fen(premium(p.guaranteeYears));
      raw.push({ id: 'guarantee-subsidy', amount, timing: 'deferred', funding: halves(amount) });
    }
    if (person.cooperated) {
      one('signing-fee', p.signingFee, 'town');
      one('cooperation-reward', p.cooperationReward, 'town');
    }
  }
  let total = new D(0);
  let at = new D(0);
  let deferred = new D(0);
  const byPayer = new Map<string, D>();
  for (const r of raw) {
    total = total.plus(r.amount);
    if (r.timing === 'deferred') deferred = deferred.plus(r.amount);
    else at = at.plus(r.amount);
    for (const f of r.funding) byPayer.set(f.payer, (byPayer.get(f.payer) ?? new D(0)).plus(f.amount));
    items.push({ id: r.id, amount: r.amount.toFixed(2), timing: r.timing, funding: r.funding.map((f) => ({ payer: f.payer, amount: f.amount.toFixed(2) })) });
  }
  const payers: Record<string, string> = {};
  for (const [k, v] of byPayer) payers[k] = v.toFixed(2);
  return { inScope, items, totals: { amount: total.toFixed(2), atExpropriation: at.toFixed(2), deferred: deferred.toFixed(2), byPayer: payers } };
}
