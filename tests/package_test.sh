#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The packages as a user gets them: builds the .deb and the .tar.gz with CPack from a build folder, unpacks the
# .deb into a fresh root (dpkg -x) and checks it: Depends, where files land, ldd, desktop entry and AppStream
# metainfo, icons, and both installed programs run from that root (a demo database made by the installed
# stockroomctl, a screenshot of it by the installed stockroom that must not be blank). As root, the source and
# build folders are hidden (a private mount namespace) while the installed programs run, so that nothing can
# come from them unseen; otherwise every file the app loads is checked not to be under them.
# Usage: package_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
BUILD_DIR=$(cd "$1" && pwd)
SOURCE_DIR=$(cd "$2" && pwd)
APP_ID=io.stockroom.Stockroom

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
for tool in cpack dpkg-deb dpkg-shlibdeps desktop-file-validate appstreamcli python3 readelf; do
    command -v "$tool" >/dev/null || fail "$tool is missing (scripts/deps.sh installs it)"
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/stockroom-package.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
case "$WORK/" in
"$SOURCE_DIR"/* | "$BUILD_DIR"/*) fail "the temporary folder $WORK is inside the source or build folder" ;;
esac

# --- Build both packages ---------------------------------------------------------------------------------
for generator in DEB TGZ; do
    cpack --config "$BUILD_DIR/CPackConfig.cmake" -G "$generator" -B "$WORK/out" >"$WORK/cpack-$generator.log" 2>&1 \
        || { cat "$WORK/cpack-$generator.log" >&2; fail "cpack -G $generator failed (are stockroom and stockroomctl built?)"; }
done
DEB=$(ls "$WORK"/out/stockroom_*.deb)
TGZ=$(ls "$WORK"/out/stockroom-*.tar.gz)
echo "Built $(basename "$DEB") ($(stat -c %s "$DEB") bytes) and $(basename "$TGZ") ($(stat -c %s "$TGZ") bytes)"

# --- The tarball holds the same files under its top folder ---------------------------------------------------
tar -tzf "$TGZ" >"$WORK/tgz.txt"
for path in bin/stockroom bin/stockroomctl share/applications/$APP_ID.desktop share/metainfo/$APP_ID.metainfo.xml \
    share/icons/hicolor/scalable/apps/$APP_ID.svg share/icons/hicolor/48x48/apps/$APP_ID.png; do
    grep -qx "[^/]*/$path" "$WORK/tgz.txt" || fail "the tarball lacks $path"
done

# --- Nothing lands outside /usr --------------------------------------------------------------------------------
dpkg-deb --contents "$DEB" | awk '{print $6}' >"$WORK/contents.txt"
if grep -v -e '^\./$' -e '^\./usr/' "$WORK/contents.txt"; then
    fail "the .deb installs the files above outside /usr"
fi
echo "$(grep -vc '/$' "$WORK/contents.txt") files in the .deb, all under /usr"

# --- Unpack into a fresh root ----------------------------------------------------------------------------------
ROOT="$WORK/root"
dpkg -x "$DEB" "$ROOT"
for program in stockroom stockroomctl; do
    [ -x "$ROOT/usr/bin/$program" ] || fail "/usr/bin/$program is not installed"
    ldd "$ROOT/usr/bin/$program" >"$WORK/ldd-$program.txt"
    if grep "not found" "$WORK/ldd-$program.txt"; then
        fail "$program needs the libraries above, which are not found"
    fi
    if grep -e "$SOURCE_DIR" -e "$BUILD_DIR" "$WORK/ldd-$program.txt"; then
        fail "$program links the libraries above from the source or build folder"
    fi
    if readelf -d "$ROOT/usr/bin/$program" | grep -E 'R(UN)?PATH'; then
        fail "$program keeps a run path (above)"
    fi
    echo "$program: $(grep -c '=>' "$WORK/ldd-$program.txt") libraries, all found, none from the build"
done

