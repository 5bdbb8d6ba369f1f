"""A webhook receiver for the channel tests: Python's standard library only, so that it checks
the Standard Webhooks signature with an implementation independent of the one under test.

    webhook_sink.py [--port N] [--received-on-exit] [--tls SUBJECT_ALT_NAMES] SECRET [SECRET ...]

prints "PORT <n>" once it listens on 127.0.0.1 (port N, default 0: any free port; a receiver
that goes down and comes back, as the chaos tests make one, is started again on the port it had),
then answers POSTs by
their path, as the test scripts them. With --tls (e.g. "IP:127.0.0.1,DNS:localhost") it also
serves the same answers over TLS on a port of its own, with a certificate for those names signed
by a throwaway CA it makes with openssl, and the line reads "PORT <n> TLS_PORT <m> CA <file>":
the client trusts the CA from that file (or, not given it, must refuse the receiver). The plain
port stays, for the test to read what arrived.

    /ok                      204
    /drop_once/<name>        the first request closes the connection without an answer; 204 after
    /status/<code>           that status; ?retry_after=<value> adds a Retry-After header
    /redirect                301 to /ok (which a webhook client must not follow)
    /hang                    no answer at all, until the sink stops
    /flaky/<n>/<name>        500 for the first n requests to this path, then 200
    /each/<n>/<code>         for each webhook-id, the first n requests answer <code> (or hang,
                             if <code> is "hang"), the later ones 200; ?retry_after as above

Each answer says "Connection: close" unless the query has keep_alive=1; with idle=<seconds> too,
the receiver closes the connection once it has been idle that long (as servers do).

GET /received answers every POST it got, in order, as JSON: path, headers (lower-case names),
body, which secret's signature matched (null: none did), when it came (monotonic seconds) and
on which connection (numbered from 1 as they were accepted). GET /connections answers how many
connections are open, not counting the one asking.
With --received-on-exit it also prints "RECEIVED <that JSON>" once it has stopped serving: all
it answered, including what came after the last GET /received (a receiver taken down mid-run).
"""
import base64
import hashlib
import hmac
import json
import os
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARGUMENTS = sys.argv[1:]
PORT = int(ARGUMENTS[1]) if ARGUMENTS[0:1] == ["--port"] else 0
ARGUMENTS = ARGUMENTS[2:] if ARGUMENTS[0:1] == ["--port"] else ARGUMENTS
RECEIVED_ON_EXIT = ARGUMENTS[0:1] == ["--received-on-exit"]
ARGUMENTS = ARGUMENTS[1:] if RECEIVED_ON_EXIT else ARGUMENTS
TLS_NAMES = ARGUMENTS[1] if ARGUMENTS[0:1] == ["--tls"] else None
SECRETS = ARGUMENTS[2:] if TLS_NAMES else ARGUMENTS
RECEIVED = []
LOCK = threading.Lock()
STOPPING = threading.Event()
COUNTS = {}
CONNECTIONS = {"accepted": 0, "open": 0}


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

    keep_open = False  # this answer keeps the connection open (?keep_alive=1)

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        with LOCK:
            CONNECTIONS["accepted"] += 1
            CONNECTIONS["open"] += 1
            self.connection_number = CONNECTIONS["accepted"]

    def finish(self):
        super().finish()
        with LOCK:
            CONNECTIONS["open"] -= 1

    def answer(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        if not self.keep_open:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.keep_open = False
        with LOCK:
            if self.path == "/received":
                body = json.dumps(RECEIVED).encode()
            elif self.path == "/connections":
                body = json.dumps({"open": CONNECTIONS["open"] - 1}).encode()
            else:
                body = None
        if body is None:
            self.answer(404)
        else:
            self.answer(200, body, [("Content-Type", "application/json")])

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        headers = {name.lower(): value for name, value in self.headers.items()}
        with LOCK:
            RECEIVED.append({"path": self.path, "headers": headers, "body": body.decode("utf-8", "replace"),
                             "signed_by": signed_by(headers, body), "at": time.monotonic(),
                             "connection": self.connection_number})
        url = urllib.parse.urlsplit(self.path)
        parts = url.path.strip("/").split("/")
        query = urllib.parse.parse_qs(url.query)
        self.keep_open = query.get("keep_alive") == ["1"]
        if self.keep_open and "idle" in query:
            self.request.settimeout(float(query["idle"][0]))  # the wait for the next request
        if parts[0] == "ok":
            self.answer(204)
        elif parts[0] == "drop_once":
            if self.count(url.path) == 1:
                self.close_connection = True
            else:
                self.answer(204)
        elif parts[0] == "status":
            extra = [("Retry-After", query["retry_after"][0])] if "retry_after" in query else []
            self.answer(int(parts[1]), f"scripted {parts[1]}".encode(), extra)
        elif parts[0] == "redirect":
            self.answer(301, b"", [("Location", "/ok")])
        elif parts[0] == "hang":
            STOPPING.wait(60)
        elif parts[0] == "flaky":
            self.answer(500 if self.count(url.path) <= int(parts[1]) else 200, b"flaky")
        elif parts[0] == "each":
            if self.count((url.path, headers.get("webhook-id"))) > int(parts[1]):
                self.answer(200, b"at last")
            elif parts[2] == "hang":
                STOPPING.wait(60)
            else:
                extra = [("Retry-After", query["retry_after"][0])] if "retry_after" in query else []
                self.answer(int(parts[2]), f"scripted {parts[2]}".encode(), extra)
        else:
            self.answer(404)


    @staticmethod
    def count(key):
        """How many requests came for `key`, this one included."""
        with LOCK:
            COUNTS[key] = COUNTS.get(key, 0) + 1
            return COUNTS[key]


def openssl(*arguments):
    subprocess.run(["openssl", *arguments], check=True, capture_output=True)


def throwaway_tls(folder, names):
    """A CA made for this run, and a server certificate it signed for `names` (subjectAltName)."""
    ca_key, ca_cert = os.path.join(folder, "ca.key"), os.path.join(folder, "ca.pem")
    key, request, cert = (os.path.join(folder, name) for name in ("key.pem", "request.csr", "cert.pem"))
    extensions = os.path.join(folder, "extensions.cnf")
    curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *curve, "-keyout", ca_key, "-out", ca_cert, "-days", "1",
            "-subj", "/CN=seminarflow throwaway test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    openssl("req", "-new", *curve, "-keyout", key, "-out", request, "-subj", "/CN=seminarflow test receiver")
    with open(extensions, "w", encoding="ascii") as file:
        file.write(f"subjectAltName={names}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", request, "-CA", ca_cert, "-CAkey", ca_key, "-CAcreateserial",
            "-out", cert, "-days", "1", "-extfile", extensions)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return ca_cert, context


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that refused our certificate is what some tests want


def main():
    servers = [QuietServer(("127.0.0.1", PORT), Handler)]
    line = f"PORT {servers[0].server_address[1]}"
    with tempfile.TemporaryDirectory(prefix="webhook-sink-") as folder:
        if TLS_NAMES:
            ca_file, context = throwaway_tls(folder, TLS_NAMES)
            secure = QuietServer(("127.0.0.1", 0), Handler)
            secure.socket = context.wrap_socket(secure.socket, server_side=True)
            servers.append(secure)
            line += f" TLS_PORT {secure.server_address[1]} CA {ca_file}"
        print(line, flush=True)
        try:
            # Stops when the test closes our stdin (or dies).
            for server in servers:
                threading.Thread(target=server.serve_forever, daemon=True).start()
            sys.stdin.read()
        finally:
            STOPPING.set()
            for server in servers:
                server.shutdown()
            if RECEIVED_ON_EXIT:
                with LOCK:
                    print("RECEIVED " + json.dumps(RECEIVED), flush=True)


if __name__ == "__main__":
    main()
