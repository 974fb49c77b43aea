import type { EvaluateRequest } from '../src';
import { DECISION_FIXTURE_SOURCES, loadSamples, requestOf } from '../scripts/decision-fixtures/sources';

/**
 * Every sample input shipped in rulesets/<jurisdiction>/samples/, as requests, from the one registry of samples
 * (scripts/decision-fixtures/sources.ts). Tests that must cover "every bundled rule" or "every
 * kind" run these.
 */
export function fixtureRequests(): EvaluateRequest[] {
  return DECISION_FIXTURE_SOURCES.flatMap((source) => loadSamples(source).map((s) => requestOf(source, s) as EvaluateRequest));
}

/** The kinds that have samples in rulesets/<jurisdiction>/samples/. */
export function kindsWithFixtures(): string[] {
  return [...new Set(DECISION_FIXTURE_SOURCES.map((s) => s.kind))];
}