# --- Desktop entry, metainfo, icons ----------------------------------------------------------------------------
DESKTOP="$ROOT/usr/share/applications/$APP_ID.desktop"
METAINFO="$ROOT/usr/share/metainfo/$APP_ID.metainfo.xml"
desktop-file-validate "$DESKTOP" || fail "desktop-file-validate refuses $DESKTOP"
appstreamcli validate --no-net "$METAINFO" || fail "appstreamcli validate refuses $METAINFO"
grep -qx "Icon=$APP_ID" "$DESKTOP" || fail "the desktop entry's Icon is not $APP_ID"
exec_program=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$DESKTOP")
[ -x "$ROOT/usr/bin/$exec_program" ] || fail "the desktop entry runs $exec_program, which is not in /usr/bin"
grep -q "<launchable type=\"desktop-id\">$APP_ID.desktop</launchable>" "$METAINFO" \
    || fail "the metainfo does not launch $APP_ID.desktop"
[ -f "$ROOT/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg" ] || fail "the scalable icon is missing"

# PNG helpers (the standard library only): "size FILE" prints WIDTHxHEIGHT; "colours FILE" prints how many
# distinct colours the image has and the share of its most common one.
png() {
    python3 - "$@" <<'EOF'
import struct, sys, zlib
from collections import Counter

def read(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        sys.exit(f'{path}: not a PNG file')
    pos, chunks = 8, {}
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        chunks.setdefault(kind, []).append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack('>IIBBBBB', chunks[b'IHDR'][0])
    return width, height, depth, colour, interlace, b''.join(chunks.get(b'IDAT', []))

def pixels(path):
    width, height, depth, colour, interlace, idat = read(path)
    channels = {2: 3, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        sys.exit(f'{path}: expected 8-bit RGB or RGBA, not interlaced')
    raw, stride, bpp = zlib.decompress(idat), width * channels, channels
    previous, rows = bytearray(stride), []
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, corner = previous[i], previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line))
        previous = line
    return width * height, Counter(row[i:i + channels] for row in rows for i in range(0, stride, channels))

command, path = sys.argv[1], sys.argv[2]
if command == 'size':
    width, height = read(path)[:2]
    print(f'{width}x{height}')
else:
    count, colours = pixels(path)
    print(len(colours), round(colours.most_common(1)[0][1] / count, 3))
EOF
}
for size in 16 24 32 48 64 128 256 512; do
    icon="$ROOT/usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
    [ -f "$icon" ] || fail "the ${size}x${size} icon is missing"
    actual=$(png size "$icon")
    [ "$actual" = "${size}x${size}" ] || fail "the ${size}x${size} icon is $actual"
done
echo "Desktop entry and metainfo valid; icons at 8 sizes and scalable"

# --- The installed programs run from the fresh root --------------------------------------------------------------
# A clean environment: nothing points Qt at the build (no QML_IMPORT_PATH, QT_PLUGIN_PATH, LD_LIBRARY_PATH).
mkdir -p "$WORK/home" "$WORK/run"
chmod 700 "$WORK/run"
clean_env=(env -i PATH=/usr/bin:/bin HOME="$WORK/home" XDG_RUNTIME_DIR="$WORK/run" LANG=C.UTF-8 TZ=UTC
    QT_QPA_PLATFORM=offscreen)
cat >"$WORK/run.sh" <<'EOF'
set -eu
root=$1 work=$2
"$root/usr/bin/stockroomctl" --version >"$work/version.txt"
"$root/usr/bin/stockroomctl" --db "$work/demo.db" init >"$work/init.txt"
"$root/usr/bin/stockroomctl" --db "$work/demo.db" demo --days 30 >"$work/demo.txt" 2>&1
QML_IMPORT_TRACE=1 LD_DEBUG=files LD_DEBUG_OUTPUT="$work/ld" \
    "$root/usr/bin/stockroom" --db "$work/demo.db" --view dashboard --size 1000x640 --screenshot "$work/shot.png" \
    >"$work/app.txt" 2>&1
