import { describe, expect, it } from 'vitest';
import { createEngine, RulesetError } from '../../src';

describe('parameter resolution by date', () => {
  const file = {
    jurisdiction: 'cn.hunan.shaoyang',
    parameters: {
      'cn.hunan.shaoyang.max-per-capita-mu': {
        description: { zh: '阈值', en: 'threshold' },
        unit: 'mu',
        values: [
          { value: '0.3', from: '2020-01-01', to: '2022-12-31', source: 'A', verified: true },
          { value: '0.5', from: '2023-01-01', to: null, source: 'B', verified: false },
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
    expect(d.parameters.find((p) => p.id === 'cn.hunan.shaoyang.max-per-capita-mu')).toMatchObject({ value: '0.5', effectiveFrom: '2023-01-01', effectiveTo: null, source: 'B', verified: false });
  });
  it('warns when an unverified value is read', () => {
    expect(engine.eligibility(input('2023-06-01')).warnings.map((w) => w.code)).toContain('UNVERIFIED_PARAMETER');
    expect(engine.eligibility(input('2022-06-01')).warnings.map((w) => w.code)).not.toContain('UNVERIFIED_PARAMETER');
  });
  it('a series that stops short of the ruleset\'s window does not load: the RulesetError names the parameter and the first day without a value (issue 16)', () => {
    const short = structuredClone(file);
    short.parameters['cn.hunan.shaoyang.max-per-capita-mu'].values[1]!.to = '2023-12-31';
    try {
      createEngine({ parameters: [short] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RulesetError);
      expect((e as RulesetError).issues).toEqual([
        {
          code: 'parameter_gap',
          path: ['ruleset cn.hunan.shaoyang/2020-01-01', 'parameters', 'cn.hunan.shaoyang.max-per-capita-mu'],
          message: 'the ruleset reads cn.hunan.shaoyang.max-per-capita-mu, which has no value on 2024-01-01, inside its window (2020-01-01 to open)',
        },
      ]);
    }
  });
  it('so does a one-day gap inside the window (the series check itself)', () => {
    const gap = structuredClone(file);
    gap.parameters['cn.hunan.shaoyang.max-per-capita-mu'].values[1]!.from = '2023-01-02';
    expect(() => createEngine({ parameters: [gap] })).toThrow(RulesetError);
    expect(() => createEngine({ parameters: [gap] })).toThrow('leaves a gap after 2022-12-31 (next value starts 2023-01-02)');
  });
  it('an override is used whatever the date', () => {
    const d = engine.eligibility(input('2022-06-01'), { parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': '0.5' } });
    expect(d.outcome.applicants[0]!.eligible).toBe(true);
  });
});
