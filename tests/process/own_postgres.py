"""A PostgreSQL server of one test's own (scripts/throwaway-postgres.sh), for the tests that stop and
restart it: the ctest `postgres` fixture's server is shared by every other test running at the
same time, so it must never be the one restarted."""
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

SKIP = 77  # ctest's SKIP_RETURN_CODE for these tests


class OwnPostgres:
    def __init__(self, source_dir):
        bindir = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip() \
            if shutil.which("pg_config") else ""
        self.pg_ctl = os.path.join(bindir, "pg_ctl")
        if not os.access(self.pg_ctl, os.X_OK):
            print("SKIPPED: no pg_ctl (install the PostgreSQL server)", file=sys.stderr)
            sys.exit(SKIP)
        self.script = os.path.join(source_dir, "scripts/throwaway-postgres.sh")
        self.dir = tempfile.mkdtemp(prefix="seminarflow-own-pg-")
        subprocess.run([self.script, "start", self.dir], check=True, capture_output=True)
        with open(os.path.join(self.dir, "url"), encoding="utf-8") as file:
            self.url = file.read().strip()
        with open(os.path.join(self.dir, "cluster"), encoding="utf-8") as file:
            cluster = file.read().strip()
        self.data, self.log = os.path.join(cluster, "data"), os.path.join(cluster, "server.log")
        # The script runs the server as `postgres` when we are root (PostgreSQL refuses root).
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def ctl(self, *arguments):
        # The server's output goes to its log, never to a pipe of ours: the postmaster would hold
        # the pipe open and run() would wait for it forever.
        subprocess.run([*self.as_owner, self.pg_ctl, "-D", self.data, "-w", "-t", "60", "-s", *arguments],
                       check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def restart_fast(self):
        """pg_ctl restart -m fast: every session is ended, the server is back at once on the same
        port (pg_ctl keeps the options it was started with)."""
        self.ctl("restart", "-m", "fast", "-l", self.log)

    def stop_fast(self):
        self.ctl("stop", "-m", "fast")

    def start_again(self):
        # On the port it had: the URL the nodes were given.
        self.ctl("start", "-l", self.log, "-o", f"-p {urllib.parse.urlsplit(self.url).port}")

    def remove(self):
        subprocess.run([self.script, "stop", self.dir], capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)
