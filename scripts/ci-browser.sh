#!/usr/bin/env bash
# The browser test in CI: installs Debian's chromium (idempotent; needs root, as in .ci/run),
# builds dist/ if needed and runs only test/browser. playwright-core drives /usr/bin/chromium;
# no browser is downloaded. Call from .ci/run after `npm ci` and `npm run build`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! [ -x /usr/bin/chromium ]; then
  echo "== installing chromium (apt-get)"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
echo "== $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"

[ -f dist/index.js ] || npm run build

# Fails if the test was skipped: in CI the browser test must really run.
mkdir -p reports
npx vitest run test/browser --reporter=default --reporter=json --outputFile=reports/vitest-browser.json
node -e "
const r = require('./reports/vitest-browser.json');
const skipped = r.numPendingTests + r.numTodoTests;
console.log('browser: ' + r.numPassedTests + ' passed, ' + r.numFailedTests + ' failed, ' + skipped + ' skipped');
if (r.numPassedTests === 0 || skipped > 0) { console.error('browser test did not run'); process.exit(1); }
"
