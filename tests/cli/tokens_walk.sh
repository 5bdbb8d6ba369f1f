#!/usr/bin/env bash
# tokens_walk.sh SEMINARFLOW [URL_FILE]: `seminarflow tokens` through a token's life, as an
# operator runs it: create (the token on stdout, once and alone), list (never the token or its
# hash), refuse a second token of the same name, revoke by name, then by id, and say so when
# there is nothing to revoke. On a fresh SQLite file, or on the PostgreSQL whose URL is in
# URL_FILE (shared with other tests: this one's names are its own).
set -euo pipefail
binary=$1 url_file=${2:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "tokens_walk.sh: $*" >&2; exit 1; }

export SEMINARFLOW_DATABASE_URL="sqlite://$work/tokens.db"
if [[ -n $url_file ]]; then
  [[ -s $url_file ]] || fail "no URL in $url_file: is the postgres fixture running?"
  SEMINARFLOW_DATABASE_URL=$(<"$url_file")
fi
name="Ban Tổ chức $$-$RANDOM"

# A fresh database has no tokens, and says how to make the first.
if [[ -z $url_file ]]; then
  "$binary" tokens list 2>/dev/null | grep -q 'tokens create --role admin --name' || fail "no hint on an empty list"
fi

token=$("$binary" tokens create --role organiser --name "$name" --unit "Công đoàn Sở Tư pháp" \
          --unit "Công đoàn Cục Thuế tỉnh" 2>"$work/create.err")
[[ $token =~ ^sft_[A-Za-z0-9_-]{43}$ ]] || fail "create printed '$token', not a token alone"
grep -q "printed once" "$work/create.err" || fail "create did not say the token is printed once"
hash=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)

"$binary" tokens list >"$work/list" 2>/dev/null
cat "$work/list"
line=$(grep -F "$name" "$work/list") || fail "the list does not show '$name'"
[[ $line =~ ^[0-9a-f-]{36}\ +"$name"\ +organiser\ +"Công đoàn Sở Tư pháp; Công đoàn Cục Thuế tỉnh"\ +[0-9T:-]+Z\ +never\ +-$ ]] ||
  fail "the list shows '$name' as: $line"
if grep -qF -e "$token" -e "$hash" -e "sft_" "$work/list"; then fail "the list shows a token or its hash"; fi
id=${line%% *}

if "$binary" tokens create --role viewer --name "$name" >"$work/twice" 2>&1; then fail "a second '$name' was made"; fi
grep -q "is in force already" "$work/twice" || { cat "$work/twice"; fail "no reason given for refusing a second '$name'"; }

"$binary" tokens revoke "$name" 2>/dev/null | grep -q "Revoked token '$name' ($id)" || fail "revoke by name"
"$binary" tokens revoke "$name" 2>/dev/null | grep -q "was revoked already" || fail "revoke twice"
"$binary" tokens list 2>/dev/null | grep -F "$id" | grep -Eq ' never +[0-9T:-]+Z$' || fail "no revocation time listed"

# The name is free again; the new token is revoked by its id.
second=$("$binary" tokens create --role viewer --name "$name" 2>/dev/null)
[[ $second =~ ^sft_ && $second != "$token" ]] || fail "no new token for '$name'"
second_id=$("$binary" tokens list 2>/dev/null | grep -F "$name" | grep -v "^$id" | cut -d' ' -f1)
"$binary" tokens revoke "$second_id" 2>/dev/null | grep -q "Revoked token '$name' ($second_id)" || fail "revoke by id"

if "$binary" tokens revoke "nobody-$$" >"$work/nobody" 2>&1; then fail "revoking an unknown token succeeded"; fi
grep -q "no token has the name or id 'nobody-$$'" "$work/nobody" || { cat "$work/nobody"; fail "unknown token"; }
echo "tokens walk passed"
