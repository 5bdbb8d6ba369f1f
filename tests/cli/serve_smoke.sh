#!/usr/bin/env bash
# serve_smoke.sh SEMINARFLOW SOURCE_DIR [URL_FILE]: starts `seminarflow serve` as a user would
# (embedded default config, from the repository folder) on a free port and a fresh SQLite file, or
# on the PostgreSQL whose URL is in URL_FILE, asks it over HTTP whether it is up, and with a token
# made by `seminarflow tokens create` for its workflows, then stops it with SIGTERM and expects a
# clean exit. On PostgreSQL it also expects the node to listen for the
# work other nodes commit (LISTEN/NOTIFY).
set -euo pipefail
binary=$1 source_dir=$2 url_file=${3:-}
work=$(mktemp -d)
trap 'kill -9 "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

database_url="sqlite://$work/smoke.db"
if [[ -n $url_file ]]; then
  [[ -s $url_file ]] || { echo "serve_smoke.sh: no URL in $url_file: is the postgres fixture running?" >&2; exit 1; }
  database_url=$(<"$url_file")
fi

cd "$source_dir"
SEMINARFLOW_LISTEN=127.0.0.1:0 SEMINARFLOW_DATABASE_URL="$database_url" \
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

if [[ -n $url_file ]]; then
  heard=""
  for _ in $(seq 1 300); do
    grep -q "other nodes' work wakes this one" "$work/log" && { heard=yes; break; }
    sleep 0.1
  done
  [[ -n $heard ]] || { cat "$work/log"; echo "serve did not listen for other nodes' work" >&2; exit 1; }
fi

curl -fsS "http://127.0.0.1:$port/healthz" | grep -q '"status":"ok"'
curl -fsS "http://127.0.0.1:$port/readyz" | grep -q '"status":"ready"'

# A fresh database has no token: serve says how to make one, and refuses every other request.
if [[ -z $url_file ]]; then
  grep -q 'no API token is in force' "$work/log" || { cat "$work/log"; echo "serve gave no hint about tokens" >&2; exit 1; }
fi
[[ $(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1/workflows") == 401 ]]
# A token made while it runs works at once.
token=$(SEMINARFLOW_DATABASE_URL="$database_url" "$binary" tokens create --role viewer --name "smoke $$" 2>/dev/null)
auth="Authorization: Bearer $token"
curl -fsS -H "$auth" "http://127.0.0.1:$port/v1/workflows" | grep -q '"name":"seminar"'
curl -fsS -H "$auth" "http://127.0.0.1:$port/v1/workflows/seminar/diagram" | grep -q 'stateDiagram-v2'
SEMINARFLOW_DATABASE_URL="$database_url" "$binary" tokens revoke "smoke $$" >/dev/null 2>&1

kill -TERM "$pid"
wait "$pid"
code=$?
cat "$work/log"
[[ $code -eq 0 ]] || { echo "serve exited with $code after SIGTERM" >&2; exit 1; }
grep -q '"message":"serve: stopped"' "$work/log"
# Every log line is one JSON object.
if grep -v '^{' "$work/log" | grep -q .; then echo "a log line is not JSON" >&2; exit 1; fi
echo "serve smoke test passed on port $port"
