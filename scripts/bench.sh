#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every benchmark of the project and writes bench/RESULTS.md: each figure with its target (from the issue
# that set it), a baseline measured in the same run on this machine, and the ratio ours / baseline.
#
#   scripts/bench.sh [--quick] [--pg URL] [--only NAMES] [--no-build] [--out FILE]
#
#   --quick     smaller sizes and shorter runs, for trying things (the report says so in its header)
#   --pg URL    a PostgreSQL server to use (default $STOCKROOM_TEST_PG; otherwise a throwaway cluster on
#               127.0.0.1 is started and removed, as scripts/test.sh does)
#   --only      a comma-separated subset: place,pgbench,order_import,product_import,orders_view,cold_start,
#               ledger_view,live_refresh,forecast_speed,forecast_accuracy (the report then has only those)
#   --no-build  use the programs already in BUILD_DIR
#   --out FILE  where the report goes (default bench/RESULTS.md)
#
# Environment: BUILD_DIR (default build-rel, built as Release), BENCH_DATA (databases and data files kept
# between runs, default $BUILD_DIR/bench-data: the 1,000,000-order database takes ~5 min to build once),
# BENCH_LOCK (default /tmp/stockroom-build.lock: every build step and every benchmark runs holding it, one at a
# time, so that builds on a shared machine do not disturb the figures; empty = no lock).
# Each benchmark prints `RESULT name value unit` lines; this script collects them (raw logs and results.txt stay
# in a folder under /tmp, printed at the end) and renders the report with python3.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build-rel}
BENCH_DATA=${BENCH_DATA:-$BUILD_DIR/bench-data}
LOCK=${BENCH_LOCK-/tmp/stockroom-build.lock}
OUT=$ROOT/bench/RESULTS.md
QUICK=0
BUILD=1
PG_URL=${STOCKROOM_TEST_PG:-}
ONLY=""
ARGS=("$@")
while [ $# -gt 0 ]; do
    case $1 in
        --quick) QUICK=1 ;;
        --no-build) BUILD=0 ;;
        --pg) PG_URL=$2; shift ;;
        --only) ONLY=$2; shift ;;
        --out) OUT=$2; shift ;;
        -h | --help) sed -n '3,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
wanted() { [ -z "$ONLY" ] || [[ ",$ONLY," == *",$1,"* ]]; }
# locked COMMAND…: runs a command or a shell function holding the lock (given back when it returns); the
# seconds spent waiting for it are added to WAITED.
WAITED=0
locked() {
    local fd status=0 asked
    if [ -z "$LOCK" ]; then
        "$@"
        return
    fi
    asked=$(date +%s)
    exec {fd}>>"$LOCK"
    flock "$fd"
    WAITED=$((WAITED + $(date +%s) - asked))
    "$@" {fd}>&- || status=$?
    exec {fd}>&-
    return "$status"
}
START_EPOCH=$(date +%s)
WORK=$(mktemp -d /tmp/stockroom-bench.XXXXXX)
mkdir -p "$BENCH_DATA"
RESULTS=$WORK/results.txt
: >"$RESULTS"
export LANG=C.UTF-8 TZ=UTC QT_QPA_PLATFORM=offscreen

# Sizes: the issues' figures in a full run; a fifth or less with --quick.
if [ "$QUICK" = 1 ]; then
    PLACE_SECONDS=2 PGBENCH_SECONDS=4 ORDER_LINES=20000 PG_ORDER_LINES=5000 PRODUCTS=20000 VIEW_ORDERS=100000 VIEW_RUNS=2
    COLD_RUNS=3 LIVE_COMMITS=200 FORECAST_SERIES=1000 R_SAMPLE=20 INTERMITTENT_SERIES=200
else
    PLACE_SECONDS=5 PGBENCH_SECONDS=10 ORDER_LINES=100000 PG_ORDER_LINES=20000 PRODUCTS=100000 VIEW_ORDERS=1000000 VIEW_RUNS=5
    COLD_RUNS=5 LIVE_COMMITS=1000 FORECAST_SERIES=10000 R_SAMPLE=100 INTERMITTENT_SERIES=1000
fi
COLD_ORDERS=100000

# --- Build ------------------------------------------------------------------------------------------------
TARGETS="stockroom stockroomctl place_orders order_import product_import orders_view ledger_view live_refresh"
BUILD_SECONDS=0
if [ "$BUILD" = 1 ]; then
    echo "== building $TARGETS (Release) in $BUILD_DIR"
    started=$(date +%s)
    locked env BUILD_DIR="$BUILD_DIR" BUILD_TYPE=Release BUILD_TARGETS="$TARGETS" "$ROOT/scripts/build.sh" \
        >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log" >&2; exit 1; }
    BUILD_SECONDS=$(($(date +%s) - started - WAITED))
    echo "   $BUILD_SECONDS s (+ $WAITED s waiting for the lock)"
