#!/usr/bin/env bash
# Durable transitions per second on PostgreSQL and SQLite, with pgbench's ceiling, in one run:
#   bench/run-durable-bench.sh [SECONDS]
# Builds the Release benchmark, starts a throwaway PostgreSQL (stopped on exit), measures
# `pgbench -N` on it, then bench/durable_bench on PostgreSQL and on SQLite at 1, 8 and 64
# concurrent instances (SECONDS each, default 15), and prints a Markdown table. About 2 minutes.
#
# The throwaway server is made for tests and turns fsync off; here durability is turned back on
# (fsync, synchronous_commit, full_page_writes) before anything is measured, so that pgbench and
# we both pay for one WAL flush per commit, as a production server would. SQLite runs as the
# store opens it: WAL, synchronous = FULL.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/durable-postgres.sh
seconds=${1:-15}
concurrencies=(1 8 64)

cmake --preset release >/dev/null
cmake --build --preset release --target durable_bench >/dev/null
bench=build/release/bench/durable_bench
bindir=$(pg_config --bindir)

durable_postgres_for_this_run

# pgbench over TCP with the same URL (password and all) that our bench uses: both pay for the same
# connection path. It needs no unix socket, so it runs as whoever we are, root or not.
durable_psql -c "CREATE DATABASE pgbench"
"$bindir/pgbench" -i -s 4 -q "$(database_url pgbench)" >"$work/pgbench-init.log" 2>&1 \
    || { cat "$work/pgbench-init.log" >&2; exit 1; }
"$bindir/pgbench" -N -c 4 -j 2 -T 20 "$(database_url pgbench)" >"$work/pgbench.log" 2>&1 \
    || { cat "$work/pgbench.log" >&2; exit 1; }
pgbench_tps=$(sed -nE 's/^tps = ([0-9.]+) \(without initial connection time\)/\1/p' "$work/pgbench.log")
[[ -n $pgbench_tps ]] || { cat "$work/pgbench.log" >&2; exit 1; }

results=()
for concurrency in "${concurrencies[@]}"; do
    # A fresh database each time, so that no run reads tables the one before it grew.
    durable_psql -c "CREATE DATABASE bench_$concurrency"
    results+=("$("$bench" "$(database_url "bench_$concurrency")" workflows config/templates "$concurrency" "$seconds")")
done
for concurrency in "${concurrencies[@]}"; do
    results+=("$("$bench" "sqlite://$work/bench_$concurrency.db" workflows config/templates "$concurrency" "$seconds")")
done

python3 - "$pgbench_tps" "$("$bindir/postgres" --version)" "${results[@]}" <<'PY'
import json, sys
pgbench = float(sys.argv[1])
runs = [json.loads(line) for line in sys.argv[3:]]
print(f"pgbench -N -c 4 -j 2 -T 20 ({sys.argv[2]}, fsync on): {pgbench:,.0f} TPS\n")
print("| backend | concurrent instances | transitions/s | p50 ms | p99 ms | failed | vs pgbench -N |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for r in runs:
    ratio = f"{r['transitions_per_second'] / pgbench:.2f}x" if r["backend"] == "postgresql" else ""
    print(f"| {r['backend']} | {r['concurrency']} | {r['transitions_per_second']:,.0f} | {r['p50_ms']:.2f} "
          f"| {r['p99_ms']:.2f} | {r['failures']} | {ratio} |")
for r in runs:
    if r.get("first_failure"):
        print(f"\n{r['backend']} at {r['concurrency']}: first failure: {r['first_failure']}")
PY
