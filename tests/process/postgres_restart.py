#!/usr/bin/env python3
"""postgres_restart.py SEMINARFLOW SOURCE_DIR

PostgreSQL restarted under a serving node's load, twice: `pg_ctl restart -m fast` (every session
ended, the server back at once), then `pg_ctl stop -m fast`, a few seconds without a database,
and `pg_ctl start`. The node is never touched. While the database is away the node must answer
503 with Retry-After, promptly (no answer slower than HANG_SECONDS); once it is back the node
must take events again by itself, hear work announcements again (its LISTEN connection is back),
and every event it acknowledged, before, between and after, must be in the history, with its
notification in the outbox. On a PostgreSQL server of the test's own (own_postgres.py), since the
ctest fixture's is shared. Prints the counts; exits 1 on any loss, crash or hang, 77 (skipped)
without a PostgreSQL server to run."""
import json
import os
import sys
import time

from amend_load import AmendLoad, outbox_and_history
from own_postgres import OwnPostgres
from serve_node import ServeNode, new_seminar

SEMINARS = 8
HANG_SECONDS = 10
PHASE_SECONDS = 2.0
AWAY_SECONDS = 3.0


def wait_for_acknowledgements(load, more_than, seconds=30):
    """True once the load has more acknowledged amends than `more_than`: the node took events."""
    return wait_for(load.acknowledged_count, more_than + 1, seconds) > more_than


def wait_for(count, wanted, seconds):
    """count() once it reaches `wanted`, or its last value after `seconds`."""
    deadline = time.monotonic() + seconds
    while (value := count()) < wanted and time.monotonic() < deadline:
        time.sleep(0.2)
    return value


def listener_reconnects(node):
    """How many times the node's log says its LISTEN connection listens (once at start, then once
    per reconnection)."""
    count = 0
    for line in node.log().splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if "work wakes this one" in entry.get("message", entry.get("msg", "")):
            count += 1
    return count


def main():
    binary, source_dir = sys.argv[1], os.path.abspath(sys.argv[2])
    postgres = OwnPostgres(source_dir)
    node = None
    try:
        node = ServeNode(binary, source_dir, postgres.url, "pg-restart")
        ids = [new_seminar(node, f"Tọa đàm số {i}", 30 * 86400) for i in range(SEMINARS)]
        load = AmendLoad(node, ids, hang_seconds=HANG_SECONDS).start()
        recovered = []
        try:
            time.sleep(PHASE_SECONDS)
            postgres.restart_fast()
            recovered.append(wait_for_acknowledgements(load, load.acknowledged_count()))
            time.sleep(PHASE_SECONDS)
            postgres.stop_fast()
            refused_before = load.statuses.get(503, 0)
            time.sleep(AWAY_SECONDS)
            refused_while_away = load.statuses.get(503, 0) - refused_before
            ready_while_away = node.request("GET", "/readyz")[0]
            postgres.start_again()
            recovered.append(wait_for_acknowledgements(load, load.acknowledged_count()))
            time.sleep(PHASE_SECONDS)
        finally:
            load.stop()
        ready_after = node.request("GET", "/readyz")[0]
        # The LISTEN connection retries with a backoff (up to 30 s) and polling covers the gap:
        # give it its time to come back, once at start and after each of the two outages.
        listening = wait_for(lambda: listener_reconnects(node), 3, 40)
        alive = node.process.poll() is None
        total, lost = load.lost(node)
        counts = outbox_and_history(postgres.url, ids)
        unmatched = sum(1 for i in ids if counts[i][0] != counts[i][1])
        node.stop()
    finally:
        if node:
            node.kill_if_running()
        postgres.remove()

    print(f"acknowledged {total} events, lost {lost}; answers by status {dict(sorted(load.statuses.items()))}, "
          f"{refused_while_away} refused while the database was stopped, slowest answer {load.slowest:.2f} s; "
          f"took events again after the restart and after the stop/start: {recovered}; "
          f"/readyz {ready_while_away} while it was stopped, {ready_after} after; "
          f"{unmatched} instance(s) whose outbox does not match their history; "
          f"the work listener listened {listening} time(s); problems {len(load.problems)}")
    load.print_problems()
    ok = (alive and lost == 0 and unmatched == 0 and not load.problems and all(recovered) and
          refused_while_away > 0 and listening >= 3 and ready_while_away == 503 and ready_after == 200)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
