#!/usr/bin/env python3
"""kill_under_load.py SEMINARFLOW SOURCE_DIR [URL_FILE]

`kill -9` of a serving node under load, then a restart: every event the node acknowledged must be
in the history, and every transition's notification in the outbox (the transactional outbox
commits with the transition, or neither does). On a fresh SQLite file, or on the PostgreSQL whose
URL is in URL_FILE. Prints the counts; exits 1 if anything acknowledged was lost."""
import sys
import tempfile
import time

from amend_load import AmendLoad, outbox_and_history
from serve_node import ServeNode, database_url, new_seminar

SEMINARS = 8
LOAD_SECONDS = 2.0


def main():
    binary, source_dir = sys.argv[1], sys.argv[2]
    url_file = sys.argv[3] if len(sys.argv) > 3 else None
    with tempfile.TemporaryDirectory() as work:
        url = database_url(url_file, work, "kill")
        node = ServeNode(binary, source_dir, url, "loaded")
        ids = [new_seminar(node, f"Tọa đàm số {i}", 30 * 86400) for i in range(SEMINARS)]

        load = AmendLoad(node, ids, stop_on_connection_error=True).start()
        time.sleep(LOAD_SECONDS)
        node.kill()  # mid-request: some amends are in flight
        load.stop()
        if load.problems:
            raise RuntimeError(load.problems[0])

        restarted = ServeNode(binary, source_dir, url, "restarted")
        total, lost = load.lost(restarted)
        counts = outbox_and_history(url, ids)
        unmatched = sum(1 for i in ids if counts[i][0] != counts[i][1])
        committed = sum(counts[i][0] for i in ids)
        restarted.stop()

    print(f"acknowledged {total} events, lost {lost}; {committed} transitions committed, "
          f"{unmatched} instance(s) whose outbox does not match their history")
    if total == 0:
        print("no event was acknowledged before the kill: the test proved nothing", file=sys.stderr)
        return 1
    return 0 if lost == 0 and unmatched == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