EOF
hidden="not hidden (needs root and mount namespaces)"
mkdir "$WORK/probe"
if [ "$(id -u)" -eq 0 ] && unshare --mount mount -t tmpfs tmpfs "$WORK/probe" 2>/dev/null; then
    # An empty tmpfs over the source and build folders, in a mount namespace of this command alone.
    hide="mount -t tmpfs tmpfs '$SOURCE_DIR'"
    case "$BUILD_DIR/" in "$SOURCE_DIR"/*) ;; *) hide="$hide && mount -t tmpfs tmpfs '$BUILD_DIR'" ;; esac
    cp "$WORK/run.sh" "$WORK/run-hidden.sh"
    "${clean_env[@]}" unshare --mount sh -c "$hide && sh '$WORK/run-hidden.sh' '$ROOT' '$WORK'" \
        || { cat "$WORK"/app.txt "$WORK"/demo.txt 2>/dev/null | tail -20 >&2; fail "the installed programs failed"; }
    hidden="hidden"
else
    "${clean_env[@]}" sh "$WORK/run.sh" "$ROOT" "$WORK" \
        || { cat "$WORK"/app.txt "$WORK"/demo.txt 2>/dev/null | tail -20 >&2; fail "the installed programs failed"; }
fi
version=$(dpkg-deb -f "$DEB" Version)
[ "$(cat "$WORK/version.txt")" = "$version" ] || fail "stockroomctl --version says $(cat "$WORK/version.txt"), the package $version"
echo "Installed stockroomctl $version: $(tail -1 "$WORK/demo.txt")"

# Every file the app loaded: none from the source or build folder; every QML module and SQL driver from a
# package the .deb depends on (what qml/*.qml imports, and what that imports in turn).
grep -ho 'file=[^ ]*' "$WORK"/ld.* | sed 's/^file=//' >"$WORK/loaded.txt"
grep -o '"/[^"]*qmldir"' "$WORK/app.txt" | tr -d '"' >>"$WORK/loaded.txt"
sort -u -o "$WORK/loaded.txt" "$WORK/loaded.txt"
if grep -e "^$SOURCE_DIR/" -e "^$BUILD_DIR/" "$WORK/loaded.txt"; then
    fail "the installed app loaded the files above from the source or build folder"
fi
mapfile -t runtime < <(grep -E '/qt6/(qml/.*(qmldir|\.so)|plugins/sqldrivers/.*\.so)$' "$WORK/loaded.txt")
[ ${#runtime[@]} -gt 0 ] || fail "no QML module was seen loading (is QML_IMPORT_TRACE working?)"
depends=$(dpkg-deb -f "$DEB" Depends)
dpkg -S "${runtime[@]}" >"$WORK/owners.txt" || fail "no Debian package owns some of: ${runtime[*]}"
mapfile -t needed < <(cut -d: -f1 "$WORK/owners.txt" | sort -u)
for package in "${needed[@]}" libqt6sql6-psql libqt6core6 libqt6gui6 libqt6qml6 libqt6quick6; do
    grep -qE "(^|, )$package( |,|$)" <<<"$depends" || fail "Depends lacks $package (loaded at run time); Depends: $depends"
done
echo "Depends names all ${#needed[@]} packages of the ${#runtime[@]} QML modules and drivers loaded: ${needed[*]}"

[ -s "$WORK/shot.png" ] || fail "the installed stockroom wrote no screenshot: $(tail -5 "$WORK/app.txt")"
size=$(png size "$WORK/shot.png")
[ "$size" = "1000x640" ] || fail "the screenshot is $size, not 1000x640"
read -r colours dominant < <(png colours "$WORK/shot.png")
echo "Screenshot $size ($hidden source and build folders): $colours colours, the most common on $dominant of it"
[ "$colours" -ge 64 ] || fail "the screenshot has only $colours colours: blank?"
python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < 0.9 else 1)" "$dominant" \
    || fail "one colour covers $dominant of the screenshot: blank?"
echo "PASS"
