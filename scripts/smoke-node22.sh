#!/usr/bin/env bash
# The packed tarball under Node 22 (Node 20 is the machine's node; scripts/smoke-package.sh
# covers it). Node 22 comes from the npm registry package `node@22` (which pulls the platform
# binary package), so nothing is installed system-wide. Checks: CommonJS require, ESM import, the
# README example through tsx, and that a fixture decision is byte-identical (canonical JSON)
# under Node 20 and Node 22.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

node22=$(npx -y -p node@22 node -p process.execPath)
echo "== node 22: $("$node22" --version) ($node22); node 20: $(node --version)"
case "$("$node22" --version)" in v22.*) ;; *) echo "not Node 22" >&2; exit 1 ;; esac

cd "$root"
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --prefer-offline "./$tarball" tsx@^4 >/dev/null
cp "$root/rulesets/cn.hunan.shaoyang/samples/village-eligibility.json" fixture.json

echo "== CommonJS require (Node 22)"
"$node22" -e "const z = require('zhengdi-rules'); const d = z.createEngine().rulesets(); if (!d.length) throw new Error('no rulesets'); console.log('  require ok:', d.map(r => r.id).join(', '))"
echo "== ESM import (Node 22)"
"$node22" --input-type=module -e "import { createEngine, InputError } from 'zhengdi-rules'; try { createEngine().evaluate({ kind: 'eligibility', input: {} }) } catch (e) { if (!(e instanceof InputError)) throw e; console.log('  import ok: InputError with', e.issues.length, 'issues') }"
echo "== README example with tsx (Node 22)"
cp "$root/examples/readme-example.ts" readme-example.ts
"$node22" --import tsx readme-example.ts | tee node22.out
grep -q "eligible: true" node22.out

echo "== same decisions under Node 20 and Node 22 (canonical JSON of every sample household)"
cat > decide.cjs <<'JS'
const { createEngine, canonicalJson } = require('zhengdi-rules');
const engine = createEngine();
const f = require('./fixture.json');
for (const h of f.households) process.stdout.write(canonicalJson(engine.evaluate({ kind: 'eligibility', jurisdiction: f.jurisdiction ?? 'cn.hunan.shaoyang', input: h.input })) + '\n');
JS
node decide.cjs > node20.jsonl
"$node22" decide.cjs > node22.jsonl
cmp node20.jsonl node22.jsonl
echo "  $(wc -l < node22.jsonl) decisions identical"
echo "node 22 smoke test ok"
