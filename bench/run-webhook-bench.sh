#!/usr/bin/env bash
# Webhook deliveries per second through the outbox, against wrk's raw rate to the same receiver,
# on PostgreSQL and SQLite, in one run:
#   bench/run-webhook-bench.sh [SECONDS]
# Builds the Release server, starts a throwaway PostgreSQL (stopped on exit) with durability
# turned back on, and the receiver bench/webhook/sink.py (it checks every signature). Then on
# each backend:
#   1. a `serve` with its dispatcher off (dispatcher.enabled: false) takes event POSTs from wrk
#      for SECONDS (default 10): every `amend` of a planned seminar queues one notification in the
#      outbox, for one signed webhook endpoint (max_in_flight 64, no rate limit);
#   2. it stops, and a `serve` with its dispatcher on delivers the outbox: fan-out to deliveries,
#      claims under leases, a signed POST each, every try recorded. The rate is the deliveries
#      over the time from the first try's start to the last one's end, read from the database;
#   3. wrk (2 threads, 64 connections, keep-alive) replays one of the requests just delivered
#      to the same receiver for SECONDS: the raw rate the receiver can take.
# Prints a Markdown table. About 1 + 4 x SECONDS seconds per backend and the seeding's deliveries.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/durable-postgres.sh
source bench/serve-node.sh
seconds=${1:-10}
seminars=256

cmake --preset release >/dev/null
cmake --build --preset release --target seminarflow >/dev/null
binary=build/release/adapters/cli/seminarflow
bindir=$(pg_config --bindir)
secret="whsec_$(head -c 24 /dev/urandom | base64)"

work=$(mktemp -d)
sink_pid=""
cleanup() {
    stop_server
    # Its whole process group: `python3` may be a wrapper (pyenv) with the interpreter its child.
    [[ -n $sink_pid ]] && kill -- "-$sink_pid" 2>/dev/null
    durable_postgres_stop "$work/pg"
    rm -rf -- "$work"
}
trap cleanup EXIT
pg_url=$(durable_postgres_start "$work/pg")

setsid python3 -u bench/webhook/sink.py "$secret" >"$work/sink.log" 2>&1 &
sink_pid=$!
for _ in $(seq 1 100); do grep -q '^PORT ' "$work/sink.log" && break; sleep 0.1; done
sink="http://127.0.0.1:$(awk '/^PORT / { print $2 }' "$work/sink.log")"

config() {  # DISPATCHER_ENABLED: the default configuration, with this repository's paths
    sed -e "s|^  enabled: true|  enabled: $1|" -e "s|^  dir: workflows|  dir: $PWD/workflows|" \
        -e "s|^  dir: config/templates|  dir: $PWD/config/templates|" \
        -e "s|^  allow_cidrs: \[\]|  allow_cidrs: [127.0.0.0/8]  # the receiver is on loopback|" \
        config/seminarflow.yaml >"$work/dispatcher-$1.yaml"
    echo "$work/dispatcher-$1.yaml"
}

sql() {  # BACKEND DATABASE_URL QUERY: one row, fields separated by |
    if [[ $1 == postgresql ]]; then
        "$bindir/psql" -X -At -v ON_ERROR_STOP=1 -d "$2" -c "$3"
    else
        python3 -c 'import sqlite3, sys; print("|".join(map(str, sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone())))' \
            "${2#sqlite://}" "$3"
    fi
}

# The receiver's count of verified requests, read without starting an interpreter: the loop below
# runs it five times a second while the node delivers, on the same two cores.
sink_verified() { curl -sf "$sink/stats" | grep -o '"verified": [0-9]*' | grep -o '[0-9]*$'; }

