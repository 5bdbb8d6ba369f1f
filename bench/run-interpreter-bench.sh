#!/usr/bin/env bash
# Interpreter decisions per second, seminarflow vs XState, on the same walk, in one run:
#   bench/run-interpreter-bench.sh [DECISIONS]
# Builds the Release benchmark, installs XState from npm (bench/xstate/package-lock.json), runs
# each engine three times alternately, and prints a Markdown table of the medians and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
decisions=${1:-2000000}
xstate_decisions=$((decisions / 10))   # XState is slower; fewer decisions keep the run short

scripts/install-deps.sh
command -v node >/dev/null || { echo "node is needed for the XState side (apt-get install nodejs npm)" >&2; exit 1; }
cmake --preset release >/dev/null
cmake --build --preset release --target interpreter_bench >/dev/null
(cd bench/xstate && npm ci --silent --no-audit --no-fund)

ours=() theirs=()
for _ in 1 2 3; do
  ours+=("$(build/release/bench/interpreter_bench workflows config/templates bench/seminar_walk.json "$decisions")")
  theirs+=("$(node bench/xstate/seminar_walk.mjs "$xstate_decisions" bench/seminar_walk.json)")
done

python3 - "${ours[@]}" "${theirs[@]}" <<'PY'
import json, statistics, sys, platform, subprocess
runs = [json.loads(line) for line in sys.argv[1:]]
ours = [r["decisions_per_second"] for r in runs if r["engine"] == "seminarflow"]
theirs = [r["decisions_per_second"] for r in runs if r["engine"] == "xstate"]
node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
xstate = json.load(open("bench/xstate/node_modules/xstate/package.json"))["version"]
print(f"| engine | decisions/s (median of 3) | runs |")
print(f"| --- | ---: | --- |")
print(f"| seminarflow interpreter (C++20, -O2) | {statistics.median(ours):,.0f} | {', '.join(f'{x:,}' for x in ours)} |")
print(f"| XState {xstate} `transition()` (Node {node}) | {statistics.median(theirs):,.0f} | {', '.join(f'{x:,}' for x in theirs)} |")
print(f"\nratio: {statistics.median(ours) / statistics.median(theirs):.1f}x")
PY
