#!/usr/bin/env bash
# Basemaps under the map, with tiles this test makes from Daye's communities (red on white): a
# GeoTIFF, the same as MBTiles (gdal_translate, gdaladdo for the lower zooms), as an XYZ folder
# served from file:// and as a WMTS service over that folder. `urbangis render` shows the
# basemap under the layers, reprojected to the map's Gauss-Krüger CRS, at the whole city and
# zoomed into one community; the report puts it under its maps; tiles once read come from the
# disk cache when the folder is gone; a server out of reach draws grey with one warning, and the
# key in its URL (from the environment) is never printed.
#   tests/scripts/basemap_test.sh URBANGIS SOURCE_DIR
set -euo pipefail
urbangis=$(realpath "${1:?urbangis binary}")
source_dir=$(cd "${2:?source folder}" && pwd)
dir=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export URBANGIS_TILE_CACHE_DIR=$dir/cache
cd "$dir"  # tiles must go to the tile cache, never into the working folder (checked at the end)

gdal_rasterize -q -burn 220 -burn 40 -burn 40 -init 250 -ot Byte -ts 1600 1600 -l communities \
  "$source_dir/data/daye.gpkg" "$dir/ortho.tif"
gdal_translate -q -of MBTiles "$dir/ortho.tif" "$dir/ortho.mbtiles"
gdaladdo -q -r average "$dir/ortho.mbtiles" 2 4 8 16
# The MBTiles' tiles as a z/x/y folder (MBTiles rows count from the south; XYZ from the north).
python3 - "$dir/ortho.mbtiles" "$dir/xyz" <<'PY'
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for z, x, row, data in db.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles"):
    folder = os.path.join(sys.argv[2], str(z), str(x))
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "%d.png" % ((1 << z) - 1 - row)), "wb") as tile:
        tile.write(data)
PY

# And a WMTS service over the same folder: its capabilities (GoogleMapsCompatible, levels 0–12),
# read by GDAL's WMTS driver.
python3 - "$dir" <<'PY'
import sys
folder = sys.argv[1]
matrices = "".join(
    "<TileMatrix><ows:Identifier>%d</ows:Identifier><ScaleDenominator>%r</ScaleDenominator>"
    "<TopLeftCorner>-20037508.3427892 20037508.3427892</TopLeftCorner><TileWidth>256</TileWidth>"
    "<TileHeight>256</TileHeight><MatrixWidth>%d</MatrixWidth><MatrixHeight>%d</MatrixHeight></TileMatrix>"
    % (z, 559082264.0287178 / 2 ** z, 2 ** z, 2 ** z) for z in range(13))
open(folder + "/wmts.xml", "w").write(
    '<?xml version="1.0" encoding="UTF-8"?><Capabilities xmlns="http://www.opengis.net/wmts/1.0" '
    'xmlns:ows="http://www.opengis.net/ows/1.1" version="1.0.0"><Contents><Layer><ows:Title>ortho</ows:Title>'
    '<ows:Identifier>ortho</ows:Identifier><ows:WGS84BoundingBox><ows:LowerCorner>114.5 29.8</ows:LowerCorner>'
    '<ows:UpperCorner>115.3 30.4</ows:UpperCorner></ows:WGS84BoundingBox><Style isDefault="true">'
    '<ows:Identifier>default</ows:Identifier></Style><Format>image/png</Format><TileMatrixSetLink>'
    '<TileMatrixSet>GoogleMapsCompatible</TileMatrixSet></TileMatrixSetLink><ResourceURL format="image/png" '
    'resourceType="tile" template="file://' + folder + '/xyz/{TileMatrix}/{TileCol}/{TileRow}.png"/></Layer>'
    '<TileMatrixSet><ows:Identifier>GoogleMapsCompatible</ows:Identifier><ows:SupportedCRS>'
    'urn:ogc:def:crs:EPSG::3857</ows:SupportedCRS>' + matrices + '</TileMatrixSet></Contents></Capabilities>')
PY

