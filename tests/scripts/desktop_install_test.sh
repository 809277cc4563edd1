#!/bin/bash
# The desktop install (#21): from a throwaway prefix, the menu entry and AppStream metadata
# validate, the icon is there at every size, the man pages and completions are in place, and the
# installed viewer starts under xvfb in Chinese, loads the embedded Daye catalog and draws its
# map: its window, grabbed from the X server, is checked pixel by pixel.
# Usage: desktop_install_test.sh BUILD_DIR
set -u
build=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" > /dev/null || { echo "FAIL: cmake --install"; exit 1; }
share=$prefix/share

desktop=$share/applications/urbangis-viewer.desktop
[ -f "$desktop" ] || fail "no desktop entry"
if command -v desktop-file-validate > /dev/null; then
  out=$(desktop-file-validate "$desktop" 2>&1) || fail "desktop-file-validate: $out"
elif [ "${CI:-}" = true ]; then
  fail "desktop-file-validate is missing (desktop-file-utils)"
fi
grep -q "^Name\[zh_CN\]=UrbanGIS 城市管理地图$" "$desktop" || fail "no Chinese name in the desktop entry"
grep -q "^Exec=urbangis-viewer" "$desktop" || fail "the desktop entry does not start urbangis-viewer"
grep -q "^Icon=urbangis$" "$desktop" || fail "the desktop entry names no icon"

metainfo=$share/metainfo/io.github.urbangis.UrbanGIS.metainfo.xml
[ -f "$metainfo" ] || fail "no AppStream metadata"
if command -v appstreamcli > /dev/null; then
  out=$(appstreamcli validate --no-net --explain "$metainfo" 2>&1)
  grep -q "^E:" <<< "$out" && fail "appstreamcli: $out"
fi

[ -f "$share/icons/hicolor/scalable/apps/urbangis.svg" ] || fail "no scalable icon"
for size in 16 24 32 48 64 128 256; do
  png=$share/icons/hicolor/${size}x${size}/apps/urbangis.png
  [ -f "$png" ] || { fail "no ${size} px icon"; continue; }
  dims=$(/usr/bin/python3 -c "from PIL import Image; print('%dx%d' % Image.open('$png').size)")
  [ "$dims" = "${size}x${size}" ] || fail "the ${size} px icon is $dims"
done
for page in urbangis urbangis-stats urbangis-viewer urbangis-datagen; do
  [ -f "$share/man/man1/$page.1.gz" ] || fail "no man page $page(1)"
done
[ -f "$share/bash-completion/completions/urbangis" ] || fail "no bash completion"
[ -f "$share/zsh/vendor-completions/_urbangis" ] || fail "no zsh completion"
for file in copyright changelog.gz README.md docs/guide.zh.md docs/guide.en.md docs/cli.md docs/images/viewer-en.png; do
  [ -f "$share/doc/urbangis/$file" ] || fail "doc/urbangis/$file is not installed"
done

# The installed viewer, in Chinese, as a person starts it: its window grabbed from the X server.
mkdir -p "$tmp/home"
HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config LANG=zh_CN.UTF-8 LC_ALL= QT_QPA_PLATFORM=xcb \
  xvfb-run -a -s "-screen 0 1280x900x24" "$prefix/bin/urbangis-viewer" --snapshot "$tmp/viewer.png" \
  > "$tmp/viewer.log" 2>&1 || fail "the installed viewer did not snapshot its window: $(tail -5 "$tmp/viewer.log")"
if [ -f "$tmp/viewer.png" ]; then
  /usr/bin/python3 - "$tmp/viewer.png" << 'PY' || fail "the viewer's window does not look drawn"
import sys
from PIL import Image
image = Image.open(sys.argv[1]).convert("RGB")
width, height = image.size
assert width >= 800 and height >= 500, f"a window of {width}x{height}"
colours = image.getcolors(maxcolors=1 << 20)
assert colours is not None and len(colours) > 500, f"{len(colours or [])} colours: an empty window"
# The map (the middle of the window) holds Daye's polygons: many colours, not one background.
middle = image.crop((width // 3, height // 3, 2 * width // 3, 2 * height // 3))
assert len(middle.getcolors(maxcolors=1 << 20)) > 50, "the map area is blank"
print(f"window {width}x{height}, {len(colours)} colours")
PY
  cp "$tmp/viewer.png" "${URBANGIS_SNAPSHOT_COPY:-/dev/null}" 2> /dev/null || true
fi

[ $failures -eq 0 ] || { echo "$failures failures"; exit 1; }
echo "OK: the desktop install is complete and its viewer starts"
