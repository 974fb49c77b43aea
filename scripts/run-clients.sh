#!/usr/bin/env bash
# The clients of examples/clients against a live service: builds if needed, starts
# `zhengdi serve` on a free loopback port, runs the Python client (stdlib urllib), the Java
# client (java.net.http, `java Client.java`) and the JSON Schema check of every kind's sample
# requests and of the decisions and records the service makes of them, then stops the service.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -f dist/cli.js ] && [ -f schemas/record.json ] || npm run build
work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

npx tsx scripts/sample-requests.ts > "$work/samples.json"
node dist/cli.js serve --port 0 --log-level warn 2> "$work/serve.err" &
pid=$!
for _ in $(seq 150); do
  grep -q 'listening on' "$work/serve.err" && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/serve.err"; exit 1; }
  sleep 0.2
done
url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.err" | head -n 1)
[ -n "$url" ] || { echo "the service did not start:"; cat "$work/serve.err"; exit 1; }
echo "== service on $url"

echo "== Python client (examples/clients/python/client.py)"
python3 examples/clients/python/client.py "$url"

echo "== Java client (examples/clients/java/Client.java)"
if command -v java >/dev/null; then
  java examples/clients/java/Client.java "$url"
elif [ "${CI:-}" = true ]; then
  echo "java not found: CI has a JDK 17" >&2
  exit 1
else
  echo "  (skipped: no java on this machine)"
fi

echo "== JSON Schema check of every kind's samples (examples/clients/python/check_schemas.py)"
python3 examples/clients/python/check_schemas.py schemas "$work/samples.json" "$url"

kill -TERM "$pid"
wait "$pid"
pid=
grep -q 'stopped' "$work/serve.err" && echo "== service stopped"
