import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createEngine, InputError, type EligibilityInput } from '../../src';
import { eligibility } from '../../src/kinds/eligibility';
import {
  ELIGIBILITY_APPLICANT_KEYS,
  ELIGIBILITY_DEMOCRATIC_DECISION_KEYS,
  ELIGIBILITY_HOUSEHOLD_KEYS,
  ELIGIBILITY_INPUT_KEYS,
  fastEligibilityInput,
} from '../../src/kinds/eligibility/fast-parse';
import { eligibilityApplicant, eligibilityInput as eligibilitySchema } from '../../src/kinds/eligibility/schema';
import { eligibilityInput } from '../arbitraries/eligibility';
import { dateEdge, decimalEdge, idEdge } from '../arbitraries/edge';
import { runs } from '../property-runs';
import { expectSameAsZod } from '../same-as-zod';

// The fast path of the eligibility input (src/kinds/eligibility/fast-parse.ts) against the zod
// schema: on valid inputs and on inputs broken in every way generated here, whenever the fast
// path gives a value it is zod's (deep, key order, undefined-valued keys), it gives nothing when
// zod refuses, and it does give a value for every input zod accepts (so the engine really takes it).

type Kind = 'decimal' | 'date' | 'id' | 'sex' | 'basis' | 'education' | 'rank' | 'bool' | 'count' | 'object' | 'array';

/** Every place of an input that a mutation may touch, with what belongs there. */
function placesOf(input: EligibilityInput): Array<{ path: Array<string | number>; kind: Kind }> {
  const places: Array<{ path: Array<string | number>; kind: Kind }> = [
    { path: ['noticeDate'], kind: 'date' },
    { path: ['household'], kind: 'object' },
    { path: ['household', 'originalCultivatedMu'], kind: 'decimal' },
    { path: ['household', 'expropriatedCultivatedMu'], kind: 'decimal' },
    { path: ['household', 'memberCount'], kind: 'count' },
    { path: ['household', 'reportedPerCapitaAfterMu'], kind: 'decimal' },
    { path: ['applicants'], kind: 'array' },
  ];
  const fields: Record<string, Kind> = {
    id: 'id', sex: 'sex', birthDate: 'date', basis: 'basis', collectiveMember: 'bool', holdsContractRight: 'bool', qualifiedBeforeLeaving: 'bool',
    education: 'education', serviceRank: 'rank', resettlementAtHome: 'bool', parentIsMember: 'bool', democraticDecision: 'object',
  };
  input.applicants.forEach((_a, i) => {
    places.push({ path: ['applicants', i], kind: 'object' });
    for (const [k, kind] of Object.entries(fields)) places.push({ path: ['applicants', i, k], kind });
    places.push({ path: ['applicants', i, 'democraticDecision', 'approved'], kind: 'bool' });
    places.push({ path: ['applicants', i, 'democraticDecision', 'noticeWithoutObjection'], kind: 'bool' });
  });
  return places;
}

