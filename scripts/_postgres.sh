# Sourced by test.sh: start a local PostgreSQL server and export LEDGER_TEST_PG for the tests.
# As root (or with sudo) it uses Debian's cluster (pg_lsclusters / pg_createcluster /
# pg_ctlcluster); otherwise it runs a throw-away server from initdb in a temporary folder.
# A role `ledger` (password `ledger`, CREATEDB) is what the tests connect as.

PG_ROLE_SQL="DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ledger') THEN
    CREATE ROLE ledger LOGIN PASSWORD 'ledger' CREATEDB;
  ELSE
    ALTER ROLE ledger LOGIN PASSWORD 'ledger' CREATEDB;
  END IF;
  -- DROP DATABASE ... WITH (FORCE) in the test teardown may have to end autovacuum workers.
  GRANT pg_signal_backend TO ledger;
END \$\$;"

_pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

_pg_wait() {  # _pg_wait PORT HOST: wait until the server accepts connections
    local bindir i; bindir="$(_pg_bindir)"
    for i in $(seq 1 60); do
        "$bindir/pg_isready" -q -h "$2" -p "$1" && return 0
        sleep 0.5
    done
    return 1
}

_pg_system_cluster() {
    local line version name port status
    line="$(pg_lsclusters -h 2>/dev/null | head -n 1 || true)"
    if [[ -z "$line" ]]; then
        version="$(basename "$(dirname "$(_pg_bindir)")")"
        say "creating PostgreSQL cluster $version/main"
        as_root pg_createcluster "$version" main >/dev/null
        line="$(pg_lsclusters -h | head -n 1)"
    fi
    read -r version name port status _ <<<"$line"
    if [[ "$status" != online* ]]; then
        say "starting PostgreSQL cluster $version/$name on port $port"
        as_root pg_ctlcluster "$version" "$name" start
    fi
    _pg_wait "$port" 127.0.0.1 || die "PostgreSQL $version/$name did not start"
    if [[ "$(id -u)" -eq 0 ]]; then
        runuser -u postgres -- psql -q -p "$port" -d postgres -v ON_ERROR_STOP=1 -c "$PG_ROLE_SQL" >/dev/null
    else
        sudo -u postgres psql -q -p "$port" -d postgres -v ON_ERROR_STOP=1 -c "$PG_ROLE_SQL" >/dev/null
    fi
    export LEDGER_TEST_PG="postgresql+psycopg://ledger:ledger@127.0.0.1:$port/postgres"
}

_pg_private_server() {
    local bindir dir port
    bindir="$(_pg_bindir)"
    dir="$(mktemp -d "${TMPDIR:-/tmp}/ledger-pg.XXXXXX")"
    port="$("$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    say "starting a private PostgreSQL server in $dir on port $port"
    "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
    "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    PG_PRIVATE_DIR="$dir"
    trap '"$(_pg_bindir)/pg_ctl" -D "$PG_PRIVATE_DIR/data" -m fast stop >/dev/null 2>&1; rm -rf "$PG_PRIVATE_DIR"' EXIT
    "$bindir/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
        -c "$PG_ROLE_SQL" >/dev/null
    export LEDGER_TEST_PG="postgresql+psycopg://ledger:ledger@127.0.0.1:$port/postgres"
}

start_postgres() {
    if [[ -n "${LEDGER_TEST_PG:-}" ]]; then
        say "using the PostgreSQL server in LEDGER_TEST_PG"
        return 0
    fi
    if [[ -z "$(_pg_bindir)" ]]; then
        say "PostgreSQL is not installed: the tests run on SQLite only"
        return 0
    fi
    if command -v pg_lsclusters >/dev/null 2>&1 && can_be_root; then
        _pg_system_cluster
    else
        _pg_private_server
    fi
}
