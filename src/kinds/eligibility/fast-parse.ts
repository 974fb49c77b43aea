import { decimalGreater, fastDecimal, hasOnlyKeys, isCountInput, isIdStringInput, isIsoDateInput, isObjectLike } from '../../engine/fast-parse';
import { EDUCATION_TYPES, MEMBERSHIP_BASES, SERVICE_RANKS, type EligibilityInputParsed } from './schema';

/**
 * The fast path of the `eligibility` input (issue 21): plain code that recognises an input
 * `eligibilityInput` (./schema.ts) accepts and gives the very value its `safeParse` gives (the
 * same keys in the same order, decimals normalised the same way), or undefined whenever it is
 * not sure, for the engine then to run the schema, whose issues are the ones reported.
 *
 * It must follow the schema: a field added there and not here makes the fast path refuse every
 * input with it (a strict object's unknown key), never accept a wrong one; the keys below are
 * checked against the schema's shape by test/cn.hunan.shaoyang/eligibility-fast-parse.test.ts.
 */

type Applicant = EligibilityInputParsed['applicants'][number];
type Household = EligibilityInputParsed['household'];

/** The keys of each object, in the schema's order (the order of the parsed value's keys). */
export const ELIGIBILITY_INPUT_KEYS = ['noticeDate', 'household', 'applicants'] as const;
export const ELIGIBILITY_HOUSEHOLD_KEYS = ['originalCultivatedMu', 'expropriatedCultivatedMu', 'memberCount', 'reportedPerCapitaAfterMu'] as const;
export const ELIGIBILITY_APPLICANT_KEYS = [
  'id',
  'sex',
  'birthDate',
  'basis',
  'collectiveMember',
  'holdsContractRight',
  'qualifiedBeforeLeaving',
  'education',
  'serviceRank',
  'resettlementAtHome',
  'parentIsMember',
  'democraticDecision',
] as const;
export const ELIGIBILITY_DEMOCRATIC_DECISION_KEYS = ['approved', 'noticeWithoutObjection'] as const;

const inputKeys: ReadonlySet<string> = new Set(ELIGIBILITY_INPUT_KEYS);
const householdKeys: ReadonlySet<string> = new Set(ELIGIBILITY_HOUSEHOLD_KEYS);
const applicantKeys: ReadonlySet<string> = new Set(ELIGIBILITY_APPLICANT_KEYS);
const decisionKeys: ReadonlySet<string> = new Set(ELIGIBILITY_DEMOCRATIC_DECISION_KEYS);
const bases: ReadonlySet<unknown> = new Set(MEMBERSHIP_BASES);
const educations: ReadonlySet<unknown> = new Set(EDUCATION_TYPES);
const ranks: ReadonlySet<unknown> = new Set(SERVICE_RANKS);

const landMu = fastDecimal({ min: 0 });
const reportedMu = fastDecimal({ min: 0, keepPlaces: true });

/** Marks a failed optional field (undefined is a value an optional field may have). */
const BAD: unique symbol = Symbol('bad');

/** An optional field: absent (nothing), present and undefined, or valid; else BAD. */
function optional<T>(o: Record<string, unknown>, key: string, valid: (v: unknown) => v is T): T | undefined | typeof BAD {
  const v = o[key];
  return v === undefined || valid(v) ? (v as T | undefined) : BAD;
}

const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isEducation = (v: unknown): v is Applicant['education'] => educations.has(v);
const isRank = (v: unknown): v is Applicant['serviceRank'] => ranks.has(v);

function fastHousehold(h: unknown): Household | undefined {
  if (!isObjectLike(h) || !hasOnlyKeys(h, householdKeys)) return undefined;
  const originalCultivatedMu = landMu(h.originalCultivatedMu);
  if (originalCultivatedMu === undefined) return undefined;
  const expropriatedCultivatedMu = landMu(h.expropriatedCultivatedMu);
  if (expropriatedCultivatedMu === undefined) return undefined;
  const memberCount = h.memberCount;
  if (!isCountInput(memberCount, 1)) return undefined;
  const out: Household = { originalCultivatedMu, expropriatedCultivatedMu, memberCount };
  if ('reportedPerCapitaAfterMu' in h) {
    const raw = h.reportedPerCapitaAfterMu;
    if (raw === undefined) out.reportedPerCapitaAfterMu = undefined;
    else {
      const reported = reportedMu(raw);
      if (reported === undefined) return undefined;
      out.reportedPerCapitaAfterMu = reported;
    }
  }
  return out;
}

