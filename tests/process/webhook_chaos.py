#!/usr/bin/env python3
"""webhook_chaos.py SEMINARFLOW SOURCE_DIR [URL_FILE]

Webhook receivers that misbehave, each behind an endpoint of its own with a short retry schedule
(the endpoint's own), while seminars are planned: one that answers at once (the control), one
that goes down and comes back on its port again and again, one that answers 500 twice per
delivery then 200, one that answers 429 with Retry-After: 1 twice per delivery then 200, one that
hangs on each delivery's first try past the dispatcher's send timeout then answers, one that
always answers 500 and one that always hangs (both must end dead-lettered).

Every delivery must end delivered or dead ('failed' is for answers retrying would not change;
none of these gives one), nothing pending or lost; a delivered one must have reached its own
receiver; no request may reach a receiver with a webhook-id that is not one of its endpoint's
deliveries (sent to the wrong endpoint), and no webhook-id may belong to two endpoints; each
signed; tries after a 429 must wait for its Retry-After. Prints the counts; exits 1 if any is
off. On a fresh SQLite file, or on the PostgreSQL whose URL is in URL_FILE."""
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time

from http_sink import HttpSink
from serve_node import ServeNode, cli, database_url, new_seminar, node_config, psql

SEMINARS = 12
SECRET = "whsec_Q2hhb3MgdGVzdCBzZWNyZXQgZm9yIHdlYmhvb2tz"
SCHEDULE = "200ms,200ms,500ms,500ms,1s,1s,1s,1s,2s,2s,2s,2s"
SHORT_SCHEDULE = "100ms,100ms,100ms"  # for the receivers that never take one: dead in a second or two
FLAP_SECONDS = 0.7
# The receiver flaps this long, then stays up: less than SCHEDULE's 13 s (less jitter), so each
# delivery still has tries left once it is up for good and must end delivered. Flapping for
# longer would rightly dead-letter some, which would make the outcome a matter of chance.
FLAPPING_FOR_SECONDS = 6
RETRY_AFTER = 1

# (name, path, expected end, retry schedule, max in flight)
ENDPOINTS = [
    ("steady", "/ok", "delivered", SCHEDULE, 4),
    ("flapping", "/ok", "delivered", SCHEDULE, 4),
    ("500 twice", "/each/2/500", "delivered", SCHEDULE, 4),
    ("429 twice", f"/each/2/429?retry_after={RETRY_AFTER}", "delivered", SCHEDULE, 4),
    ("hangs once", "/each/1/hang", "delivered", SCHEDULE, SEMINARS),
    ("always 500", "/status/500", "dead", SHORT_SCHEDULE, 4),
    ("always hangs", "/hang", "dead", SHORT_SCHEDULE, SEMINARS),
]


def write_config(work, source_dir):
    return node_config(work, source_dir, "webhook-chaos", """
dispatcher:
  poll_interval: 100ms
  lease: 3s
  send_timeout: 1s
""")


def query(url, sql):
    if url.startswith("sqlite://"):
        out = subprocess.run(["sqlite3", "-cmd", ".timeout 5000", "-separator", "|", url[len("sqlite://"):], sql], check=True,
                             capture_output=True, text=True).stdout
        return [row for row in out.splitlines() if row]
    return psql(url, sql)


def deliveries(url, endpoint_ids, ids):
    """[(delivery id, endpoint id, status)] of these endpoints about these seminars."""
    endpoints = ",".join(f"'{e}'" for e in endpoint_ids)
    seminars = ",".join(f"'{i}'" for i in ids)
    rows = query(url, "SELECT d.id, d.endpoint_id, d.status FROM deliveries d JOIN outbox o ON o.id = d.notification_id"
                      f" WHERE d.endpoint_id IN ({endpoints}) AND o.instance_id IN ({seminars})")
    return [tuple(row.split("|")) for row in rows]


