#!/bin/sh
# Builds the .deb with CPack and checks it: Debian runtime packages as dependencies (found by
# dpkg-shlibdeps), the programs in /usr/bin, the Daye catalog in /usr/share/urbangis, the man
# pages (gzip-compressed, as Debian installs them) and the bash and zsh completions.
set -eu
build=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cpack --config "$build/CPackConfig.cmake" -B "$out" >/dev/null
deb=$(ls "$out"/*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for package in libgdal32 libgeos-c1v5 libproj25 proj-data fonts-noto-cjk; do
  echo "$depends" | grep -q "$package" || { echo "FAIL: $package missing from Depends"; exit 1; }
done
contents=$(dpkg-deb -c "$deb")
for file in ./usr/bin/urbangis ./usr/bin/urbangis-datagen ./usr/share/urbangis/layers/daye.json \
            ./usr/share/urbangis/data/daye.gpkg ./usr/share/urbangis/styles/districts.json \
            ./usr/share/man/man1/urbangis.1.gz ./usr/share/man/man1/urbangis-stats.1.gz \
            ./usr/share/man/man1/urbangis-hotspot-gistar.1.gz \
            ./usr/share/bash-completion/completions/urbangis ./usr/share/zsh/vendor-completions/_urbangis; do
  echo "$contents" | grep -q " $file\$" || { echo "FAIL: $file not in the package"; exit 1; }
done
recommends=$(dpkg-deb -f "$deb" Recommends)
echo "$recommends" | grep -q "fcitx5-frontend-qt6" || { echo "FAIL: fcitx5-frontend-qt6 not recommended"; exit 1; }
for file in ./usr/share/applications/urbangis-viewer.desktop ./usr/share/icons/hicolor/scalable/apps/urbangis.svg \
            ./usr/share/metainfo/io.github.urbangis.UrbanGIS.metainfo.xml ./usr/share/doc/urbangis/copyright; do
  echo "$contents" | grep -q " $file\$" || { echo "FAIL: $file not in the package"; exit 1; }
done
# Debian's own package checker: warnings are listed, errors fail.
if command -v lintian >/dev/null; then
  lintian --allow-root --tag-display-limit 0 "$deb" > "$out/lintian.txt" 2>&1 || true
  cat "$out/lintian.txt"
  if grep -q "^E: " "$out/lintian.txt"; then echo "FAIL: lintian errors"; exit 1; fi
elif [ "${CI:-}" = true ]; then
  echo "FAIL: lintian is not installed (scripts/setup-debian.sh installs it)"; exit 1
fi
echo "OK: $(basename "$deb")"
