#!/usr/bin/env bash
# Durable timers on PostgreSQL and SQLite, in one run:
#   bench/run-timer-bench.sh [PENDING] [RATE] [SECONDS] [pool=N] [batch=N] [parallelism=N]
# Builds the Release benchmark, starts a throwaway PostgreSQL (stopped on exit) with durability
# turned back on, then, on each backend: `timer_bench seed` writes PENDING pending timers
# (default 1,000,000) with bulk SQL, and `timer_bench run` starts the scheduler as
# `seminarflow serve` does, reads its resident size while it holds them, makes RATE * SECONDS of
# them come due RATE a second (default 5,000 a second for 20 s), and measures how fast they fire
# and how late. Prints a Markdown table. About 5 minutes, most of it seeding.
set -euo pipefail
cd "$(dirname "$0")/.."
pending=${1:-1000000}
rate=${2:-5000}
seconds=${3:-20}
run_options=("${@:4}")

cmake --preset release >/dev/null
cmake --build --preset release --target timer_bench >/dev/null
bench=build/release/bench/timer_bench
definitions=(bench/timers/workflows bench/timers/templates)
bindir=$(pg_config --bindir)

work=$(mktemp -d)
cleanup() {
    scripts/throwaway-postgres.sh stop "$work/pg" >/dev/null 2>&1 || true
    rm -rf -- "$work"
}
trap cleanup EXIT
scripts/throwaway-postgres.sh start "$work/pg" >/dev/null
url=$(<"$work/pg/url")
sql() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -d "$url" "$@"; }

# As in run-durable-bench.sh: the throwaway server is made for tests with fsync off.
sql -c "ALTER SYSTEM SET fsync = on" -c "ALTER SYSTEM SET synchronous_commit = on" \
    -c "ALTER SYSTEM SET full_page_writes = on" -c "SELECT pg_reload_conf()" >/dev/null
for attempt in $(seq 1 50); do
    [[ $(sql -At -c "SHOW fsync" -c "SHOW synchronous_commit" -c "SHOW full_page_writes") == $'on\non\non' ]] && break
    ((attempt < 50)) || { echo "run-timer-bench: the server kept its durability settings off" >&2; exit 1; }
    sleep 0.1
done

results=()
for database in "$url" "sqlite://$work/timers.db"; do
    results+=("$("$bench" seed "$database" "${definitions[@]}" "$pending" "$rate" "$seconds")")
    results+=("$("$bench" run "$database" "${definitions[@]}" "$rate" "$seconds" "${run_options[@]}")")
done

python3 - "$("$bindir/postgres" --version)" "${results[@]}" <<'PY'
import json, sys
lines = [json.loads(line) for line in sys.argv[2:]]
seeds = {l["backend"]: l for l in lines if l["phase"] == "seed"}
runs = [l for l in lines if l["phase"] == "run"]
print(f"{sys.argv[1]}, fsync on; SQLite WAL, synchronous = FULL\n")
print("| backend | pending held | RSS holding MB | RSS firing, max MB | due /s | fired /s | lag p50 ms | lag p99 ms "
      "| lag max ms | fired | failed | CPU us/timer: ours + database |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for r in runs:
    database = f" + {r['database_cpu_us_per_timer']:.0f}" if r["backend"] == "postgresql" else ""
    print(f"| {r['backend']} | {r['pending_held']:,} | {r['rss_holding_mb']:.1f} | {r['rss_firing_max_mb']:.1f} "
          f"| {r['rate_due']:,.0f} | {r['fired_per_second']:,.0f} | {r['lag_p50_ms']:,.0f} | {r['lag_p99_ms']:,.0f} "
          f"| {r['lag_max_ms']:,.0f} | {r['fired']:,} of {r['window_timers']:,} | {r['failures']} "
          f"| {r['own_cpu_us_per_timer']:.0f}{database} |")
r = runs[0]
print(f"\nstore pool {r['pool']}, batch {r['batch']}, parallelism {r['parallelism']}; seeded in "
      + ", ".join(f"{b}: {s['seed_seconds'] + s['settle_seconds']:.0f} s" for b, s in seeds.items())
      + "; load average (1, 5, 15 min) before and after each run: "
      + "; ".join(f"{r['backend']}: {r['load_average_before']} -> {r['load_average_after']}" for r in runs))
for r in runs:
    if r.get("first_failure"):
        print(f"\n{r['backend']}: first failure: {r['first_failure']}")
PY
