#!/usr/bin/env bash
# Installs, from Debian's packages, whatever seminarflow needs and this machine lacks.
# Quiet and quick when everything is there already. Needs root, or sudo.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  # Boost 1.81 exactly: Debian's default 1.74 has no Boost.URL and an older Beast.
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsoci-dev libsqlite3-dev libpq-dev sqlite3
  libspdlog-dev libfmt-dev libyaml-cpp-dev libcli11-dev libssl-dev catch2
  # The email channel's SMTP client.
  libcurl4-openssl-dev
  # Messages show times on the event's wall clock, from the IANA time zone database.
  libhowardhinnant-date-dev tzdata
  # The tests start a throwaway PostgreSQL 15 of their own.
  postgresql-15
  curl
  # The process-level tests (tests/process) drive real servers from Python's standard library.
  python3
  # The email tests' local SMTP server (tests/channels/smtp_sink.py); openssl makes its throwaway certificate.
  python3-aiosmtpd openssl
  # tests/process/export_files.py reads the calendar.ics export as calendar tools do.
  python3-icalendar
  # bench/run-http-bench.sh drives the server with it.
  wrk
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
