#!/usr/bin/env bash
# The main command: installs what is missing, builds the server (Release), and starts it on
# the embedded default config: SQLite under data/, listening on 127.0.0.1:8080.
# Arguments are passed to `seminarflow serve`, e.g. scripts/serve.sh --config my.yaml
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target seminarflow
mkdir -p data
exec build/release/adapters/cli/seminarflow serve "$@"