fi
BIN=$BUILD_DIR/bench
CTL=$BUILD_DIR/src/cli/stockroomctl
APP=$BUILD_DIR/src/ui/stockroom
grep -q '^CMAKE_BUILD_TYPE:STRING=Release$' "$BUILD_DIR/CMakeCache.txt" \
    || echo "warning: $BUILD_DIR is not a Release build" >&2

# --- PostgreSQL: the given server, or a throwaway cluster on 127.0.0.1 --------------------------------------
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1) # as scripts/test.sh finds it
PG_NOTE="given server ($PG_URL)"
if [ -z "$PG_URL" ]; then
    as_pg=()
    if [ "$(id -u)" -eq 0 ]; then
        as_pg=(runuser -u postgres --)
    fi
    PGROOT=$(mktemp -d /tmp/stockroom-benchpg.XXXXXX)
    [ "$(id -u)" -eq 0 ] && chown postgres: "$PGROOT"
    PGDATA_DIR=$PGROOT/data
    port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
    PORT=""
    for candidate in $(seq 55700 55900); do
        if ! port_in_use "$candidate"; then
            PORT=$candidate
            break
        fi
    done
    [ -n "$PORT" ] || { echo "error: no free port for the benchmark PostgreSQL" >&2; exit 1; }
    stop_postgres() {
        if [ -f "$PGDATA_DIR/postmaster.pid" ]; then
            "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m immediate -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$PGROOT"
    }
    trap stop_postgres EXIT INT TERM
    "${as_pg[@]}" "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    # Durable like a real server (fsync and synchronous_commit on, the defaults), unlike the test cluster.
    "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGROOT/postgres.log" -w \
        -o "-p $PORT -c listen_addresses=127.0.0.1 -k $PGROOT -c max_connections=200" start >/dev/null
    PG_URL="postgresql://postgres@127.0.0.1:$PORT/postgres"
    PG_NOTE="throwaway cluster on 127.0.0.1:$PORT (defaults: fsync on, synchronous_commit on, shared_buffers 128 MB)"
fi
echo "== PostgreSQL: $PG_NOTE"
# psql URL SQL…: runs statements on the benchmark server.
psql_run() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 "$1" -c "$2" >/dev/null; }
pg_database() { # NAME: a fresh database on the benchmark server, as a URL
    psql_run "$PG_URL" "DROP DATABASE IF EXISTS $1"
    psql_run "$PG_URL" "CREATE DATABASE $1"
    echo "${PG_URL%/*}/$1"
}

# --- Running ------------------------------------------------------------------------------------------------
declare -A DURATION
# step NAME COMMAND…: runs one benchmark under the lock, its output in $WORK/NAME.log, RESULT lines collected.
step() {
    local name=$1 started ended status=0 waited=$WAITED
    shift
    echo "== $name: $*"
    started=$(date +%s)
    locked "$@" >"$WORK/$name.log" 2>&1 || status=$?
    ended=$(date +%s)
    DURATION[$name]=$((ended - started - (WAITED - waited))) # the benchmark alone, not the wait for the lock
    grep '^RESULT ' "$WORK/$name.log" >>"$RESULTS" || true
    if [ "$status" != 0 ]; then
        echo "   FAILED (exit $status); last lines of $WORK/$name.log:" >&2
        tail -15 "$WORK/$name.log" >&2
        echo "RESULT failed.$name $status exit" >>"$RESULTS"
    fi
    echo "   ${DURATION[$name]} s (+ $((WAITED - waited)) s waiting for the lock)"
}

if wanted place; then
    step place "$BIN/place_orders" --pg "$PG_URL" --seconds "$PLACE_SECONDS"
fi

