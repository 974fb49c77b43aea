#!/usr/bin/env bash
# Mutation testing of all of src/ in three parts (docs/quality.md, "Mutation testing"), each with
# its own incremental file, so a re-run after new tests only retests what changed in that part,
# and a part that is interrupted does not lose the others. Reports: reports/mutation-<part>.json;
# `npx tsx scripts/mutation-summary.ts` merges them into the table of docs/quality.md.
# Usage: scripts/mutation-parts.sh [part...]   (parts: rest engine kinds; default all three)
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A GLOBS=(
  [rest]='src/*.ts,!src/index.ts,src/audit/**/*.ts,src/analysis/**/*.ts,!src/analysis/index.ts,src/batch/**/*.ts,src/cli/**/*.ts,src/node/**/*.ts,!src/node/index.ts,!src/node/protocol.ts'
  [engine]='src/engine/**/*.ts,!src/engine/types.ts'
  [kinds]='src/kinds/**/*.ts'
)
for part in "${@:-rest engine kinds}"; do
  for p in $part; do
    echo "=== part $p: $(date -u +%FT%TZ)"
    npx stryker run --mutate "${GLOBS[$p]}" --incrementalFile "reports/stryker-$p.json"
    cp reports/mutation/mutation.json "reports/mutation-$p.json"
    echo "=== part $p done: $(date -u +%FT%TZ)"
  done
done
