#!/usr/bin/env python3
"""export_files.py SEMINARFLOW SOURCE_DIR

The exports as the programs people use read them: `seminarflow serve` runs on a fresh SQLite
file, a seminar with a long Vietnamese title is planned over HTTP, and its calendar.ics is read
by the `icalendar` library (Debian's python3-icalendar: what calendar tools in Python use), its
participants.csv by Python's csv module as a spreadsheet would be given it (UTF-8 with a BOM).
Exits 1 if either does not read back as written."""
import csv
import datetime
import io
import sys
import tempfile
import urllib.request

import icalendar

from serve_node import ServeNode, new_seminar

TITLE = ("Hội thảo khoa học: Vai trò của tổ chức Công đoàn trong việc chăm lo, bảo vệ quyền và lợi ích "
         "hợp pháp, chính đáng của đoàn viên; người lao động \\ giai đoạn 2027–2030")


def fetch(node, path):
    request = urllib.request.Request(node.base + path, headers={"Authorization": f"Bearer {node.token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get("Content-Type"), response.read()


def check_calendar(node, instance_id):
    content_type, body = fetch(node, f"/v1/instances/{instance_id}/calendar.ics")
    assert content_type == "text/calendar; charset=utf-8", content_type
    calendar = icalendar.Calendar.from_ical(body)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(events) == 1, events
    event = events[0]
    assert str(event["SUMMARY"]) == TITLE, str(event["SUMMARY"])
    assert str(event["UID"]) == f"{instance_id}@seminarflow"
    start = event.decoded("DTSTART")
    assert start.tzinfo is not None and start.utcoffset() == datetime.timedelta(0), start
    assert event.decoded("DTEND") - start == datetime.timedelta(hours=3)
    assert str(event["LOCATION"]) == "Hội trường Liên đoàn Lao động tỉnh"
    triggers = sorted(alarm.decoded("TRIGGER") for alarm in event.walk() if alarm.name == "VALARM")
    assert triggers == [datetime.timedelta(days=-7), datetime.timedelta(days=-1)], triggers
    return start


def check_participants(node, instance_id):
    status, _ = node.request("POST", f"/v1/instances/{instance_id}/participants",
                             {"kind": "person", "ref": "an", "role": "chair",
                              "display_name": "Đồng chí \"An\", Chủ tịch", "contact": {"email": "an@congdoan.example"}})
    assert status == 201, status
    content_type, body = fetch(node, f"/v1/instances/{instance_id}/participants.csv")
    assert content_type.startswith("text/csv; charset=utf-8"), content_type
    assert body.startswith(b"\xef\xbb\xbf"), body[:8]
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert rows == [["kind", "ref", "display_name", "role", "rsvp", "language", "contact"],
                    ["person", "an", "Đồng chí \"An\", Chủ tịch", "chair", "needs_action", "vi",
                     "email: an@congdoan.example"]], rows


def main():
    binary, source_dir = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as work:
        node = ServeNode(binary, source_dir, f"sqlite://{work}/exports.db", "exports")
        try:
            instance_id = new_seminar(node, TITLE, 30 * 24 * 3600)
            start = check_calendar(node, instance_id)
            check_participants(node, instance_id)
        finally:
            node.stop()
    print(f"ok: calendar.ics of {instance_id} (starts {start.isoformat()}) read by icalendar, participants.csv by csv")


if __name__ == "__main__":
    main()
