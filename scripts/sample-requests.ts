/**
 * Prints every sample request of rulesets/<jurisdiction>/samples/ (every kind) as one JSON array, for the JSON Schema
 * check of examples/clients (scripts/run-clients.sh).
 */
import { DECISION_FIXTURE_SOURCES, loadSamples, requestOf } from './decision-fixtures/sources';

const requests = DECISION_FIXTURE_SOURCES.flatMap((source) => loadSamples(source).map((s) => ({ id: s.id, ...requestOf(source, s) })));
process.stdout.write(JSON.stringify(requests) + '\n');
