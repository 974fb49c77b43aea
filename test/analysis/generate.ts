import type { EligibilityInput } from '../../src';

/** A small deterministic generator (LCG) so large batches are the same on every run. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const BASES = ['member', 'student', 'conscript', 'parent-member', 'democratic-decision'] as const;

/**
 * Household `i` of a generated village: sizes 1–6, land in tenths of a mu, birth years
 * 1940–2012, every membership basis. Every 97th input is invalid (expropriated > original).
 */
export function household(i: number, rnd: () => number): EligibilityInput | Record<string, unknown> {
  const members = 1 + Math.floor(rnd() * 6);
  const original = Math.floor(rnd() * 60); // tenths of a mu
  const taken = Math.floor(rnd() * (original + 1));
  const applicants = Array.from({ length: 1 + Math.floor(rnd() * members) }, (_, j) => {
    const basis = BASES[Math.floor(rnd() * BASES.length)]!;
    const year = 1940 + Math.floor(rnd() * 73);
    return {
      id: `H${i}-${j}`,
      sex: rnd() < 0.5 ? ('male' as const) : ('female' as const),
      birthDate: `${year}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`,
      basis,
      collectiveMember: rnd() < 0.8,
      holdsContractRight: rnd() < 0.8,
      ...(basis === 'student' || basis === 'conscript' ? { qualifiedBeforeLeaving: rnd() < 0.7 } : {}),
      ...(basis === 'parent-member' ? { parentIsMember: rnd() < 0.7 } : {}),
      ...(basis === 'democratic-decision' ? { democraticDecision: { approved: rnd() < 0.7, noticeWithoutObjection: rnd() < 0.8 } } : {}),
    };
  });
  const h = {
    noticeDate: `202${Math.floor(rnd() * 5)}-0${1 + Math.floor(rnd() * 9)}-15`,
    household: { originalCultivatedMu: (original / 10).toFixed(1), expropriatedCultivatedMu: (taken / 10).toFixed(1), memberCount: members },
    applicants,
  };
  if (i % 97 === 96) h.household.expropriatedCultivatedMu = (original / 10 + 1).toFixed(1);
  return h;
}

/** `n` generated households. */
export function* households(n: number, seed = 7): Generator<EligibilityInput | Record<string, unknown>> {
  const rnd = lcg(seed);
  for (let i = 0; i < n; i++) yield household(i, rnd);
}
