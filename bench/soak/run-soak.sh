#!/usr/bin/env bash
# The soak on both backends, one after the other (bench/soak/soak.py):
#   bench/soak/run-soak.sh [MINUTES] [RATE] [BUILD]
# MINUTES of mixed traffic at RATE requests/s (default 3 and 200) per backend: a fresh SQLite
# file, then a throwaway PostgreSQL with durability turned back on (bench/durable-postgres.sh),
# stopped on exit. BUILD (default build/dev) holds the seminarflow and fixed_rate targets, the
# server and its open-loop client (bench/fixed_rate.cpp). Prints one JSON line per backend;
# exits non-zero if either found an answer not 2xx, a descriptor leaked or memory growing.
set -uo pipefail
cd "$(dirname "$0")/../.."
source bench/durable-postgres.sh
minutes=${1:-3}
rate=${2:-200}
build=${3:-build/dev}
binary=$build/adapters/cli/seminarflow
client=$build/bench/fixed_rate
for program in "$binary" "$client"; do
    [[ -x $program ]] || { echo "run-soak: no $program (build the seminarflow and fixed_rate targets first)" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'durable_postgres_stop "$work/pg"; rm -rf -- "$work"' EXIT
pg_url=$(durable_postgres_start "$work/pg") || exit 1

failed=0
python3 bench/soak/soak.py "$binary" "$client" --minutes "$minutes" --rate "$rate" || failed=1
python3 bench/soak/soak.py "$binary" "$client" --minutes "$minutes" --rate "$rate" --postgresql "$pg_url" || failed=1
exit $failed
