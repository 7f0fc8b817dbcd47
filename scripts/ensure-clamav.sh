#!/usr/bin/env bash
# Uploads are scanned for malware by ClamAV's clamd, and the tests use a real one (the test
# setup, src/core/testing/clamav.ts, starts its own clamd in a temporary folder with a
# signature database it writes itself: no freshclam, no network). Install Debian's
# clamav-daemon when clamd is missing and we are allowed to; otherwise say how, and stop.
set -euo pipefail
if [ -n "${CLAMD_SOCKET:-}${CLAMD_HOST:-}" ] || command -v clamd >/dev/null || [ -x /usr/sbin/clamd ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's clamav-daemon for malware scanning in the tests…"
  apt-get update -qq
  # Its packaged services are not started here (a container has no init to start them, and
  # freshclam needs the internet); the tests start clamd themselves.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clamav-daemon >/dev/null
  exit 0
fi
echo "The tests need ClamAV's clamd: install Debian's package (sudo apt-get install clamav-daemon), or point CLAMD_SOCKET (or CLAMD_HOST and CLAMD_PORT) at a running clamd." >&2
exit 1
