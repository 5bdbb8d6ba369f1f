#!/usr/bin/env python3
"""Sends HTTP requests at a fixed rate and reports latency percentiles, as JSON on one line.

    bench/http/fixed_rate.py URL_BASE TOKEN RATE SECONDS PATHS_FILE

Open loop: request k is due at start + k / RATE whatever happened to the ones before it, and its
latency runs from that due time, not from when a connection was free to send it. A server that
stalls therefore shows its stall in the percentiles instead of slowing the load down (what wrk 4,
a closed loop, cannot do: it waits for an answer before the next request on a connection, and has
no fixed-rate mode). Each line of PATHS_FILE is `PATH BODY` (a POST) or `GET PATH`: the requests
go round them, and the percentiles are given for all and for each method.
Connections are kept alive and opened as needed, so a slow answer never holds a due request back.
"""
import asyncio
import json
import sys
import time
from urllib.parse import urlsplit


class Connection:
    def __init__(self, reader, writer):
        self.reader, self.writer = reader, writer

    async def send(self, host, method, path, token, body):
        payload = body.encode()
        head = (f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n").encode()
        self.writer.write(head + payload)
        status_line = await self.reader.readline()
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        await self.reader.readexactly(length)
        return int(status_line.split()[1])


async def run(base, token, rate, seconds, requests):
    parts = urlsplit(base)
    host = parts.netloc
    idle = []
    latencies, by_method, statuses = [], {}, {}

    async def fresh():
        return Connection(*await asyncio.open_connection(parts.hostname, parts.port))

    async def send(due, method, path, body):
        connection = idle.pop() if idle else await fresh()
        try:
            status = await connection.send(host, method, path, token, body)
        except (ConnectionError, asyncio.IncompleteReadError, IndexError):
            # The server closed a keep-alive connection that sat idle (its idle timeout) before
            # this request reached it: sent again on a new one, as HTTP clients do. A failure on
            # a new connection is a real one and ends the run.
            connection = await fresh()
            status = await connection.send(host, method, path, token, body)
        latencies.append(time.perf_counter() - due)
        by_method.setdefault(method, []).append(latencies[-1])
        statuses[status] = statuses.get(status, 0) + 1
        idle.append(connection)

    start = time.perf_counter()
    total = int(rate * seconds)
    tasks = []
    for k in range(total):
        due = start + k / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(send(due, *requests[k % len(requests)])))
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    return {"rate": rate, "sent": total, "achieved_per_second": total / elapsed, **percentiles(latencies),
            "by_method": {method: percentiles(times) for method, times in sorted(by_method.items())},
            "statuses": {str(k): v for k, v in sorted(statuses.items())}, "connections": len(idle)}


def percentiles(latencies):
    ordered = sorted(latencies)

    def at(p):
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    return {"p50_ms": at(50), "p90_ms": at(90), "p99_ms": at(99), "p999_ms": at(99.9), "max_ms": ordered[-1] * 1000}


def parse(line):
    """(method, path, body) of one line of PATHS_FILE."""
    first, _, rest = line.rstrip("\n").partition(" ")
    return ("GET", rest, "") if first == "GET" else ("POST", first, rest)


def main():
    base, token, rate, seconds, paths_file = sys.argv[1:6]
    with open(paths_file, encoding="utf-8") as lines:
        requests = [parse(line) for line in lines if line.strip()]
    print(json.dumps(asyncio.run(run(base, token, float(rate), float(seconds), requests))))


if __name__ == "__main__":
    main()
