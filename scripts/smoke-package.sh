#!/usr/bin/env bash
# Packs the package and uses the tarball from a fresh project, as a user would:
# CommonJS require, ESM import, and the README example run by ts-node and by tsx.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
echo "packed $tarball:"
tar -tzf "$work/$tarball" | sed 's/^/  /'
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --prefer-offline "./$tarball" typescript@~5.9.3 ts-node@^10 tsx@^4 @types/node@^20 >/dev/null
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "module": "commonjs", "target": "es2020", "strict": true, "esModuleInterop": true, "skipLibCheck": false, "types": ["node"] } }
JSON
echo "== CommonJS require"
node -e "const z = require('zhengdi-rules'); const d = z.createEngine().rulesets(); if (!d.length) throw new Error('no rulesets'); console.log('  require ok:', d.map(r => r.id).join(', '))"
echo "== a sample shipped with its jurisdiction (rulesets/<jurisdiction>/samples/), decided"
node -e "const z = require('zhengdi-rules'); const v = require('zhengdi-rules/rulesets/cn.zhejiang.taizhou/samples/village-dongpu.json'); const d = z.createEngine().quota(v.quota); console.log('  sample ok: quota', JSON.stringify(d.outcome).slice(0, 60))"
echo "== ESM import"
node --input-type=module -e "import { createEngine, InputError } from 'zhengdi-rules'; try { createEngine().evaluate({ kind: 'eligibility', input: {} }) } catch (e) { if (!(e instanceof InputError)) throw e; console.log('  import ok: InputError with', e.issues.length, 'issues') }"
cp "$root/examples/readme-example.ts" readme-example.ts
echo "== README example with ts-node (type-checked, CommonJS)"
npx ts-node readme-example.ts | tee ts-node.out
echo "== README example with tsx (ESM)"
npx tsx readme-example.ts | tee tsx.out
grep -q "eligible: true" ts-node.out && cmp ts-node.out tsx.out
echo "package smoke test ok"
