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
echo "OK: $(basename "$deb")"
