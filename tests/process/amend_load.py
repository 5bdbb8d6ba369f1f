"""Load for the chaos tests: threads that amend planned seminars on a `seminarflow serve` node over
and over, each with its own Idempotency-Key, and remember every amend the node acknowledged (200)
with the history seq it answered. Afterwards `lost` counts the acknowledged amends missing from
the history. What the node answered besides is counted by status; a refusal other than 503 with
Retry-After (the store is away: try again) is recorded as a problem, and so is an answer slower
than `hang_seconds`."""
import subprocess
import sys
import threading
import time
import uuid

from serve_node import psql


class AmendLoad:
    def __init__(self, node, ids, hang_seconds=10, stop_on_connection_error=False, venue=None):
        self.node, self.ids = node, ids
        # The n-th amend's venue, made unique below; long ones fill a disk sooner.
        self.venue = venue or (lambda n: f"Phòng họp số {n}")
        self.hang_seconds = hang_seconds
        # kill -9 of the node: a broken connection is the end of its load, not a problem.
        self.stop_on_connection_error = stop_on_connection_error
        self.acknowledged = {i: [] for i in ids}
        self.statuses = {}
        self.problems = []
        self.slowest = 0.0
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._amend, args=(i,)) for i in ids]

    def start(self):
        for thread in self.threads:
            thread.start()
        return self

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join()

    def acknowledged_count(self):
        with self.lock:
            return sum(len(entries) for entries in self.acknowledged.values())

    def _amend(self, instance_id):
        n = 0
        while not self.stopping.is_set():
            n += 1
            venue = f"{self.venue(n)} - {uuid.uuid4().hex[:8]}"
            started = time.monotonic()
            try:
                status, headers, answer = self.node.exchange(
                    "POST", f"/v1/instances/{instance_id}/events", {"type": "amend", "payload": {"venue": venue}},
                    headers={"Idempotency-Key": str(uuid.uuid4())}, timeout=self.hang_seconds)
            except OSError as error:
                if self.stop_on_connection_error:
                    return  # the node is gone: what it answered before is what counts
                self._problem(f"no answer within {self.hang_seconds} s or a broken connection: {error}")
                continue
            took = time.monotonic() - started
            with self.lock:
                self.slowest = max(self.slowest, took)
                self.statuses[status] = self.statuses.get(status, 0) + 1
                if status == 200:
                    self.acknowledged[instance_id].append((answer["history"]["seq"], venue))
            if status == 503 and "retry-after" not in headers:
                self._problem(f"503 without Retry-After: {answer}")
            elif status not in (200, 503):
                self._problem(f"amend answered {status}: {answer}")
            if status == 503:
                time.sleep(0.05)  # as a client that honours Retry-After, only sooner

    def print_problems(self, at_most=5):
        for problem in self.problems[:at_most]:
            print(f"  {problem}", file=sys.stderr)

    def _problem(self, text):
        with self.lock:
            self.problems.append(text)

    def lost(self, node):
        """(acknowledged, lost): the acknowledged amends missing from the history `node` serves."""
        total = lost = 0
        for instance_id in self.ids:
            kept = {(e["seq"], e["payload"].get("venue")) for e in node.history(instance_id) if e["event"] == "amend"}
            total += len(self.acknowledged[instance_id])
            lost += sum(1 for entry in self.acknowledged[instance_id] if entry not in kept)
        return total, lost


def outbox_and_history(url, ids):
    """{instance id: (amend entries in history, seminar.updated rows in the outbox)}, read with the
    database's own client, not through the server."""
    listed = ",".join(f"'{i}'" for i in ids)
    sql = (f"SELECT h.instance_id, (SELECT count(*) FROM history x WHERE x.instance_id = h.instance_id"
           f" AND x.event = 'amend'), (SELECT count(*) FROM outbox o WHERE o.instance_id = h.instance_id"
           f" AND o.template = 'seminar.updated') FROM history h WHERE h.instance_id IN ({listed})"
           f" GROUP BY h.instance_id")
    if url.startswith("sqlite://"):
        rows = subprocess.run(["sqlite3", "-cmd", ".timeout 5000", "-separator", "|", url[len("sqlite://"):], sql],
                              check=True, capture_output=True, text=True).stdout.split()
    else:
        rows = psql(url, sql)
    return {row.split("|")[0]: tuple(int(v) for v in row.split("|")[1:]) for row in rows}
