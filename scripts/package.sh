#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Debian package and the tarball: installs what is missing, builds the two programs (Release) into
# $BUILD_DIR (default: build-pkg/ in the checkout, apart from the RelWithDebInfo build/ of scripts/test.sh),
# runs CPack, and prints the paths of both files (in $PACKAGE_DIR, default $BUILD_DIR/packages).
# Check them with: ctest --test-dir "$BUILD_DIR" -L package --output-on-failure
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build-pkg}
PACKAGE_DIR=${PACKAGE_DIR:-$BUILD_DIR/packages}

# shellcheck source=scripts/deps.sh
source "$ROOT/scripts/deps.sh"
stockroom_install_deps

# Only what the packages hold; CPack installs from this build folder and builds nothing itself (Ninja).
BUILD_DIR="$BUILD_DIR" BUILD_TYPE=Release BUILD_TARGETS="stockroom stockroomctl" "$ROOT/scripts/build.sh"

mkdir -p "$PACKAGE_DIR"
rm -f "$PACKAGE_DIR"/stockroom_*.deb "$PACKAGE_DIR"/stockroom-*.tar.gz "$PACKAGE_DIR"/*.sha256
for generator in DEB TGZ; do
    cpack --config "$BUILD_DIR/CPackConfig.cmake" -G "$generator" -B "$PACKAGE_DIR"
done
rm -rf "$PACKAGE_DIR/_CPack_Packages"

echo
echo "Packages:"
ls -1 "$PACKAGE_DIR"/stockroom_*.deb "$PACKAGE_DIR"/stockroom-*.tar.gz
