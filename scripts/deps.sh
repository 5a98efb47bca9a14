#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Stockroom needs to build, run and test, when any is missing.
# Sourced by run.sh, test.sh and package.sh; `bash scripts/deps.sh` also works on its own.

STOCKROOM_PACKAGES=(
    build-essential cmake ninja-build ccache pkg-config
    qt6-base-dev qt6-declarative-dev qt6-charts-dev qt6-tools-dev qt6-l10n-tools qt6-base-dev-tools
    libqt6sql6-sqlite libqt6sql6-psql libsqlite3-dev libgl-dev
    qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts qml6-module-qtquick-dialogs
    qml6-module-qtquick-templates qml6-module-qtquick-window qml6-module-qtqml qml6-module-qtqml-models
    qml6-module-qtqml-workerscript qml6-module-qtcharts qml6-module-qttest qml6-module-qt-labs-qmlmodels
    qml6-module-qt-labs-folderlistmodel
    fonts-dejavu-core fontconfig xvfb xauth
    postgresql postgresql-client openssl sqlite3 dpkg-dev file
    libzint-dev zint libzxing-dev zxing-cpp-tools zbar-tools poppler-utils
    clang libclang-rt-14-dev
    desktop-file-utils appstream python3
)

stockroom_install_deps() {
    local missing=()
    local package
    for package in "${STOCKROOM_PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    echo "Installing ${#missing[@]} missing Debian packages: ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null; then
            sudo=(sudo)
        else
            echo "error: these packages are missing and this is not root: ${missing[*]}" >&2
            return 1
        fi
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq "${missing[@]}"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    stockroom_install_deps
fi
