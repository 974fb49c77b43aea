#!/usr/bin/env bash
# Type-checks and runs six small consumer projects against the PACKED package (npm pack), as
# users get it: moduleResolution node16, nodenext and bundler, each as an ES module project and
# as a CommonJS one, all with `strict` and `skipLibCheck: false` (so the package's .d.ts files
# are checked as the consumer's compiler reads them). Each imports zhengdi-rules,
# zhengdi-rules/node and zhengdi-rules/charts, type-checks a decision, and runs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
[ -f dist/index.d.ts ] || npm run build --silent >/dev/null
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
cd "$work"
printf '{ "name": "consumers", "private": true }\n' >package.json
npm install --no-audit --no-fund --prefer-offline "./$tarball" typescript@~5.9.3 tsx@^4 ts-node@^10 @types/node@^20 >/dev/null

SOURCE=$(cat <<'TS'
import { createEngine, InputError, type Decision, type EligibilityInput } from 'zhengdi-rules';
import { evaluateBatchInWorkers } from 'zhengdi-rules/node';
import { costByPayerChart, type VegaLiteSpec } from 'zhengdi-rules/charts';

const input: EligibilityInput = {
  noticeDate: '2023-05-10',
  household: { originalCultivatedMu: '2.4', expropriatedCultivatedMu: '1.8', memberCount: 4 },
  applicants: [{ id: 'A1', sex: 'female', birthDate: '1980-03-02', basis: 'member', collectiveMember: true, holdsContractRight: true }],
};
const decision: Decision<'eligibility'> = createEngine().eligibility(input);
const eligible: boolean = decision.outcome.applicants[0]!.eligible;
const spec: VegaLiteSpec = costByPayerChart([]);
void evaluateBatchInWorkers;
if (!eligible || !(new InputError([]) instanceof Error) || typeof spec !== 'object') throw new Error('unexpected');
console.log('ok', decision.outcome.perCapitaAfterMu);
TS
)

failures=0
for resolution in node16 nodenext bundler; do
  for type in module commonjs; do
    dir="$work/$resolution-$type"
    mkdir -p "$dir"
    case $resolution in
      bundler) module=preserve ;;
      *) module=$resolution ;;
    esac
    printf '{ "name": "%s", "private": true, "type": "%s" }\n' "$resolution-$type" "$type" >"$dir/package.json"
    cat >"$dir/tsconfig.json" <<JSON
{ "compilerOptions": { "module": "$module", "moduleResolution": "$resolution", "target": "es2022", "strict": true, "skipLibCheck": false, "types": ["node"], "outDir": "out", "rootDir": "." }, "files": ["index.ts"] }
JSON
    echo "$SOURCE" >"$dir/index.ts"
    echo "== moduleResolution $resolution, $type"
    if ! (cd "$dir" && npx tsc -p .); then
      echo "FAILED to type-check: $resolution $type" >&2
      failures=$((failures + 1))
      continue
    fi
    # node16/nodenext: run what tsc emitted; bundler: run the source as a bundler-style tool would (tsx).
    if [ "$resolution" = bundler ]; then run=(npx tsx index.ts); else run=(node out/index.js); fi
    if ! (cd "$dir" && "${run[@]}"); then
      echo "FAILED to run: $resolution $type" >&2
      failures=$((failures + 1))
    fi
    # ts-node with the tsconfig docs/getting-started.md gives (node16 projects): `npx ts-node`
    # for CommonJS, `node --loader ts-node/esm` for ES modules.
    if [ "$resolution" = node16 ]; then
      if [ "$type" = commonjs ]; then tsn=(npx ts-node index.ts); else tsn=(node --no-warnings --loader ts-node/esm index.ts); fi
      echo "   ts-node: ${tsn[*]}"
      if ! (cd "$dir" && "${tsn[@]}"); then
        echo "FAILED to run with ts-node: $resolution $type" >&2
        failures=$((failures + 1))
      fi
    fi
  done
done
if ((failures > 0)); then
  echo "$failures consumer project(s) failed" >&2
  exit 1
fi
echo "all six consumer projects type-check (skipLibCheck false) and run; ts-node runs both node16 ones"
