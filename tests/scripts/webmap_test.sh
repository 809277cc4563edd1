#!/usr/bin/env bash
# `urbangis webmap` without a browser (so it also runs under the sanitizers): the page carries
# its data inert (no name can close the script element or become markup), the Daye page with a
# choropleth, Gi* bins and a route holds them (periods for every month, the route's steps), a
# tile URL with a key stays out of the page unless asked, bad options and an output over an
# input are refused with exit 2, and no input changes. The page in a browser: tests/webmap.
#   tests/scripts/webmap_test.sh URBANGIS SOURCE_DIR
set -euo pipefail
urbangis=$(realpath "${1:?urbangis binary}")
source_dir=$(cd "${2:?source folder}" && pwd)
dir=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
before=$(md5sum "$source_dir"/data/daye.gpkg "$source_dir"/data/complaints.csv "$source_dir"/layers/daye.json)

# The page's data, as the browser will parse it.
page_data() {
  /usr/bin/python3 - "$1" <<'PY'
import json, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
start = html.index('<script type="application/json" id="urbangis-data">') + len('<script type="application/json" id="urbangis-data">')
print(json.dumps(json.loads(html[start:html.index("</script>", start)]), ensure_ascii=False))
PY
}

# 1. Markup in names stays text: the data holds no '<' at all.
cat > "$dir/hostile.geojson" <<'JSON'
{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"name": "</script><script>alert(1)</script>"}, "geometry": {"type": "Point", "coordinates": [114.98, 30.1]}},
 {"type": "Feature", "properties": {"name": "<img src=x onerror=alert(2)>"}, "geometry": {"type": "Point", "coordinates": [114.99, 30.1]}}]}
JSON
"$urbangis" webmap "$dir/hostile.geojson" --title '<b>"title"</b>' --out "$dir/hostile.html" 2>"$dir/log"
scripts=$(grep -o '<script' "$dir/hostile.html" | wc -l)
[ "$scripts" -eq 4 ] || fail "the hostile page has $scripts <script openings, expected the page's own 4"
grep -q '<img src=x' "$dir/hostile.html" && fail "raw markup from the data in the page"
grep -q '<title>&lt;b&gt;&quot;title&quot;&lt;/b&gt;</title>' "$dir/hostile.html" || fail "title not escaped"
page_data "$dir/hostile.html" | grep -qF '"</script><script>alert(1)</script>"' || fail "the name does not come back intact"

# 2. Daye: a choropleth by district, Gi* bins of the complaints, a route with its directions.
"$urbangis" route --from 114.970,30.100 --to 115.000,30.080 --out "$dir/route.geojson" >/dev/null 2>&1
"$urbangis" webmap --by districts --style-by complaints_count --hotspot gistar:complaints \
  --route "$dir/route.geojson" --lang en --out "$dir/daye.html" 2>"$dir/log" || { cat "$dir/log"; fail "webmap"; }
page_data "$dir/daye.html" > "$dir/daye.json"
/usr/bin/python3 - "$dir/daye.json" <<'PY' || fail "the Daye page's data"
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
ids = [layer["id"] for layer in data["layers"]]
assert "analysis_gistar" in ids and "route" in ids and "districts" in ids, ids
months = data["months"]
assert len(months) == 12 and months[0] == "2023-01", months
periods = data["choropleth"]["periods"]
assert len(periods) == 13 and periods[0]["month"] is None and periods[1]["month"] == "2023-01"
districts = next(l for l in data["layers"] if l["id"] == "districts")
for period in periods:
    assert len(period["cls"]) == districts["n"] == len(period["values"])
# The year's total is the sum of the months' (complaints carry a time each).
assert abs(periods[0]["total"] - sum(p["total"] for p in periods[1:])) < 1e-9, [p["total"] for p in periods]
assert data["choropleth"]["additive"] is True  # counts have a total
assert len(data["route"]["steps"]) >= 2, data["route"]
gistar = next(l for l in data["layers"] if l["id"] == "analysis_gistar")
assert gistar["kind"] == "polygon" and gistar["n"] > 10 and any(f["name"] == "gi_bin" for f in gistar["fields"])
complaints = next(l for l in data["layers"] if l["id"] == "complaints")
assert complaints["timed"] and len(complaints["month"]) == complaints["n"]
assert complaints["national"]["classes"], complaints.get("national")
print("Daye page:", len(ids), "layers,", sum(l.get("n", 0) for l in data["layers"]), "features")
PY
# The whole catalog with every grid stays small (docs/webmap.md gives the figures).
"$urbangis" webmap --out "$dir/all.html" 2>/dev/null
size=$(stat -c %s "$dir/all.html")
[ "$size" -lt 15000000 ] || fail "the full Daye page is $size bytes"

# 3. A tile URL with a key: left out, said so; in with --with-keys.
export WEBMAP_TEST_KEY=secret123
"$urbangis" webmap --layers districts --basemap 'https://t0.example.com/{z}/{x}/{y}.png?tk=${env:WEBMAP_TEST_KEY}' \
  --out "$dir/keyless.html" 2>"$dir/log"
grep -q "with-keys" "$dir/log" || fail "no word on the key left out"
grep -q secret123 "$dir/keyless.html" "$dir/log" && fail "the key leaked"
"$urbangis" webmap --layers districts --basemap 'https://t0.example.com/{z}/{x}/{y}.png?tk=${env:WEBMAP_TEST_KEY}' \
  --basemap-datum gcj02 --with-keys --out "$dir/keyed.html" 2>/dev/null
page_data "$dir/keyed.html" | grep -q '"datum": "gcj02"' || fail "the GCJ-02 basemap's datum"
grep -q 'tk=secret123' "$dir/keyed.html" || fail "--with-keys did not put the key in"

# 4. Refused: exit 2 with the option named; nothing written over an input.
expect_refusal() {
  local want=$1; shift
  set +e; "$urbangis" webmap "$@" 2>"$dir/log"; local code=$?; set -e
  [ "$code" -eq 2 ] || fail "webmap $* exited $code"
  grep -q -- "$want" "$dir/log" || fail "webmap $*: message does not name $want: $(cat "$dir/log")"
}
expect_refusal "--hotspot" --hotspot foo:complaints --out "$dir/x.html"
expect_refusal "--style-by" --by districts --style-by no_such_column --out "$dir/x.html"
expect_refusal "--month" --month 2023-13 --out "$dir/x.html"
expect_refusal ".html" --out "$dir/x.png"
cp "$dir/route.geojson" "$dir/route.html"
expect_refusal "route.html" --route "$dir/route.html" --out "$dir/route.html"
[ ! -e "$dir/x.html" ] || fail "a refused run wrote its output"

after=$(md5sum "$source_dir"/data/daye.gpkg "$source_dir"/data/complaints.csv "$source_dir"/layers/daye.json)
[ "$before" = "$after" ] || fail "an input changed"
echo "webmap pages inert and complete"
