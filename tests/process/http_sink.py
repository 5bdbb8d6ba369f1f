"""A receiver of tests/channels/ (webhook_sink.py, chat_sink.py) run beside the nodes of a process
test: started on a free port, asked afterwards what reached it, stopped when its stdin closes."""
import json
import os
import subprocess
import sys
import urllib.request


class HttpSink:
    def __init__(self, source_dir, script, *arguments):
        self.process = subprocess.Popen([sys.executable, os.path.join(source_dir, "tests/channels", script),
                                         *arguments], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().split()
        if len(line) < 2 or len(line) % 2 or line[0] != "PORT":
            raise SystemExit(f"{script} did not start: {line}")
        self.port = int(line[1])
        # What else it printed: the TLS port and its CA file (webhook_sink.py --tls).
        self.fields = dict(zip(line[2::2], line[3::2]))

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def tls_url(self, path, host="localhost"):
        return f"https://{host}:{self.fields['TLS_PORT']}{path}"

    def received(self):
        """Every POST it got, in order, as the sink records it."""
        with urllib.request.urlopen(self.url("/received"), timeout=5) as response:
            return json.loads(response.read())

    def stop(self):
        """Stops it; returns what it printed after its first line (webhook_sink.py's
        --received-on-exit)."""
        rest, _ = self.process.communicate(timeout=30)  # closes stdin, reads what is left
        return rest
