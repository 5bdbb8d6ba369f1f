#!/usr/bin/env bash
# changed_definition.sh SEMINARFLOW SOURCE_DIR: serve records the definitions it runs; a
# definition edited under the same version must then be refused at the next start, with a
# sentence that says so, because running instances would silently change under it.
set -euo pipefail
binary=$1 source_dir=$2
work=$(mktemp -d)
trap 'kill -9 "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$source_dir/workflows" "$work/workflows"
mkdir -p "$work/config" && cp -r "$source_dir/config/templates" "$work/config/templates"
cat >"$work/config/seminarflow.yaml" <<YAML
server: {listen: "127.0.0.1:0"}
database: {url: "sqlite://$work/data/sf.db"}
workflows: {dir: ../workflows}
templates: {dir: templates}
YAML

"$binary" serve --config "$work/config/seminarflow.yaml" >"$work/first.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
  grep -q 'listening on' "$work/first.log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/first.log"; echo "the first serve exited early" >&2; exit 1; }
  sleep 0.1
done
grep -q 'listening on' "$work/first.log" || { cat "$work/first.log"; echo "the first serve did not start" >&2; exit 1; }
kill -TERM "$pid"
wait "$pid"

# The same version, another text.
sed -i 's/^title: .*/title: Hội thảo (sửa mà không tăng version)/' "$work/workflows/seminar.yaml"
set +e
timeout 60 "$binary" serve --config "$work/config/seminarflow.yaml" >"$work/second.log" 2>&1
code=$?
set -e
cat "$work/second.log"
[[ $code -eq 1 ]] || { echo "serve exited with $code, expected 1" >&2; exit 1; }
grep -q "definition seminar version 2 is already stored with checksum .*: a changed definition needs a new version" \
  "$work/second.log"
echo "the edited definition was refused"
