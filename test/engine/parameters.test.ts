import { describe, expect, it } from 'vitest';
import { createEngine, MissingParameterError } from '../../src';

describe('parameter resolution by date', () => {
  const file = {
    jurisdiction: 'cn.hunan.shaoyang',
    parameters: {
      'cn.hunan.shaoyang.max-per-capita-mu': {
        description: { zh: '阈值', en: 'threshold' },
        unit: 'mu',
        values: [
          { value: '0.3', from: '2020-01-01', to: '2022-12-31', source: 'A', verified: true },
          { value: '0.5', from: '2023-01-01', to: '2023-12-31', source: 'B', verified: false },
        ],
      },
    },
  };
  const engine = createEngine({ parameters: [file] });
  const input = (noticeDate: string) => ({
    noticeDate,
    household: { originalCultivatedMu: '1.6', expropriatedCultivatedMu: '0', memberCount: 4 }, // 0.4 mu per person
    applicants: [{ id: 'A', sex: 'male' as const, birthDate: '1970-01-01', basis: 'member' as const, collectiveMember: true, holdsContractRight: true }],
  });

  it('uses the value in force on the last day of a window and the first day of the next', () => {
    expect(engine.eligibility(input('2022-12-31')).outcome.applicants[0]!.eligible).toBe(false);
    const d = engine.eligibility(input('2023-01-01'));
    expect(d.outcome.applicants[0]!.eligible).toBe(true);
    expect(d.parameters.find((p) => p.id === 'cn.hunan.shaoyang.max-per-capita-mu')).toMatchObject({ value: '0.5', effectiveFrom: '2023-01-01', effectiveTo: '2023-12-31', source: 'B', verified: false });
  });
  it('warns when an unverified value is read', () => {
    expect(engine.eligibility(input('2023-06-01')).warnings.map((w) => w.code)).toContain('UNVERIFIED_PARAMETER');
    expect(engine.eligibility(input('2022-06-01')).warnings.map((w) => w.code)).not.toContain('UNVERIFIED_PARAMETER');
  });
  it('throws MissingParameterError naming parameter and date when no value covers the date', () => {
    try {
      engine.eligibility(input('2024-01-01'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MissingParameterError);
      expect(e).toMatchObject({ code: 'MISSING_PARAMETER', parameter: 'cn.hunan.shaoyang.max-per-capita-mu', date: '2024-01-01' });
    }
  });
  it('an override is used whatever the date', () => {
    const d = engine.eligibility(input('2024-01-01'), { parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': '0.5' } });
    expect(d.outcome.applicants[0]!.eligible).toBe(true);
  });
});
