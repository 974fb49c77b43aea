import { describe, expect, it } from 'vitest';
import { applicantRows, decisionRows, errorRows, evaluateBatch, payoutItemRows, toCsv, totalsByOutcome, totalsByPayer, totalsByStage, type AnyDecision, type EligibilityInput } from '../../src';
import { engine } from '../helpers';

// Summaries (issue 7): decisions → plain rows for console.table / CSV, totals by payer, stage, outcome.

const h = (over: Partial<EligibilityInput['household']>, ids: string[]): EligibilityInput => ({
  noticeDate: '2023-05-10',
  household: { originalCultivatedMu: '2.4', expropriatedCultivatedMu: '1.8', memberCount: 4, ...over },
  applicants: ids.map((id) => ({ id, sex: 'female', birthDate: id === 'kid' ? '2012-01-01' : '1980-03-02', basis: 'member', collectiveMember: true, holdsContractRight: true })),
});

describe('eligibility rows', () => {
  // household 0: 0.6 / 4 = 0.15 mu each → adult eligible, child fails age-16
  // household 1: 2.0 / 4 = 0.5 mu each → fails per-capita-under-0.3
  // household 2: invalid (expropriated more than original)
  const results = [...evaluateBatch(engine, 'eligibility', [h({}, ['A', 'kid']), h({ originalCultivatedMu: '3.0', expropriatedCultivatedMu: '1.0' }, ['B']), h({ expropriatedCultivatedMu: '9' }, ['C'])])];

  it('one row per applicant, with the household figure', () => {
    expect(applicantRows(results)).toEqual([
      { index: 0, applicant: 'A', eligible: true, failed: '', perCapitaAfterMu: '0.1500', perCapitaAfterMuExact: '0.15', eligibleCount: 1, asOf: '2023-05-10' },
      { index: 0, applicant: 'kid', eligible: false, failed: 'age-16', perCapitaAfterMu: '0.1500', perCapitaAfterMuExact: '0.15', eligibleCount: 1, asOf: '2023-05-10' },
      { index: 1, applicant: 'B', eligible: false, failed: 'per-capita-under-0.3', perCapitaAfterMu: '0.5000', perCapitaAfterMuExact: '0.5', eligibleCount: 0, asOf: '2023-05-10' },
    ]);
  });

  it('one row per decision, and one per error', () => {
    const rows = decisionRows(results);
    expect(rows[0]).toMatchObject({ index: 0, kind: 'eligibility', jurisdiction: 'cn.hunan.shaoyang', asOf: '2023-05-10', eligibleCount: 1 });
    expect(rows[0]).not.toHaveProperty('applicants');
    expect(rows[2]).toMatchObject({ index: 2, error: 'INVALID_INPUT' });
    expect(errorRows(results)).toEqual([{ index: 2, code: 'INVALID_INPUT', message: 'Invalid input (1 problem):', issues: 'input.household.expropriatedCultivatedMu: cannot exceed originalCultivatedMu (2.4)' }]);
    // plain decisions (not batch results) are numbered by position
    expect(decisionRows([engine.eligibility(h({}, ['A']))])[0]).toMatchObject({ index: 0, eligibleCount: 1 });
  });

  it('counts outcomes, largest first', () => {
    expect(totalsByOutcome(results)).toEqual([
      { outcome: 'eligible', count: 1 },
      { outcome: 'error: INVALID_INPUT', count: 1 },
      { outcome: 'not eligible: age-16', count: 1 },
      { outcome: 'not eligible: per-capita-under-0.3', count: 1 },
    ]);
  });
});

describe('payout rows (public payout outcome shape)', () => {
  // Two hand-made payout decisions in the API.md shape.
  const payout = (stage: string, items: Array<[string, string, Array<[string, string]>]>, byPayer: Record<string, string>, amount: string): AnyDecision => ({
    kind: 'payout',
    jurisdiction: 'cn.shanghai.baoshan.gucun',
    asOf: '2024-03-01',
    ruleset: { id: 'gucun', version: '1', hash: 'x' },
    outcome: { stage, items: items.map(([code, amt, funding]) => ({ code, article: '四', amount: amt, timing: 'at-expropriation', funding: funding.map(([payer, a]) => ({ payer, amount: a })), label: { zh: code, en: code } })), totals: { amount, atExpropriation: amount, deferred: '0.00', byPayer } },
  });
  const decisions = [
    payout('employment', [['lump-sum-premium', '207360.00', [['district', '124416.00'], ['town', '82944.00']]], ['signing-fee', '3000.00', [['acquiring-unit', '3000.00']]]], { district: '124416.00', town: '82944.00', 'acquiring-unit': '3000.00' }, '210360.00'),
    payout('pension', [['one-time-compensation', '12000.50', [['district', '12000.50']]]], { district: '12000.50' }, '12000.50'),
  ];

  it('one row per item with a column per payer', () => {
    expect(payoutItemRows(decisions)).toEqual([
      { index: 0, stage: 'employment', code: 'lump-sum-premium', article: '四', timing: 'at-expropriation', amount: '207360.00', 'payer:district': '124416.00', 'payer:town': '82944.00' },
      { index: 0, stage: 'employment', code: 'signing-fee', article: '四', timing: 'at-expropriation', amount: '3000.00', 'payer:acquiring-unit': '3000.00' },
      { index: 1, stage: 'pension', code: 'one-time-compensation', article: '四', timing: 'at-expropriation', amount: '12000.50', 'payer:district': '12000.50' },
    ]);
  });

  it('totals by payer: 124416.00 + 12000.50 = 136416.50 for the district', () => {
    expect(totalsByPayer(decisions)).toEqual({ 'acquiring-unit': '3000.00', district: '136416.50', town: '82944.00' });
  });

  it('totals by stage', () => {
    expect(totalsByStage(decisions)).toEqual([
      { stage: 'employment', people: 1, amount: '210360.00', atExpropriation: '210360.00', deferred: '0.00' },
      { stage: 'pension', people: 1, amount: '12000.50', atExpropriation: '12000.50', deferred: '0.00' },
    ]);
    expect(totalsByOutcome(decisions)).toEqual([
      { outcome: 'employment', count: 1 },
      { outcome: 'pension', count: 1 },
    ]);
  });
});

describe('toCsv', () => {
  it('quotes separators, quotes, line breaks and edge spaces (RFC 4180)', () => {
    const csv = toCsv([
      { id: 'A1', note: 'say "hi", then go', n: 3, ok: true },
      { id: ' B', note: 'two\nlines', n: null },
    ]);
    expect(csv).toBe('id,note,n,ok\nA1,"say ""hi"", then go",3,true\n" B","two\nlines",,\n');
  });
  it('takes columns, separator and line ending; Chinese text passes through', () => {
    expect(toCsv([{ 户: '刘建国户', 认定: '符合' }], { columns: ['认定', '户'], separator: ';', eol: '\r\n' })).toBe('认定;户\r\n符合;刘建国户\r\n');
    expect(toCsv([])).toBe('\n');
  });
});
