#!/usr/bin/env python3
"""three_nodes.py SEMINARFLOW SOURCE_DIR URL_FILE

Three `seminarflow serve` nodes on one PostgreSQL, one killed with SIGKILL while the timers they
share come due: every timer must change its instance's state exactly once (one `not_ready` entry
in each seminar's history, one notification in the outbox), the dead node's claims taken over
once its lease runs out. Node 2 is killed while it holds leases on timers it has not fired, so
the takeover is what is tested. Prints the counts; exits 1 on any timer fired twice or never."""
import os
import signal
import subprocess
import sys
import tempfile
import time

from serve_node import ServeNode, database_url, new_seminar

SEMINARS = 60
LEASE_SECONDS = 2
THREE_DAYS = 3 * 86400


def write_config(work, source_dir):
    path = os.path.join(work, "three-nodes.yaml")
    with open(path, "w", encoding="utf-8") as file:
        file.write(f"""scheduler:
  poll_interval: 200ms
  lease: {LEASE_SECONDS}s
workflows:
  dir: {source_dir}/workflows
templates:
  dir: {source_dir}/config/templates
""")
    return path


def psql(url, sql):
    return subprocess.run(["psql", "-X", "-A", "-t", "-F", "|", "-d", url, "-c", sql],
                          check=True, capture_output=True, text=True).stdout.split()


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


def main():
    binary, source_dir, url_file = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    with tempfile.TemporaryDirectory() as work:
        url = database_url(url_file, work, "three")
        config = write_config(work, source_dir)
        nodes = [ServeNode(binary, source_dir, url, f"node{n}", config) for n in (1, 2, 3)]
        # Their reminders (`not_ready_warning`, three days before the start) come due 3 s from
        # now. Until then nodes 1 and 3 are frozen (SIGSTOP) and the instances' rows locked, so
        # that node 2 claims the timers and then waits on the locks to fire them: it is killed
        # holding leases on work not done, which only the lease running out gives back.
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

        deadline = time.monotonic() + 60
        while True:
            seen = counts(url, ids)
            if all(pending == 0 for _, _, pending in seen.values()) or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        never = sum(1 for fired, _, _ in seen.values() if fired == 0)
        twice = sum(1 for fired, _, _ in seen.values() if fired > 1)
        unnotified = sum(1 for fired, notified, _ in seen.values() if notified != fired)
        for node in (nodes[0], nodes[2]):
            node.stop()

    print(f"{SEMINARS} timers on 3 nodes, node 2 killed holding {held} lease(s): fired never {never}, "
          f"more than once {twice}, outbox not matching history {unnotified}")
    if held == 0:
        print("node 2 was never caught holding a lease: the takeover was not tested", file=sys.stderr)
        return 1
    return 0 if never == 0 and twice == 0 and unnotified == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
