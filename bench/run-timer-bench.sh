#!/usr/bin/env bash
# Durable timers on PostgreSQL and SQLite, in one run:
#   bench/run-timer-bench.sh [PENDING] [RATE] [SECONDS] [pool=N] [batch=N] [parallelism=N]
# Builds the Release benchmark, starts a throwaway PostgreSQL (stopped on exit) with durability
# turned back on and 1 GB of shared buffers, then, on each backend: `timer_bench seed` writes
# PENDING pending timers (default 1,000,000) with bulk SQL, and `timer_bench run` starts the
# scheduler as `seminarflow serve` does, reads its resident size while it holds them, makes
# RATE * SECONDS of them come due RATE a second (default 5,000 a second for 20 s), and measures
# how fast they fire and how late. Options after SECONDS go to `timer_bench run` (the store's
# pool, WorkOptions' batch and parallelism). Prints a Markdown table. About 6 minutes, most of it
# seeding and arming.
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

# As in run-durable-bench.sh: the throwaway server is made for tests with fsync off. And a million
# instances make a database of about a gigabyte, of which the default shared_buffers (128 MB) holds
# an eighth: give it 1 GB, as a server sized for that many would have (it needs a restart).
sql -c "ALTER SYSTEM SET fsync = on" -c "ALTER SYSTEM SET synchronous_commit = on" \
    -c "ALTER SYSTEM SET full_page_writes = on" -c "ALTER SYSTEM SET shared_buffers = '1GB'" >/dev/null
cluster=$(<"$work/pg/cluster")
if [[ $EUID -eq 0 ]]; then as_owner=(runuser -u postgres --); else as_owner=(); fi
"${as_owner[@]}" "$bindir/pg_ctl" -D "$cluster/data" restart -m fast -w >/dev/null
[[ $(sql -At -c "SHOW fsync" -c "SHOW synchronous_commit" -c "SHOW full_page_writes" -c "SHOW shared_buffers") == \
   $'on\non\non\n1GB' ]] || { echo "run-timer-bench: the server did not take its settings" >&2; exit 1; }

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
print(f"{sys.argv[1]}, fsync on, shared_buffers 1 GB; SQLite WAL, synchronous = FULL\n")
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
    print(f"\n{r['backend']}: largest lag (ms) of the timers due in each second of the window: "
          + ", ".join(f"{lag:,}" for lag in r["max_lag_ms_by_due_second"]))
for r in runs:
    if r.get("first_failure"):
        print(f"\n{r['backend']}: first failure: {r['first_failure']}")
PY
