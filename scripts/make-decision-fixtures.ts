/**
 * `npm run fixtures:decisions`: writes fixtures/decisions/<jurisdiction>.jsonl (a record per
 * sample of scripts/decision-fixtures/sources.ts) and fixtures/decisions/tampered.jsonl.
 * Run it after changing a ruleset, a parameter or a sample, then check the records by hand
 * (fixtures/decisions/README.md) and commit them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildDecisionFixtures, buildRecords, tamper } from './decision-fixtures/build';
import { repoPath } from './decision-fixtures/sources';

mkdirSync(repoPath('fixtures/decisions/'), { recursive: true });
for (const [name, content] of buildDecisionFixtures()) {
  writeFileSync(repoPath(`fixtures/decisions/${name}`), content);
  console.log(`fixtures/decisions/${name}: ${content.split('\n').filter(Boolean).length} records`);
}
for (const t of tamper([...buildRecords().values()].flat())) console.log(`  tampered ${t.record.id}: ${t.what}`);
