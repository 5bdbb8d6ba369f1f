#!/usr/bin/env python3
"""kill_under_load.py SEMINARFLOW SOURCE_DIR [URL_FILE]

`kill -9` of a serving node under load, then a restart: every event the node acknowledged must be
in the history, and every transition's notification in the outbox (the transactional outbox
commits with the transition, or neither does). On a fresh SQLite file, or on the PostgreSQL whose
URL is in URL_FILE. Prints the counts; exits 1 if anything acknowledged was lost."""
import subprocess
import sys
import tempfile
import threading
import time
import uuid

from serve_node import ServeNode, database_url, new_seminar, psql

SEMINARS = 8
LOAD_SECONDS = 2.0


def send_amends(node, instance_id, acknowledged, stop):
    """Amends `instance_id` until stopped or the node dies; records (seq, venue) for each 200."""
    n = 0
    while not stop.is_set():
        n += 1
        venue = f"Phòng họp số {n} - {uuid.uuid4().hex[:8]}"
        try:
            status, answer = node.request("POST", f"/v1/instances/{instance_id}/events",
                                          {"type": "amend", "payload": {"venue": venue}},
                                          headers={"Idempotency-Key": str(uuid.uuid4())}, timeout=5)
        except OSError:
            return  # the node is gone: what it answered before is what counts
        if status == 200:
            acknowledged.append((answer["history"]["seq"], venue))
        elif status not in (503,):
            raise RuntimeError(f"amend answered {status}: {answer}")


def outbox_and_history(url, ids):
    """{instance id: (amend entries in history, seminar.updated rows in the outbox)}, read with the
    database's own client, not through the server."""
    listed = ",".join(f"'{i}'" for i in ids)
    sql = (f"SELECT h.instance_id, (SELECT count(*) FROM history x WHERE x.instance_id = h.instance_id"
           f" AND x.event = 'amend'), (SELECT count(*) FROM outbox o WHERE o.instance_id = h.instance_id"
           f" AND o.template = 'seminar.updated') FROM history h WHERE h.instance_id IN ({listed})"
           f" GROUP BY h.instance_id")
    if url.startswith("sqlite://"):
        rows = subprocess.run(["sqlite3", "-separator", "|", url[len("sqlite://"):], sql],
                              check=True, capture_output=True, text=True).stdout.split()
    else:
        rows = psql(url, sql)
    return {row.split("|")[0]: tuple(int(v) for v in row.split("|")[1:]) for row in rows}


def main():
    binary, source_dir = sys.argv[1], sys.argv[2]
    url_file = sys.argv[3] if len(sys.argv) > 3 else None
    with tempfile.TemporaryDirectory() as work:
        url = database_url(url_file, work, "kill")
        node = ServeNode(binary, source_dir, url, "loaded")
        ids = [new_seminar(node, f"Tọa đàm số {i}", 30 * 86400) for i in range(SEMINARS)]

        acknowledged = {i: [] for i in ids}
        stop = threading.Event()
        errors = []

        def worker(instance_id):
            try:
                send_amends(node, instance_id, acknowledged[instance_id], stop)
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)

        threads = [threading.Thread(target=worker, args=(i,)) for i in ids]
        for thread in threads:
            thread.start()
        time.sleep(LOAD_SECONDS)
        node.kill()  # mid-request: some amends are in flight
        stop.set()
        for thread in threads:
            thread.join()
        if errors:
            raise errors[0]

        restarted = ServeNode(binary, source_dir, url, "restarted")
        lost, total = 0, 0
        for instance_id in ids:
            kept = {(e["seq"], e["payload"].get("venue")) for e in restarted.history(instance_id) if e["event"] == "amend"}
            total += len(acknowledged[instance_id])
            lost += sum(1 for entry in acknowledged[instance_id] if entry not in kept)
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
