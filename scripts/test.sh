#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# One command: install what is missing, start a throwaway PostgreSQL on loopback, build, run every test.
# Exits non-zero on any failure. The cluster is stopped on exit, whatever happens.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo}
export BUILD_DIR BUILD_TYPE

# shellcheck source=scripts/deps.sh
source "$ROOT/scripts/deps.sh"
stockroom_install_deps

if [ -z "$(fc-list 2>/dev/null)" ]; then
    echo "error: no fonts installed (fc-list is empty): every text would render as boxes" >&2
    exit 1
fi

"$ROOT/scripts/build.sh"

# --- A throwaway PostgreSQL cluster on 127.0.0.1 ---------------------------------------------------
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
    as_pg=(runuser -u postgres --)
fi
PGROOT="$BUILD_DIR/pgtest"
mkdir -p "$PGROOT"
if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$PGROOT"
    # The postgres user must reach the folder; if the checkout is private, fall back to /tmp.
    if ! runuser -u postgres -- test -w "$PGROOT"; then
        PGROOT=$(mktemp -d /tmp/stockroom-pgtest.XXXXXX)
        chown postgres: "$PGROOT"
    fi
fi
PGDATA_DIR="$PGROOT/data-$$"
TLS_DIR="$PGROOT/tls-$$"
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=""
for candidate in $(seq 55433 55633); do
    if ! port_in_use "$candidate"; then
        PORT=$candidate
        break
    fi
done
[ -n "$PORT" ] || { echo "error: no free port for the test PostgreSQL" >&2; exit 1; }

stop_postgres() {
    if [ -f "$PGDATA_DIR/postmaster.pid" ]; then
        "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PGDATA_DIR" "$TLS_DIR"
}
trap stop_postgres EXIT INT TERM

"${as_pg[@]}" "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
# TLS with a self-signed certificate made now for localhost and 127.0.0.1: tst_pgsecurity connects with
# sslmode=require and verify-full (STOCKROOM_TEST_PG_CA); every other test gets libpq's "prefer", i.e. TLS too.
mkdir -p "$TLS_DIR"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$TLS_DIR/server.key" -out "$TLS_DIR/server.crt" 2>/dev/null
chmod 600 "$TLS_DIR/server.key"
if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres: "$TLS_DIR"
fi
PG_OPTIONS="-p $PORT -c listen_addresses=127.0.0.1 -k $PGROOT -c max_connections=200 -c fsync=off \
-c ssl=on -c ssl_cert_file=$TLS_DIR/server.crt -c ssl_key_file=$TLS_DIR/server.key"
"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGROOT/postgres-$$.log" -w -o "$PG_OPTIONS" start >/dev/null
export STOCKROOM_TEST_PG="postgresql://postgres@127.0.0.1:$PORT/postgres"
export STOCKROOM_TEST_PG_CA="$TLS_DIR/server.crt"
# How a test restarts this server (the change feed must survive it).
export STOCKROOM_TEST_PG_STOP="${as_pg[*]} $PGBIN/pg_ctl -D $PGDATA_DIR -m fast -w stop"
export STOCKROOM_TEST_PG_START="${as_pg[*]} $PGBIN/pg_ctl -D $PGDATA_DIR -l $PGROOT/postgres-$$.log -w -o '$PG_OPTIONS' start"
echo "Test PostgreSQL: $STOCKROOM_TEST_PG"

# --- Tests ------------------------------------------------------------------------------------------
export QT_QPA_PLATFORM=offscreen
export LANG=C.UTF-8 TZ=UTC
ctest --test-dir "$BUILD_DIR" --output-on-failure -j2 --timeout 900
