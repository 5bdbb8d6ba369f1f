#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz; the fuzz preset: clang 14, ASan + UBSan) and runs each
# for SECONDS (default 30) from its seed corpus, with its dictionary, then prints how many inputs
# each ran and how fast. Fails if any target found anything: libFuzzer's reproducer (crash-*,
# leak-*, timeout-*, oom-*) is left in build/fuzz/findings/<target>/. Once the bug is fixed, that
# file goes into tests/fuzz/corpus/<target>/, where the fuzz.<target> test replays it on every run.
#
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (scripts/test.sh runs it for 30 s per target)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-30}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(workflow_loader config_loader http_request event_payload message_rendering)
fi

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target "${targets[@]/#/fuzz_}"

out=build/fuzz/runs
failed=()
summary=""
for target in "${targets[@]}"; do
  work="$out/$target"
  findings="build/fuzz/findings/$target"
  rm -rf "$work"
  mkdir -p "$work/new" "$findings"
  options=(-max_total_time="$seconds" -timeout=10 -print_final_stats=1 -artifact_prefix="$findings/")
  dictionary="tests/fuzz/dictionaries/$target.dict"
  if [ -f "$dictionary" ]; then options+=(-dict="$dictionary"); fi
  echo "fuzz: $target for ${seconds}s"
  # New inputs go to a scratch folder (the first one named); the repository's corpus is only read.
  status=0
  "build/fuzz/tests/fuzz/fuzz_$target" "${options[@]}" "$work/new" "tests/fuzz/corpus/$target" \
    >"$work/log" 2>&1 || status=$?
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/log")"
  if [ "$status" -ne 0 ]; then
    failed+=("$target")
    tail -n 60 "$work/log"
    echo "fuzz: $target FAILED (exit $status); reproducer in $findings/, whole log in $work/log"
  fi
  summary+="$(printf '%-20s %10s runs %8s exec/s  %s' "$target" "${runs:-?}" "${rate:-?}" \
    "$([ "$status" -eq 0 ] && echo clean || echo FINDING)")"$'\n'
done

echo "fuzz: ${seconds}s per target"
printf '%s' "$summary"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]}"
  exit 1
fi
