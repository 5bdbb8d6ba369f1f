"""A `seminarflow serve` process as the process-level tests drive it: started on a free port
against a database, spoken to over HTTP with an admin token of its own, stopped with SIGTERM or
killed with SIGKILL."""
import json
import os
import re
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid


def loopback_config(source_dir):
    """The config these tests run with unless they bring their own: loopback allowed, since their
    receivers are on this machine (seminarflow refuses to deliver there by default)."""
    return os.path.join(source_dir, "tests/process/allow_loopback.yaml")


class ServeNode:
    def __init__(self, binary, source_dir, database_url, name="node", config=None):
        self.name = name
        self.log_path = tempfile.mktemp(prefix=f"seminarflow-{name}-", suffix=".log")
        env = dict(os.environ, SEMINARFLOW_LISTEN="127.0.0.1:0", SEMINARFLOW_DATABASE_URL=database_url)
        command = [binary, "--config", config or loopback_config(source_dir)]
        # Its own admin token, made as an operator makes one (several nodes may share a database).
        create = command + ["tokens", "create", "--role", "admin", "--name", f"{name} {uuid.uuid4()}"]
        made = subprocess.run(create, cwd=source_dir, env=env, capture_output=True, text=True)
        if made.returncode != 0:
            raise RuntimeError(f"{name}: tokens create exited with {made.returncode}:\n{made.stderr}")
        self.token = made.stdout.strip()
        command += ["serve", "--log-format", "json"]
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(command, cwd=source_dir, env=env, stdout=log, stderr=subprocess.STDOUT)
        self.port = self._wait_for_port()
        self.base = f"http://127.0.0.1:{self.port}"

    def _wait_for_port(self, seconds=30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", self.log())
            if match:
                return int(match.group(1))
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}:\n{self.log()}")
            time.sleep(0.05)
        raise RuntimeError(f"{self.name} did not start listening:\n{self.log()}")

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as log:
            return log.read()

    def request(self, method, path, body=None, headers=None, timeout=10):
        """(status, parsed JSON body) for any status; raises on a broken connection."""
        status, _, answer = self.exchange(method, path, body, headers, timeout)
        return status, answer

    def exchange(self, method, path, body=None, headers=None, timeout=10):
        """(status, response headers with lower-case names, parsed JSON body) for any status;
        raises on a broken connection or no answer within `timeout` seconds."""
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        request.add_header("Authorization", f"Bearer {self.token}")
        for key, value in (headers or {}).items():
            request.add_header(key, value)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, lower_case(response.headers), json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, lower_case(error.headers), json.loads(error.read() or b"null")

    def ok(self, method, path, body=None, expect=200):
        status, answer = self.request(method, path, body)
        if status != expect:
            raise RuntimeError(f"{method} {path}: {status} {answer}")
        return answer

    def history(self, instance_id):
        entries, after = [], 0
        while True:
            page = self.ok("GET", f"/v1/instances/{instance_id}/history?after={after}&limit=500")
            entries += page["items"]
            if not page["items"] or page.get("next_cursor") is None:
                return entries
            after = page["items"][-1]["seq"]

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def kill_if_running(self):
        """For a test's `finally`: a failed run must not leave its server behind."""
        if self.process.poll() is None:
            self.kill()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            code = self.process.wait(timeout=30)
            if code != 0:
                raise RuntimeError(f"{self.name} exited with {code} after SIGTERM:\n{self.log()}")
        os.unlink(self.log_path)


def node_config(work, source_dir, name, sections):
    """A config file in `work` for nodes that need more than loopback allowed: `sections` (YAML,
    e.g. a dispatcher with short timeouts) besides loopback, the workflows and the templates."""
    path = os.path.join(work, f"{name}.yaml")
    with open(path, "w", encoding="utf-8") as file:
        file.write(f"""channels:
  allow_cidrs: [127.0.0.0/8]
{sections.strip()}
workflows:
  dir: {source_dir}/workflows
templates:
  dir: {source_dir}/config/templates
""")
    return path


def lower_case(headers):
    return {name.lower(): value for name, value in headers.items()}


def cli(binary, source_dir, database_url, *arguments, environment=None):
    """What `seminarflow ARGUMENTS` prints on the database at database_url, with `environment`'s
    variables besides, loopback allowed; fails on a non-zero exit."""
    env = dict(os.environ, SEMINARFLOW_DATABASE_URL=database_url, **(environment or {}))
    return subprocess.run([binary, "--config", loopback_config(source_dir), *arguments], cwd=source_dir, env=env, check=True, capture_output=True,
                          text=True).stdout


def psql(url, sql):
    """The rows `sql` returns on the PostgreSQL at url, each as "a|b|c", read with its own client."""
    out = subprocess.run(["psql", "-X", "-A", "-t", "-F", "|", "-d", url, "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    return [row for row in out.splitlines() if row]  # a row may hold spaces (a timestamptz does)


def database_url(argv_url_file, work_dir, name):
    """A database of the test's own: a new one on the fixture's PostgreSQL, or a fresh SQLite file
    in work_dir. The process tests run at once, and each one's seminars would otherwise fan out to
    the others' endpoints and fill the others' listings."""
    if not argv_url_file:
        return f"sqlite://{work_dir}/{name}.db"
    with open(argv_url_file, encoding="utf-8") as file:
        url = file.read().strip()
    if not url:
        raise SystemExit(f"no URL in {argv_url_file}: is the postgres fixture running?")
    database = f"process_{name}_{os.getpid()}"
    psql(url, f'CREATE DATABASE "{database}"')
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + database))


def plan_payload(starts_in_seconds, title_suffix=""):
    """The organiser's `plan` for a seminar starting that many seconds from now."""
    def at(seconds):
        return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() + seconds)) + "Z"
    return {
        "kind": "toa_dam",
        "starts_at": at(starts_in_seconds),
        "ends_at": at(starts_in_seconds + 3 * 3600),
        "venue": "Hội trường Liên đoàn Lao động tỉnh",
        "chair": "Đồng chí Nguyễn Văn An - Chủ tịch Công đoàn" + title_suffix,
        "organiser_unit": "Ban Tuyên giáo",
        "min_contributions": 0,
        "budget_vnd": 55000000,
    }


def new_seminar(node, title, starts_in_seconds):
    created = node.ok("POST", "/v1/instances", {"workflow": "seminar", "data": {"title": title}}, expect=201)
    instance_id = created["instance"]["id"]
    node.ok("POST", f"/v1/instances/{instance_id}/events",
            {"type": "plan", "payload": plan_payload(starts_in_seconds)})
    return instance_id