class Flapper:
    """The receiver that goes down (its process stopped: connections refused) and comes back on the
    same port, every FLAP_SECONDS for a while; it keeps what each of its lives received."""

    def __init__(self, source_dir):
        self.source_dir = source_dir
        self.sink = HttpSink(source_dir, "webhook_sink.py", "--port", "0", "--received-on-exit", SECRET)
        self.port, self.kept, self.flaps = self.sink.port, [], 0

    def flap(self):
        if self.sink:
            # What it answered, up to its last moment: asking before stopping it would miss the
            # requests that come in between.
            said = self.sink.stop()
            self.kept += json.loads(said.split("RECEIVED ", 1)[1])
            self.sink = None
            self.flaps += 1
        else:
            self.sink = HttpSink(self.source_dir, "webhook_sink.py", "--port", str(self.port), "--received-on-exit",
                                 SECRET)

    def up(self):
        if not self.sink:
            self.flap()

    def stop(self):
        """Everything it received in all its lives."""
        if self.sink:
            self.flap()
        return self.kept


def add_endpoints(binary, source_dir, url, sink, flapper):
    """{endpoint id: (name, path, expected)}, each added as an operator adds one."""
    added = {}
    for name, path, expected, schedule, in_flight in ENDPOINTS:
        port = flapper.port if name == "flapping" else sink.port
        out = cli(binary, source_dir, url, "endpoints", "add", f"http://127.0.0.1:{port}{path}", "--type",
                  "seminar.planned", "--secret", SECRET, "--retry-schedule", schedule, "--max-in-flight",
                  str(in_flight), "--description", name)
        added[out.split()[1]] = (name, path.split("?")[0], expected)  # "endpoint ID added"
    return added


def settle(url, endpoints, ids, flapper, seconds=90):
    """Flaps the flapping receiver for FLAPPING_FOR_SECONDS, then keeps it up until no delivery
    is pending."""
    started = time.monotonic()
    deadline = started + seconds
    rows = []
    while time.monotonic() < deadline:
        rows = deliveries(url, endpoints, ids)
        if len(rows) == SEMINARS * len(endpoints) and all(status != "pending" for _, _, status in rows):
            break
        time.sleep(FLAP_SECONDS)
        if time.monotonic() < started + FLAPPING_FOR_SECONDS:
            flapper.flap()
        else:
            flapper.up()
    return rows


def check(rows, endpoints, requests_by_path):
    """The counts: problems (each a line) and a summary."""
    problems = []
    owner = {delivery: endpoint for delivery, endpoint, _ in rows}
    ended = {}
    for delivery, endpoint, status in rows:
        name, path, expected = endpoints[endpoint]
        ended.setdefault(name, {}).setdefault(status, 0)
        ended[name][status] += 1
        if status != expected:
            problems.append(f"{name}: delivery {delivery} ended {status}, not {expected}")
        if status == "delivered" and delivery not in {r["headers"].get("webhook-id") for r in requests_by_path[endpoint]}:
            problems.append(f"{name}: delivery {delivery} is marked delivered but never reached its receiver")
    misrouted = unsigned = 0
    for endpoint, requests in requests_by_path.items():
        for request in requests:
            if owner.get(request["headers"].get("webhook-id")) != endpoint:
                misrouted += 1
            if request["signed_by"] != 0:
                unsigned += 1
    lost = SEMINARS * len(endpoints) - len(rows) + sum(1 for _, _, status in rows if status == "pending")
    return problems, lost, misrouted, unsigned, ended


def unanswered_tries(url, endpoint):
    """The tries to `endpoint` that got no answer at all (refused, reset, timed out)."""
    return int(query(url, "SELECT count(*) FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id"
                          f" WHERE d.endpoint_id = '{endpoint}' AND a.status_code IS NULL")[0])


