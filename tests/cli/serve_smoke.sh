#!/usr/bin/env bash
# serve_smoke.sh SEMINARFLOW SOURCE_DIR [URL_FILE]: starts `seminarflow serve` as a user would
# (embedded default config, from the repository folder) on a free port and a fresh SQLite file, or
# on the PostgreSQL whose URL is in URL_FILE, asks it over HTTP whether it is up, and with a token
# made by `seminarflow tokens create` for its workflows, then stops it with SIGTERM and expects a
# clean exit. On PostgreSQL it also expects the node to listen for the work other nodes commit
# (LISTEN/NOTIFY). On the way it checks what an operator sees: the request id echoed, /metrics and
# /v1/openapi.json behind a token, the access log in JSON, and the leases let go at the end.
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

# Bodies are saved, then searched: `curl | grep -q` fails under pipefail when grep stops reading at
# its match before curl has written a large body (curl: (23)).
curl -fsS "http://127.0.0.1:$port/healthz" -o "$work/healthz"
grep -q '"status":"ok"' "$work/healthz"
curl -fsS "http://127.0.0.1:$port/readyz" -o "$work/readyz"
grep -q '"status":"ready"' "$work/readyz"

# A fresh database has no token: serve says how to make one, and refuses every other request.
if [[ -z $url_file ]]; then
  grep -q 'no API token is in force' "$work/log" || { cat "$work/log"; echo "serve gave no hint about tokens" >&2; exit 1; }
fi
[[ $(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1/workflows") == 401 ]]
# A token made while it runs works at once.
token=$(SEMINARFLOW_DATABASE_URL="$database_url" "$binary" tokens create --role viewer --name "smoke $$" 2>/dev/null)
auth="Authorization: Bearer $token"
curl -fsS -H "$auth" "http://127.0.0.1:$port/v1/workflows" -o "$work/v1_workflows"
grep -q '"name":"seminar"' "$work/v1_workflows"
curl -fsS -H "$auth" "http://127.0.0.1:$port/v1/workflows/seminar/diagram" -o "$work/v1_workflows_seminar_diagram"
grep -q 'stateDiagram-v2' "$work/v1_workflows_seminar_diagram"
curl -fsS -D "$work/headers" -o /dev/null -H 'X-Request-Id: smoke-1' "http://127.0.0.1:$port/healthz"
grep -qi '^x-request-id: smoke-1' "$work/headers"
# /metrics and the OpenAPI document are behind a token like the rest of the API.
[[ $(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/metrics") == 401 ]]
[[ $(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1/openapi.json") == 401 ]]
curl -fsS -H "$auth" -D "$work/headers" -o "$work/metrics" "http://127.0.0.1:$port/metrics"
grep -qi '^content-type: text/plain; version=0.0.4' "$work/headers"
grep -qF 'seminarflow_http_requests_total{method="GET",route="/healthz",status="200"} 2' "$work/metrics"
grep -q '^process_resident_memory_bytes [1-9]' "$work/metrics"
curl -fsS -H "$auth" -o "$work/openapi.json" "http://127.0.0.1:$port/v1/openapi.json"
grep -q '"openapi": "3\.1\.' "$work/openapi.json"
SEMINARFLOW_DATABASE_URL="$database_url" "$binary" tokens revoke "smoke $$" >/dev/null 2>&1

if [[ -z $url_file ]]; then
  # A claim this node holds and has not carried out, as if SIGTERM came in the middle of a round:
  # a planned seminar's reminder, leased to this node by hand. Shutting down must give it back.
  owner=$(grep -o 'delivering signals as [^"]*' "$work/log" | sed 's/delivering signals as //')
  # A viewer reads and never writes: creating and planning take an admin's token.
  admin=$(SEMINARFLOW_DATABASE_URL="$database_url" "$binary" tokens create --role admin --name "smoke admin $$" 2>/dev/null)
  created=$(curl -fsS -H "Authorization: Bearer $admin" "http://127.0.0.1:$port/v1/instances" -d '{"workflow": "seminar", "data": {"title": "Hội thảo"}}')
  id=$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["instance"]["id"])' "$created")
  curl -fsS -H "Authorization: Bearer $admin" "http://127.0.0.1:$port/v1/instances/$id/events" -o /dev/null -d '{"type": "plan", "payload": {
    "kind": "hoi_thao", "starts_at": "2099-03-20T01:00:00Z", "ends_at": "2099-03-20T04:00:00Z",
    "venue": "Hội trường", "chair": "Đồng chí Chủ tịch", "organiser_unit": "Ban Thường vụ",
    "min_contributions": 0, "budget_vnd": 0}}'
  # A unit is invited, and answers with a member token made to act for it.
  participants="http://127.0.0.1:$port/v1/instances/$id/participants"
  curl -fsS -H "Authorization: Bearer $admin" "$participants" -o /dev/null \
    -d '{"kind": "unit", "ref": "Công đoàn Sở Tư pháp", "role": "contributor"}'
  member=$(SEMINARFLOW_DATABASE_URL="$database_url" "$binary" tokens create --role member --name "smoke member $$" \
    --unit "Công đoàn Sở Tư pháp" 2>/dev/null)
  answered=$(curl -fsS -H "Authorization: Bearer $member" "$participants" \
    -d '{"kind": "unit", "ref": "Công đoàn Sở Tư pháp", "role": "contributor", "rsvp": "accepted"}')
  grep -q '"rsvp":"accepted"' <<<"$answered"
  sqlite3 -cmd ".timeout 5000" "$work/smoke.db" \
    "UPDATE timers SET lease_owner = '$owner', lease_expires_at = '2099-01-01T00:00:00.000Z'"
fi

kill -TERM "$pid"
wait "$pid"
code=$?
cat "$work/log"
[[ $code -eq 0 ]] || { echo "serve exited with $code after SIGTERM" >&2; exit 1; }
grep -q '"message":"serve: stopped"' "$work/log"
grep -q '"message":"serve: released [0-9]* lease(s) held by ' "$work/log"
if [[ -z $url_file ]]; then
  grep -q "\"message\":\"serve: released 1 lease(s) held by $owner\"" "$work/log"
  [[ $(sqlite3 "$work/smoke.db" "SELECT count(*) FROM timers WHERE lease_owner IS NOT NULL") == 0 ]] ||
    { echo "the node's lease was not released on SIGTERM" >&2; exit 1; }
fi
# The access line's fields are the JSON line's own.
grep -q '"logger":"access","thread":[0-9]*,"method":"GET","route":"/healthz","path":"/healthz","status":200,"duration_ms":[0-9.]*,"bytes":15,"remote":"127.0.0.1:[0-9]*","request_id":"smoke-1"}$' "$work/log"
# A refused request has its access line too.
grep -q '"method":"GET","route":"/metrics","path":"/metrics","status":401,' "$work/log"
# Every log line is one JSON object.
python3 -c 'import json, sys; [json.loads(line) for line in open(sys.argv[1])]' "$work/log" ||
  { echo "a log line is not JSON" >&2; exit 1; }
echo "serve smoke test passed on port $port"
