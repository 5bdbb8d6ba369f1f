#!/usr/bin/env bash
# The HTTP API under wrk, on PostgreSQL and SQLite, in one run:
#   bench/run-http-bench.sh [SECONDS]
# Builds the Release server, starts a throwaway PostgreSQL (stopped on exit) with durability
# turned back on, and on each backend: starts `seminarflow serve` as a user would (default
# config, a fresh database), reads its resident memory once it has started and sits idle, makes
# an admin token and 256 planned seminars (bench/http/seed.py), then measures for SECONDS each
# (default 20):
#   - GET /v1/instances/{id} with wrk (2 threads, 64 connections): requests/s and latency;
#   - event POSTs (`amend`, bench/http/event_posts.lua) with wrk, as fast as they go;
#   - once the server has settled (the dispatcher has handed over what those POSTs queued, and the
#     page cache has written back what they wrote), event POSTs at a fixed 500 requests/s, open
#     loop (bench/fixed_rate.cpp): latency from each request's due time;
# and the resident memory again once it is idle after all that. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/durable-postgres.sh
source bench/serve-node.sh
seconds=${1:-20}
seminars=256

cmake --preset release >/dev/null
cmake --build --preset release --target seminarflow fixed_rate >/dev/null
binary=build/release/adapters/cli/seminarflow
client=build/release/bench/fixed_rate
bindir=$(pg_config --bindir)

work=$(mktemp -d)
cleanup() {
    stop_server
    durable_postgres_stop "$work/pg"
    rm -rf -- "$work"
}
trap cleanup EXIT
pg_url=$(durable_postgres_start "$work/pg")

resident_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
# PID: waits (at most 120 s) until the process has used under 5% of a core for a whole second, and
# prints how many seconds that took. The wrk POSTs leave tens of thousands of notifications for
# the dispatcher to hand over; the fixed-rate measure starts once that is done, so that it times
# 500 events a second, not the catching up after the measure before.
settled_after() {
    local pid=$1 waited=0 before after
    after=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
    while ((waited < 120)); do
        before=$after
        sleep 1
        waited=$((waited + 1))
        after=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
        (( after - before < $(getconf CLK_TCK) / 20 )) && break
    done
    echo "$waited"
}
# wrk's summary as JSON: requests/s, latency p50/p99 (ms), non-2xx answers and socket errors.
wrk_json() {
    python3 - "$1" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(rf"^\s*{label}%?\s+([\d.]+)(us|ms|s)\b", text, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors = re.search(r"Socket errors: (.*)", text)
print(json.dumps({"per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
                  "p50_ms": ms("50"), "p99_ms": ms("99"),
                  "non_2xx": int(non2xx.group(1)) if non2xx else 0,
                  "socket_errors": errors.group(1) if errors else ""}))
PY
}

measure() {  # BACKEND DATABASE_URL
    local backend=$1 url=$2 log="$work/$1.log"
    SEMINARFLOW_DATABASE_URL="$url" "$binary" migrate >/dev/null
    start_server "$url" "$log"
    sleep 2
    local idle_start; idle_start=$(resident_mb "$server_pid")

    local token; token=$(SEMINARFLOW_DATABASE_URL="$url" "$binary" tokens create --role admin --name bench 2>/dev/null)
    mkdir -p "$work/$backend"
    python3 bench/http/seed.py "$api" "$token" "$seminars" "$work/$backend"
    local instance; instance=$(<"$work/$backend/instance")

    wrk -t2 -c64 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$api$instance" >"$work/get.txt"
    wrk -t2 -c64 -d"${seconds}s" --latency -s bench/http/event_posts.lua "$api" -- "$work/$backend/amends" "$token" \
        >"$work/post.txt"
    local settled; settled=$(settled_after "$server_pid")
    # The wrk POSTs also leave the page cache holding what they wrote: 100-120 MB on PostgreSQL.
    # Written back by the kernel during the measure, it queues ahead of the WAL flushes and stalls
    # every commit for up to 150 ms at a time. A server taking 500 events a second carries no such
    # backlog, so it is written back first, and how much it was is reported.
    local dirty; dirty=$(awk '/^Dirty:/ { printf "%.0f", $2 / 1024 }' /proc/meminfo)
    sync
    local fixed; fixed=$("$client" "$api" "$token" 500 "$seconds" "$work/$backend/amends")
    sleep 5
    local idle_end; idle_end=$(resident_mb "$server_pid")
    stop_server

    python3 -c 'import json, sys; print(json.dumps({"backend": sys.argv[1], "idle_start_mb": float(sys.argv[2]),
        "idle_end_mb": float(sys.argv[3]), "get": json.loads(sys.argv[4]), "post": json.loads(sys.argv[5]),
        "fixed": json.loads(sys.argv[6]), "settled_s": int(sys.argv[7]), "written_back_mb": int(sys.argv[8])}))' \
        "$backend" "$idle_start" "$idle_end" "$(wrk_json "$work/get.txt")" "$(wrk_json "$work/post.txt")" "$fixed" \
        "$settled" "$dirty"
}

measure postgresql "$pg_url" >"$work/postgresql.json"
measure sqlite "sqlite://$work/bench.db" >"$work/sqlite.json"

python3 - "$seconds" "$(<"$work/postgresql.json")" "$(<"$work/sqlite.json")" <<'PY'
import json, sys
print(f"wrk -t2 -c64, {sys.argv[1]} s each; fixed rate: 500/s open loop for {sys.argv[1]} s\n")
print("| backend | idle RSS at start (MB) | GET/s | GET p99 ms | event POST/s | POST p99 ms "
      "| settled after (s) | written back (MB) | at 500/s: achieved | p50 ms | p99 ms | max ms | idle RSS after (MB) | non-2xx |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
for r in map(json.loads, sys.argv[2:]):
    g, p, f = r["get"], r["post"], r["fixed"]
    bad = {k: v for k, v in f["statuses"].items() if not k.startswith("2")}
    print(f"| {r['backend']} | {r['idle_start_mb']:.1f} | {g['per_second']:,.0f} | {g['p99_ms']:.2f} "
          f"| {p['per_second']:,.0f} | {p['p99_ms']:.2f} | {r['settled_s']} | {r['written_back_mb']} | {f['achieved_per_second']:.0f} | {f['p50_ms']:.2f} "
          f"| {f['p99_ms']:.2f} | {f['max_ms']:.1f} | {r['idle_end_mb']:.1f} "
          f"| GET {g['non_2xx']}, POST {p['non_2xx']}, fixed {bad or 0} |")
PY
