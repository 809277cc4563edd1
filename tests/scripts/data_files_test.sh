#!/usr/bin/env bash
# Data files where a command takes a catalog or a layer id (docs/cli.md "Layers by id or by
# file"), on real data of other cities, unedited (python3-libpysal's Berlin and Tempe): the
# same counts as through a written catalog, a folder in place of a catalog, files added to a
# catalog, and a clear message for a missing file.
#   tests/scripts/data_files_test.sh URBANGIS
set -euo pipefail
urbangis=${1:?urbangis binary}
examples=/usr/lib/python3/dist-packages/libpysal/examples
[ -d "$examples/berlin" ] || { echo "FAIL: python3-libpysal is missing (scripts/debian-packages.txt installs it)"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
berlin=$examples/berlin

# Zones and points by file, no catalog: every listing counted, the same table as through a catalog.
"$urbangis" stats --by "$berlin/prenz_bound.zip" --layers "$berlin/prenzlauer.zip" --out "$dir/direct.csv" \
  2>"$dir/direct.err" || { cat "$dir/direct.err"; fail "stats by files"; }
grep -q 'layer prenz_bound: zones' "$dir/direct.err" || { cat "$dir/direct.err"; fail "the role is not said"; }
"$urbangis" catalog init "$berlin/prenz_bound.zip" "$berlin/prenzlauer.zip" --out "$dir/berlin.json" >/dev/null 2>&1
"$urbangis" stats "$dir/berlin.json" --by prenz_bound --layers prenzlauer --out "$dir/catalog.csv" 2>/dev/null
cmp "$dir/direct.csv" "$dir/catalog.csv" || fail "stats by files differs from stats through the catalog"
python3 - "$dir/direct.csv" <<'PY' || fail "stats counts"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
assert sum(int(row["prenzlauer_count"]) for row in rows) == 2203
PY

# A file named by a catalog's layer option is added to that catalog: the Berlin zones with a
# points file the catalog does not have.
"$urbangis" stats "$dir/berlin.json" --by prenz_bound --layers "prenzlauer,$berlin/prenzlauer.zip" \
  --out "$dir/mixed.csv" 2>"$dir/mixed.err" || { cat "$dir/mixed.err"; fail "stats with a catalog and a file"; }
head -1 "$dir/mixed.csv" | grep -q 'prenzlauer_2_count' || { head -1 "$dir/mixed.csv"; fail "added layer's id"; }

# A folder in place of a catalog: Tempe's crimes by file name for Gi*, and a map of the folder.
"$urbangis" hotspot gistar "$examples/geodanet" --layer crimes --hex 300 --out "$dir/gistar.csv" 2>"$dir/gistar.err" ||
  { cat "$dir/gistar.err"; fail "gistar on a folder"; }
"$urbangis" render "$examples/geodanet" --size 400x300 --out "$dir/tempe.png" 2>"$dir/render.err" ||
  { cat "$dir/render.err"; fail "render a folder"; }
# Drawn, not blank: the streets' band of the map varies (GDAL reads the PNG).
gdalinfo -stats "$dir/tempe.png" >"$dir/png.info" 2>/dev/null
python3 - "$dir/png.info" <<'PY' || fail "the Tempe map is blank"
import re, sys
deviations = [float(v) for v in re.findall(r"StdDev=([0-9.]+)", open(sys.argv[1]).read())]
assert deviations and max(deviations) > 5, deviations
PY

# A spreadsheet with 经度/纬度 columns (made from Daye's complaints CSV): its points through GDAL's
# OGR VRT, counted as the CSV's are.
daye=$(cd "$(dirname "$0")/../.." && pwd)
ogr2ogr -f XLSX "$dir/投诉.xlsx" "$daye/data/complaints.csv" -nln 投诉 -dialect SQLite \
  -sql 'SELECT case_no, type, opened, lon AS "经度", lat AS "纬度" FROM complaints'
"$urbangis" stats "$daye/layers/daye.json" --by districts --layers "$dir/投诉.xlsx,complaints" --out "$dir/xlsx.csv" \
  2>"$dir/xlsx.err" || { cat "$dir/xlsx.err"; fail "stats with an XLSX"; }
python3 - "$dir/xlsx.csv" <<'PY' || fail "the XLSX counts differ from the CSV's"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
assert sum(int(r["complaints_count"]) for r in rows) == 184
for row in rows:
    assert row["layer_count"] == row["complaints_count"], row
PY

# A missing file: exit 2, the name as written, no output.
set +e
"$urbangis" stats --by "$dir/no-such-wards.geojson" --out "$dir/none.csv" 2>"$dir/missing.err"
code=$?
set -e
[ "$code" = 2 ] || fail "a missing file exits $code, not 2"
grep -q 'no-such-wards.geojson: no such file or folder' "$dir/missing.err" || { cat "$dir/missing.err"; fail "message"; }
[ ! -e "$dir/none.csv" ] || fail "an output was written"
echo "data files in place of a catalog: ok"
