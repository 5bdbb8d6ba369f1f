#!/usr/bin/env python3
"""webhook_delivery.py SEMINARFLOW SOURCE_DIR [URL_FILE]

The notification path end to end, as an operator sets it up: `seminarflow endpoints add` points
two webhooks at a receiver (tests/channels/webhook_sink.py, which checks the Standard Webhooks
signature with Python's own HMAC), one over https (its certificate signed by a CA made for the
run, which the node's config trusts with channels.ca_file), the other answering 404;
`seminarflow serve` runs, a seminar is planned over HTTP, and its seminar.planned notification
arrives at both as a signed CloudEvent.
The operator finds the failed delivery with `deliveries list` and sends it again with
`deliveries replay`. On a fresh SQLite file, or on the PostgreSQL whose URL is in URL_FILE.
Exits 1 if anything does not arrive intact."""
import json
import os
import sys
import tempfile
import time

from serve_node import ServeNode, cli, database_url, new_seminar
from http_sink import HttpSink

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def about(sink, instance_id):
    """What reached the receiver about `instance_id`: on PostgreSQL the other process tests' nodes
    share the database, and their seminars' notifications reach these endpoints too."""
    return [r for r in sink.received() if json.loads(r["body"]).get("subject") == instance_id]


def wait_for(sink, instance_id, count):
    deadline = time.monotonic() + 20
    requests = about(sink, instance_id)
    while time.monotonic() < deadline and len(requests) < count:
        time.sleep(0.05)
        requests = about(sink, instance_id)
    return requests


def check_event(request, instance_id):
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


def write_config(work, source_dir, ca_file):
    """Loopback allowed (the receiver is on this machine), and the receiver's CA trusted."""
    path = os.path.join(work, "webhook.yaml")
    with open(path, "w", encoding="utf-8") as file:
        file.write(f"""channels:
  allow_cidrs: [127.0.0.0/8, "::1/128"]
  ca_file: {ca_file}
workflows:
  dir: {source_dir}/workflows
templates:
  dir: {source_dir}/config/templates
""")
    return path


def deliver_and_replay(binary, source_dir, url, node, sink, failing_endpoint):
    """A seminar planned: one delivery taken (204), one failed for good (404); the operator sees
    the failed one, by its endpoint, and replays it, and it goes out again under the same
    webhook-id."""
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 1))
    instance_id = new_seminar(node, "Hội thảo: tham luận các đơn vị", 3 * 24 * 3600)
    requests = wait_for(sink, instance_id, 2)
    if sorted(r["path"] for r in requests) != ["/ok", "/status/404"]:
        raise SystemExit(f"expected /ok and /status/404 at the receiver, got {requests}")
    for request in requests:
        check_event(request, instance_id)
    secure = next(r for r in requests if r["path"] == "/ok")
    if secure["headers"].get("host") != f"localhost:{sink.fields['TLS_PORT']}":
        raise SystemExit(f"the /ok delivery did not come over https to the TLS port: {secure['headers']}")
    deadline = time.monotonic() + 20
    failed_id = requests[[r["path"] for r in requests].index("/status/404")]["headers"]["webhook-id"]
    failed = ""
    while time.monotonic() < deadline and failed_id not in failed:
        failed = cli(binary, source_dir, url, "deliveries", "list", "--status", "failed",
                     "--endpoint", failing_endpoint)
        time.sleep(0.05)
    if not any(line.startswith(failed_id) and "last_status=404" in line for line in failed.splitlines()):
        raise SystemExit(f"the 404 delivery {failed_id} is not listed as failed: {failed}")
    replayed = cli(binary, source_dir, url, "deliveries", "replay", "--since", started,
                   "--endpoint", failing_endpoint)
    if replayed.split()[0] != "1":
        raise SystemExit(f"replay: {replayed}")
    requests = wait_for(sink, instance_id, 3)
    again = [r for r in requests if r["path"] == "/status/404"]
    if len(again) != 2 or again[0]["headers"]["webhook-id"] != again[1]["headers"]["webhook-id"]:
        raise SystemExit(f"the replayed delivery did not go out again under its webhook-id: {requests}")
    return instance_id, requests


def main():
    binary, source_dir = sys.argv[1], sys.argv[2]
    url_file = sys.argv[3] if len(sys.argv) > 3 else None
    sink = HttpSink(source_dir, "webhook_sink.py", "--tls", "IP:127.0.0.1,DNS:localhost", SECRET)
    try:
        with tempfile.TemporaryDirectory() as work:
            url = database_url(url_file, work, "webhook")
            endpoints = [cli(binary, source_dir, url, "endpoints", "add", target, "--type",
                             "seminar.planned", "--secret", SECRET).split()[1]
                         for target in (sink.tls_url("/ok"), sink.url("/status/404"))]
            node = ServeNode(binary, source_dir, url, "webhook", write_config(work, source_dir, sink.fields["CA"]))
            try:
                instance_id, requests = deliver_and_replay(binary, source_dir, url, node, sink, endpoints[1])
            finally:
                node.stop()
        print(f"ok: seminar.planned for {instance_id} arrived signed at both receivers (one over https), and the failed one "
              f"again when replayed ({len(requests)} requests)")
    finally:
        sink.stop()


if __name__ == "__main__":
    main()
