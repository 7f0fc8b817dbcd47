#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server: installs Debian's postgresql if
# initdb is missing, starts a server on 127.0.0.1 in a temporary directory (owned by the
# postgres user), exports TEST_DATABASE_URL, runs the command, and always stops the server.
#   scripts/with-postgres.sh npm test
set -euo pipefail

if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "Installing Debian's postgresql…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
bindir=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
bindir=$(dirname "$(readlink -f "$bindir/initdb")")

id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
work=$(mktemp -d /tmp/mercia-pg.XXXXXX)
chown postgres "$work"
chmod 700 "$work"
# A free port, so that several runs on one machine do not collide.
port=${PGPORT_TEST:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 55432)}

runuser -u postgres -- "$bindir/initdb" -D "$work/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
stop() {
  runuser -u postgres -- "$bindir/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT
runuser -u postgres -- "$bindir/pg_ctl" -D "$work/data" -l "$work/server.log" -w start \
  -o "-h 127.0.0.1 -p $port -k $work -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') running for the tests at $TEST_DATABASE_URL" >&2
"$@"
