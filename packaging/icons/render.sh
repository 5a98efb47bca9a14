#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders stockroom.svg to the PNG sizes of the hicolor theme (hicolor/<size>/stockroom.png beside this script).
# The PNGs are committed, so a build needs no SVG renderer: run this again after changing the SVG, look at the
# small sizes, and commit both. Needs rsvg-convert (Debian package librsvg2-bin); the same rsvg-convert version
# gives the same bytes.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if ! command -v rsvg-convert >/dev/null; then
    echo "error: rsvg-convert is missing (apt-get install librsvg2-bin)" >&2
    exit 1
fi
sizes=(16 24 32 48 64 128 256 512)
for size in "${sizes[@]}"; do
    mkdir -p "$HERE/hicolor/${size}x${size}"
    rsvg-convert --width "$size" --height "$size" --format png \
        --output "$HERE/hicolor/${size}x${size}/stockroom.png" "$HERE/stockroom.svg"
done
echo "Rendered ${#sizes[@]} PNGs from $HERE/stockroom.svg"
