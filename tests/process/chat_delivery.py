#!/usr/bin/env python3
"""chat_delivery.py SEMINARFLOW SOURCE_DIR [URL_FILE]

A seminar's stage change reaches chat groups through `seminarflow serve`, as an operator sets it
up: `seminarflow endpoints add --channel slack` and `--channel telegram --chat-id` point at
tests/channels/chat_sink.py, a loopback stand-in that checks each body as Slack's incoming
webhooks and Telegram's Bot API do (Telegram's HTML entities, its 4,096 visible characters ...)
and refuses what they would refuse. A seminar is planned over HTTP; its seminar.planned
notification must arrive at both, rendered from the Vietnamese templates with its times on Hanoi's
clock, and read there exactly as written. On a fresh SQLite file, or on the PostgreSQL whose URL
is in URL_FILE. Exits 1 if anything does not arrive intact."""
import datetime
import json
import sys
import tempfile
import time
import uuid

from http_sink import HttpSink
from serve_node import ServeNode, cli, database_url, plan_payload

CHAT_ID = -1001234567890


def hanoi(rfc3339):
    """'08:00 ngày 25/12/2026': how the Vietnamese templates show a UTC time, on Hanoi's clock."""
    moment = datetime.datetime.strptime(rfc3339, "%Y-%m-%dT%H:%M:%SZ") + datetime.timedelta(hours=7)
    return moment.strftime("%H:%M ngày %d/%m/%Y")


def plan(node, title):
    """A seminar created and planned; its id and the plan it was given."""
    created = node.ok("POST", "/v1/instances", {"workflow": "seminar", "data": {"title": title}}, expect=201)
    instance_id = created["instance"]["id"]
    payload = plan_payload(3 * 24 * 3600)
    node.ok("POST", f"/v1/instances/{instance_id}/events", {"type": "plan", "payload": payload})
    return instance_id, payload


def wait_for(sink, marker, platforms):
    """The requests about the seminar whose title holds `marker`, once every platform has one."""
    deadline = time.monotonic() + 20
    while True:
        requests = [r for r in sink.received() if marker in r["body"]]
        if {r["platform"] for r in requests} >= set(platforms) or time.monotonic() > deadline:
            return requests
        time.sleep(0.05)


def check(requests, title, payload):
    expected = [
        f"Đã lên kế hoạch: {title}",
        f"“{title}” do {payload['organiser_unit']} tổ chức đã được lên kế hoạch.",
        f"Thời gian: {hanoi(payload['starts_at'])} đến {hanoi(payload['ends_at'])}",
        f"Địa điểm: {payload['venue']}",
        f"Chủ trì: {payload['chair']}",
    ]
    problems = []
    for platform in ("slack", "telegram"):
        mine = [r for r in requests if r["platform"] == platform]
        if len(mine) != 1:
            problems.append(f"{platform}: {len(mine)} request(s) instead of one")
            continue
        request = mine[0]
        if request["error"] is not None or request["status"] != 200:
            problems.append(f"{platform} refused the message ({request['status']}): {request['error']}")
            continue
        problems += [f"{platform} shows no '{line}'" for line in expected if line not in request["visible"]]
    telegram = [r for r in requests if r["platform"] == "telegram"]
    if telegram and (telegram[0]["json"].get("chat_id") != CHAT_ID or telegram[0]["json"].get("parse_mode") != "HTML"):
        problems.append(f"telegram: not sent to chat {CHAT_ID} as HTML: {telegram[0]['json']}")
    slack = [r for r in requests if r["platform"] == "slack"]
    if slack and not slack[0]["json"].get("blocks"):
        problems.append("slack: no blocks")
    if problems:
        raise SystemExit("\n".join(problems) + "\n" + json.dumps(requests, ensure_ascii=False, indent=1))


def main():
    binary, source_dir = sys.argv[1], sys.argv[2]
    url_file = sys.argv[3] if len(sys.argv) > 3 else None
    sink = HttpSink(source_dir, "chat_sink.py")
    try:
        with tempfile.TemporaryDirectory() as work:
            url = database_url(url_file, work, "chat")
            cli(binary, source_dir, url, "endpoints", "add", "--channel", "slack", "--type", "seminar.planned",
                "--url", sink.url("/slack/ok/services/T0001/B0001/XXXXXXXX"))
            cli(binary, source_dir, url, "endpoints", "add", "--channel", "telegram", "--type", "seminar.planned",
                "--url", sink.url("/telegram/ok/bot123456:ABC-def/sendMessage"), "--chat-id", str(CHAT_ID),
                "--language", "vi")
            node = ServeNode(binary, source_dir, url, "chat")
            try:
                # & < > in the title: each platform's escaping must bring it back as written.
                marker = uuid.uuid4().hex
                title = f"Hội thảo <chuyên đề> & tham luận {marker}"
                instance_id, payload = plan(node, title)
                requests = wait_for(sink, marker, ["slack", "telegram"])
                check(requests, title, payload)
            finally:
                node.stop()
        print(f"ok: seminar.planned for {instance_id} reached Slack and Telegram in Vietnamese, as written")
    finally:
        sink.stop()


if __name__ == "__main__":
    main()