measure() {  # BACKEND DATABASE_URL
    local backend=$1 url=$2
    SEMINARFLOW_DATABASE_URL="$url" "$binary" migrate >/dev/null
    SEMINARFLOW_DATABASE_URL="$url" "$binary" --config "$(config true)" endpoints add "$sink/hook" --secret "$secret" --max-in-flight 64 \
        --description "webhook benchmark" >/dev/null

    # 1. The outbox fills while nothing delivers.
    start_server "$url" "$work/$backend-seed.log" --config "$(config false)"
    local token; token=$(SEMINARFLOW_DATABASE_URL="$url" "$binary" tokens create --role admin --name bench 2>/dev/null)
    mkdir -p "$work/$backend"
    python3 bench/http/seed.py "$api" "$token" "$seminars" "$work/$backend"
    wrk -t2 -c64 -d"${seconds}s" -s bench/http/event_posts.lua "$api" -- "$work/$backend/amends" "$token" \
        >"$work/$backend-posts.txt"
    stop_server
    local notifications; notifications=$(sql "$backend" "$url" "SELECT count(*) FROM outbox")

    # 2. One node delivers it all.
    local verified_before; verified_before=$(sink_verified)
    start_server "$url" "$work/$backend-deliver.log" --config "$(config true)"
    # Watched at the receiver, not in the database: a poll of the database (psql, or a python3
    # that may be a pyenv shim of shell scripts) took a tenth to a third of the two cores the
    # node delivers on. Once the receiver has them all, their tries are recorded a moment later.
    for _ in $(seq 1 3000); do
        (($(sink_verified) - verified_before >= notifications)) && break
        sleep 0.2
    done
    local delivered=0
    for _ in $(seq 1 100); do
        delivered=$(sql "$backend" "$url" "SELECT count(*) FROM deliveries WHERE status = 'delivered'")
        ((delivered >= notifications)) && break
        sleep 0.2
    done
    stop_server
    # Milliseconds from the first try's start to the last one's end.
    local span_ms="(julianday(max(started_at)) - julianday(min(started_at))) * 86400000"
    [[ $backend == postgresql ]] && span_ms="EXTRACT(EPOCH FROM max(started_at) - min(started_at)) * 1000"
    local span; span=$(sql "$backend" "$url" \
        "SELECT count(*), $span_ms + max(latency_ms) FROM delivery_attempts")
    local verified=$(($(sink_verified) - verified_before))

    # 3. The receiver's raw rate, with a request it just verified.
    curl -sf "$sink/sample" | python3 -c '
import json, sys
sample = json.load(sys.stdin)
kept = {k: v for k, v in sample["headers"].items() if k == "content-type" or k.startswith("webhook-")}
sys.stdout.write(sample["path"] + "\n" + "".join(f"{k}: {v}\n" for k, v in kept.items()) + "\n" + sample["body"])
' >"$work/$backend-request.txt"
    wrk -t2 -c64 -d"${seconds}s" -s bench/webhook/replay.lua "$sink" -- "$work/$backend-request.txt" \
        >"$work/$backend-raw.txt"

    python3 - "$backend" "$notifications" "$delivered" "$verified" "$span" "$work/$backend-raw.txt" <<'PY'
import json, re, sys
backend, notifications, delivered, verified, span, raw_file = sys.argv[1:]
attempts, span_ms = span.split("|")
seconds = float(span_ms) / 1000
raw = open(raw_file).read()
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", raw)
print(json.dumps({"backend": backend, "notifications": int(notifications), "delivered": int(delivered),
                  "attempts": int(attempts), "verified": int(verified), "seconds": seconds,
                  "per_second": int(delivered) / seconds,
                  "raw_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", raw).group(1)),
                  "raw_non_2xx": int(non2xx.group(1)) if non2xx else 0}))
PY
}

measure postgresql "$pg_url" >"$work/postgresql.json"
measure sqlite "sqlite://$work/bench.db" >"$work/sqlite.json"

python3 - "$seconds" "$(<"$work/postgresql.json")" "$(<"$work/sqlite.json")" <<'PY'
import json, sys
print(f"raw: wrk -t2 -c64 for {sys.argv[1]} s, replaying one delivered request (keep-alive)\n")
print("| backend | deliveries | tries | verified by the receiver | seconds | deliveries/s | raw requests/s "
      "| ratio | raw non-2xx |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for r in map(json.loads, sys.argv[2:]):
    print(f"| {r['backend']} | {r['delivered']:,} of {r['notifications']:,} | {r['attempts']:,} | {r['verified']:,} "
          f"| {r['seconds']:.1f} | {r['per_second']:,.0f} | {r['raw_per_second']:,.0f} "
          f"| {r['per_second'] / r['raw_per_second']:.0%} | {r['raw_non_2xx']} |")
PY
