import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../src/kinds/procedure';
import { engine, inputIssues } from '../helpers';

// The checks across fields of every kind's input schema (the `superRefine` of each
// src/kinds/*/schema.ts): each rejected input gives exactly the issues listed (path and message),
// and the input at the boundary the check allows is accepted. Between them they state, for every
// cross-field rule, where the line is and what the caller is told. (Figures in a message are the
// parsed decimal: "4.80" is shown as 4.8.)

type Case = {
  /** What is checked, with the clause it serves. */
  name: string;
  kind: string;
  asOf?: string;
  /** Rejected: exactly these issues, in this order. */
  bad: unknown;
  issues: Array<{ path: string; message: string }>;
  /** Accepted: the same input at the boundary. */
  good: unknown[];
};

const shaoyangHousehold = (household: object, applicants = 1) => ({
  noticeDate: '2023-06-15',
  household: { originalCultivatedMu: '4.80', expropriatedCultivatedMu: '4.20', memberCount: 2, ...household },
  applicants: Array.from({ length: applicants }, (_, i) => ({
    id: `A${i}`,
    sex: 'male',
    birthDate: '1968-04-12',
    basis: 'member',
    collectiveMember: true,
    holdsContractRight: true,
  })),
});
const enrollment = (over: object, nominee: object = {}) => ({ rosterReportedOn: '2020-06-15', nominees: [{ id: 'N1', ...nominee }], ...over });
const release = (event: object) => ({ eventDate: '2024-03-01', personId: 'P1', event: { type: 'guarantee-release', route: 'full-contribution', subsidy: '100', contributionMonths: 180, ...event } });
const payout = (person: object) => ({
  expropriationDate: '2024-09-20',
  person: { id: 'P1', sex: 'female', birthDate: '1960-03-02', pensionStatus: 'none', cooperated: true, ...person },
});
const account = { balance: '1000', individualContributions: '600', collectiveSubsidies: '400' };
const quotaVillage = { agriculturalLandMu: '200', population16Plus: 450, alreadyInsured: 50 };
const quota = (over: object, village: object = quotaVillage) => ({ approvalDate: '2020-05-01', approvedAreaMu: '30', village, ...over });
const screening = (enrollee: object, over: object = {}) => ({
  noticeDate: '2012-05-10',
  historicalStandardMu: '0.3',
  enrollees: [{ id: 'E1', birthDate: '1970-01-01', collectiveMemberAtNotice: true, perCapitaAfterMu: '0.2', publicServiceStaff: false, ...enrollee }],
  ...over,
});
const procedure = (events: object[]) => ({ caseId: 'C1', events });
const allocation = (ids: string[]) => ({ approvalDate: '2020-04-20', quota: 5, households: ids.map((id) => ({ id, expropriatedAreaMu: '4.20', eligibleMembers: 3 })) });
const reallocation = (ids: string[]) => ({
  rosterReportedOn: '2020-06-15',
  freedPlaces: 1,
  candidates: ids.map((id) => ({ id, collectiveMember: true, landExpropriated: true, alreadyInsured: false })),
});

