#!/usr/bin/env bash
# The chaos tests of issue 8, one after the other, each printing its counts:
#   bench/chaos/run-chaos.sh [SEMINARFLOW]
# SEMINARFLOW defaults to the dev build (build/dev/adapters/cli/seminarflow). The scripts are the
# process tests' (tests/process/), which ctest also runs on every build, so what is recorded in
# bench/README.md stays true; here they run on a throwaway PostgreSQL of this run's own (stopped
# on exit) instead of ctest's fixture. Exits non-zero if any of them failed; a skipped one (77:
# no PostgreSQL server, or no tmpfs to mount without root) says why and does not fail the run.
set -uo pipefail
cd "$(dirname "$0")/../.."
binary=${1:-build/dev/adapters/cli/seminarflow}
[[ -x $binary ]] || { echo "run-chaos: no $binary (build the seminarflow target first)" >&2; exit 2; }

work=$(mktemp -d)
trap 'scripts/throwaway-postgres.sh stop "$work/pg" >/dev/null 2>&1; rm -rf -- "$work"' EXIT
scripts/throwaway-postgres.sh start "$work/pg" >/dev/null || exit 1

failed=0
run() {  # TITLE SCRIPT [URL_FILE]
    echo "== $1"
    python3 "tests/process/$2" "$binary" "$PWD" "${@:3}"
    local status=$?
    case $status in
        0) ;;
        77) echo "(skipped)" ;;
        *) echo "FAILED ($status)"; failed=1 ;;
    esac
}

run "kill -9 under load, SQLite" kill_under_load.py
run "kill -9 under load, PostgreSQL" kill_under_load.py "$work/pg/url"
run "PostgreSQL restarted mid-load (restart -m fast, then stop / start)" postgres_restart.py
run "misbehaving webhook receivers, SQLite" webhook_chaos.py
run "misbehaving webhook receivers, PostgreSQL" webhook_chaos.py "$work/pg/url"
run "the SQLite database's disk full" sqlite_disk_full.py
exit $failed
