#!/usr/bin/env bash
# directory_import.sh SEMINARFLOW SOURCE_DIR [URL_FILE]: `seminarflow directory import` as an
# operator runs it, on the sample files in examples/directory: units (children before parents),
# then people, then the same units again (nothing new); then bad files, each refused with
# FILE:LINE:COLUMN and nothing of it imported, which a good row imported afterwards proves. On a
# fresh SQLite file, or on the PostgreSQL whose URL is in URL_FILE.
set -euo pipefail
binary=$1 source=$2 url_file=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "directory_import.sh: $*" >&2; exit 1; }

export SEMINARFLOW_DATABASE_URL="sqlite://$work/directory.db"
if [[ -n $url_file ]]; then
  [[ -s $url_file ]] || fail "no URL in $url_file: is the postgres fixture running?"
  SEMINARFLOW_DATABASE_URL=$(<"$url_file")
fi
import() { "$binary" directory import "$@" 2>"$work/stderr"; }
# refused FILE PATTERN: the import fails, says where, and says nothing was imported.
refused() {
  if import "$1" >"$work/stdout"; then fail "$1 was imported"; fi
  grep -Eq -- "$2" "$work/stderr" || { cat "$work/stderr"; fail "$1: no '$2'"; }
  grep -q "nothing was imported" "$work/stderr" || fail "$1: it did not say nothing was imported"
}

import "$source/examples/directory/units.csv" | grep -q "^imported 13 unit(s) from" || fail "units.csv"
import "$source/examples/directory/people.csv" | grep -q "^imported 4 person(s) from" || fail "people.csv"
import "$source/examples/directory/units.csv" | grep -q "imported 0 unit(s) .*; 13 already there" ||
  fail "units.csv again"

# A cycle between two new units, after a good row: line 3, column 3 (parent).
printf 'ref,kind,name,parent\ncdcs-moi,grassroots,Công đoàn mới,cdvc-tinh\nvong-a,district,Vòng A,vong-b\nvong-b,district,Vòng B,vong-a\n' \
  >"$work/cycle.csv"
refused "$work/cycle.csv" "cycle.csv:3:4: \(parent\) the parents of unit 'vong-a' go round in a circle"
printf 'ref,kind,name,parent\nkhong-cha,grassroots,Không cha,khong-co\n' >"$work/orphan.csv"
refused "$work/orphan.csv" "orphan.csv:2:4: \(parent\) unit 'khong-cha' names parent 'khong-co'"
printf 'ref,name,kind\ncdcs-so-tu-phap,Tên khác,grassroots\n' >"$work/taken.csv"
refused "$work/taken.csv" "taken.csv:2:1: \(ref\) unit 'cdcs-so-tu-phap' is in the directory already"
printf 'ref,kind,name\nx,ban,X\n' >"$work/kind.csv"
refused "$work/kind.csv" "kind.csv:2:2: \(kind\) 'ban' is not a kind of unit"
printf 'ref,name,unit\nai-do,Ai đó,khong-co\n' >"$work/person.csv"
refused "$work/person.csv" "person.csv:2:3: \(unit\) person 'ai-do' belongs to unit 'khong-co'"
printf 'ref,kind,name\nx,group,"X\n' >"$work/quote.csv"
refused "$work/quote.csv" "quote.csv:2:3: a quoted field is never closed"

# None of the refused files left anything: their good rows import now.
printf 'ref,kind,name,parent\ncdcs-moi,grassroots,Công đoàn mới,cdvc-tinh\n' >"$work/good.csv"
import "$work/good.csv" | grep -q "^imported 1 unit(s)" || fail "the refused cycle.csv left cdcs-moi behind"

if "$binary" directory import "$work/nowhere.csv" >"$work/out" 2>&1; then fail "a missing file was imported"; fi
echo "directory import walk passed"
