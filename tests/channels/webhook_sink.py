"""A webhook receiver for the channel tests: Python's standard library only, so that it checks
the Standard Webhooks signature with an implementation independent of the one under test.

    webhook_sink.py SECRET [SECRET ...]

prints "PORT <n>" once it listens on 127.0.0.1 (port 0: any free port), then answers POSTs by
their path, as the test scripts them:

    /ok                      204
    /status/<code>           that status; ?retry_after=<value> adds a Retry-After header
    /redirect                301 to /ok (which a webhook client must not follow)
    /hang                    no answer at all, until the sink stops
    /flaky/<n>/<name>        500 for the first n requests to this path, then 200

and GET /received with every POST it got, in order, as JSON: path, headers (lower-case names),
body, which secret's signature matched (null: none did), and when it came (monotonic seconds).
"""
import base64
import hashlib
import hmac
import json
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRETS = sys.argv[1:]
RECEIVED = []
LOCK = threading.Lock()
STOPPING = threading.Event()
COUNTS = {}


def signed_by(headers, body):
    """The index of the secret whose v1 signature is among the header's, else None."""
    message_id = headers.get("webhook-id", "")
    timestamp = headers.get("webhook-timestamp", "")
    offered = [part.split(",", 1)[1] for part in headers.get("webhook-signature", "").split(" ")
               if part.startswith("v1,")]
    content = f"{message_id}.{timestamp}.".encode() + body
    for index, secret in enumerate(SECRETS):
        key = base64.b64decode(secret[len("whsec_"):])
        expected = base64.b64encode(hmac.new(key, content, hashlib.sha256).digest()).decode()
        if any(hmac.compare_digest(expected, signature) for signature in offered):
            return index
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path != "/received":
            self.answer(404)
            return
        with LOCK:
            body = json.dumps(RECEIVED).encode()
        self.answer(200, body, [("Content-Type", "application/json")])

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        headers = {name.lower(): value for name, value in self.headers.items()}
        with LOCK:
            RECEIVED.append({"path": self.path, "headers": headers, "body": body.decode("utf-8", "replace"),
                             "signed_by": signed_by(headers, body), "at": time.monotonic()})
        url = urllib.parse.urlsplit(self.path)
        parts = url.path.strip("/").split("/")
        query = urllib.parse.parse_qs(url.query)
        if parts[0] == "ok":
            self.answer(204)
        elif parts[0] == "status":
            extra = [("Retry-After", query["retry_after"][0])] if "retry_after" in query else []
            self.answer(int(parts[1]), f"scripted {parts[1]}".encode(), extra)
        elif parts[0] == "redirect":
            self.answer(301, b"", [("Location", "/ok")])
        elif parts[0] == "hang":
            STOPPING.wait(60)
        elif parts[0] == "flaky":
            with LOCK:
                COUNTS[url.path] = COUNTS.get(url.path, 0) + 1
                seen = COUNTS[url.path]
            self.answer(500 if seen <= int(parts[1]) else 200, b"flaky")
        else:
            self.answer(404)


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"PORT {server.server_address[1]}", flush=True)
    try:
        # Stops when the test closes our stdin (or dies).
        threading.Thread(target=server.serve_forever, daemon=True).start()
        sys.stdin.read()
    finally:
        STOPPING.set()
        server.shutdown()


if __name__ == "__main__":
    main()
