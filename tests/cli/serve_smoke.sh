#!/usr/bin/env bash
# serve_smoke.sh SEMINARFLOW SOURCE_DIR: starts `seminarflow serve` as a user would (embedded
# default config, from the repository folder) on a free port and a fresh SQLite file, asks it
# over HTTP whether it is up, then stops it with SIGTERM and expects a clean exit.
set -euo pipefail
binary=$1 source_dir=$2
work=$(mktemp -d)
trap 'kill -9 "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

cd "$source_dir"
SEMINARFLOW_LISTEN=127.0.0.1:0 SEMINARFLOW_DATABASE_URL="sqlite://$work/smoke.db" \
  "$binary" serve --log-format json >"$work/log" 2>&1 &
pid=$!

# The server logs the port it bound; wait (bounded) for that line.
port=""
for _ in $(seq 1 300); do
  port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/log" | grep -o '[0-9]*$' || true)
  [[ -n $port ]] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/log"; echo "serve exited early" >&2; exit 1; }
  sleep 0.1
done
[[ -n $port ]] || { cat "$work/log"; echo "serve did not start listening" >&2; exit 1; }

curl -fsS "http://127.0.0.1:$port/healthz" | grep -q '"status":"ok"'
curl -fsS "http://127.0.0.1:$port/readyz" | grep -q '"status":"ready"'
curl -fsS "http://127.0.0.1:$port/v1/workflows" | grep -q '"name":"seminar"'
curl -fsS "http://127.0.0.1:$port/v1/workflows/seminar/diagram" | grep -q 'stateDiagram-v2'

kill -TERM "$pid"
wait "$pid"
code=$?
cat "$work/log"
[[ $code -eq 0 ]] || { echo "serve exited with $code after SIGTERM" >&2; exit 1; }
grep -q '"message":"serve: stopped"' "$work/log"
# Every log line is one JSON object.
if grep -v '^{' "$work/log" | grep -q .; then echo "a log line is not JSON" >&2; exit 1; fi
echo "serve smoke test passed on port $port"
