#!/usr/bin/env bash
# Start a throwaway PostgreSQL for the Postgres tests and print its URL.
#
#   url=$(bash .ci/postgres.sh) && SITREP_TEST_PG=$url cargo test ...
#
# Installs Debian's postgresql with apt-get when initdb is missing, creates a
# cluster in a temporary data directory owned by a non-root user (initdb
# refuses root), starts it on 127.0.0.1 only (trust auth, loopback only),
# creates the database and prints postgres://USER@127.0.0.1:PORT/DB on
# stdout; everything else goes to stderr. When a server already answers on
# the port, it only makes sure the database exists. Stop it with
#   pg_ctl -D "$(cat /tmp/sitrep-pg.datadir)" stop
# Environment: SITREP_PG_PORT (54329), SITREP_PG_DB (sitrep_test).
set -euo pipefail
port=${SITREP_PG_PORT:-54329}
db=${SITREP_PG_DB:-sitrep_test}
log() { echo "postgres.sh: $*" >&2; }

find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

if ! bin=$(find_bin); then
  log "installing postgresql from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bin=$(find_bin) || { log "initdb not found after installing postgresql"; exit 1; }
fi

# Run server commands as a non-root user when we are root.
if [ "$(id -u)" = 0 ]; then
  user=postgres
  id "$user" >/dev/null 2>&1 || useradd --system --no-create-home "$user"
  as_user() { runuser -u "$user" -- "$@"; }
else
  user=$(id -un)
  as_user() { "$@"; }
fi

if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  log "a server already answers on 127.0.0.1:$port"
else
  datadir=$(mktemp -d /tmp/sitrep-pg.XXXXXX)
  chown "$user" "$datadir"
  chmod 700 "$datadir"
  as_user "$bin/initdb" -D "$datadir" -U "$user" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null 2>&1 \
    || as_user "$bin/initdb" -D "$datadir" -U "$user" --auth=trust -E UTF8 --locale=C >&2
  as_user "$bin/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$datadir -c max_connections=200 -c fsync=off" \
    start >&2 || { cat "$datadir/server.log" >&2; exit 1; }
  echo "$datadir" > /tmp/sitrep-pg.datadir
  log "started PostgreSQL in $datadir on 127.0.0.1:$port"
fi

if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U "$user" -d postgres -tAc \
     "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" "$db" >&2
fi
echo "postgres://$user@127.0.0.1:$port/$db"