# A catalog of the basemap and the communities over it.
catalog() {  # NAME SOURCE [MAX_ZOOM]
  python3 - "$source_dir/layers/daye.json" "$dir/$1.json" "$2" "${3:-}" <<'PY'
import json, os, sys
daye = json.load(open(sys.argv[1]))
communities = next(layer for layer in daye["layers"] if layer["id"] == "communities")
folder = os.path.dirname(sys.argv[1])
communities["source"] = os.path.abspath(os.path.join(folder, communities["source"]))
communities["style"] = os.path.abspath(os.path.join(folder, "..", "styles", "communities.json"))  # outlines only
basemap = {"id": "basemap", "title": {"zh": "影像", "en": "Imagery"}, "role": "raster", "source": sys.argv[3]}
if sys.argv[4]:
    basemap["max_zoom"] = int(sys.argv[4])
json.dump({"name": "Daye", "crs": daye["crs"], "layers": [basemap, communities]}, open(sys.argv[2], "w"))
PY
}
render() {  # CATALOG OUT [render options…]
  local name=$1 out=$2
  shift 2
  "$urbangis" render "$dir/$name.json" --layers basemap,communities --dpi 96 --size 800x600 --out "$dir/$out.png" "$@" \
    2>"$dir/$out.err" || { cat "$dir/$out.err"; fail "render $name"; }
}
mean() {  # PNG BAND: the band's mean
  gdalinfo -stats "$1" 2>/dev/null | awk -v band="Band $2" '$0 ~ band {found=1} found && /STATISTICS_MEAN/ {split($0, a, "="); print a[2]; exit}'
}
centre() { gdallocationinfo -valonly "$1" 300 310 | tr '\n' ' '; }  # a pixel in the map frame
# Inside 团结街社区, the largest community: 400 m square.
zoom=(--bbox 114.7274,30.2527,114.7314,30.2567)

# The city without a basemap, for comparison: red minus blue of the background and outlines.
catalog tif "$dir/ortho.tif"
"$urbangis" render "$dir/tif.json" --layers communities --dpi 96 --size 800x600 --out "$dir/plain-city.png" 2>/dev/null
plain=$(python3 -c "import sys; print(float(sys.argv[1]) - float(sys.argv[2]))" \
  "$(mean "$dir/plain-city.png" 1)" "$(mean "$dir/plain-city.png" 3)")

for source in tif mbtiles xyz wmts; do
  case $source in
    tif) catalog $source "$dir/ortho.tif" ;;
    mbtiles) catalog $source "$dir/ortho.mbtiles" ;;
    xyz) catalog $source "file://$dir/xyz/{z}/{x}/{y}.png" 12 ;;  # levels 9–12: deeper views enlarge 12
    wmts) catalog $source "WMTS:$dir/wmts.xml" ;;
  esac
  render $source $source-city
  render $source $source-zoom "${zoom[@]}"
  red=$(mean "$dir/$source-city.png" 1)
  blue=$(mean "$dir/$source-city.png" 3)
  python3 -c "import sys; r, b, p = map(float, sys.argv[1:]); sys.exit(0 if r - b > p + 4 else 1)" "$red" "$blue" "$plain" ||
    fail "$source: no red basemap under the city (means R $red, B $blue; without it R - B = $plain)"
  read -r r g b _ <<<"$(centre "$dir/$source-zoom.png")"
  [ "$r" -gt 180 ] && [ "$g" -lt 100 ] && [ "$b" -lt 100 ] || fail "$source: zoomed into a community, the map shows $r $g $b"
  ! grep -q warning "$dir/$source-city.err" || { cat "$dir/$source-city.err"; fail "$source: a warning"; }
done
# Without the basemap the zoomed map is white: the red above is the basemap's.
"$urbangis" render "$dir/tif.json" --layers communities --dpi 96 --size 800x600 --out "$dir/plain.png" "${zoom[@]}" 2>/dev/null
read -r r g b _ <<<"$(centre "$dir/plain.png")"
[ "$g" -gt 200 ] || fail "the map without a basemap is not white at the centre ($r $g $b)"

