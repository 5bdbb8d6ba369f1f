#!/usr/bin/env python3
"""email_delivery.py SEMINARFLOW SOURCE_DIR [URL_FILE]   (run by a Python with aiosmtpd)

The email channel end to end, as an operator sets it up: a local SMTP relay that speaks STARTTLS
with a throwaway certificate and wants AUTH (tests/channels/smtp_sink.py); `seminarflow endpoints
add --channel email` points at it, the password taken from an environment variable; `seminarflow
serve` runs, a seminar gets its participants over HTTP and is planned, and seminar.planned arrives
in the mailbox once for each participant in its audience with an address: the English-reading
chair's in English, the organiser's in Vietnamese, each with the .ics invitation attached; the
guest (not in the audience) and the participant with no address get nothing. The password shows
nowhere: not in the command's output, the endpoint listing, or the server's log. On a fresh SQLite
file, or on the PostgreSQL whose URL is in URL_FILE. Exits 1 if anything does not arrive intact."""
import json
import os
import subprocess
import sys
import tempfile
import time

from serve_node import ServeNode, cli, database_url, plan_payload

PASSWORD = "mật-khẩu relay 7"
TITLE = "Hội thảo: “Công đoàn với chuyển đổi số”, lần 3; tham luận & kiến nghị"


class Sink:
    def __init__(self, source_dir):
        self.process = subprocess.Popen(
            [sys.executable, os.path.join(source_dir, "tests/channels/smtp_sink.py"), "--tls", "starttls",
             "--user", "mailer", "--password", PASSWORD],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
        self.port = int(self.process.stdout.readline().split()[1])
        self.ca_file = self.process.stdout.readline().split(None, 1)[1].strip()

    def received(self):
        self.process.stdin.write("received\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def about(sink, instance_id):
    """The messages about `instance_id` (other tests' seminars on a shared PostgreSQL may have some)."""
    uid = f"{instance_id}@seminarflow"
    return [m for m in sink.received()
            if m.get("calendar", {}).get("properties", {}).get("UID", [{}])[0].get("value") == uid]


def wait_for(sink, instance_id, count):
    deadline = time.monotonic() + 20
    messages = about(sink, instance_id)
    while time.monotonic() < deadline and len(messages) < count:
        time.sleep(0.05)
        messages = about(sink, instance_id)
    return messages


def seat(node, instance_id):
    people = [
        {"kind": "person", "ref": "p-kien", "role": "chair", "display_name": "Đồng chí Nguyễn Văn Kiên",
         "contact": {"email": "kien@congdoan.example"}, "language": "en"},
        {"kind": "person", "ref": "p-lan", "role": "organiser", "display_name": "Trần Thị Lan",
         "contact": {"email": "lan@congdoan.example"}, "language": "vi"},
        {"kind": "person", "ref": "p-minh", "role": "organiser", "display_name": "Lê Minh",
         "contact": {"telegram": "123"}},
        {"kind": "unit", "ref": "u-tuphap", "role": "guest", "display_name": "Công đoàn Sở Tư pháp",
         "contact": {"email": "vanphong@tuphap.example"}},
    ]
    for person in people:
        node.ok("POST", f"/v1/instances/{instance_id}/participants", person, expect=201)


def check(message, address, name, language, subject_prefix, plan):
    problems = []
    headers = message["headers"]
    if message["rcpt_tos"] != [address] or headers.get("To") != f"{name} <{address}>":
        problems.append(f"sent to {message['rcpt_tos']} / {headers.get('To')}")
    if message["tls"] != "starttls" or message["login"] != "mailer":
        problems.append(f"tls {message['tls']}, login {message['login']}")
    if headers.get("From") != "Ban Tổ chức <bantochuc@congdoan.example>":
        problems.append(f"From {headers.get('From')}")
    if headers.get("Subject") != f"{subject_prefix}{TITLE}" or headers.get("Content-Language") != language:
        problems.append(f"Subject {headers.get('Subject')!r} in {headers.get('Content-Language')}")
    if TITLE not in message.get("text", "") or "&amp;" not in message.get("html", ""):
        problems.append("the title is not in the text, or not escaped in the HTML")
    if message["longest_header_line"] > 76:
        problems.append(f"a header line of {message['longest_header_line']} characters")
    calendar = message.get("calendar", {})
    properties = calendar.get("properties", {})
    start = plan["starts_at"].replace("-", "").replace(":", "")
    if calendar.get("method") != "REQUEST" or calendar.get("problems") != []:
        problems.append(f"calendar {calendar.get('method')} {calendar.get('problems')}")
    if properties.get("DTSTART", [{}])[0].get("value") != start or \
            properties.get("SUMMARY", [{}])[0].get("value") != TITLE or \
            properties.get("ATTENDEE", [{}])[0].get("value") != f"mailto:{address}":
        problems.append(f"calendar properties {properties}")
    if problems:
        raise SystemExit("; ".join(problems) + f"\n{json.dumps(message, ensure_ascii=False)[:3000]}")


def main():
    binary, source_dir = sys.argv[1], sys.argv[2]
    url_file = sys.argv[3] if len(sys.argv) > 3 else None
    sink = Sink(source_dir)
    try:
        with tempfile.TemporaryDirectory() as work:
            url = database_url(url_file, work, "email")
            relay = {"RELAY_PASSWORD": PASSWORD}
            added = cli(binary, source_dir, url, "endpoints", "add", f"smtp://mailer@127.0.0.1:{sink.port}",
                        "--channel", "email", "--from", "Ban Tổ chức <bantochuc@congdoan.example>",
                        "--ca-file", sink.ca_file, "--password-env", "RELAY_PASSWORD", "--type", "seminar.planned",
                        environment=relay)
            endpoint_id = added.split()[1]
            listed = cli(binary, source_dir, url, "endpoints", "list", environment=relay)
            if PASSWORD in added or PASSWORD in listed:
                raise SystemExit(f"the password was shown: {added}\n{listed}")
            node = ServeNode(binary, source_dir, url, "email")
            try:
                created = node.ok("POST", "/v1/instances", {"workflow": "seminar", "data": {"title": TITLE}},
                                  expect=201)
                instance_id = created["instance"]["id"]
                seat(node, instance_id)
                plan = plan_payload(10 * 24 * 3600)
                node.ok("POST", f"/v1/instances/{instance_id}/events", {"type": "plan", "payload": plan})
                messages = wait_for(sink, instance_id, 2)
                # Both delivered, and no third made: the guest is not in the audience, Lê Minh has no
                # address (the endpoint is this test's own, and only this seminar has addresses).
                deliveries = cli(binary, source_dir, url, "deliveries", "list", "--endpoint", endpoint_id,
                                 environment=relay).splitlines()
                if sorted(line.split("  to=")[1].split()[0] for line in deliveries if "delivered" in line) != \
                        ["kien@congdoan.example", "lan@congdoan.example"] or len(deliveries) != 2:
                    raise SystemExit(f"expected two deliveries, to the chair and the organiser: {deliveries}")
                by_address = {m["rcpt_tos"][0]: m for m in messages}
                if sorted(by_address) != ["kien@congdoan.example", "lan@congdoan.example"] or len(messages) != 2:
                    raise SystemExit(f"expected one message each to the chair and the organiser, got "
                                     f"{[m['rcpt_tos'] for m in messages]}\n{node.log()[-3000:]}")
                check(by_address["kien@congdoan.example"], "kien@congdoan.example", "Đồng chí Nguyễn Văn Kiên",
                      "en", "Planned: ", plan)
                check(by_address["lan@congdoan.example"], "lan@congdoan.example", "Trần Thị Lan", "vi",
                      "Đã lên kế hoạch: ", plan)
                if PASSWORD in node.log():
                    raise SystemExit("the password is in the server's log")
            finally:
                node.stop()
        print(f"ok: seminar.planned for {instance_id} arrived for the chair in English and the organiser in "
              f"Vietnamese, over STARTTLS with AUTH, each with its invitation")
    finally:
        sink.close()


if __name__ == "__main__":
    main()
