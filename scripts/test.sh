#!/usr/bin/env bash
# The test command: installs what is missing, fuzzes each libFuzzer target for 30 seconds
# (scripts/fuzz.sh), runs the suites where threads meet under ThreadSanitizer, then builds
# everything under ASan + UBSan with warnings as errors and runs every test with ctest, which also
# replays every fuzz corpus and regression input (the fuzz.* tests). ctest itself starts a
# throwaway PostgreSQL for the tests that need one (fixture `postgres`,
# scripts/throwaway-postgres.sh) and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

# Bad input must get a clear refusal, never a crash: a bounded run per target, which fails on any
# finding. First, so that the test command still ends with ctest's summary.
scripts/fuzz.sh 30

# TSan cannot share a build with ASan. The store's connection pool, the runtime's strands, the
# scheduler and the dispatcher are where threads meet, so their two suites run under it first; the
# full run comes last so that the test command ends with its summary.
cmake --preset tsan >/dev/null
cmake --build --preset tsan --target store_tests runtime_tests
ctest --preset tsan -R '^(store|runtime)\.'

cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci
