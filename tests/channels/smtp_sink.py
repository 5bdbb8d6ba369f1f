#!/usr/bin/env python3
"""A local SMTP server for the email tests (Debian's python3-aiosmtpd): it keeps what arrives and
answers as it is told.

    smtp_sink.py [--tls starttls|implicit] [--user NAME --password SECRET]

It listens on a free loopback port and prints "PORT <n>" and, with --tls, "CA <file>": a throwaway
self-signed certificate for 127.0.0.1 it made with openssl, which a client must trust. Then it
reads commands on stdin, one a line, and answers each with one line on stdout:

    rcpt CODE TEXT   answer RCPT TO with this from now on ("rcpt 550 5.1.1 no such mailbox")
    data CODE TEXT   answer the end of DATA with this from now on
    reset            answer 250 to both again
    hold             from now on, keep each message's DATA unanswered until `release`
    release          answer the messages held, and hold no more
    held             how many messages are being held now
    received         a JSON array of every message taken, oldest first (below)
    count            how many messages were taken

It stops when stdin closes. Each message taken is read with Python's email package, not by the
code under test: envelope, headers decoded (RFC 2047), the text and HTML parts, the calendar part
with its lines checked (at most 75 octets, CRLF, whole UTF-8 characters) and its properties
unfolded and unescaped, how the longest header line measured, and whether TLS and AUTH were used.
"""
import argparse
import asyncio
import email
import email.policy
import json
import logging
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import warnings

from aiosmtpd.smtp import SMTP, AuthResult

lock = threading.Lock()
messages = []
answers = {"rcpt": "250 OK", "data": "250 OK queued"}
gate = threading.Event()  # set: DATA is answered at once; clear: held until it is set
gate.set()
held = [0]


def unescape(value):
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def read_calendar(raw):
    """The .ics as bytes: its physical lines checked, then its properties."""
    problems = []
    lines = raw.split(b"\r\n")
    if lines[-1] != b"":
        problems.append("does not end with CRLF")
    for line in lines[:-1]:
        if b"\n" in line or b"\r" in line:
            problems.append("a bare line break")
        if len(line) > 75:
            problems.append("a line of %d octets" % len(line))
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append("a line cut inside a character: %r" % line)
    unfolded = raw.decode("utf-8").replace("\r\n ", "").split("\r\n")
    properties = {}
    for line in unfolded:
        if not line:
            continue
        # The name and parameters end at the first colon outside a quoted parameter value.
        quoted, at = False, None
        for i, c in enumerate(line):
            if c == '"':
                quoted = not quoted
            elif c == ":" and not quoted:
                at = i
                break
        head, value = line[:at], line[at + 1:]
        name = head.split(";")[0]
        properties.setdefault(name, []).append({"params": head[len(name):], "value": unescape(value)})
    return {"problems": problems, "properties": properties}


def describe(envelope, session, tls_mode):
    raw = envelope.original_content or envelope.content
    message = email.message_from_bytes(raw, policy=email.policy.default)
    header_block = raw.split(b"\r\n\r\n", 1)[0]
    described = {
        "mail_from": envelope.mail_from,
        "rcpt_tos": list(envelope.rcpt_tos),
        "tls": "starttls" if session.ssl is not None else tls_mode,
        "login": session.auth_data if session.authenticated else None,
        "longest_header_line": max(len(line) for line in header_block.split(b"\r\n")),
        "headers": {name: str(value) for name, value in message.items()},
        "raw_headers": header_block.decode("ascii", "replace"),
        "content_type": message.get_content_type(),
        "parts": [],
    }
    for part in message.walk():
        if part.is_multipart():
            described["parts"].append(part.get_content_type())
            continue
        kind = part.get_content_type()
        described["parts"].append(kind)
        if kind == "text/plain":
            described["text"] = part.get_content()
        elif kind == "text/html":
            described["html"] = part.get_content()
        elif kind == "text/calendar":
            described["calendar"] = {
                "method": part.get_param("method"),
                "filename": part.get_filename(),
                "disposition": part.get_content_disposition(),
                **read_calendar(part.get_payload(decode=True)),
            }
    return described


class Handler:
    def __init__(self, tls_mode):
        self.tls_mode = tls_mode

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with lock:
            answer = answers["rcpt"]
        if answer.startswith("250"):
            envelope.rcpt_tos.append(address)
        return answer

    async def handle_DATA(self, server, session, envelope):
        if not gate.is_set():
            with lock:
                held[0] += 1
            await asyncio.get_running_loop().run_in_executor(None, gate.wait)
            with lock:
                held[0] -= 1
        with lock:
            answer = answers["data"]
        if answer.startswith("250"):
            described = describe(envelope, session, self.tls_mode)
            with lock:
                messages.append(described)
        return answer


def throwaway_certificate(folder):
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                   check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return cert, context


def commands(loop, stop):
    for line in sys.stdin:
        words = line.split(None, 1)
        if not words:
            continue
        with lock:
            if words[0] in ("rcpt", "data"):
                answers[words[0]] = words[1].strip()
                reply = "ok"
            elif words[0] == "reset":
                answers.update({"rcpt": "250 OK", "data": "250 OK queued"})
                reply = "ok"
            elif words[0] == "received":
                reply = json.dumps(messages, ensure_ascii=False)
            elif words[0] == "count":
                reply = str(len(messages))
            elif words[0] == "hold":
                gate.clear()
                reply = "ok"
            elif words[0] == "release":
                gate.set()
                reply = "ok"
            elif words[0] == "held":
                reply = str(held[0])
            else:
                reply = "unknown command"
        print(reply, flush=True)
    loop.call_soon_threadsafe(stop.set)


async def main():
    # A refused handshake or login is what some tests are about: no tracebacks for them.
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)
    warnings.simplefilter("ignore", DeprecationWarning)
    parser = argparse.ArgumentParser()
    parser.add_argument("--tls", choices=["starttls", "implicit"])
    parser.add_argument("--user")
    parser.add_argument("--password")
    options = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="smtp-sink-")
    cert, context = throwaway_certificate(folder) if options.tls else (None, None)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (auth_data.login.decode() == options.user and auth_data.password.decode() == options.password)
        return AuthResult(success=ok, handled=False, auth_data=auth_data.login.decode() if ok else None)

    def protocol():
        return SMTP(Handler(options.tls or "none"), hostname="sink.test",
                    tls_context=context if options.tls == "starttls" else None,
                    require_starttls=options.tls == "starttls",
                    authenticator=authenticate if options.user else None,
                    auth_required=bool(options.user), auth_require_tls=bool(options.tls))

    loop = asyncio.get_running_loop()
    server = await loop.create_server(protocol, "127.0.0.1", 0,
                                      ssl=context if options.tls == "implicit" else None)
    print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)
    if cert:
        print("CA %s" % cert, flush=True)
    stop = asyncio.Event()
    threading.Thread(target=commands, args=(loop, stop), daemon=True).start()
    await stop.wait()
    server.close()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