# pgbench: TPC-B-like transactions on the same server, the same client counts as place_orders (1 and 4), over
# TCP with prepared statements, as the app talks to it. Scale 4 so that 4 clients do not all queue on one branch.
pgbench_run() {
    local url
    url=$(pg_database stockroom_pgbench)
    pgbench -i -q -s 4 "$url" >/dev/null 2>&1
    for clients in 1 4; do
        local threads=$((clients < 2 ? clients : 2)) tps
        tps=$(pgbench -n -M prepared -c "$clients" -j "$threads" -T "$PGBENCH_SECONDS" "$url" 2>&1 \
            | tee -a /dev/stderr | sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p')
        echo "RESULT pgbench.p$clients.tps ${tps:-0} tx/s"
    done
    psql_run "$PG_URL" "DROP DATABASE stockroom_pgbench"
}
if wanted pgbench; then
    step pgbench pgbench_run
fi

if wanted order_import; then
    step order_import "$BIN/order_import" --lines "$ORDER_LINES"
    # PostgreSQL is round-trip bound (~1,000 lines/s): a smaller file keeps the run and the lock short.
    step order_import_pg "$BIN/order_import" --lines "$PG_ORDER_LINES" --pg "$PG_URL" --no-sqlite
fi
if wanted product_import; then
    step product_import "$BIN/product_import" --products "$PRODUCTS" --pg "$PG_URL"
fi

# The Orders view: the database is built once per size and kept in $BENCH_DATA (building 1,000,000 orders is the
# slowest part of a first run, ~5 min; it runs under the lock on its own, then the figures under it again).
if wanted orders_view; then
    view_db="sqlite:$BENCH_DATA/orders-view-$VIEW_ORDERS.db"
    step orders_view_build "$BIN/orders_view" --db "$view_db" --orders "$VIEW_ORDERS" --prepare-only
    step orders_view "$BIN/orders_view" --db "$view_db" --orders "$VIEW_ORDERS" --runs "$VIEW_RUNS" --app "$APP"
fi
if wanted cold_start; then
    cold_db="sqlite:$BENCH_DATA/orders-view-$COLD_ORDERS.db"
    step cold_start "$BIN/orders_view" --db "$cold_db" --orders "$COLD_ORDERS" --runs "$COLD_RUNS" --cold-start \
        --app "$APP"
fi
if wanted ledger_view; then
    step ledger_view "$BIN/ledger_view" --db "sqlite:$BENCH_DATA/ledger-view.db" --runs "$VIEW_RUNS"
    step ledger_view_pg "$BIN/ledger_view" --db "$(pg_database stockroom_ledger_view)" --runs "$VIEW_RUNS"
fi
if wanted live_refresh; then
    step live_refresh "$BIN/live_refresh" --commits "$LIVE_COMMITS" --pg "$PG_URL"
fi
if wanted forecast_speed; then
    step forecast_speed env STOCKROOMCTL="$CTL" WORKDIR="$BENCH_DATA/forecast-speed-$FORECAST_SERIES" \
        SERIES="$FORECAST_SERIES" R_SAMPLE="$R_SAMPLE" "$ROOT/bench/forecast_speed.sh"
fi
if wanted forecast_accuracy; then
    # Two steps, so that the lock is given back in between.
    step forecast_m4 env STOCKROOMCTL="$CTL" WORKDIR="$WORK/forecast-accuracy" PARTS=m4 \
        "$ROOT/bench/forecast_accuracy.sh"
    step forecast_intermittent env STOCKROOMCTL="$CTL" WORKDIR="$WORK/forecast-accuracy" PARTS=intermittent \
        SERIES="$INTERMITTENT_SERIES" "$ROOT/bench/forecast_accuracy.sh"
fi

# --- The report -------------------------------------------------------------------------------------------------
END_EPOCH=$(date +%s)
{
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
    echo "cores=$(nproc)"
    echo "ram=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "debian=$(cat /etc/debian_version 2>/dev/null || echo '?')"
    echo "kernel=$(uname -r)"
    echo "qt=$(dpkg-query -W -f '${Version}' libqt6core6 2>/dev/null || echo '?')"
    echo "sqlite=$(dpkg-query -W -f '${Version}' libsqlite3-0 2>/dev/null || echo '?')"
    echo "postgresql=$("$PGBIN/postgres" --version | sed 's/^postgres (PostgreSQL) //')"
    echo "pg_note=$PG_NOTE"
    # shellcheck disable=SC2016 # R code, not shell
    echo "r=$(Rscript -e 'cat(R.version$major, ".", R.version$minor, ", forecast ", format(packageVersion("forecast")), sep = "")' 2>/dev/null || echo 'not installed')"
    echo "compiler=$(c++ --version | head -1)"
    echo "load=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "quick=$QUICK"
    echo "command=scripts/bench.sh${ARGS[*]:+ ${ARGS[*]}}"
    echo "total_seconds=$((END_EPOCH - START_EPOCH))"
    echo "waited_seconds=$WAITED"
    echo "build_seconds=$BUILD_SECONDS"
    for name in "${!DURATION[@]}"; do
        echo "duration.$name=${DURATION[$name]}"
    done
} >"$WORK/meta.txt"
python3 "$ROOT/bench/report.py" --results "$RESULTS" --meta "$WORK/meta.txt" --out "$OUT"
echo "== wrote $OUT in $((END_EPOCH - START_EPOCH)) s (of which $WAITED s waiting for the lock); logs and results: $WORK"
