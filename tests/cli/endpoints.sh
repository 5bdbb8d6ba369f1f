#!/usr/bin/env bash
# endpoints.sh SEMINARFLOW DATABASE_URL: an operator adds an endpoint, sees it listed without its
# secret, disables and enables it, rotates its secret, removes it, and sees it gone.
set -euo pipefail
cli=$1
export SEMINARFLOW_DATABASE_URL=$2

added=$("$cli" endpoints add http://hooks.example.org/hooks --type seminar.planned --type seminar.cancelled \
        --description "Ban tổ chức" --retry-schedule 5s,1m --max-in-flight 2)
echo "$added"
id=$(sed -n 's/^endpoint \([0-9a-f-]*\) added$/\1/p' <<<"$added")
secret=$(sed -n 's/^signing secret (shown once, give it to the receiver): \(whsec_[A-Za-z0-9+\/=]*\)$/\1/p' <<<"$added")
[[ -n $id && -n $secret ]] || { echo "no id or secret in the output" >&2; exit 1; }

listed=$("$cli" endpoints list)
echo "$listed"
grep -q "^$id  enabled   webhook  http://hooks.example.org/hooks  types=seminar.planned,seminar.cancelled  max_in_flight=2  retry_schedule=5s,1m  secrets=1  \"Ban tổ chức\"$" <<<"$listed" \
  || { echo "the endpoint is not listed as added" >&2; exit 1; }
if grep -qF "$secret" <<<"$listed"; then echo "the list shows the secret" >&2; exit 1; fi

"$cli" endpoints disable "$id" --reason "bảo trì" | grep -q "^endpoint $id disabled"
"$cli" endpoints list | grep -q "^$id  disabled  .*(disabled: bảo trì)$" || { echo "not listed as disabled" >&2; exit 1; }
"$cli" endpoints enable "$id" | grep -q "^endpoint $id enabled"
"$cli" endpoints list | grep -q "^$id  enabled " || { echo "not listed as enabled again" >&2; exit 1; }

rotated=$("$cli" endpoints rotate-secret "$id")
new_secret=$(sed -n 's/^signing secret (shown once, give it to the receiver): \(whsec_[A-Za-z0-9+\/=]*\)$/\1/p' <<<"$rotated")
[[ -n $new_secret && $new_secret != "$secret" ]] || { echo "no new secret in: $rotated" >&2; exit 1; }
"$cli" endpoints list | grep -q "^$id  enabled .*  secrets=2 " || { echo "not signing with two secrets" >&2; exit 1; }
if "$cli" endpoints list | grep -qF "$new_secret"; then echo "the list shows the new secret" >&2; exit 1; fi

# A Telegram chat: added with --url and its chat id, no secret printed, listed in its language
# with its bot token kept out of the listing.
chat=$("$cli" endpoints add --channel telegram --url http://hooks.example.org/bot123:SECRETTOKEN/sendMessage \
       --chat-id -1001234567890 --language en)
echo "$chat"
chat_id=$(sed -n 's/^endpoint \([0-9a-f-]*\) added$/\1/p' <<<"$chat")
[[ -n $chat_id ]] || { echo "no id for the telegram endpoint" >&2; exit 1; }
if grep -q "secret" <<<"$chat"; then echo "a chat endpoint printed a secret" >&2; exit 1; fi
listed=$("$cli" endpoints list)
echo "$listed"
grep -q "^$chat_id  enabled   telegram  http://hooks.example.org/…  types=\*  max_in_flight=4  language=en  chat_id=-1001234567890$" <<<"$listed" \
  || { echo "the telegram endpoint is not listed as added" >&2; exit 1; }
if grep -q "SECRETTOKEN" <<<"$listed"; then echo "the list shows the bot token" >&2; exit 1; fi
"$cli" endpoints remove "$chat_id" | grep -q "^endpoint $chat_id removed"

"$cli" endpoints remove "$id" | grep -q "^endpoint $id removed"
"$cli" endpoints list | grep -q "^no endpoints"
echo "ok"
