#!/usr/bin/env python3
"""three_nodes.py SEMINARFLOW SOURCE_DIR URL_FILE

Three `seminarflow serve` nodes on one PostgreSQL, one killed with SIGKILL while the timers they
share come due: every timer must change its instance's state exactly once (one `not_ready` entry
in each seminar's history, one notification in the outbox), the dead node's claims taken over
once its lease runs out. Node 2 is killed while it holds leases on timers it has not fired, so
the takeover is what is tested. Each notification goes to a webhook (tests/channels/webhook_sink.py):
every delivery must be claimed and delivered, whichever node took it, and reach the receiver
signed. Prints the counts; exits 1 on any timer fired twice or never, or any delivery missing."""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

from serve_node import ServeNode, cli, database_url, new_seminar, node_config, psql
from http_sink import HttpSink

SEMINARS = 60
LEASE_SECONDS = 2
THREE_DAYS = 3 * 86400
SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"


def write_config(work, source_dir):
    return node_config(work, source_dir, "three-nodes", f"""
scheduler:
  poll_interval: 200ms
  lease: {LEASE_SECONDS}s
dispatcher:
  poll_interval: 200ms
  lease: {LEASE_SECONDS}s
  send_timeout: 1s
""")


class RowLocks:
    """Holds FOR UPDATE locks on instances in a psql session of its own until released: a node that
    fires their timers claims them, then waits on the lock to commit, holding its leases."""

    def __init__(self, url, ids):
        self.session = subprocess.Popen(["psql", "-X", "-q", "-A", "-t", "-d", url], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        listed = ",".join(f"'{i}'" for i in ids)
        self.session.stdin.write(f"BEGIN;\nSELECT count(*) FROM (SELECT id FROM instances WHERE id IN ({listed})"
                                 f" FOR UPDATE) locked;\n")
        self.session.stdin.flush()
        self.session.stdout.readline()  # the count: the locks are held

    def release(self):
        self.session.stdin.write("ROLLBACK;\n")
        self.session.stdin.close()
        self.session.wait(timeout=30)


def leases_held(url, node):
    return int(psql(url, f"SELECT count(*) FROM timers WHERE state = 'pending' AND lease_owner LIKE"
                         f" '%:{node.process.pid}' AND lease_expires_at > now()")[0])


def counts(url, ids):
    """{id: (not_ready entries in history, seminar.not_ready rows in the outbox, pending timers)}"""
    listed = ",".join(f"'{i}'" for i in ids)
    sql = (f"SELECT i.id, (SELECT count(*) FROM history h WHERE h.instance_id = i.id AND h.event = 'not_ready'),"
           f" (SELECT count(*) FROM outbox o WHERE o.instance_id = i.id AND o.template = 'seminar.not_ready'),"
           f" (SELECT count(*) FROM timers t WHERE t.instance_id = i.id AND t.state = 'pending'"
           f" AND t.name = 'not_ready_warning') FROM instances i WHERE i.id IN ({listed})")
    rows = psql(url, sql)
    return {row.split("|")[0]: tuple(int(v) for v in row.split("|")[1:]) for row in rows}


def deliveries(url, ids):
    """{status: count} of the deliveries of these instances' seminar.not_ready notifications."""
    listed = ",".join(f"'{i}'" for i in ids)
    rows = psql(url, "SELECT d.status, count(*) FROM deliveries d JOIN outbox o ON o.id = d.notification_id"
                     f" WHERE o.instance_id IN ({listed}) AND o.template = 'seminar.not_ready' GROUP BY d.status")
    return {row.split("|")[0]: int(row.split("|")[1]) for row in rows}


def received(sink, ids):
    """(distinct webhook-ids, requests, unsigned requests) about these instances at the receiver;
    on the shared PostgreSQL other tests' seminars may reach it too."""
    ours = [r for r in sink.received() if json.loads(r["body"]).get("subject") in ids]
    return len({r["headers"]["webhook-id"] for r in ours}), len(ours), sum(1 for r in ours if r["signed_by"] != 0)


def wait_until(predicate, seconds):
    deadline = time.monotonic() + seconds
    while not predicate() and time.monotonic() < deadline:
        time.sleep(0.5)


def main():
    binary, source_dir, url_file = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    sink = HttpSink(source_dir, "webhook_sink.py", SECRET)
    with tempfile.TemporaryDirectory() as work:
        url = database_url(url_file, work, "three")
        config = write_config(work, source_dir)
        cli(binary, source_dir, url, "endpoints", "add", sink.url("/ok"), "--type", "seminar.not_ready",
            "--secret", SECRET)
        try:
            nodes = [ServeNode(binary, source_dir, url, f"node{n}", config) for n in (1, 2, 3)]
            ids, held = kill_node_holding_leases(nodes, url)
            wait_until(lambda: all(pending == 0 for _, _, pending in counts(url, ids).values()), 60)
            seen = counts(url, ids)
            wait_until(lambda: deliveries(url, ids).get("delivered", 0) >= SEMINARS and
                       received(sink, ids)[0] >= SEMINARS, 60)
            statuses = deliveries(url, ids)
            distinct, requests, unsigned = received(sink, ids)
            for node in (nodes[0], nodes[2]):
                node.stop()
        finally:
            sink.stop()

    never = sum(1 for fired, _, _ in seen.values() if fired == 0)
    twice = sum(1 for fired, _, _ in seen.values() if fired > 1)
    unnotified = sum(1 for fired, notified, _ in seen.values() if notified != fired)
    print(f"{SEMINARS} timers on 3 nodes, node 2 killed holding {held} lease(s): fired never {never}, "
          f"more than once {twice}, outbox not matching history {unnotified}")
    print(f"deliveries by status {statuses}; the receiver got {distinct} distinct webhook-ids in {requests} "
          f"request(s), {unsigned} not signed")
    if held == 0:
        print("node 2 was never caught holding a lease: the takeover was not tested", file=sys.stderr)
        return 1
    delivered = statuses == {"delivered": SEMINARS} and distinct == SEMINARS and unsigned == 0
    return 0 if never == 0 and twice == 0 and unnotified == 0 and delivered else 1


def kill_node_holding_leases(nodes, url):
    """Seminars whose reminders (`not_ready_warning`, three days before the start) come due 3 s
    from now. Until then nodes 1 and 3 are frozen (SIGSTOP) and the instances' rows locked, so
    that node 2 claims the timers and then waits on the locks to fire them: it is killed holding
    leases on work not done, which only the lease running out gives back. Returns the seminars'
    ids and how many leases node 2 held."""
    ids = [new_seminar(nodes[0], f"Tọa đàm khối doanh nghiệp lần {i}", THREE_DAYS + 3) for i in range(SEMINARS)]
    locks = RowLocks(url, ids)
    for node in (nodes[0], nodes[2]):
        node.process.send_signal(signal.SIGSTOP)
    deadline = time.monotonic() + 30
    while (held := leases_held(url, nodes[1])) == 0 and time.monotonic() < deadline:
        time.sleep(0.1)
    nodes[1].kill()
    locks.release()
    for node in (nodes[0], nodes[2]):
        node.process.send_signal(signal.SIGCONT)
    return ids, held


if __name__ == "__main__":
    sys.exit(main())
