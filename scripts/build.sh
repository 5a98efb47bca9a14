#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Configures and builds Stockroom into $BUILD_DIR (default: build/ in the checkout). Used by run.sh and test.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
BUILD_TYPE=${BUILD_TYPE:-Release}

launcher=()
if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
# A full build also builds the libFuzzer targets (fuzz/ as a project of its own, with clang, in
# $BUILD_DIR/fuzz-clang), which CTest then runs for a bounded time.
fuzz=()
if [ -z "${BUILD_TARGETS:-}" ]; then
    fuzz=(-DSTOCKROOM_LIBFUZZER_DIR="$BUILD_DIR/fuzz-clang")
fi
cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" "${launcher[@]}" "${fuzz[@]}"
# BUILD_TARGETS: only these (run.sh needs just the two programs); everything by default.
targets=()
for target in ${BUILD_TARGETS:-}; do
    targets+=(--target "$target")
done
cmake --build "$BUILD_DIR" -j2 "${targets[@]}"
if [ ${#fuzz[@]} -gt 0 ]; then
    cmake -S "$ROOT/fuzz" -B "$BUILD_DIR/fuzz-clang" -G Ninja -DCMAKE_CXX_COMPILER=clang++ "${launcher[@]}"
    cmake --build "$BUILD_DIR/fuzz-clang" -j2
fi
