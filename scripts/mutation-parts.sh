#!/usr/bin/env bash
# Mutation testing of all of src/ in three parts (docs/quality.md, "Mutation testing"), each with
# its own incremental file, so a re-run after new tests only retests what changed in that part,
# and a part that is interrupted does not lose the others. Reports: reports/mutation-<part>.json;
# `npx tsx scripts/mutation-summary.ts` merges them into the table of docs/quality.md.
# Usage: scripts/mutation-parts.sh [part...]   (parts: rest logic engine kinds; default all four;
#   `rest` may also be run as cli audit program node, and `logic` as logic1 logic2)
# (Globs are comma-separated for --mutate: no {a,b} braces.)
# `logic` is the JSON Logic compiler, ruleset and parameter loading, schemas and money items;
# `engine` the decision path (engine, context, dates, decimals, jurisdictions, canonical JSON).
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A GLOBS=(
  [rest]='src/*.ts,!src/index.ts,src/audit/**/*.ts,src/analysis/**/*.ts,!src/analysis/index.ts,src/batch/**/*.ts,src/cli/**/*.ts,src/node/**/*.ts,!src/node/index.ts,!src/node/protocol.ts'
  [logic]='src/engine/logic/**/*.ts,src/engine/parameters.ts,src/engine/schemas.ts,src/engine/errors.ts,src/engine/items.ts,src/engine/money.ts,src/engine/ruleset.ts,src/engine/ruleset-file.ts'
  [engine]='src/engine/engine.ts,src/engine/context.ts,src/engine/dates.ts,src/engine/decimal.ts,src/engine/jurisdiction.ts,src/engine/canonical-json.ts'
  [kinds]='src/kinds/**/*.ts'
  # logic in two smaller parts: the loaders and money (logic1), the compiler and rulesets (logic2)
  [logic1]='src/engine/parameters.ts,src/engine/schemas.ts,src/engine/errors.ts,src/engine/items.ts,src/engine/money.ts,src/engine/ruleset-file.ts'
  [logic2]='src/engine/logic/**/*.ts,src/engine/ruleset.ts'
  # the rest, in smaller parts (each finishes on its own on a loaded machine)
  [cli]='src/cli/csv-row.ts,src/cli/inputs.ts,src/cli/table.ts,src/cli/record-line.ts,src/cli/decide-rows.ts'
  [audit]='src/*.ts,!src/index.ts,src/audit/**/*.ts,src/analysis/**/*.ts,!src/analysis/index.ts,src/batch/**/*.ts'
  [program]='src/cli/program.ts,src/cli/index.ts'
  [node]='src/node/**/*.ts,!src/node/index.ts,!src/node/protocol.ts,src/cli/evaluate-workers.ts'
)
for part in "${@:-rest logic engine kinds}"; do
  for p in $part; do
    started=$(date -u +%FT%TZ)
    echo "=== part $p: $started"
    case $p in logic | logic1 | logic2) suite=logic ;; engine | kinds) suite=core ;; *) suite=all ;; esac # see vitest.stryker.config.ts
    # What the archive (`mutation-summary.ts --save`, docs/mutation/) records of the run: the
    # commit of the tests and sources, whether the tree had uncommitted changes, the suite.
    # A rerun with an incremental file reuses the results of the run before it: that run's
    # description is kept as incrementalFrom.
    mkdir -p reports
    prev=null
    if [ -f "reports/stryker-$p.json" ] && [ -f "reports/meta-$p.json" ]; then prev=$(tr -d '\n' < "reports/meta-$p.json"); fi
    printf '{"part":"%s","suite":"%s","commit":"%s","dirty":%s,"startedAt":"%s","incrementalFrom":%s}\n' "$p" "$suite" \
      "$(git rev-parse --short HEAD)" "$([ -z "$(git status --porcelain -- src test)" ] && echo false || echo true)" \
      "$started" "$prev" > "reports/meta-$p.json"
    rm -rf "reports/mutation-$p.json" "reports/events-$p"
    STRYKER_SUITE=$suite STRYKER_EVENTS=reports/events-$p npx stryker run --mutate "${GLOBS[$p]}" --incrementalFile "reports/stryker-$p.json"
    cp reports/mutation/mutation.json "reports/mutation-$p.json"
    finished=$(date -u +%FT%TZ)
    sed -i "s/}\$/,\"finishedAt\":\"$finished\"}/" "reports/meta-$p.json"
    echo "=== part $p done: $finished"
  done
done
