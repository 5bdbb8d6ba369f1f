#!/usr/bin/env python3
"""three_nodes.py SEMINARFLOW SOURCE_DIR URL_FILE

Three `seminarflow serve` nodes on one PostgreSQL, one killed with SIGKILL while the timers they
share come due: every timer must change its instance's state exactly once (one `not_ready` entry
in each seminar's history, one notification in the outbox), the dead node's claims taken over
once its lease runs out. Prints the counts; exits 1 on any timer fired twice or never."""
import os
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


def counts(url, ids):
    """{id: (not_ready entries in history, seminar.not_ready rows in the outbox, pending timers)}"""
    listed = ",".join(f"'{i}'" for i in ids)
    sql = (f"SELECT i.id, (SELECT count(*) FROM history h WHERE h.instance_id = i.id AND h.event = 'not_ready'),"
           f" (SELECT count(*) FROM outbox o WHERE o.instance_id = i.id AND o.template = 'seminar.not_ready'),"
           f" (SELECT count(*) FROM timers t WHERE t.instance_id = i.id AND t.state = 'pending'"
           f" AND t.name = 'not_ready_warning') FROM instances i WHERE i.id IN ({listed})")
    rows = subprocess.run(["psql", "-X", "-A", "-t", "-F", "|", "-d", url, "-c", sql],
                          check=True, capture_output=True, text=True).stdout.split()
    return {row.split("|")[0]: tuple(int(v) for v in row.split("|")[1:]) for row in rows}


def main():
    binary, source_dir, url_file = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    with tempfile.TemporaryDirectory() as work:
        url = database_url(url_file, work, "three")
        config = write_config(work, source_dir)
        nodes = [ServeNode(binary, source_dir, url, f"node{n}", config) for n in (1, 2, 3)]
        # Their reminders (`not_ready_warning`, three days before the start) come due 4 to 8 s
        # from now, spread evenly, so that node 2 dies while it holds some of them.
        ids = [new_seminar(nodes[0], f"Tọa đàm khối doanh nghiệp lần {i}", THREE_DAYS + 4 + 4 * i / SEMINARS)
               for i in range(SEMINARS)]
        time.sleep(5)
        nodes[1].kill()

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

    print(f"{SEMINARS} timers on 3 nodes, node 2 killed: fired never {never}, more than once {twice}, "
          f"outbox not matching history {unnotified}")
    return 0 if never == 0 and twice == 0 and unnotified == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
