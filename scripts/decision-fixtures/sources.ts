/**
 * Where the decision fixtures come from: for every kind, the jurisdiction, the sample file under
 * fixtures/ and how to get the inputs out of it. `scripts/make-decision-fixtures.ts` turns these
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

export const DECISION_FIXTURE_SOURCES: readonly FixtureSource[] = [
  {
    kind: 'eligibility',
    jurisdiction: 'cn.hunan.shaoyang',
    file: 'fixtures/cn.hunan.shaoyang/village-eligibility.json',
    samples: (json) => (json as Households).households.map((h) => ({ id: h.id, input: h.input })),
  },
];

const ROOT = new URL('../../', import.meta.url);

/** Reads a source's sample file and returns its samples with their record ids. */
export function loadSamples(source: FixtureSource): Sample[] {
  const json = JSON.parse(readFileSync(new URL(source.file, ROOT), 'utf8')) as unknown;
  return source.samples(json).map((s) => ({ ...s, id: `${source.kind}/${s.id}` }));
}

/** A path under the repository root. */
export function repoPath(rel: string): URL {
  return new URL(rel, ROOT);
}
