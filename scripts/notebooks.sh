#!/usr/bin/env bash
# `npm run notebooks`: executes every notebook of examples/notebooks/ from this clone, exactly as
# docs/analysts.md says, and checks that each shows at least one chart (an image/svg+xml or
# image/png output). The executed copies go to .notebooks-run/ (git-ignored).
#
# Steps (each is also a documented manual step):
#   1. npm run build              dist/ (the notebooks import the built package)
#   2. npm run link-self          node_modules/zhengdi-rules -> this clone: tslab resolves modules
#                                 the old way (node_modules folders), not the package's self-reference
#   3. the tslab kernel           npx tslab install --python=/usr/bin/python3, once per user
#   4. jupyter nbconvert --to notebook --execute examples/notebooks/NAME.ipynb --output-dir .notebooks-run
#      with node_modules/.bin on PATH as an absolute path (the kernel starts in examples/notebooks/)
#
# Needs jupyter-nbconvert and python3-ipykernel (apt-get install -y jupyter-nbconvert
# python3-ipykernel; installed here when missing and running as root).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT="$ROOT/.notebooks-run"

[ -f dist/charts.cjs ] && [ "${ZHENGDI_SKIP_BUILD:-}" = 1 ] || npm run build --silent >/dev/null
node scripts/link-self.mjs

if ! command -v jupyter-nbconvert >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== apt-get install jupyter-nbconvert python3-ipykernel"
    apt-get update -qq && apt-get install -y -qq jupyter-nbconvert python3-ipykernel >/dev/null
  else
    echo "jupyter-nbconvert is missing: apt-get install -y jupyter-nbconvert python3-ipykernel" >&2
    exit 1
  fi
fi
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)
if ! "$py" -c "import sys; from jupyter_client.kernelspec import find_kernel_specs; sys.exit('tslab' not in find_kernel_specs())" 2>/dev/null; then
  echo "== register the tslab kernel"
  npx tslab install --python="$py"
fi

export PATH="$ROOT/node_modules/.bin:$PATH"
rm -rf "$OUT"
mkdir -p "$OUT"
failures=0
for nb in examples/notebooks/*.ipynb; do
  echo "== $nb"
  if ! jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.kernel_name=tslab --output-dir "$OUT" "$nb"; then
    echo "FAILED: $nb" >&2
    failures=$((failures + 1))
    continue
  fi
  # Every notebook shows at least one chart.
  if ! "$py" - "$OUT/$(basename "$nb")" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1]))
images = sum(1 for c in nb['cells'] if c['cell_type'] == 'code' for o in c.get('outputs', []) if any(k in o.get('data', {}) for k in ('image/svg+xml', 'image/png')))
print(f"  {images} chart(s)")
sys.exit(0 if images > 0 else 1)
PY
  then
    echo "FAILED: $nb shows no chart (no image/svg+xml or image/png output)" >&2
    failures=$((failures + 1))
  fi
done
if ((failures > 0)); then
  echo "$failures notebook(s) failed" >&2
  exit 1
fi
echo "== every notebook ran and shows charts (executed copies in .notebooks-run/)"
