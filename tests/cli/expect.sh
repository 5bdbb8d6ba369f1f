#!/usr/bin/env bash
# expect.sh EXIT_CODE REGEX COMMAND...: runs COMMAND, and passes when it exits with EXIT_CODE
# and its output (stdout and stderr together) matches the extended REGEX.
set -uo pipefail
expected_code=$1 pattern=$2
shift 2
output=$("$@" 2>&1)
code=$?
printf '%s\n' "$output"
if [[ $code -ne $expected_code ]]; then
  echo "expect.sh: exit code $code, expected $expected_code" >&2
  exit 1
fi
if ! grep -Eq -- "$pattern" <<<"$output"; then
  echo "expect.sh: the output does not match: $pattern" >&2
  exit 1
fi
