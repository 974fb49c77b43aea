import { describe, expect, it } from 'vitest';
import { engine } from '../helpers';

// 附表1 and interpretation `reported-figure-precision`: the figure on the form is compared with
// the computed one rounded half-up to as many decimals as the FORM shows. "0.20" shows two.
// (Found while checking fixtures/decisions by hand: "0.20" used to be read as "0.2", so
// 0.18 rounded to one place (0.2) "agreed".)

const household = (reported: string | number) => ({
  noticeDate: '2023-06-15',
  // (5.00 − 4.10) ÷ 5 = 0.90 ÷ 5 = 0.18 mu per person
  household: { originalCultivatedMu: '5.00', expropriatedCultivatedMu: '4.10', memberCount: 5, reportedPerCapitaAfterMu: reported },
  applicants: [{ id: 'A1', sex: 'female' as const, birthDate: '1977-02-14', basis: 'member' as const, collectiveMember: true, holdsContractRight: true }],
});

describe('附表1 reported-per-capita-agrees: at the precision written on the form', () => {
  it('"0.180" agrees, and the reason shows the figure as written', () => {
    const d = engine.eligibility(household('0.180'));
    expect(d.warnings.map((w) => w.code)).not.toContain('REPORTED_PER_CAPITA_MISMATCH');
    expect(d.reasons[0]!.values).toMatchObject({ reported: '0.180' });
  });
});
