/**
 * Deterministic generated inputs for the benchmarks (an LCG, so every run decides the same
 * people). Nothing here is real data.
 */
import type { AllocationInput, PayoutInput, QuotaInput } from '../src';

export { households } from '../test/analysis/generate';

/** A small deterministic generator (LCG). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const STATUSES = ['none', 'none', 'none', 'resident-pension', 'resident-pension', 'employee-pension', 'old-worker-allowance'] as const;
const DATES = ['2022-09-20', '2023-03-15', '2023-11-02', '2024-09-20', '2025-04-30'];

/**
 * A resident-pension account: the individual contributions and collective subsidies are parts of
 * the balance (四(一); the input schema refuses parts that exceed it), the rest is interest and
 * government subsidy. Amounts in fen.
 */
function account(rnd: () => number) {
  const fen = (n: number) => (n / 100).toFixed(2);
  const contributions = Math.floor(rnd() * 2_000_000);
  const subsidies = Math.floor(rnd() * 500_000);
  const rest = Math.floor(rnd() * 6_500_000);
  return { balance: fen(contributions + subsidies + rest), individualContributions: fen(contributions), collectiveSubsidies: fen(subsidies) };
}

/**
 * Gucun `payout` person `i`: ages 5–90 on one of five expropriation dates, every stage and
 * pension status, some fully disabled, some electing employee insurance (with an account).
 */
export function payoutPerson(i: number, rnd: () => number): PayoutInput {
  const expropriationDate = DATES[Math.floor(rnd() * DATES.length)]!;
  const year = Number(expropriationDate.slice(0, 4)) - 5 - Math.floor(rnd() * 86);
  const status = STATUSES[Math.floor(rnd() * STATUSES.length)]!;
  const elects = status === 'resident-pension' && rnd() < 0.4;
  return {
    expropriationDate,
    person: {
      id: `P${i}`,
      sex: rnd() < 0.5 ? 'male' : 'female',
      birthDate: `${year}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`,
      pensionStatus: status,
      ...(rnd() < 0.05 ? { fullyDisabled: true } : {}),
      ...(elects ? { electsEmployeeInsurance: true, residentPensionAccount: account(rnd) } : {}),
      cooperated: rnd() < 0.9,
    },
  };
}

/** `n` generated payout inputs. */
export function* payoutPeople(n: number, seed = 17): Generator<PayoutInput> {
  const rnd = lcg(seed);
  for (let i = 0; i < n; i++) yield payoutPerson(i, rnd);
}

/** A generated Taizhou village's quota input. */
export function quotaInputs(n: number, seed = 23): QuotaInput[] {
  const rnd = lcg(seed);
  return Array.from({ length: n }, () => {
    const population = 200 + Math.floor(rnd() * 2000);
    return {
      approvalDate: `202${Math.floor(rnd() * 5)}-${pad(1 + Math.floor(rnd() * 12))}-15`,
      approvedAreaMu: (Math.floor(rnd() * 30000) / 100).toFixed(2),
      village: {
        agriculturalLandMu: (1000 + Math.floor(rnd() * 300000) / 100).toFixed(2),
        population16Plus: population,
        alreadyInsured: Math.floor(rnd() * population * 0.5),
      },
      rosterReportedOn: '2025-06-30',
    };
  });
}

/** A generated village of `size` households for `allocation` (Taizhou). */
export function allocationVillage(size = 200, seed = 29): AllocationInput {
  const rnd = lcg(seed);
  const households = Array.from({ length: size }, (_, i) => ({
    id: `H${String(i).padStart(4, '0')}`,
    expropriatedAreaMu: (Math.floor(rnd() * 500) / 100).toFixed(2),
    eligibleMembers: Math.floor(rnd() * 6),
  }));
  return { approvalDate: '2023-05-10', quota: Math.floor(size * 0.8), households };
}