const anything = fc.anything({ maxDepth: 2, withNullPrototype: true, withSparseArray: true, withBigInt: true });
const valueFor: Record<Kind, fc.Arbitrary<unknown>> = {
  decimal: decimalEdge,
  date: dateEdge,
  id: idEdge,
  sex: fc.constantFrom('male', 'female', 'Male', '', 'other', null),
  basis: fc.constantFrom('member', 'student', 'conscript', 'parent-member', 'democratic-decision', 'Member', 'none', 1),
  education: fc.constantFrom('college', 'technical-secondary', 'other', 'school', undefined, null),
  rank: fc.constantFrom('conscript', 'sergeant-first-class', 'officer', 'general', undefined, ''),
  bool: fc.constantFrom(true, false, 0, 1, 'true', null, undefined),
  count: fc.oneof(fc.integer({ min: -2, max: 12 }), fc.constantFrom(-0, 1.5, 1e9, 1e9 + 1, NaN, Infinity, '4', null, 2 ** 53)),
  object: fc.oneof(fc.constantFrom({}, null, [], 'x', { approved: true, noticeWithoutObjection: false }), anything),
  array: fc.oneof(fc.constantFrom([], {}, null, [{}]), anything),
};
const mutation = fc.record({
  op: fc.constantFrom('set', 'set', 'set', 'delete', 'undefined', 'extra', 'null-prototype', 'duplicate-id', 'members', 'sparse', 'swap-land'),
  at: fc.nat(),
  other: fc.nat(),
  typed: fc.boolean(),
  values: fc.record(valueFor),
  any: anything,
  extraKey: fc.constantFrom('extra', '__proto__', 'toString', 'constructor', 'ID', 'noticedate', ''),
});
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function at(root: unknown, path: ReadonlyArray<string | number>): unknown {
  return path.reduce<unknown>((o, k) => (typeof o === 'object' && o !== null ? (o as Record<string | number, unknown>)[k] : undefined), root);
}

/** Applies a mutation to a deep copy's place (quietly nothing when the place is gone). */
function apply(root: { value: unknown }, m: Mutation, places: ReturnType<typeof placesOf>): void {
  const place = places[m.at % places.length]!;
  const path = ['value', ...place.path];
  const parent = at(root, path.slice(0, -1));
  const key = path[path.length - 1]!;
  if (typeof parent !== 'object' || parent === null) return;
  const p = parent as Record<string | number, unknown>;
  const input = root.value as Record<string, unknown> & { applicants?: unknown; household?: unknown };
  switch (m.op) {
    case 'set':
      p[key] = m.typed ? m.values[place.kind] : m.any;
      break;
    case 'delete':
      delete p[key];
      break;
    case 'undefined':
      p[key] = undefined;
      break;
    case 'extra': {
      const target = typeof p[key] === 'object' && p[key] !== null ? p[key] : p;
      Object.defineProperty(target, m.extraKey, { value: m.any, enumerable: true, configurable: true, writable: true });
      break;
    }
    case 'null-prototype': {
      const o = p[key];
      if (typeof o === 'object' && o !== null && !Array.isArray(o)) p[key] = Object.assign(Object.create(null) as object, o);
      break;
    }
    case 'duplicate-id': {
      const list = input.applicants;
      if (Array.isArray(list) && list.length > 1) {
        const [a, b] = [list[m.at % list.length], list[m.other % list.length]] as Array<Record<string, unknown> | undefined>;
        if (a && b && typeof a === 'object' && typeof b === 'object') a.id = b.id;
      }
      break;
    }
    case 'members': {
      const [list, h] = [input.applicants, input.household] as [unknown, Record<string, unknown> | undefined];
      if (Array.isArray(list) && h && typeof h === 'object') h.memberCount = list.length - (m.other % 2);
      break;
    }
    case 'sparse':
      if (Array.isArray(input.applicants)) input.applicants.length += 1;
      break;
    case 'swap-land': {
      const h = input.household as Record<string, unknown> | undefined;
      if (h && typeof h === 'object') [h.originalCultivatedMu, h.expropriatedCultivatedMu] = [h.expropriatedCultivatedMu, h.originalCultivatedMu];
      break;
    }
  }
}

/** Valid inputs, and copies changed by up to 3 mutations (most break them; some, such as an optional key set to undefined, do not). */
const inputs: fc.Arbitrary<unknown> = fc
  .tuple(eligibilityInput({ noticeFrom: '1990-01-01' }), fc.array(mutation, { maxLength: 3 }), fc.boolean())
  .map(([base, mutations, jsonRoundTrip]) => {
    const places = placesOf(base);
    const root = { value: structuredClone(base) as unknown };
    for (const m of mutations) apply(root, m, places);
    // Through JSON (an own "__proto__" key as JSON.parse makes it, undefined values dropped).
    if (jsonRoundTrip && mutations.length > 0) {
      try {
        return JSON.parse(JSON.stringify(root.value)) as unknown;
      } catch {
        return root.value; // a BigInt: not JSON
      }
    }
    return root.value;
  });