const CASES: Case[] = [
  {
    name: 'eligibility (二(一)): expropriated land cannot exceed the original land; equal is allowed',
    kind: 'eligibility',
    bad: shaoyangHousehold({ expropriatedCultivatedMu: '4.81' }),
    issues: [{ path: 'input.household.expropriatedCultivatedMu', message: 'cannot exceed originalCultivatedMu (4.8)' }],
    good: [shaoyangHousehold({ expropriatedCultivatedMu: '4.80' })],
  },
  {
    name: 'eligibility: no more applicants than household members; as many is allowed',
    kind: 'eligibility',
    bad: shaoyangHousehold({ memberCount: 2 }, 3),
    issues: [{ path: 'input.applicants', message: '3 applicants but the household has 2 members' }],
    good: [shaoyangHousehold({ memberCount: 3 }, 3)],
  },
  {
    name: 'enrollment (三(四)): the deadline is not before the roster date; the roster date itself is allowed',
    kind: 'enrollment',
    bad: enrollment({ deadline: '2020-06-14' }),
    issues: [{ path: 'input.deadline', message: 'is before the roster date 2020-06-15' }],
    good: [enrollment({ deadline: '2020-06-15' }), enrollment({})],
  },
  {
    name: "enrollment: a nominee's enrolment, payment and waiver dates are not before the roster date",
    kind: 'enrollment',
    bad: enrollment({}, { enrolledOn: '2020-06-14', paidOn: '2020-01-01' }),
    issues: [
      { path: 'input.nominees.0.enrolledOn', message: 'is before the roster date 2020-06-15' },
      { path: 'input.nominees.0.paidOn', message: 'is before the roster date 2020-06-15' },
    ],
    good: [enrollment({}, { enrolledOn: '2020-06-15', paidOn: '2020-06-15' }), enrollment({}, { declaredWaiverOn: '2020-06-15' })],
  },
  {
    name: 'enrollment: a waiver before the roster date',
    kind: 'enrollment',
    bad: enrollment({}, { declaredWaiverOn: '2020-06-14' }),
    issues: [{ path: 'input.nominees.0.declaredWaiverOn', message: 'is before the roster date 2020-06-15' }],
    good: [],
  },
  {
    name: 'enrollment: a nominee who declared a waiver has no enrolment date',
    kind: 'enrollment',
    bad: enrollment({}, { declaredWaiverOn: '2020-07-01', enrolledOn: '2020-07-02' }),
    issues: [{ path: 'input.nominees.0.declaredWaiverOn', message: 'a nominee who declared a waiver cannot also have enrolment or payment dates' }],
    good: [],
  },
  {
    name: 'enrollment: … and no payment date',
    kind: 'enrollment',
    bad: enrollment({}, { declaredWaiverOn: '2020-07-01', paidOn: '2020-07-02' }),
    issues: [{ path: 'input.nominees.0.declaredWaiverOn', message: 'a nominee who declared a waiver cannot also have enrolment or payment dates' }],
    good: [],
  },
  {
    name: 'later-subsidy (六): what was already released cannot exceed the subsidy; all of it is allowed',
    kind: 'later-subsidy',
    bad: release({ alreadyReleased: '100.01' }),
    issues: [{ path: 'input.event.alreadyReleased', message: 'cannot exceed the subsidy (100)' }],
    good: [release({ alreadyReleased: '100' })],
  },
  {
    name: 'later-subsidy 六(一): route full-contribution needs the contribution months',
    kind: 'later-subsidy',
    bad: release({ contributionMonths: undefined }),
    issues: [{ path: 'input.event.contributionMonths', message: 'required for route full-contribution (六(一))' }],
    good: [release({ route: 'resident-pension', contributionMonths: undefined })],
  },
  {
    name: 'later-subsidy 六(二): route flexible-extension needs the personal share until the employee pension starts',
    kind: 'later-subsidy',
    bad: release({ route: 'flexible-extension', contributionMonths: undefined }),
    issues: [{ path: 'input.event.personalShare', message: 'required for route flexible-extension before the employee pension starts (六(二))' }],
    good: [
      release({ route: 'flexible-extension', contributionMonths: undefined, personalShare: '0' }),
      release({ route: 'flexible-extension', contributionMonths: undefined, employeePensionStarted: true }),
    ],
  },
  {
    name: 'payout: the person is not born after the expropriation date; born on it is allowed',
    kind: 'payout',
    bad: payout({ birthDate: '2024-09-21' }),
    issues: [{ path: 'input.person.birthDate', message: 'is after the expropriation date 2024-09-20' }],
    good: [payout({ birthDate: '2024-09-20' })],
  },
  {
    name: 'payout 四(一): only a resident pensioner elects employee insurance, and with the account',
    kind: 'payout',
    bad: payout({ electsEmployeeInsurance: true }),
    issues: [
      { path: 'input.person.electsEmployeeInsurance', message: "only a person drawing the resident pension (pensionStatus 'resident-pension') elects employee insurance (四(一))" },
      { path: 'input.person.residentPensionAccount', message: 'required when electsEmployeeInsurance is true (四(一) pays 3 years from the account balance)' },
    ],
    good: [payout({ birthDate: '1955-01-01', pensionStatus: 'resident-pension', electsEmployeeInsurance: true, residentPensionAccount: account }), payout({ electsEmployeeInsurance: false })],
  },
  {
    name: 'payout 四(一): a resident pensioner electing employee insurance without the account',
    kind: 'payout',
    bad: payout({ birthDate: '1955-01-01', pensionStatus: 'resident-pension', electsEmployeeInsurance: true }),
    issues: [{ path: 'input.person.residentPensionAccount', message: 'required when electsEmployeeInsurance is true (四(一) pays 3 years from the account balance)' }],
    good: [],
  },
  {
    name: 'quota (三(二)(a)): exactly one of approvedAreaMu and approvedLandByType; the roster is not before the approval',
    kind: 'quota',
    bad: quota({ approvedLandByType: { 耕地: '1' }, rosterReportedOn: '2020-04-30' }),
    issues: [
      { path: 'input.approvedAreaMu', message: 'give exactly one of approvedAreaMu or approvedLandByType' },
      { path: 'input.rosterReportedOn', message: 'is before the approval date 2020-05-01' },
    ],
    good: [quota({ rosterReportedOn: '2020-05-01' }), quota({ approvedAreaMu: undefined, approvedLandByType: { 耕地: '1' } })],
  },
  {
    name: 'quota (三(二)(a)): neither figure',
    kind: 'quota',
    bad: quota({ approvedAreaMu: undefined }),
    issues: [{ path: 'input.approvedAreaMu', message: 'give exactly one of approvedAreaMu or approvedLandByType' }],
    good: [],
  },
  {
    name: 'quota (三(二)(b)): exactly one of agriculturalLandMu and landByType for the village',
    kind: 'quota',
    bad: quota({}, { ...quotaVillage, landByType: { 耕地: '200' } }),
    issues: [{ path: 'input.village.agriculturalLandMu', message: 'give exactly one of agriculturalLandMu or landByType' }],
    good: [quota({}, { population16Plus: 450, alreadyInsured: 50, landByType: { 耕地: '200' } })],
  },
  {
    name: 'quota (三(二)(b)): a land-by-type record lists at least one type',
    kind: 'quota',
    bad: quota({ approvedAreaMu: undefined, approvedLandByType: {} }),
    issues: [{ path: 'input.approvedLandByType', message: 'list at least one land type' }],
    good: [],
  },
  {
    name: 'quota (三(二)(c)−(d)): fewer already insured than people aged 16+; one fewer is allowed',
    kind: 'quota',
    bad: quota({}, { ...quotaVillage, population16Plus: 50 }),
    issues: [{ path: 'input.village.alreadyInsured', message: 'must be less than population16Plus (50): with no one left to enrol there is no land per person to divide by' }],
    good: [quota({}, { ...quotaVillage, population16Plus: 51 })],
  },
  {
    name: 'screening (一(一)): the household land or the recorded per-capita figure; the standard from the roster or the enrollee',
    kind: 'screening',
    asOf: '2024-03-01',
    bad: screening({ perCapitaAfterMu: undefined }, { historicalStandardMu: undefined }),
    issues: [
      { path: 'input.enrollees.0.household', message: 'give the household land (household) or the recorded per-capita figure (perCapitaAfterMu)' },
      { path: 'input.enrollees.0.historicalStandardMu', message: 'required when the roster gives no historicalStandardMu' },
    ],
    good: [screening({ historicalStandardMu: '0.5' }, { historicalStandardMu: undefined })],
  },
  {
    name: "screening: an enrollee's expropriated land cannot exceed the original; equal is allowed",
    kind: 'screening',
    asOf: '2024-03-01',
    bad: screening({ perCapitaAfterMu: undefined, household: { originalCultivatedMu: '2.0', expropriatedCultivatedMu: '2.01', memberCount: 4 } }),
    issues: [{ path: 'input.enrollees.0.household.expropriatedCultivatedMu', message: 'cannot exceed originalCultivatedMu (2)' }],
    good: [screening({ perCapitaAfterMu: undefined, household: { originalCultivatedMu: '2.0', expropriatedCultivatedMu: '2.0', memberCount: 4 } })],
  },
  {
    name: 'procedure (二(二)): each step is recorded once',
    kind: 'procedure',
    bad: procedure([
      { type: 'approval', date: '2023-05-01' },
      { type: 'city-filing', date: '2023-05-02' },
      { type: 'approval', date: '2023-05-03' },
    ]),
    issues: [{ path: 'input.events.2.type', message: "a second 'approval' event (the first is events[0]); a case file records each step once" }],
    good: [procedure([{ type: 'approval', date: '2023-05-01' }])],
  },
  {
    name: 'procedure: a notice does not end before it starts (first and second notice); a one-day notice is allowed',
    kind: 'procedure',
    bad: procedure([
      { type: 'first-notice', from: '2023-03-27', to: '2023-03-26' },
      { type: 'second-notice', from: '2023-04-27', to: '2023-04-26', venues: ['district-portal'] },
    ]),
    issues: [
      { path: 'input.events.0.to', message: 'ends (2023-03-26) before it starts (2023-03-27)' },
      { path: 'input.events.1.to', message: 'ends (2023-04-26) before it starts (2023-04-27)' },
    ],
    good: [procedure([{ type: 'first-notice', from: '2023-03-27', to: '2023-03-27' }])],
  },
  {
    name: 'procedure: an objection is not resolved before it was raised; the same day is allowed',
    kind: 'procedure',
    bad: procedure([{ type: 'objection', date: '2023-03-28', resolvedOn: '2023-03-27', notice: 'first' }]),
    issues: [{ path: 'input.events.0.resolvedOn', message: 'resolved (2023-03-27) before it was raised (2023-03-28)' }],
    good: [procedure([{ type: 'objection', date: '2023-03-28', resolvedOn: '2023-03-28', notice: 'first' }]), procedure([{ type: 'objection', date: '2023-03-28', notice: 'first' }])],
  },
  {
    name: 'procedure (二(二)1): one application per applicant; several objections are allowed',
    kind: 'procedure',
    bad: procedure([
      { type: 'application', date: '2023-03-01', applicant: 'A1', documents: ['id-card'] },
      { type: 'application', date: '2023-03-02', applicant: 'A2', documents: ['id-card'] },
      { type: 'application', date: '2023-03-03', applicant: 'A1', documents: ['id-card'] },
    ]),
    issues: [{ path: 'input.events.2.applicant', message: "a second application of 'A1'" }],
    good: [
      procedure([
        { type: 'objection', date: '2023-03-28', notice: 'first' },
        { type: 'objection', date: '2023-03-29', notice: 'first' },
      ]),
    ],
  },
  {
    name: 'procedure: an event of an unknown type is named as such, with the known types',
    kind: 'procedure',
    bad: procedure([{ type: 'celebration', date: '2023-03-01' }]),
    issues: [{ path: 'input.events.0.type', message: `unknown event type (one of ${EVENT_TYPES.join(', ')})` }],
    good: [],
  },
  {
    name: 'allocation (三(三)): household ids are unique',
    kind: 'allocation',
    bad: allocation(['H1', 'H2', 'H1']),
    issues: [{ path: 'input.households.2.id', message: "duplicate household id 'H1'" }],
    good: [allocation(['H1', 'H2', 'H3'])],
  },
  {
    name: 'reallocation (三(三)): candidate ids are unique',
    kind: 'reallocation',
    bad: reallocation(['C1', 'C1']),
    issues: [{ path: 'input.candidates.1.id', message: "duplicate candidate id 'C1'" }],
    good: [reallocation(['C1', 'C2'])],
  },
];

describe('checks across fields, kind by kind: exactly these issues, and the boundary accepted', () => {
  it.each(CASES)('$name', (c) => {
    const request = (input: unknown) => ({ kind: c.kind, input, ...(c.asOf ? { asOf: c.asOf } : {}) }) as Parameters<typeof engine.evaluate>[0];
    expect(inputIssues(() => engine.evaluate(request(c.bad)))).toEqual(c.issues);
    for (const g of c.good) expect(() => engine.evaluate(request(g))).not.toThrow();
  });
});
