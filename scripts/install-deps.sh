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
  # The fuzz targets (tests/fuzz, scripts/fuzz.sh): clang's libFuzzer and sanitizer runtimes, and
  # llvm-symbolizer for the stack of a finding.
  clang-14 libclang-rt-14-dev llvm-14
  # The dashboard's browser test (tests/browser): Chromium, headless, driven by Playwright on Node.
  chromium nodejs
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
# Debian's npm only where there is no npm: a NodeSource nodejs brings its own, and conflicts with it.
command -v npm >/dev/null || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "install-deps: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# playwright-core for tests/browser, exactly as its package-lock.json says; again only when the
# lock file changed since the last install (npm writes node_modules/.package-lock.json last).
browser_tests="$(dirname "$0")/../tests/browser"
if [ ! "$browser_tests/node_modules/.package-lock.json" -nt "$browser_tests/package-lock.json" ]; then
  echo "install-deps: npm ci in tests/browser"
  (cd "$browser_tests" && npm ci --no-audit --no-fund --loglevel=error)
fi
