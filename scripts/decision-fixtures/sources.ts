/**
 * Where the decision fixtures come from: for every kind, the jurisdiction, the sample file under
 * rulesets/<jurisdiction>/samples/ and how to get the inputs out of it. `scripts/make-decision-fixtures.ts` turns these
 * into fixtures/decisions/<jurisdiction>.jsonl, and the round-trip test iterates over every
 * entry, so adding a kind here is all it takes to cover it.
 */
import { readFileSync } from 'node:fs';

export interface Sample {
  /** Record id: `<kind>/<sample id>`. */
  id: string;
  input: unknown;
  asOf?: string;
  parameters?: Record<string, string | number>;
}

export interface FixtureSource {
  kind: string;
  jurisdiction: string;
  /** Sample file, relative to the repository root. */
  file: string;
  /** The samples of the file, in order. */
  samples(json: unknown): Array<Omit<Sample, 'id'> & { id: string }>;
}

type Households = { households: Array<{ id: string; input: unknown }> };
type Roster = { asOf: string; input: unknown };
type CaseFile = { input: unknown };
type Gucun = { expropriationDate: string; people: Array<{ person: { id: string } }> };
type LaterEvents = { events: Array<{ personId: string; event: { type: string } }> };
type Dongpu = {
  quota: unknown;
  allocation: { approvalDate: string; households: Array<{ name?: string } & Record<string, unknown>> };
  enrollment: { asOf: string } & Record<string, unknown>;
  reallocation: { asOf: string; procedure: unknown; incompleteProcedure: unknown } & Record<string, unknown>;
};

const SHAOYANG = 'cn.hunan.shaoyang';
const TAIZHOU = 'cn.zhejiang.taizhou';
const GUCUN = 'cn.shanghai.baoshan.gucun';
const DONGPU = 'rulesets/cn.zhejiang.taizhou/samples/village-dongpu.json';

export const DECISION_FIXTURE_SOURCES: readonly FixtureSource[] = [
  {
    kind: 'eligibility',
    jurisdiction: SHAOYANG,
    file: 'rulesets/cn.hunan.shaoyang/samples/village-eligibility.json',
    samples: (json) => (json as Households).households.map((h) => ({ id: h.id, input: h.input })),
  },
  {
    kind: 'screening',
    jurisdiction: SHAOYANG,
    file: 'rulesets/cn.hunan.shaoyang/samples/screening-roster.json',
    // A historical roster: screened as of the screening date the file gives.
    samples: (json) => [{ id: 'tanjiang-roster', input: (json as Roster).input, asOf: (json as Roster).asOf }],
  },
  {
    kind: 'procedure',
    jurisdiction: SHAOYANG,
    file: 'rulesets/cn.hunan.shaoyang/samples/case-compliant.json',
    samples: (json) => [{ id: 'case-compliant', input: (json as CaseFile).input }],
  },
  {
    kind: 'procedure',
    jurisdiction: SHAOYANG,
    file: 'rulesets/cn.hunan.shaoyang/samples/case-violations.json',
    samples: (json) => [{ id: 'case-violations', input: (json as CaseFile).input }],
  },
  { kind: 'quota', jurisdiction: TAIZHOU, file: DONGPU, samples: (json) => [{ id: 'dongpu', input: (json as Dongpu).quota }] },
  {
    kind: 'allocation',
    jurisdiction: TAIZHOU,
    file: DONGPU,
    // The households carry names for the demo; the quota is the quota sample's outcome (20).
    samples: (json) => {
      const a = (json as Dongpu).allocation;
      return [{ id: 'dongpu', input: { approvalDate: a.approvalDate, quota: 20, households: a.households.map(({ name: _name, ...h }) => h) } }];
    },
  },
  {
    kind: 'enrollment',
    jurisdiction: TAIZHOU,
    file: DONGPU,
    samples: (json) => {
      const { asOf, ...input } = (json as Dongpu).enrollment;
      return [{ id: 'dongpu', input, asOf }];
    },
  },
  {
    kind: 'reallocation',
    jurisdiction: TAIZHOU,
    file: DONGPU,
    // freedPlaces: the 3 places the enrollment sample frees (2 deemed waivers + 1 declared).
    samples: (json) => {
      const { asOf, procedure, incompleteProcedure, ...rest } = (json as Dongpu).reallocation;
      return [
        { id: 'dongpu', input: { ...rest, freedPlaces: 3, procedure }, asOf },
        { id: 'dongpu-incomplete-procedure', input: { ...rest, freedPlaces: 3, procedure: incompleteProcedure }, asOf },
      ];
    },
  },
  {
    kind: 'payout',
    jurisdiction: GUCUN,
    file: 'rulesets/cn.shanghai.baoshan.gucun/samples/expropriation-40.json',
    samples: (json) => {
      const g = json as Gucun;
      return g.people.map((p) => ({ id: p.person.id, input: { expropriationDate: g.expropriationDate, person: p.person } }));
    },
  },
  {
    kind: 'later-subsidy',
    jurisdiction: GUCUN,
    file: 'rulesets/cn.shanghai.baoshan.gucun/samples/later-events.json',
    samples: (json) => (json as LaterEvents).events.map((e, i) => ({ id: `${e.personId}-${i + 1}-${e.event.type}`, input: e })),
  },
];

const ROOT = new URL('../../', import.meta.url);

/** The evaluate request of a sample. */
export function requestOf(source: FixtureSource, s: Sample): { kind: string; jurisdiction: string; input: unknown; asOf?: string; parameters?: Record<string, string | number> } {
  return {
    kind: source.kind,
    jurisdiction: source.jurisdiction,
    input: s.input,
    ...(s.asOf ? { asOf: s.asOf } : {}),
    ...(s.parameters ? { parameters: s.parameters } : {}),
  };
}

/** Reads a source's sample file and returns its samples with their record ids. */
export function loadSamples(source: FixtureSource): Sample[] {
  const json = JSON.parse(readFileSync(new URL(source.file, ROOT), 'utf8')) as unknown;
  return source.samples(json).map((s) => ({ ...s, id: `${source.kind}/${s.id}` }));
}

/** A path under the repository root. */
export function repoPath(rel: string): URL {
  return new URL(rel, ROOT);
}