describe('fastEligibilityInput gives what eligibilityInput.safeParse gives', () => {
  it('knows the keys of the schema, in its order', () => {
    expect(ELIGIBILITY_INPUT_KEYS).toEqual(Object.keys(eligibilitySchema.shape));
    expect(ELIGIBILITY_HOUSEHOLD_KEYS).toEqual(Object.keys(eligibilitySchema.shape.household.shape));
    expect(ELIGIBILITY_APPLICANT_KEYS).toEqual(Object.keys(eligibilityApplicant.shape));
    expect(ELIGIBILITY_DEMOCRATIC_DECISION_KEYS).toEqual(Object.keys(eligibilityApplicant.shape.democraticDecision.unwrap().shape));
  });

  let accepted = 0;
  let refused = 0;
  test.prop([inputs], { numRuns: runs(3000) })('on valid and broken inputs', (input) => {
    const zod = eligibilitySchema.safeParse(input);
    const fast = fastEligibilityInput(input);
    expectSameAsZod(fast, zod);
    // Every input zod accepts is recognised: the fast path is not a way of always asking zod.
    expect(fast !== undefined).toBe(zod.success);
    if (zod.success) accepted++;
    else refused++;
  });
  it('the generator gave both kinds of input', () => {
    // (After the property above: both counts are in the hundreds at the default number of runs.)
    expect(accepted).toBeGreaterThan(runs(3000) / 10);
    expect(refused).toBeGreaterThan(runs(3000) / 10);
  });

  test.prop([anything], { numRuns: runs(1000) })('on anything', (v) => {
    expectSameAsZod(fastEligibilityInput(v), eligibilitySchema.safeParse(v));
  });

  it('keeps optional keys given as undefined, as zod does, and leaves out absent ones', () => {
    const input = {
      noticeDate: '2023-05-10',
      household: { originalCultivatedMu: '2.40', expropriatedCultivatedMu: 1.8, memberCount: 4, reportedPerCapitaAfterMu: undefined },
      applicants: [{ id: 'A1', sex: 'female', birthDate: '1980-03-02', basis: 'member', collectiveMember: true, holdsContractRight: true, education: undefined }],
    };
    const fast = fastEligibilityInput(input);
    expect(fast).toStrictEqual(eligibilitySchema.parse(input));
    expect(Object.keys(fast!.household)).toEqual(['originalCultivatedMu', 'expropriatedCultivatedMu', 'memberCount', 'reportedPerCapitaAfterMu']);
    expect(Object.keys(fast!.applicants[0]!)).toEqual(['id', 'sex', 'birthDate', 'basis', 'collectiveMember', 'holdsContractRight', 'education']);
    expect(fast!.household.originalCultivatedMu).toBe('2.4');
  });
});

describe('the engine with the fast path decides as the engine without it', () => {
  const { fastParse: _withoutFastParse, ...zodOnly } = eligibility;
  const slow = createEngine({ kinds: { eligibility: zodOnly } });
  const fast = createEngine();
  const outcome = (e: typeof fast, input: unknown): unknown => {
    try {
      const d = e.evaluate({ kind: 'eligibility', jurisdiction: 'cn.hunan.shaoyang', input: input as EligibilityInput });
      return { decision: JSON.parse(JSON.stringify(d)) as unknown, request: d.request };
    } catch (e) {
      return e instanceof InputError ? { issues: e.issues, message: e.message } : { error: String(e) };
    }
  };
  test.prop([inputs], { numRuns: runs(300) })('same decision, or the same InputError issues', (input) => {
    expect(outcome(fast, input)).toStrictEqual(outcome(slow, input));
  });
});
