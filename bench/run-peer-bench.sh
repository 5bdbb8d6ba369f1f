#!/usr/bin/env bash
# Job queues on one PostgreSQL, in one run: seminarflow's outbox beside graphile-worker and
# pg-boss (npm, pinned in bench/peers/package-lock.json), each enqueueing JOBS trivial jobs and
# then processing them:
#   bench/run-peer-bench.sh [JOBS] [RUNS]
# Builds bench/outbox_jobs_bench (Release), installs the peers, starts a throwaway PostgreSQL
# (stopped on exit) with durability turned back on (bench/durable-postgres.sh), and runs every
# engine RUNS times (default 3), the order rotating from run to run, each time on a fresh
# database after a CHECKPOINT. A job, for each engine:
#   seminarflow          a durable transition (`amend`) that queues one notification, then its
#                        delivery fanned out, claimed, handed to a channel that takes it at once,
#                        and settled (bench/outbox_jobs_bench.cpp);
#   graphile-worker      addJob, then a worker with 64 jobs at once runs a task that does nothing
#                        and completes it; "(batched)": fetched 100 at a time (localQueue) and
#                        completions written together (completeJobBatchDelay 0);
#   pg-boss              send, then a worker fetches 100 at a time and completes each batch.
# 64 callers enqueue at once; processing starts once all are enqueued and ends when the
# database holds every job finished. Prints the versions and a Markdown table of the medians,
# with seminarflow's rates divided by each peer's. About 13 minutes for 20,000 jobs on 2 shared cores.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/durable-postgres.sh
jobs=${1:-20000}
runs=${2:-3}
concurrency=64
engines=(seminarflow graphile-worker graphile-worker-batched pg-boss)

command -v node >/dev/null || { echo "node is needed for the peers (apt-get install nodejs npm)" >&2; exit 1; }
cmake --preset release >/dev/null
cmake --build --preset release --target outbox_jobs_bench >/dev/null
(cd bench/peers && npm ci --silent --no-audit --no-fund)
bindir=$(pg_config --bindir)

durable_postgres_for_this_run

run_engine() {  # ENGINE DATABASE_URL: one JSON line
    case $1 in
    seminarflow) build/release/bench/outbox_jobs_bench "$2" workflows config/templates "$jobs" "$concurrency" ;;
    graphile-worker) node bench/peers/graphile_worker_jobs.mjs "$2" "$jobs" "$concurrency" ;;
    graphile-worker-batched) node bench/peers/graphile_worker_jobs.mjs "$2" "$jobs" "$concurrency" batched ;;
    pg-boss) node bench/peers/pg_boss_jobs.mjs "$2" "$jobs" "$concurrency" ;;
    esac
}

results=()
started=$SECONDS
for run in $(seq 1 "$runs"); do
    for i in "${!engines[@]}"; do
        # Run r starts with engine r - 1: each engine goes first, and follows each other, in turn.
        engine=${engines[$(((i + run - 1) % ${#engines[@]}))]}
        database="jobs_${engine//-/_}_$run"
        durable_psql -c "CREATE DATABASE $database"
        # Dirty pages of the run before are written now, not during this one's.
        durable_psql -c "CHECKPOINT"
        results+=("$(run_engine "$engine" "$(database_url "$database")")")
        echo "run $run: $engine done ($((SECONDS - started)) s)" >&2
    done
done

versions=$(printf '%s\n' "node $(node --version)" \
    "graphile-worker $(node -p 'require("./bench/peers/node_modules/graphile-worker/package.json").version')" \
    "pg-boss $(node -p 'require("./bench/peers/node_modules/pg-boss/package.json").version')" \
    "$("$bindir/postgres" --version)" "seminarflow $(git describe --always --dirty)")
python3 - "$jobs" "$runs" "$versions" "${results[@]}" <<'PY'
import json, statistics, sys
jobs, runs, versions = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
results = [json.loads(line) for line in sys.argv[4:]]
engines = list(dict.fromkeys(r["engine"] for r in results))

def rates(engine):
    mine = [r for r in results if r["engine"] == engine]
    return {
        "enqueue": [r["enqueued"] / r["enqueue_seconds"] for r in mine],
        "process": [r["processed"] / r["process_seconds"] for r in mine],
        "end to end": [r["processed"] / (r["enqueue_seconds"] + r["process_seconds"]) for r in mine],
    }

medians = {e: {k: statistics.median(v) for k, v in rates(e).items()} for e in engines}
ours = medians["seminarflow"]
print(f"{jobs:,} jobs per engine, 64 enqueueing at once, median of {runs} runs; "
      + ", ".join(versions.splitlines()) + "; fsync, synchronous_commit, full_page_writes on\n")
print("| engine | enqueue jobs/s | processing jobs/s | end to end jobs/s | ours ÷ theirs: enqueue | processing | end to end |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for engine in engines:
    m = medians[engine]
    ratios = " | ".join(f"{ours[k] / m[k]:.2f}×" for k in ("enqueue", "process", "end to end")) \
        if engine != "seminarflow" else " |  | "
    print(f"| {engine} | {m['enqueue']:,.0f} | {m['process']:,.0f} | {m['end to end']:,.0f} | {ratios} |")
print("\nEnd to end, each run: " + "; ".join(
    f"{e} " + ", ".join(f"{x:,.0f}" for x in rates(e)["end to end"]) for e in engines))
problems = [r for r in results if r["failures"] or r["processed"] != jobs or r["enqueued"] != jobs]
for r in problems:
    print(f"\n{r['engine']}: enqueued {r['enqueued']}, processed {r['processed']}, failures {r['failures']}"
          + (f", first: {r['first_failure']}" if r.get("first_failure") else ""))
if problems:
    sys.exit(1)
PY
echo "run-peer-bench: $((SECONDS - started)) s for the runs" >&2
