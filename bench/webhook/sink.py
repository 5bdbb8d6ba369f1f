#!/usr/bin/env python3
"""The webhook benchmark's receiver: what a careful integrator runs, as fast as Python's asyncio
goes on one core. Every POST has its Standard Webhooks signature checked (HMAC-SHA256 of
"id.timestamp.body" with the endpoint's secret, the timestamp within five minutes) and is
answered 204 if it holds, 401 if not. Connections are kept alive unless the client says
`Connection: close`, as seminarflow's client does.

    sink.py SECRET

prints "PORT <n>" once it listens on 127.0.0.1, then answers, besides the POSTs:
    GET /stats    {"verified": n, "refused": n, "distinct_ids": n} since the start, as JSON
    GET /sample   the last verified POST, as JSON {"path", "headers", "body"}: the request wrk
                  replays to measure the raw rate against this same receiver
"""
import asyncio
import base64
import hashlib
import hmac
import json
import sys
import time

TOLERANCE_SECONDS = 5 * 60


class Receiver:
    def __init__(self, secret):
        self.key = base64.b64decode(secret[len("whsec_"):])
        self.verified = 0
        self.refused = 0
        self.ids = set()
        self.sample = None

    def verify(self, headers, body):
        message_id = headers.get("webhook-id", "")
        timestamp = headers.get("webhook-timestamp", "")
        if not message_id or not timestamp.isdigit() or abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
            return False
        content = f"{message_id}.{timestamp}.".encode() + body
        expected = base64.b64encode(hmac.new(self.key, content, hashlib.sha256).digest()).decode()
        offered = [part[3:] for part in headers.get("webhook-signature", "").split(" ") if part.startswith("v1,")]
        return any(hmac.compare_digest(expected, signature) for signature in offered)

    def answer_post(self, path, headers, body):
        if not self.verify(headers, body):
            self.refused += 1
            return 401, b""
        self.verified += 1
        self.ids.add(headers["webhook-id"])
        self.sample = (path, headers, body)
        return 204, b""

    def answer_get(self, path):
        if path == "/stats":
            stats = {"verified": self.verified, "refused": self.refused, "distinct_ids": len(self.ids)}
            return 200, json.dumps(stats).encode()
        if path == "/sample" and self.sample:
            sample_path, headers, body = self.sample
            return 200, json.dumps({"path": sample_path, "headers": headers, "body": body.decode()}).encode()
        return 404, b""


REASONS = {200: "OK", 204: "No Content", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found"}


class Connection(asyncio.Protocol):
    """HTTP/1.1 requests with a Content-Length body, one after another on a connection."""

    def __init__(self, receiver):
        self.receiver = receiver
        self.buffer = bytearray()
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.buffer += data
        while self.transport and not self.transport.is_closing() and self.answer_one():
            pass

    def answer_one(self):
        """Answers the first complete request in the buffer; False if there is none yet."""
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            return False
        lines = bytes(self.buffer[:end]).decode("latin-1").split("\r\n")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0") or "0")
        if len(self.buffer) < end + 4 + length:
            return False
        body = bytes(self.buffer[end + 4:end + 4 + length])
        del self.buffer[:end + 4 + length]
        method, path = (lines[0].split(" ") + ["", ""])[:2]
        if method == "POST":
            status, content = self.receiver.answer_post(path, headers, body)
        elif method == "GET":
            status, content = self.receiver.answer_get(path)
        else:
            status, content = 400, b""
        close = headers.get("connection", "").lower() == "close"
        head = (f"HTTP/1.1 {status} {REASONS[status]}\r\nContent-Length: {len(content)}\r\n"
                f"{'Connection: close' + chr(13) + chr(10) if close else ''}\r\n")
        self.transport.write(head.encode() + content)
        if close:
            self.transport.close()
        return True


async def main():
    receiver = Receiver(sys.argv[1])
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: Connection(receiver), "127.0.0.1", 0, backlog=1024)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
