#!/usr/bin/env python3
"""webhook_delivery.py SEMINARFLOW SOURCE_DIR [URL_FILE]

The notification path end to end, as an operator sets it up: `seminarflow endpoints add` points a
webhook at a receiver (tests/channels/webhook_sink.py, which checks the Standard Webhooks
signature with Python's own HMAC), `seminarflow serve` runs, a seminar is planned over HTTP, and
its seminar.planned notification arrives there as a signed CloudEvent. On a fresh SQLite file, or
on the PostgreSQL whose URL is in URL_FILE. Exits 1 if it does not arrive intact."""
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

from serve_node import ServeNode, database_url, new_seminar

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def start_sink(source_dir):
    sink = subprocess.Popen([sys.executable, os.path.join(source_dir, "tests/channels/webhook_sink.py"), SECRET],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = sink.stdout.readline().split()
    if len(line) != 2 or line[0] != "PORT":
        raise SystemExit(f"the webhook sink did not start: {line}")
    return sink, int(line[1])


def received(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/received", timeout=5) as response:
        return json.loads(response.read())


def main():
    binary, source_dir = sys.argv[1], sys.argv[2]
    url_file = sys.argv[3] if len(sys.argv) > 3 else None
    sink, port = start_sink(source_dir)
    try:
        with tempfile.TemporaryDirectory() as work:
            url = database_url(url_file, work, "webhook")
            env = dict(os.environ, SEMINARFLOW_DATABASE_URL=url)
            added = subprocess.run([binary, "endpoints", "add", f"http://127.0.0.1:{port}/ok", "--type",
                                    "seminar.planned", "--secret", SECRET, "--description", "the test's receiver"],
                                   cwd=source_dir, env=env, check=True, capture_output=True, text=True).stdout
            endpoint_id = added.split()[1]
            node = ServeNode(binary, source_dir, url, "webhook")
            try:
                instance_id = new_seminar(node, "Hội thảo: tham luận các đơn vị", 3 * 24 * 3600)
                deadline = time.monotonic() + 20
                requests = []
                while time.monotonic() < deadline and not requests:
                    requests = received(port)
                    time.sleep(0.05)
            finally:
                node.stop()
                # The PostgreSQL database is shared with the other process tests: leave no endpoint.
                subprocess.run([binary, "endpoints", "remove", endpoint_id], cwd=source_dir, env=env, check=True,
                               capture_output=True)
        if len(requests) != 1:
            raise SystemExit(f"expected one request at the receiver, got {len(requests)}: {requests}")
        request = requests[0]
        event = json.loads(request["body"])
        problems = []
        if request["signed_by"] != 0:
            problems.append("the signature does not verify")
        if request["headers"].get("content-type") != "application/cloudevents+json; charset=utf-8":
            problems.append(f"content-type {request['headers'].get('content-type')}")
        if event.get("type") != "seminar.planned" or event.get("subject") != instance_id:
            problems.append(f"the event is {event.get('type')} about {event.get('subject')}")
        if event.get("data", {}).get("data", {}).get("title") != "Hội thảo: tham luận các đơn vị":
            problems.append("the seminar's title did not arrive intact")
        if problems:
            raise SystemExit("; ".join(problems) + f"\n{request}")
        print(f"ok: {event['type']} for {instance_id} arrived signed, webhook-id {request['headers']['webhook-id']}")
    finally:
        sink.stdin.close()
        sink.wait(timeout=30)


if __name__ == "__main__":
    main()
