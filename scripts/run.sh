#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# One command on a fresh Debian 12: install what is missing, build, create demo data once, start the app.
# Arguments go to the app, e.g. scripts/run.sh --lang de, or --db postgresql://user@host/db.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
export BUILD_DIR

# shellcheck source=scripts/deps.sh
source "$ROOT/scripts/deps.sh"
stockroom_install_deps
BUILD_TARGETS="stockroom stockroomctl" "$ROOT/scripts/build.sh"

ctl="$BUILD_DIR/src/cli/stockroomctl"
app="$BUILD_DIR/src/ui/stockroom"

db_given=no
for argument in "$@"; do
    case "$argument" in --db|--db=*) db_given=yes ;; esac
done
if [ "$db_given" = no ]; then
    # The default database: stockroom.db in the user's data folder. Demo data only when it is new.
    # (Once someone has created users in the app, these need a sign-in and say so: then the database is not new.)
    if "$ctl" init --json 2>/dev/null | grep -q '"schema_version"' && \
       [ "$("$ctl" stock --json 2>/dev/null | tr -d ' \n')" = "[]" ]; then
        echo "Creating demo data in the default database (two years of orders; about a minute) ..."
        "$ctl" demo
    fi
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "No display found: starting under xvfb-run (set DISPLAY to see the window)."
    exec xvfb-run -a -s "-screen 0 1600x1000x24" "$app" "$@"
fi
exec "$app" "$@"
