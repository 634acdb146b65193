#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the postgres-marked tests (idempotent) and print its URL
# on stdout, e.g.:
#   export CONFLICTWATCH_TEST_PG_URL="$(.ci/start-postgres.sh)"
# Needs Debian's postgresql package (apt-get install -y postgresql). Settings, all optional:
#   CONFLICTWATCH_PG_PORT (5433), CONFLICTWATCH_PG_DIR (/tmp/conflictwatch-pg), CONFLICTWATCH_PG_DB.
# Run as root, the server runs as the postgres user. Stop it with: pg_ctl -D "$CONFLICTWATCH_PG_DIR" stop
set -euo pipefail

port="${CONFLICTWATCH_PG_PORT:-5433}"
dir="${CONFLICTWATCH_PG_DIR:-/tmp/conflictwatch-pg}"
db="${CONFLICTWATCH_PG_DB:-conflictwatch_test}"
user=conflictwatch

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "start-postgres: no PostgreSQL found under /usr/lib/postgresql; run: apt-get install -y postgresql" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ ! -f "$dir/PG_VERSION" ]; then
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
  chmod 700 "$dir"
  as_owner "$bin/initdb" -D "$dir" -U "$user" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2
fi

if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
fi

exists="$("$bin/psql" -h 127.0.0.1 -p "$port" -U "$user" -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname = '$db'")"
if [ "$exists" != 1 ]; then
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" "$db" >&2
fi

echo "postgresql://$user@127.0.0.1:$port/$db"
