#!/usr/bin/env bash
# The test command: installs what is missing, builds everything with warnings as errors, and
# runs every test with ctest. ctest itself starts a throwaway PostgreSQL for the tests that
# need one (fixture `postgres`, scripts/throwaway-postgres.sh) and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci
