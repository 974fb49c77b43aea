#!/usr/bin/env bash
# Runs every example (examples/ts-node/*.ts, examples/tsx/*.ts) and executes every notebook
# (examples/notebooks/*.ipynb, tslab kernel) against the BUILT and PACKED package, the way a user
# gets it from npm. Fails if any example exits non-zero or any notebook cell errors.
#
# Layout: .examples-run/ (git-ignored) holds node_modules/zhengdi-rules (the `npm pack` tarball,
# unpacked), copies of examples/ and fixtures/, and the executed notebooks. The package's own
# dependencies and the tools (tsx, ts-node, tslab) are found in the repository's node_modules
# one level up, so nothing is downloaded.
#
# Needs: `npm ci` done; for notebooks, jupyter-nbconvert and python3-ipykernel (installed with
# apt-get when missing and running as root) and the tslab kernel (registered for the current
# user with `tslab install` when missing).
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
cp -r examples fixtures tsconfig.json "$RUN/"
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

shopt -s nullglob
notebooks=(examples/notebooks/*.ipynb)
if ((${#notebooks[@]} > 0)); then
  if ! command -v jupyter-nbconvert >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      step "apt-get install jupyter-nbconvert python3-ipykernel"
      apt-get update -qq && apt-get install -y -qq jupyter-nbconvert python3-ipykernel >/dev/null
    else
      echo "jupyter-nbconvert is missing: apt-get install -y jupyter-nbconvert python3-ipykernel" >&2
      exit 1
    fi
  fi
  # The Python that has jupyter (apt installs it for /usr/bin/python3, not for a pyenv one).
  py=/usr/bin/python3
  [ -x "$py" ] || py=$(command -v python3)
  if ! "$py" -c "import sys; from jupyter_client.kernelspec import find_kernel_specs; sys.exit('tslab' not in find_kernel_specs())" 2>/dev/null; then
    step "register the tslab kernel"
    tslab install --user --python="$py"
  fi
  for nb in "${notebooks[@]}"; do
    # Executed in its own folder (relative paths as in the repository); the executed copy is
    # written to .examples-run/executed/. A cell that errors makes nbconvert exit non-zero.
    run "notebook $nb" jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
      --ExecutePreprocessor.kernel_name=tslab --output-dir "$RUN/executed" "$nb"
  done
fi

if ((failures > 0)); then
  echo "$failures example(s) failed" >&2
  exit 1
fi
step "all examples and notebooks ran"
