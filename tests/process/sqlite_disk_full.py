#!/usr/bin/env python3
"""sqlite_disk_full.py SEMINARFLOW SOURCE_DIR

The disk of the SQLite database fills up under load. The database lives on a small tmpfs of its
own (mounted here: root only) beside a ballast file; a node amends seminars with long venues until
its writes fail. While the disk is full the node must answer each event with a 503 problem
(Retry-After, a message that says the database is unavailable), never crash or hang, and still
serve reads. Then the ballast is deleted (space returns): the node must take events again by
itself, `PRAGMA integrity_check` must say ok, and every event it acknowledged must be in the
history, also after a restart on the same file. Prints the counts; exits 1 if any is off, 77
(skipped, with the reason) where it cannot mount a tmpfs."""
import os
import subprocess
import sys
import tempfile
import time

from amend_load import AmendLoad
from own_postgres import SKIP
from serve_node import ServeNode, new_seminar

SEMINARS = 4
DISK = "8m"
BALLAST_BYTES = 4 << 20  # freed once full: room for the checkpoint that copies the WAL back
REFUSALS_WANTED = 20  # 503s in a row before space returns: the disk is well and truly full


class SmallDisk:
    """A tmpfs of DISK bytes mounted on a new folder; unmounted and removed by remove()."""

    def __init__(self):
        self.path = tempfile.mkdtemp(prefix="seminarflow-full-")
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK},mode=0700", "tmpfs", self.path],
                                 capture_output=True, text=True)
        if mounted.returncode != 0:
            os.rmdir(self.path)
            print(f"SKIPPED: cannot mount a tmpfs to fill (needs root): {mounted.stderr.strip()}", file=sys.stderr)
            sys.exit(SKIP)

    def remove(self):
        # Lazily if something still holds it: a failed run must not leave the mount behind.
        if subprocess.run(["umount", self.path], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", self.path], check=True)
        os.rmdir(self.path)


def took_again_once_space_returns(node, instance_id, seconds=15):
    """The status of an event sent once space returned: retried while it is 503, as a client would."""
    deadline = time.monotonic() + seconds
    while True:
        status, _ = node.request("POST", f"/v1/instances/{instance_id}/events",
                                 {"type": "amend", "payload": {"venue": "Phòng họp số 1"}})
        if status != 503 or time.monotonic() > deadline:
            return status
        time.sleep(0.2)


def wait_for_refusals(load, seconds=90):
    """True once the load has met REFUSALS_WANTED 503s: writes fail for want of space."""
    deadline = time.monotonic() + seconds
    while load.statuses.get(503, 0) < REFUSALS_WANTED and time.monotonic() < deadline:
        if load.problems:
            return False
        time.sleep(0.1)
    return load.statuses.get(503, 0) >= REFUSALS_WANTED


def long_venue(n):
    # Long enough that the disk fills in seconds: history and the outbox copy it.
    return f"Hội trường tầng {n} " + "Trụ sở Liên đoàn Lao động tỉnh, " * 60


def refusal_while_full(node, instance_id):
    """What the node answers to an event while the disk is full: (status, Retry-After, problem).

    Once the load stops, SQLite may give a few pages back (a rolled-back transaction's), so one
    event can still fit: events are sent until one is refused, at most 20 of them."""
    for _ in range(20):
        status, headers, answer = node.exchange("POST", f"/v1/instances/{instance_id}/events",
                                                {"type": "amend", "payload": {"venue": long_venue(0)}}, timeout=10)
        if status != 200:
            break
    return status, headers.get("retry-after"), headers.get("content-type"), answer


def integrity(path):
    return subprocess.run(["sqlite3", path, "PRAGMA integrity_check"], check=True, capture_output=True,
                          text=True).stdout.strip()


def main():
    binary, source_dir = sys.argv[1], os.path.abspath(sys.argv[2])
    disk = SmallDisk()
    nodes = []
    try:
        database = os.path.join(disk.path, "full.db")
        ballast = os.path.join(disk.path, "ballast")
        with open(ballast, "wb") as file:
            file.write(os.urandom(BALLAST_BYTES))
        node = ServeNode(binary, source_dir, f"sqlite://{database}", "disk-full")
        nodes.append(node)
        ids = [new_seminar(node, f"Hội thảo số {i}", 30 * 86400) for i in range(SEMINARS)]
        load = AmendLoad(node, ids, venue=long_venue).start()
        try:
            full = wait_for_refusals(load)
        finally:
            load.stop()
        refused = refusal_while_full(node, ids[0])
        read_status, _ = node.request("GET", f"/v1/instances/{ids[0]}")
        os.unlink(ballast)  # space returns
        took_again = took_again_once_space_returns(node, ids[0])
        alive = node.process.poll() is None
        total, lost = load.lost(node)
        # The client is told only that the database is unavailable; the operator's log says why.
        logged = "disk is full" in node.log()
        node.stop()
        checked = integrity(database)
        restarted = ServeNode(binary, source_dir, f"sqlite://{database}", "disk-full-restarted")
        nodes.append(restarted)
        _, lost_after_restart = load.lost(restarted)
        restarted.stop()
    finally:
        for running in nodes:
            running.kill_if_running()
        disk.remove()

    status, retry_after, content_type, problem = refused
    print(f"acknowledged {total} events, lost {lost} (after a restart: {lost_after_restart}); answers by status "
          f"{dict(sorted(load.statuses.items()))}, slowest {load.slowest:.2f} s; while full an event got {status} "
          f"(Retry-After {retry_after}, {content_type}: {problem.get('detail') if problem else None!r}) and a read "
          f"{read_status}; once space returned an event got {took_again}; integrity_check: {checked}; "
          f"the log says the disk is full: {logged}; problems {len(load.problems)}")
    load.print_problems()
    clear = status == 503 and retry_after is not None and content_type == "application/problem+json"
    ok = (full and alive and clear and logged and read_status == 200 and took_again == 200 and checked == "ok" and
          total > 0 and lost == 0 and lost_after_restart == 0 and not load.problems)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
