#!/bin/bash
# A second Ctrl-C ends a run at once and leaves no temporary file behind (docs/robustness.md):
#   - `urbangis export` to a GeoPackage: its hidden ".out.gpkg.tmp-PID-N.gpkg" (and SQLite's side
#     files) beside the target;
#   - `urbangis stats` on a GBK CSV: the UTF-8 copy's folder "urbangis-utf8-PID-N" in $TMPDIR;
#   - `urbangis-datagen`, which has no Ctrl-C handling of its own: one SIGINT ends it, and its
#     staging folder ".urbangis-tmp-PID" goes with it.
# Each run is interrupted once its temporary file exists and has bytes; the second SIGINT follows
# as soon as the first has been delivered. When the first one alone already stopped the run
# cleanly ("cancelled"), the run is tried again: at least one must end through the second.
set -u
build=$1
cli=$build/src/cli/urbangis
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; [ -f "$tmp/err" ] && cat "$tmp/err"; exit 1; }
"$build/urbangis-benchdata" --out "$tmp" --points 400000 --zones 20 --no-index >/dev/null 2>&1 || fail "benchdata"

# Waits until the glob $1 (relative to $2) names a non-empty file while $pid runs.
wait_for_temporary() {
  local pattern=$1 folder=$2 file
  for _ in $(seq 3000); do
    kill -0 "$pid" 2>/dev/null || return 1
    for file in $folder/$pattern; do
      [ -s "$file" ] && return 0
    done
    sleep 0.02
  done
  return 1
}

# Waits until SIGINT is no longer pending for $pid (delivered to its handler).
wait_delivered() {
  for _ in $(seq 500); do
    local pending
    pending=$(awk '/^(ShdPnd|SigPnd):/ {print $2}' "/proc/$pid/status" 2>/dev/null | sort -u | tr '\n' ' ')
    [ -z "$pending" ] && return 0  # gone
    [ "$pending" = "0000000000000000 " ] && return 0
    sleep 0.001
  done
}

# interrupt_twice NAME PATTERN FOLDER COMMAND…: runs COMMAND, sends SIGINT twice once PATTERN
# exists in FOLDER, checks exit code 130 and that nothing matching PATTERN remains.
interrupt_twice() {
  local name=$1 pattern=$2 folder=$3
  shift 3
  local second=0
  for attempt in 1 2 3 4 5; do
    "$@" 2> "$tmp/err" > /dev/null &
    pid=$!
    wait_for_temporary "$pattern" "$folder" || { wait "$pid"; fail "$name: ended before its temporary file appeared"; }
    kill -INT "$pid"
    wait_delivered
    kill -INT "$pid" 2>/dev/null
    wait "$pid"
    local rc=$?
    [ "$rc" -eq 130 ] || fail "$name: exit code $rc, expected 130"
    local left
    left=$(cd "$folder" && ls -d $pattern 2>/dev/null)
    [ -z "$left" ] || fail "$name: temporary files left after two Ctrl-C: $left"
    if ! grep -q "urbangis: cancelled" "$tmp/err"; then second=1; break; fi
  done
  [ "$second" -eq 1 ] || fail "$name: five runs all stopped on the first Ctrl-C; the second was never tested"
  echo "OK: $name: two Ctrl-C, exit 130, no temporary file (attempt $attempt)"
}

cd "$tmp"
interrupt_twice "export to GeoPackage" ".out.gpkg.tmp-*" "$tmp" \
  "$cli" export bench.json --layer points --out out.gpkg
[ ! -e out.gpkg ] || fail "export: a target was written"

# A GBK CSV of the bench points: its UTF-8 copy lives in $TMPDIR while the run reads it.
ogr2ogr -f CSV -lco GEOMETRY=AS_XY -t_srs EPSG:4326 "$tmp/gbk_utf8.csv" bench.gpkg points 2>/dev/null || fail "ogr2ogr"
{ head -1 gbk_utf8.csv | sed 's/$/,name/'; tail -n +2 gbk_utf8.csv | sed 's/$/,大冶市东风路/'; } |
  iconv -f UTF-8 -t GBK > gbk.csv || fail "iconv"
rm gbk_utf8.csv
cat > gbk.json <<'JSON'
{"crs": "EPSG:32650", "layers": [
  {"id": "zones", "title": "Z", "role": "zones", "source": "bench.gpkg", "layer": "zones", "id_field": "zone_code"},
  {"id": "gbk", "title": "G", "role": "points", "source": "gbk.csv", "x": "X", "y": "Y", "crs": "WGS84"}]}
JSON
mkdir -p "$tmp/tmpdir"
TMPDIR=$tmp/tmpdir interrupt_twice "stats on a GBK CSV" "urbangis-utf8-*/gbk.csv" "$tmp/tmpdir" \
  "$cli" stats gbk.json --by zones --out stats.csv
left=$(ls -A "$tmp/tmpdir")
[ -z "$left" ] || fail "stats: left in TMPDIR: $left"

# The data generator: one SIGINT (it has no clean stop) removes its staging folder.
datagen=$build/src/datagen/urbangis-datagen
[ -x "$datagen" ] || datagen=$build/urbangis-datagen
mkdir -p gen
# A background job of a script starts with SIGINT ignored: give it the default action back.
env --default-signal=INT "$datagen" --out gen --scale 10 --quiet 2> "$tmp/err" &
pid=$!
wait_for_temporary ".urbangis-tmp-$pid/*" gen || { wait "$pid"; fail "datagen: ended before writing"; }
kill -INT "$pid"
wait "$pid"
rc=$?
[ "$rc" -eq 130 ] || fail "datagen: exit code $rc, expected 130 (killed by SIGINT)"
left=$(ls -A gen | grep -F .urbangis-tmp-)
[ -z "$left" ] || fail "datagen: staging folder left after Ctrl-C: $left"
echo "OK: datagen: Ctrl-C, no staging folder left"
