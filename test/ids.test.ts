import { readFileSync } from 'node:fs';
import { expect, expectTypeOf, it } from 'vitest';
import { idsSource } from '../scripts/gen-ids';
import type { Payer, RuleId, WarningCode } from '../src';
import { engine } from './helpers';

// src/ids.ts is generated from rulesets/* (npm run ids): it must be what the script writes now.
it('src/ids.ts is current (run npm run ids after changing a ruleset)', () => {
  expect(readFileSync(new URL('../src/ids.ts', import.meta.url), 'utf8')).toBe(idsSource());
});

it('the unions hold what decisions carry', () => {
  const d = engine.eligibility({
    noticeDate: '2023-06-15',
    household: { originalCultivatedMu: '3.60', expropriatedCultivatedMu: '2.40', memberCount: 4 }, // 0.30 mu: not under 0.3 (二(一))
    applicants: [{ id: 'A', sex: 'male', birthDate: '2007-06-16', basis: 'member', collectiveMember: true, holdsContractRight: true }], // 15 on the notice date
  });
  const failed = d.outcome.applicants[0]!.failed as Array<RuleId<'eligibility'>>;
  expect(failed.sort()).toEqual(['age-16', 'per-capita-under-0.3']);
  expectTypeOf<'age-16'>().toExtend<RuleId<'eligibility'>>();
  expectTypeOf<'acquiring-unit'>().toExtend<Payer>();
  const codes: WarningCode[] = d.warnings.map((w) => w.code as WarningCode);
  expect(codes).toContain('ASSUMED_EFFECTIVE_DATE');
});
