#!/bin/sh
# Installs the build into a throwaway prefix and runs the installed urbangis from elsewhere:
# it must find its embedded Daye catalog in <prefix>/share/urbangis without the source tree.
set -eu
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
cd /
out=$("$prefix/bin/urbangis" info)
echo "$out" | grep -q "Catalog   $prefix/share/urbangis/layers/daye.json" || { echo "FAIL: not the installed catalog"; echo "$out" | head -5; exit 1; }
echo "$out" | grep -q "features  1139" || { echo "FAIL: gas hazards not listed"; exit 1; }
test -f "$prefix/share/urbangis/styles/yellow_line.json" || { echo "FAIL: styles not installed"; exit 1; }
test -f "$prefix/share/urbangis/data/places/daye_420281_townships_nbs2023.csv" || { echo "FAIL: places not installed"; exit 1; }
"$prefix/bin/urbangis-datagen" --out "$prefix/regenerated" --quiet
cmp "$prefix/regenerated/daye.gpkg" "$prefix/share/urbangis/data/daye.gpkg" || { echo "FAIL: installed generator differs"; exit 1; }
echo "OK: installed urbangis finds $prefix/share/urbangis/layers/daye.json"
