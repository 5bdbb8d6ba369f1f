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
binary=build/release/adapters/cli/seminarflow
# Without a token the server answers only /healthz and /readyz, and it never makes one itself (a
# secret printed in a log is a secret leaked): on a database with none, say how to make the first.
listed=$("$binary" tokens list "$@" 2>/dev/null || true)
if [[ $listed == "No tokens yet"* ]]; then
  echo "serve.sh: the database has no API token yet. Make one from this folder, in another terminal:" >&2
  echo "  TOKEN=\$($binary${*:+ $*} tokens create --role admin --name me)" >&2
fi
exec "$binary" serve "$@"
