#!/usr/bin/env bash
# with_url_file.sh FILE COMMAND...: runs COMMAND with SEMINARFLOW_DATABASE_URL set to the URL in
# FILE (the throwaway PostgreSQL's, written when the ctest fixture started it).
set -euo pipefail
url_file=$1
shift
[[ -s $url_file ]] || { echo "with_url_file.sh: no URL in $url_file: is the postgres fixture running?" >&2; exit 1; }
SEMINARFLOW_DATABASE_URL=$(<"$url_file") exec "$@"
