#!/usr/bin/env bash
# Installs what is missing, builds, and runs the main job on the embedded Daye data.
# Everything headless first, into out/: the layer report, the statistics tables by district, by
# community and by unit grid, by national event class, the case indicators (closure, hours to
# close, handled/answered/satisfied) by community and by district and month, a density raster, hexagon bins and Gi* hot spots, a route and the cable-corridor
# inspection tour, print maps (PNG and vector PDF), the bureau's 2023 annual report (HTML and
# PDF), an interactive web map (one HTML file), and the dataset regenerated to show it is reproducible. Then, where a display exists, the
# viewer opens on the Daye catalog.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
# Only the programs the demo runs (the whole build with the test suite is scripts/build.sh).
cmake --preset default >/dev/null
cmake --build --preset default --target urbangis urbangis-datagen urbangis-viewer
mkdir -p out
./build/src/datagen/urbangis-datagen --out out/daye-data --quiet
cmp -s out/daye-data/daye.gpkg data/daye.gpkg && echo "demo: regenerated out/daye-data/daye.gpkg is byte-identical to data/daye.gpkg"
./build/src/cli/urbangis info layers/daye.json | tee out/info.txt
./build/src/cli/urbangis info layers/daye.json --json > out/info.json
./build/src/cli/urbangis stats layers/daye.json --by districts \
    --layers street_order,complaints,gas_hazards,demolitions,yellow_line,cable | tee out/stats_districts.txt
./build/src/cli/urbangis stats layers/daye.json --by districts --out out/stats_districts.csv
./build/src/cli/urbangis stats layers/daye.json --by districts --out out/stats_districts.xlsx
./build/src/cli/urbangis stats layers/daye.json --by communities --out out/stats_communities.geojson
./build/src/cli/urbangis stats layers/daye.json --by districts --out out/stats_districts.gpkg
./build/src/cli/urbangis stats layers/daye.json --by grids --out out/stats_grids.gpkg
./build/src/cli/urbangis stats layers/daye.json --by districts --classes national --out out/stats_districts_national.csv
./build/src/cli/urbangis stats layers/daye.json --by communities --cases --out out/cases_communities.csv
./build/src/cli/urbangis stats layers/daye.json --by communities --cases --out out/cases_communities.xlsx
./build/src/cli/urbangis stats layers/daye.json --by districts --cases --monthly --out out/cases_districts_monthly.csv
./build/src/cli/urbangis hotspot kde --layer gas_hazards --out out/kde_gas_hazards.tif
./build/src/cli/urbangis hotspot hexbin --layer gas_hazards --hex 400 --out out/hexbin_gas_hazards.geojson
./build/src/cli/urbangis hotspot gistar --layer gas_hazards --hex 500 --fdr --out out/gistar_gas_hazards.gpkg
./build/src/cli/urbangis route layers/daye.json --from 114.970,30.100 --via 114.980,30.110 --to 115.000,30.080 \
    --out out/route.geojson | tee out/route.txt
./build/src/cli/urbangis route tour layers/daye.json --corridors cable --depot 114.98,30.09 \
    --out out/tour_cable.gpkg | tee out/tour_cable.txt
./build/src/cli/urbangis render layers/daye.json --out out/map_daye.pdf
./build/src/cli/urbangis render layers/daye.json --style-by complaints_per_km2 --by communities \
    --layers communities,roads --size 2339x1654 --dpi 200 --out out/map_complaints_per_km2.png
./build/src/cli/urbangis report layers/daye.json --year 2023 --out out/report_2023
./build/src/cli/urbangis webmap layers/daye.json --by communities --style-by complaints_count \
    --hotspot kde:street_order --route out/route.geojson --out out/webmap_daye.html
echo "demo: wrote out/info.{txt,json}, out/stats_districts.{txt,csv,xlsx,gpkg}, out/stats_communities.geojson,"
echo "      out/stats_grids.gpkg, out/stats_districts_national.csv, out/cases_communities.{csv,xlsx},"
echo "      out/cases_districts_monthly.csv,"
echo "      out/kde_gas_hazards.tif, out/hexbin_gas_hazards.geojson, out/gistar_gas_hazards.gpkg,"
echo "      out/route.{txt,geojson}, out/tour_cable.{txt,gpkg}, out/map_daye.pdf,"
echo "      out/map_complaints_per_km2.png, out/report_2023/report.{html,pdf}, out/webmap_daye.html"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "demo: opening the viewer"
  exec ./build/src/app/urbangis-viewer layers/daye.json
fi