function fastDemocraticDecision(d: unknown): d is { approved: boolean; noticeWithoutObjection: boolean } {
  return isObjectLike(d) && hasOnlyKeys(d, decisionKeys) && typeof d.approved === 'boolean' && typeof d.noticeWithoutObjection === 'boolean';
}

function fastApplicant(a: unknown): Applicant | undefined {
  if (!isObjectLike(a) || !hasOnlyKeys(a, applicantKeys)) return undefined;
  const { id, sex, birthDate, basis, collectiveMember, holdsContractRight } = a;
  if (!isIdStringInput(id) || (sex !== 'male' && sex !== 'female') || !isIsoDateInput(birthDate) || !bases.has(basis)) return undefined;
  if (typeof collectiveMember !== 'boolean' || typeof holdsContractRight !== 'boolean') return undefined;
  const out = { id, sex, birthDate, basis: basis as Applicant['basis'], collectiveMember, holdsContractRight } as Applicant;
  // Optional fields, in the schema's order: a key present (`in`, as zod reads it) is kept, even
  // with the value undefined; an absent one is left out.
  if ('qualifiedBeforeLeaving' in a) {
    const v = optional(a, 'qualifiedBeforeLeaving', isBoolean);
    if (v === BAD) return undefined;
    out.qualifiedBeforeLeaving = v;
  }
  if ('education' in a) {
    const v = optional(a, 'education', isEducation);
    if (v === BAD) return undefined;
    out.education = v;
  }
  if ('serviceRank' in a) {
    const v = optional(a, 'serviceRank', isRank);
    if (v === BAD) return undefined;
    out.serviceRank = v;
  }
  if ('resettlementAtHome' in a) {
    const v = optional(a, 'resettlementAtHome', isBoolean);
    if (v === BAD) return undefined;
    out.resettlementAtHome = v;
  }
  if ('parentIsMember' in a) {
    const v = optional(a, 'parentIsMember', isBoolean);
    if (v === BAD) return undefined;
    out.parentIsMember = v;
  }
  if ('democraticDecision' in a) {
    const d = a.democraticDecision;
    if (d === undefined) out.democraticDecision = undefined;
    else if (fastDemocraticDecision(d)) out.democraticDecision = { approved: d.approved, noticeWithoutObjection: d.noticeWithoutObjection };
    else return undefined;
  }
  return out;
}

/** Whether two of the applicants share an id (the schema's duplicate-id issue). */
function hasDuplicateId(applicants: readonly Applicant[]): boolean {
  const n = applicants.length;
  if (n <= 8) {
    for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) if (applicants[i]!.id === applicants[j]!.id) return true;
    return false;
  }
  const seen = new Set<string>();
  for (const a of applicants) {
    if (seen.has(a.id)) return true;
    seen.add(a.id);
  }
  return false;
}

/**
 * `eligibilityInput.safeParse(input).data` when the input is one the schema accepts, in plain
 * code; undefined when the input may not be (the schema then decides and says why).
 *
 * @example
 * ```ts
 * fastEligibilityInput({ noticeDate: '2023-05-10', household: { originalCultivatedMu: '2.40', expropriatedCultivatedMu: 1.8, memberCount: 4 },
 *   applicants: [{ id: 'A1', sex: 'female', birthDate: '1980-03-02', basis: 'member', collectiveMember: true, holdsContractRight: true }] });
 * // { noticeDate: '2023-05-10', household: { originalCultivatedMu: '2.4', expropriatedCultivatedMu: '1.8', memberCount: 4 }, applicants: [ … ] }
 * fastEligibilityInput({ noticeDate: '2023-02-30' }); // undefined
 * ```
 */
export function fastEligibilityInput(input: unknown): EligibilityInputParsed | undefined {
  if (!isObjectLike(input) || !hasOnlyKeys(input, inputKeys)) return undefined;
  const noticeDate = input.noticeDate;
  if (!isIsoDateInput(noticeDate)) return undefined;
  const household = fastHousehold(input.household);
  if (household === undefined) return undefined;
  const raw = input.applicants;
  if (!Array.isArray(raw) || raw.length < 1 || raw.length > 10_000 || raw.length > household.memberCount) return undefined;
  const applicants: Applicant[] = new Array<Applicant>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const a = fastApplicant(raw[i]);
    if (a === undefined) return undefined;
    applicants[i] = a;
  }
  if (hasDuplicateId(applicants)) return undefined;
  if (decimalGreater(household.expropriatedCultivatedMu, household.originalCultivatedMu)) return undefined;
  return { noticeDate, household, applicants };
}
