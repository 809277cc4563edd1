#!/bin/bash
# Hot-spot speed, side by side: `urbangis hotspot kde` and QGIS's heatmap on the same million
# points (2,000 × 2,000 grid, quartic, r = 500 m), Gi* on ~50,000 hexagons, and the Google
# Benchmark figures of the computations alone. Figures go to docs/benchmarks.md by hand.
#   bash bench/run_hotspot_bench.sh [FOLDER]   (needs the build and build-bench folders, and
#   QGIS from Debian for the comparison: apt-get install qgis)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-/tmp/urbangis-hotspot-bench}
mkdir -p "$dir"
[ -s "$dir/bench.gpkg" ] || "$here/build/urbangis-benchdata" --out "$dir" --points 1000000 --zones 2000
timed() {  # label command…
  local label=$1; shift
  /usr/bin/time -f "$label: %e s wall, %M KB max RSS" "$@" > /dev/null 2> "$dir/time.err" || { cat "$dir/time.err"; return 1; }
  grep -a "$label:" "$dir/time.err"
  grep -a "integrates\|Gi\* over" "$dir/time.err" || true
}
for run in 1 2 3; do
  timed "urbangis kde (run $run)" "$here/build/src/cli/urbangis" hotspot kde "$dir/bench.json" --layer points \
      --radius 500 --cell 19.35 --out "$dir/kde.tif"
done
gdalinfo "$dir/kde.tif" | grep "Size is"
if [ -x /usr/bin/qgis_process.bin ]; then
  export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$(mktemp -d)
  chmod 700 "$XDG_RUNTIME_DIR"
  timed "QGIS heatmapkerneldensityestimation" /usr/bin/qgis_process.bin run qgis:heatmapkerneldensityestimation \
      "--INPUT=$dir/bench.gpkg|layername=points" --RADIUS=500 --PIXEL_SIZE=19.35 --KERNEL=0 \
      --OUTPUT_VALUE=0 "--OUTPUT=$dir/qgis_kde.tif"
  gdalinfo "$dir/qgis_kde.tif" | grep "Size is"
fi
for run in 1 2 3; do
  timed "urbangis gistar 107 m hexagons, FDR (run $run)" "$here/build/src/cli/urbangis" hotspot gistar \
      "$dir/bench.json" --layer points --hex 107 --fdr --out "$dir/gi.gpkg"
done
"$here/build-bench/bench/urbangis_bench_hotspot"
