#!/usr/bin/env bash
# demo.sh SEMINARFLOW SOURCE_DIR [URL_FILE]: `seminarflow demo` as a newcomer runs it, from the
# repository's folder, into a fresh SQLite file (or the PostgreSQL whose URL is in URL_FILE): it
# loads seed 000's seminar and prints the numbers the store counts (6 tham luận presented, 11 units
# rewarded, 55,000,000 VND); run again, it refuses and writes nothing, which the row counts of
# the SQLite file prove.
set -euo pipefail
binary=$1 source=$2 url_file=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "demo.sh: $*" >&2; exit 1; }

database="sqlite://$work/demo.db"
if [[ -n $url_file ]]; then
  [[ -s $url_file ]] || fail "no URL in $url_file: is the postgres fixture running?"
  # A database of its own on the fixture's server: a `serve` of another test on a shared one would
  # fire the story's 2016 timers while the demo tells it.
  server=$(<"$url_file")
  psql -X -q -d "$server" -c "CREATE DATABASE demo_$$" || fail "could not create a database for the demo"
  database=$(sed -E "s#^(postgresql://[^/]+/)[^?]*#\1demo_$$#" <<<"$server")
fi
cd "$source"
"$binary" demo --database "$database" >"$work/stdout" 2>"$work/stderr" || { cat "$work/stderr"; fail "demo failed"; }
cat "$work/stdout"
expect() { grep -Eq -- "$1" "$work/stdout" || fail "the output lacks: $1"; }
expect "^loaded the demo, from seed 000"
expect "^  seminar   [0-9a-f-]{36}  \(concluded\)$"
expect "^  tham luận: 6 presented$"
expect "^  proposals: 2 answered, 1 forwarded, 0 open$"
expect "^  directives: 4 done, 1 carried over, 6 open$"
expect "^  rewards: 11 units rewarded, VND 55,000,000 approved, VND 55,000,000 paid$"
expect "^  participants: 20$"
expect "^  programme: 1 seminar\(s\) held of 1$"
expect "seminarflow tokens create --role viewer"
expect "/v1/instances/[0-9a-f-]{36}/summary"

count() { sqlite3 "$work/demo.db" "$1"; }
if [[ -z $url_file ]]; then
  # 1 programme, 1 seminar, 6 tham luận, 3 proposals, 11 rewards, 11 directives.
  [[ $(count "SELECT COUNT(*) FROM instances") == 33 ]] || fail "instances: $(count "SELECT COUNT(*) FROM instances")"
  [[ $(count "SELECT COUNT(*) FROM instances WHERE workflow = 'reward' AND state = 'published'") == 11 ]] ||
    fail "rewards not published"
  # Driven through the runtime: every step is in the history, and timers are the engine's own.
  [[ $(count "SELECT COUNT(*) FROM history WHERE event = 'start' AND actor = 'timer:open_session'") == 1 ]] ||
    fail "the session was not opened by its timer: $(count "SELECT actor FROM history WHERE event = 'start'")"
  before=$(count "SELECT (SELECT COUNT(*) FROM instances) || '/' || (SELECT COUNT(*) FROM history) || '/' || (SELECT COUNT(*) FROM participants) || '/' || (SELECT COUNT(*) FROM units)")
fi

if "$binary" demo --database "$database" >"$work/stdout" 2>"$work/stderr"; then fail "a second demo was loaded"; fi
grep -q "demo: this database holds the demo already (programme [0-9a-f-]*, dated 2016-09-01T" "$work/stderr" ||
  { cat "$work/stderr"; fail "the second run did not say why it refused"; }
grep -q "nothing was loaded again" "$work/stderr" || fail "the second run did not say it loaded nothing"
if [[ -z $url_file ]]; then
  after=$(count "SELECT (SELECT COUNT(*) FROM instances) || '/' || (SELECT COUNT(*) FROM history) || '/' || (SELECT COUNT(*) FROM participants) || '/' || (SELECT COUNT(*) FROM units)")
  [[ $before == "$after" ]] || fail "the second run wrote: $before before, $after after"
fi
echo "demo.sh: ok"
