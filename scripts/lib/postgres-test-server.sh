# A PostgreSQL server of the test run's own (sourced by scripts/test.sh): Debian's postgresql binaries, a data directory
# under /tmp, no TCP at all (listen_addresses is empty: it answers only on a unix socket in its own 0700 directory), run
# as the postgres user (initdb and postgres refuse root). Nothing of the machine's own clusters is touched.
#   pg_test_start   starts it; sets PG_TEST_CONNECTION (an Npgsql connection string without a database)
#   pg_test_stop    stops it (fast shutdown) and removes its directory

pg_test_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -x "$bin/initdb" ] || { echo "postgres-test-server: no PostgreSQL server binaries under /usr/lib/postgresql (Debian package postgresql)" >&2; return 1; }
  echo "$bin"
}

pg_test_start() {
  local bin
  bin=$(pg_test_bin) || return 1
  PG_TEST_DIR=$(mktemp -d /tmp/clab-pg.XXXXXX)
  chown postgres: "$PG_TEST_DIR" && chmod 700 "$PG_TEST_DIR"
  runuser -u postgres -- "$bin/initdb" -D "$PG_TEST_DIR/data" --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 \
    > "$PG_TEST_DIR/initdb.log" 2>&1 || { cat "$PG_TEST_DIR/initdb.log" >&2; return 1; }
  # -w waits until the server accepts connections (a condition, not a sleep); fsync stays on: the durability tests
  # mean what they say on this server too.
  runuser -u postgres -- "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 60 start \
    -o "-c listen_addresses='' -c unix_socket_directories='$PG_TEST_DIR' -c max_connections=200" > /dev/null \
    || { cat "$PG_TEST_DIR/server.log" >&2; return 1; }
  PG_TEST_CONNECTION="Host=$PG_TEST_DIR;Port=5432;Username=postgres;Database=postgres"
  export PG_TEST_CONNECTION
}

pg_test_stop() {
  [ -n "${PG_TEST_DIR:-}" ] || return 0
  local bin
  bin=$(pg_test_bin) && runuser -u postgres -- "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -m fast -w stop > /dev/null 2>&1
  rm -rf "$PG_TEST_DIR"
  PG_TEST_DIR=
}
