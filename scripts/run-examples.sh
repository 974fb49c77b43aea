#!/usr/bin/env bash
# Runs every example (examples/ts-node/*.ts, examples/tsx/*.ts) against the BUILT and PACKED
# package, the way a user gets it from npm, and executes every notebook (examples/notebooks/*.ipynb,
# tslab kernel) from the clone as docs/analysts.md says (scripts/notebooks.sh), checking that each
# shows a chart. Fails if any example exits non-zero, any notebook cell errors or shows no chart.
#
# Layout: .examples-run/ (git-ignored) holds node_modules/zhengdi-rules (the `npm pack` tarball,
# unpacked), copies of examples/, rulesets/ (the samples) and fixtures/, and the executed notebooks. The package's own
# dependencies and the tools (tsx, ts-node, tslab) are found in the repository's node_modules
# one level up, so nothing is downloaded.
#
# Needs: `npm ci` done; for notebooks, see scripts/notebooks.sh (jupyter-nbconvert and
# python3-ipykernel from apt, the tslab kernel).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUN="$ROOT/.examples-run"
export PATH="$ROOT/node_modules/.bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "build and pack"
npm run build --silent >/dev/null
rm -rf "$RUN"
mkdir -p "$RUN/node_modules/zhengdi-rules" "$RUN/executed"
TARBALL=$(npm pack --silent --pack-destination "$RUN")
tar -xzf "$RUN/$TARBALL" -C "$RUN/node_modules/zhengdi-rules" --strip-components=1
cp -r examples rulesets fixtures tsconfig.json "$RUN/"
printf '{ "name": "zhengdi-rules-examples", "private": true, "type": "module" }\n' >"$RUN/package.json"
echo "packed $TARBALL"

cd "$RUN"
failures=0
run() {
  local label=$1
  shift
  step "$label"
  if ! "$@"; then
    echo "FAILED: $label" >&2
    failures=$((failures + 1))
  fi
}

for f in examples/ts-node/*.ts; do
  run "ts-node $f" env TS_NODE_PROJECT=examples/tsconfig.json node --no-warnings --loader ts-node/esm "$f"
done
for f in examples/tsx/*.ts; do
  run "tsx $f" tsx --tsconfig examples/tsconfig.json "$f"
done

# The notebooks run from the clone, with the command docs/analysts.md gives (scripts/notebooks.sh:
# build, link the clone as node_modules/zhengdi-rules, the tslab kernel, nbconvert), and each must
# show at least one chart.
cd "$ROOT"
run "notebooks (from the clone, as documented)" env ZHENGDI_SKIP_BUILD=1 bash scripts/notebooks.sh
cd "$RUN"

if ((failures > 0)); then
  echo "$failures example(s) failed" >&2
  exit 1
fi
step "all examples and notebooks ran"
