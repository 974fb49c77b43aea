import { fastDecimal, hasOnlyKeys, isIdStringInput, isIsoDateInput, isObjectLike } from '../../engine/fast-parse';
import { PENSION_STATUSES, type PayoutInputParsed } from './schema';

/**
 * The fast path of the `payout` input (issue 21), as src/kinds/eligibility/fast-parse.ts is for
 * eligibility: plain code giving the value `payoutInput.safeParse` gives when it is sure the
 * input is valid, else undefined (the engine then runs the schema, whose issues are reported).
 * The keys below are checked against the schema's shape by test/kinds/payout-fast-parse.test.ts.
 */

type Person = PayoutInputParsed['person'];
type Account = NonNullable<Person['residentPensionAccount']>;

/** The keys of each object, in the schema's order (the order of the parsed value's keys). */
export const PAYOUT_INPUT_KEYS = ['expropriationDate', 'person'] as const;
export const PAYOUT_PERSON_KEYS = [
  'id',
  'sex',
  'birthDate',
  'fullyDisabled',
  'pensionStatus',
  'electsEmployeeInsurance',
  'residentPensionAccount',
  'cooperated',
] as const;
export const PAYOUT_ACCOUNT_KEYS = ['balance', 'individualContributions', 'collectiveSubsidies'] as const;

const inputKeys: ReadonlySet<string> = new Set(PAYOUT_INPUT_KEYS);
const personKeys: ReadonlySet<string> = new Set(PAYOUT_PERSON_KEYS);
const accountKeys: ReadonlySet<string> = new Set(PAYOUT_ACCOUNT_KEYS);
const statuses: ReadonlySet<unknown> = new Set(PENSION_STATUSES);
const money = fastDecimal({ min: 0 });

function fastAccount(a: unknown): Account | undefined {
  if (!isObjectLike(a) || !hasOnlyKeys(a, accountKeys)) return undefined;
  const balance = money(a.balance);
  if (balance === undefined) return undefined;
  const individualContributions = money(a.individualContributions);
  if (individualContributions === undefined) return undefined;
  const collectiveSubsidies = money(a.collectiveSubsidies);
  if (collectiveSubsidies === undefined) return undefined;
  return { balance, individualContributions, collectiveSubsidies };
}

function fastPerson(p: unknown): Person | undefined {
  if (!isObjectLike(p) || !hasOnlyKeys(p, personKeys)) return undefined;
  const { id, sex, birthDate, pensionStatus, cooperated } = p;
  if (!isIdStringInput(id) || (sex !== 'male' && sex !== 'female') || !isIsoDateInput(birthDate)) return undefined;
  const out = { id, sex, birthDate } as Person;
  // Optional fields: a key present (`in`, as zod reads it) is kept, even with the value undefined.
  if ('fullyDisabled' in p) {
    const v = p.fullyDisabled;
    if (v !== undefined && typeof v !== 'boolean') return undefined;
    out.fullyDisabled = v;
  }
  if (!statuses.has(pensionStatus)) return undefined;
  out.pensionStatus = pensionStatus as Person['pensionStatus'];
  if ('electsEmployeeInsurance' in p) {
    const v = p.electsEmployeeInsurance;
    if (v !== undefined && typeof v !== 'boolean') return undefined;
    out.electsEmployeeInsurance = v;
  }
  if ('residentPensionAccount' in p) {
    const raw = p.residentPensionAccount;
    if (raw === undefined) out.residentPensionAccount = undefined;
    else {
      const account = fastAccount(raw);
      if (account === undefined) return undefined;
      out.residentPensionAccount = account;
    }
  }
  if (typeof cooperated !== 'boolean') return undefined;
  out.cooperated = cooperated;
  return out;
}

/**
 * `payoutInput.safeParse(input).data` when the input is one the schema accepts, in plain code;
 * undefined when it may not be (the schema then decides and says why).
 *
 * @example
 * ```ts
 * fastPayoutInput({ expropriationDate: '2024-09-20', person: { id: 'GC-01', sex: 'male', birthDate: '1988-04-12', pensionStatus: 'none', cooperated: true } });
 * // the same object, as the schema gives it
 * fastPayoutInput({ expropriationDate: '2024-09-20', person: { id: 'GC-01', sex: 'male', birthDate: '2025-01-01', pensionStatus: 'none', cooperated: true } });
 * // undefined (born after the expropriation date: the schema says so)
 * ```
 */
export function fastPayoutInput(input: unknown): PayoutInputParsed | undefined {
  if (!isObjectLike(input) || !hasOnlyKeys(input, inputKeys)) return undefined;
  const expropriationDate = input.expropriationDate;
  if (!isIsoDateInput(expropriationDate)) return undefined;
  const person = fastPerson(input.person);
  if (person === undefined || person.birthDate > expropriationDate) return undefined;
  return { expropriationDate, person };
}
