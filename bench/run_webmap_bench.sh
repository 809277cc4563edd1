#!/usr/bin/env bash
# Web map size and speed (docs/webmap.md): the whole Daye catalog (every grid included) with a
# choropleth and a density overlay, and 100,000 generated points, each opened in headless
# Chromium RUNS times (default 3).
#   bench/run_webmap_bench.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
build=build
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
/usr/bin/time -f "daye page written in %e s, %M KB peak" \
  "$build/src/cli/urbangis" webmap --by communities --style-by complaints_count --hotspot kde:street_order \
  --out "$dir/daye.html" 2>&1 | grep -v '%' | tail -2
"$build/urbangis-benchdata" --out "$dir/bench" --points 100000 --zones 200 >/dev/null
/usr/bin/time -f "100k-point page written in %e s, %M KB peak" \
  "$build/src/cli/urbangis" webmap "$dir/bench/bench.json" --layers zones,points --out "$dir/points100k.html" 2>&1 |
  grep -v '%' | tail -2
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(chromium --version)"
/usr/bin/python3 bench/webmap_bench.py "$runs" "$dir/daye.html" "$dir/points100k.html"
