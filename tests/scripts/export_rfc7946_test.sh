#!/bin/sh
# `urbangis export` writes RFC 7946 GeoJSON by default: districts (multipolygons) and the
# community-joined complaints, each checked by check_rfc7946.py and read back with OGR.
set -eu
urbangis=$1
source_dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$urbangis" export "$source_dir/layers/daye.json" --layer districts --out "$tmp/districts.geojson" 2>/dev/null
/usr/bin/python3 "$source_dir/tests/scripts/check_rfc7946.py" "$tmp/districts.geojson" 18
"$urbangis" export "$source_dir/layers/daye.json" --layer yellow_line --by communities --out "$tmp/yl.geojson" 2>/dev/null
/usr/bin/python3 "$source_dir/tests/scripts/check_rfc7946.py" "$tmp/yl.geojson" 849