# The report puts the catalog's imagery under its maps: the cable map (the last one) is redder
# with the basemap than without it.
python3 - "$source_dir/layers/daye.json" "$dir" "$dir/ortho.tif" <<'PY'
import json, os, sys
daye = json.load(open(sys.argv[1]))
folder = os.path.dirname(os.path.abspath(sys.argv[1]))
for layer in daye["layers"]:
    layer["source"] = os.path.abspath(os.path.join(folder, layer["source"]))
    if "style" in layer:
        shared = os.path.join(folder, "..", "styles", layer["style"])
        layer["style"] = os.path.abspath(shared if os.path.exists(shared) else os.path.join(folder, layer["style"]))
json.dump(daye, open(os.path.join(sys.argv[2], "report-plain.json"), "w"))
daye["layers"].insert(0, {"id": "basemap", "title": "影像", "role": "raster", "source": sys.argv[3], "opacity": 0.7})
json.dump(daye, open(os.path.join(sys.argv[2], "report-basemap.json"), "w"))
PY
for kind in plain basemap; do
  "$urbangis" report "$dir/report-$kind.json" --year 2023 --out "$dir/report-$kind" >/dev/null 2>"$dir/report-$kind.err" ||
    { cat "$dir/report-$kind.err"; fail "report ($kind)"; }
  grep -o 'data:image/png;base64,[A-Za-z0-9+/=]*' "$dir/report-$kind/report.html" | tail -1 | cut -d, -f2 |
    base64 -d >"$dir/report-$kind-map.png"
done
python3 -c "import sys; a, b, c, d = map(float, sys.argv[1:]); sys.exit(0 if (a - b) - (c - d) > 10 else 1)" \
  "$(mean "$dir/report-basemap-map.png" 1)" "$(mean "$dir/report-basemap-map.png" 3)" \
  "$(mean "$dir/report-plain-map.png" 1)" "$(mean "$dir/report-plain-map.png" 3)" || fail "no basemap under the report's map"

# Tiles read once are in the disk cache: with the folder gone, the same map.
[ -n "$(find "$dir/cache" -type f | head -1)" ] || fail "no tile in the disk cache"
mv "$dir/xyz" "$dir/xyz.gone"
render xyz xyz-cached
cmp -s "$dir/xyz-city.png" "$dir/xyz-cached.png" || fail "the cached tiles draw another map"

# A server out of reach (nothing listens on port 9): a grey basemap, one warning, no key in it.
catalog offline 'http://127.0.0.1:9/{z}/{x}/{y}.png?tk=${env:UGIS_TILE_KEY}'
UGIS_TILE_KEY=k3y-never-shown-77 render offline offline "${zoom[@]}"
[ "$(grep -c 'warning: basemap' "$dir/offline.err")" = 1 ] || { cat "$dir/offline.err"; fail "not one warning"; }
grep -q 'k3y-never-shown' "$dir/offline.err" && fail "the key was printed"
grep -q 'env:UGIS_TILE_KEY' "$dir/offline.err" || { cat "$dir/offline.err"; fail "the source is not named"; }
read -r r g b _ <<<"$(centre "$dir/offline.png")"
[ "$r" = "$g" ] && [ "$g" = "$b" ] && [ "$r" -gt 200 ] && [ "$r" -lt 240 ] || fail "offline basemap not grey: $r $g $b"
# Without the key: exit 2, the variable named.
set +e
env -u UGIS_TILE_KEY "$urbangis" render "$dir/offline.json" --layers basemap,communities --out "$dir/nokey.png" \
  2>"$dir/nokey.err"
code=$?
set -e
[ "$code" = 2 ] || fail "a missing key exits $code, not 2"
grep -q 'UGIS_TILE_KEY is not set' "$dir/nokey.err" || { cat "$dir/nokey.err"; fail "missing key message"; }
[ ! -e "$dir/gdalwmscache" ] || fail "tiles were cached in the working folder (./gdalwmscache)"
echo "basemaps: ok"
