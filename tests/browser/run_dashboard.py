"""The dashboard in a real browser, against a real server: a fresh SQLite database with the demo
loaded (`seminarflow demo`), an admin token (`seminarflow tokens create`), `seminarflow serve` on
a free port, then dashboard.mjs drives Debian's Chromium through Playwright. Screenshots land in
SHOTS_DIR (the build folder), kept as the test's artifacts.
Usage: run_dashboard.py SEMINARFLOW SOURCE_DIR SHOTS_DIR NODE"""
import os
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "process"))
from serve_node import ServeNode, cli  # noqa: E402


def instances(node, query):
    status, page = node.request("GET", f"/v1/instances?{query}&limit=500")
    if status != 200:
        raise RuntimeError(f"GET /v1/instances?{query}: {status} {page}")
    return page["items"]


def wait_for_the_2016_timers(node, seconds=60):
    """serve fires the demo's timers still pending from 2016 as it starts (the programme's year end,
    the directives' reminders and deadlines): the browser starts once they have, so that what it
    sees does not move under it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        programme_done = any(p["state"] == "summarising" for p in instances(node, "workflow=programme"))
        if programme_done and instances(node, "workflow=directive&state=overdue"):
            return
        time.sleep(0.1)
    raise RuntimeError("the demo's 2016 timers did not fire")


def drive(node_binary, script, arguments, cwd, seconds=180):
    """Runs the Playwright script in a process group of its own, so that a script that hangs goes
    with the Chromium it started; well inside ctest's timeout, so that this cleanup still runs."""
    driver = subprocess.Popen([node_binary, script, *arguments], cwd=cwd, start_new_session=True)
    try:
        return driver.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(driver.pid, signal.SIGKILL)
        driver.wait()
        return "timeout"


def main():
    binary, source_dir, shots, node_binary = sys.argv[1:5]
    here = os.path.dirname(os.path.abspath(__file__))
    if not os.path.isdir(os.path.join(here, "node_modules", "playwright-core")):
        sys.exit(f"{here}/node_modules has no playwright-core: run scripts/install-deps.sh (npm ci there)")
    with tempfile.TemporaryDirectory(prefix="seminarflow-dashboard-") as work:
        url = f"sqlite://{work}/dashboard.db"
        print(cli(binary, source_dir, url, "demo", "--database", url).splitlines()[0])
        node = ServeNode(binary, source_dir, url, name="dashboard")
        try:
            wait_for_the_2016_timers(node)
            code = drive(node_binary, os.path.join(here, "dashboard.mjs"), [node.base, node.token, shots], here)
            if code != 0:
                print(node.log()[-4000:])
                sys.exit(f"the browser test failed (exit {code}); screenshots in {shots}")
            node.stop()
        finally:
            node.kill_if_running()
    print(f"screenshots in {shots}")


if __name__ == "__main__":
    main()
