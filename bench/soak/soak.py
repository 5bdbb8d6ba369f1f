#!/usr/bin/env python3
"""A bounded soak: mixed traffic at a fixed rate on one `seminarflow serve`, for minutes.

    bench/soak/soak.py SEMINARFLOW FIXED_RATE [--minutes M] [--rate R] [--postgresql URL]

Starts the node as the process tests do (tests/process/serve_node.py: a fresh SQLite file by
default, or a new database on the PostgreSQL server at URL), makes SEMINARS planned seminars, and
drives it open loop with FIXED_RATE (the client bench/fixed_rate.cpp builds) at R requests/s for
M minutes with a mix of event POSTs (`amend`), GETs of an instance, of its history, and
listings. Meanwhile it samples the node's resident memory (VmRSS) every SAMPLE_SECONDS, and
counts its open file descriptors (/proc/PID/fd) once warmed up and again at the end. Prints one
JSON line: the samples, the fd counts, the latency percentiles (all and per method) and the
answers by status. Exits 1 if any answer was not 2xx, if descriptors leaked, or if memory grew
in the second half of the run by more than GROWTH_MB (flat: what the allocator keeps once the
working set is reached)."""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(SOURCE_DIR, "tests/process"))
from serve_node import ServeNode, database_url, new_seminar  # noqa: E402

SEMINARS = 64
SAMPLE_SECONDS = 10
WARM_UP_SECONDS = 20
GROWTH_MB = 5.0
FD_SLACK = 4  # keep-alive connections still open, a log rotated: not a leak


def mix(ids):
    """Lines for the fixed-rate client: per seminar 2 amends, 1 GET, 1 history, and one listing per
    seminar (a page of 20, the first page or one further on): 40% writes, 60% reads."""
    lines = []
    for n, instance_id in enumerate(ids):
        path = f"/v1/instances/{instance_id}"
        for venue in ("Hội trường A", "Hội trường B"):
            body = json.dumps({"type": "amend", "payload": {"venue": venue}}, ensure_ascii=False)
            lines.append(f"{path}/events {body}")
        lines.append(f"GET {path}")
        lines.append(f"GET {path}/history?limit=20")
        lines.append("GET /v1/instances?workflow=seminar&limit=20" + ("&state=planned" if n % 2 else ""))
    return lines


def resident_mb(pid):
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def open_fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def sample(pid, samples, done):
    started = time.monotonic()
    while not done.wait(SAMPLE_SECONDS):
        samples.append((round(time.monotonic() - started), round(resident_mb(pid), 1)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("client", help="the fixed_rate client")
    parser.add_argument("--minutes", type=float, default=3)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--postgresql", metavar="URL", help="a PostgreSQL server (its URL) to make a database on")
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory() as work:
        url_file = None
        if arguments.postgresql:
            url_file = os.path.join(work, "url")
            with open(url_file, "w", encoding="utf-8") as file:
                file.write(arguments.postgresql)
        node = ServeNode(arguments.binary, SOURCE_DIR, database_url(url_file, work, "soak"), "soak")
        pid = node.process.pid
        ids = [new_seminar(node, f"Hội thảo số {i}", 30 * 86400) for i in range(SEMINARS)]
        paths = os.path.join(work, "paths")
        with open(paths, "w", encoding="utf-8") as file:
            file.write("\n".join(mix(ids)) + "\n")

        def drive(seconds):
            client = subprocess.run([arguments.client, node.base, node.token, str(arguments.rate), str(seconds), paths],
                                    capture_output=True, text=True)
            if client.returncode != 0:
                node.stop()
                raise SystemExit(f"the fixed-rate client failed:\n{client.stderr}")
            return json.loads(client.stdout)

        drive(WARM_UP_SECONDS)  # connections, statement caches, the allocator's arenas
        time.sleep(2)  # the client's keep-alive connections are closed by now
        fds_start, rss_start = open_fds(pid), resident_mb(pid)
        samples, done = [(0, round(rss_start, 1))], threading.Event()
        sampler = threading.Thread(target=sample, args=(pid, samples, done))
        sampler.start()
        try:
            result = drive(arguments.minutes * 60)
        finally:
            done.set()
            sampler.join()
        samples.append((samples[-1][0] + 1, round(resident_mb(pid), 1)))
        time.sleep(2)  # the client's keep-alive connections are closed by now
        fds_end = open_fds(pid)
        node.stop()

    second_half = [rss for _, rss in samples[len(samples) // 2:]]
    growth = max(second_half) - second_half[0]
    bad = {status: count for status, count in result["statuses"].items() if not status.startswith("2")}
    report = {"backend": "postgresql" if arguments.postgresql else "sqlite", "minutes": arguments.minutes,
              "rate": arguments.rate, "rss_mb": samples, "rss_growth_second_half_mb": round(growth, 1),
              "fds_start": fds_start, "fds_end": fds_end, **result}
    print(json.dumps(report))
    return 0 if not bad and fds_end <= fds_start + FD_SLACK and growth <= GROWTH_MB else 1


if __name__ == "__main__":
    sys.exit(main())