def waits_after_429(url, endpoint):
    """The waits, in seconds, from the end of each try of `endpoint` answered 429 to the start of
    the same delivery's next try, from the tries the dispatcher recorded (to the millisecond:
    hence the 10 ms the check allows)."""
    rows = query(url, "SELECT a.delivery_id, a.attempt, a.started_at, a.latency_ms, coalesce(a.status_code, 0)"
                      " FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id"
                      f" WHERE d.endpoint_id = '{endpoint}' ORDER BY a.delivery_id, a.attempt")
    tries = [row.split("|") for row in rows]
    waits = []
    for (delivery, _, started, latency, status), (next_delivery, _, next_started, _, _) in zip(tries, tries[1:]):
        if delivery == next_delivery and status == "429":
            waits.append(seconds_of(next_started) - seconds_of(started) - int(latency) / 1000)
    return waits


def seconds_of(stamp):
    """Seconds since the epoch of a try's start as the store keeps it: RFC 3339 text on SQLite, a
    timestamptz (as psql prints it, in UTC) on PostgreSQL."""
    stamp = stamp.replace("Z", "+00:00").replace(" ", "T")
    if stamp.endswith("+00"):
        stamp += ":00"  # how psql prints a timestamptz in UTC
    moment = datetime.datetime.fromisoformat(stamp)
    return moment.timestamp()


def main():
    binary, source_dir = sys.argv[1], os.path.abspath(sys.argv[2])
    url_file = sys.argv[3] if len(sys.argv) > 3 else None
    sink = HttpSink(source_dir, "webhook_sink.py", SECRET)
    flapper = Flapper(source_dir)
    try:
        with tempfile.TemporaryDirectory() as work:
            node = None
            try:
                url = database_url(url_file, work, "webhook_chaos")
                endpoints = add_endpoints(binary, source_dir, url, sink, flapper)
                node = ServeNode(binary, source_dir, url, "webhook-chaos", write_config(work, source_dir))
                flapper.flap()  # down when the first tries come
                ids = [new_seminar(node, f"Hội thảo chuyên đề số {i}", 7 * 86400) for i in range(SEMINARS)]
                rows = settle(url, list(endpoints), ids, flapper)
                flapping = next(e for e, (name, _, _) in endpoints.items() if name == "flapping")
                unanswered = unanswered_tries(url, flapping)
                throttled = next(e for e, (name, _, _) in endpoints.items() if name == "429 twice")
                waits = waits_after_429(url, throttled)
                node.stop()
            finally:
                if node:
                    node.kill_if_running()
        at_sink = sink.received()
    finally:
        sink.stop()
        at_flapper = flapper.stop()

    requests_by_path = {}
    for endpoint, (name, path, _) in endpoints.items():
        arrived = at_flapper if name == "flapping" else at_sink
        requests_by_path[endpoint] = [r for r in arrived if r["path"].split("?")[0] == path
                                      and json.loads(r["body"]).get("subject") in ids]
    problems, lost, misrouted, unsigned, ended = check(rows, endpoints, requests_by_path)
    waited = min(waits) if waits else 0.0
    tries = sum(len(requests) for requests in requests_by_path.values())
    print(f"{SEMINARS} notifications x {len(endpoints)} endpoints: lost {lost}, sent to the wrong endpoint "
          f"{misrouted}, unsigned {unsigned}, {tries} tries answered in all; the flapping receiver went down "
          f"{flapper.flaps} time(s), {unanswered} tries found it down; shortest of {len(waits)} waits after a 429 {waited:.2f} s (Retry-After {RETRY_AFTER} s)")
    for name, *_ in ENDPOINTS:
        print(f"  {name}: {ended.get(name)}")
    for problem in problems[:10]:
        print(f"  {problem}", file=sys.stderr)
    # Not every 429 need be seen as one (a try may time out on a busy machine): those that were
    # must have been waited out.
    ok = (not problems and lost == 0 and misrouted == 0 and unsigned == 0 and waits and
          waited >= RETRY_AFTER - 0.01 and unanswered > 0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
