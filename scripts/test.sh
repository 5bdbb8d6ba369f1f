#!/usr/bin/env bash
# The test command: installs what is missing, runs the suites where threads meet under
# ThreadSanitizer, then builds everything under ASan + UBSan with warnings as errors and runs every
# test with ctest. ctest itself starts a throwaway PostgreSQL for the tests that need one (fixture
# `postgres`, scripts/throwaway-postgres.sh) and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

# TSan cannot share a build with ASan. The store's connection pool, the runtime's strands, the
# scheduler and the dispatcher are where threads meet, so their two suites run under it first; the
# full run comes last so that the test command ends with its summary.
cmake --preset tsan >/dev/null
cmake --build --preset tsan --target store_tests runtime_tests
ctest --preset tsan -R '^(store|runtime)\.'

cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci
