#!/usr/bin/env bash
# Byte for byte, the outputs of two builds of UrbanGIS on the Daye data: for a refactoring that
# must change nothing (docs/architecture.md). Runs stats (four zones layers, cases, national
# classes), export, render, a choropleth, Gi*, a route, a tour, a density surface, unit grids,
# the report and info with each tree's own binary and catalog, then lists each output as same or
# DIFFERENT. Timestamps inside PDFs and
# GeoPackages, the catalog's path in `info` and progress lines on stderr always differ.
#   scripts/compare-outputs.sh BEFORE_TREE AFTER_TREE [--drop-layers A,B]
# --drop-layers leaves layers the after tree added out of its catalog (a copy, under the same
# file name, beside links to its data and styles), so what existed before can be compared.
# Each tree needs build/ built. Outputs in $COMPARE_DIR (default /tmp/urbangis-compare).
set -u
before=$(cd "${1:?before tree}" && pwd); after=$(cd "${2:?after tree}" && pwd)
drop=""
[ "${3:-}" = --drop-layers ] && drop=${4:?layer ids}
out=${COMPARE_DIR:-/tmp/urbangis-compare}
rm -rf "$out" && mkdir -p "$out/before" "$out/after" "$out/catalog/layers"
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$out/xdg && mkdir -p -m 700 "$XDG_RUNTIME_DIR"

after_catalog=$after/layers/daye.json
if [ -n "$drop" ]; then
  ln -s "$after/data" "$out/catalog/data" && ln -s "$after/styles" "$out/catalog/styles"
  python3 - "$after/layers/daye.json" "$out/catalog/layers/daye.json" "$drop" <<'PY'
import json, sys
catalog = json.load(open(sys.argv[1], encoding="utf-8"))
dropped = set(sys.argv[3].split(","))
catalog["layers"] = [layer for layer in catalog["layers"] if layer["id"] not in dropped]
json.dump(catalog, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
PY
  cp "$after/layers/national_classes.json" "$out/catalog/layers/"
  after_catalog=$out/catalog/layers/daye.json
fi

case_layers=street_order,demolitions,billboards,muck_sources,complaints,gas_hazards,yellow_line,cable
run() {  # SIDE NAME ARGS… (CAT and OUT in the arguments stand for the side's catalog and folder)
  local side=$1 name=$2 tree catalog
  shift 2
  tree=$([ "$side" = before ] && echo "$before" || echo "$after")
  catalog=$([ "$side" = before ] && echo "$before/layers/daye.json" || echo "$after_catalog")
  local args=("${@//CAT/$catalog}")
  args=("${args[@]//OUT/$out/$side}")
  (cd "$tree" && ./build/src/cli/urbangis "${args[@]}" >"$out/$side/$name.stdout" 2>"$out/$side/$name.stderr.raw")
  echo $? >"$out/$side/$name.rc"
  grep -v '%' "$out/$side/$name.stderr.raw" | sed "s#$catalog#CATALOG#g; s#$out/$side#OUT#g; s/ in [0-9.]* s / in T s /" \
    >"$out/$side/$name.stderr"
  rm "$out/$side/$name.stderr.raw"
}
for side in before after; do
  run $side stats_districts stats CAT --by districts --layers $case_layers --out OUT/stats_districts.csv
  run $side stats_communities stats CAT --by communities --layers $case_layers --out OUT/stats_communities.gpkg
  run $side stats_neighbourhoods stats CAT --by neighbourhoods --layers $case_layers --out OUT/stats_neighbourhoods.csv
  run $side stats_grids stats CAT --by grids --layers complaints,cable --out OUT/stats_grids.csv
  run $side stats_cases stats CAT --by districts --cases --monthly --out OUT/stats_cases.csv
  run $side stats_classes stats CAT --by districts --layers $case_layers --classes national --out OUT/stats_classes.csv
  run $side export export CAT --layer billboards --out OUT/billboards.csv
  run $side export_by export CAT --layer communities --by communities --out OUT/communities.geojson
  run $side render render CAT --layers districts,roads,billboards,yellow_line,cable --size 900x700 --out OUT/map.png
  run $side choropleth render CAT --style-by complaints_per_km2 --by communities --size 900x700 --out OUT/choropleth.png
  run $side gistar hotspot gistar CAT --layer gas_hazards --hex 400 --out OUT/gistar.csv
  run $side route route CAT --from 114.98,30.10 --to 114.95,30.08 --out OUT/route.geojson
  run $side tour route tour CAT --corridors cable --skip-off-network --no-cache --out OUT/tour.csv
  run $side kde hotspot kde CAT --layer complaints --radius 500 --cell 50 --out OUT/kde.tif
  run $side grid grid CAT --by communities --split-by roads --out OUT/grid.csv
  run $side report report CAT --year 2023 --out OUT/report
  run $side info info CAT
done
cd "$out/before"
for file in $(find . -type f | sort); do
  if cmp -s "$file" "../after/$file"; then echo "same      ${file#./}"; else echo "DIFFERENT ${file#./}"; fi
done
