#!/bin/bash
# Ctrl-C during a long `urbangis stats` stops it cleanly: exit code 130, "cancelled" on stderr,
# no output file and no temporary file left behind.
set -u
build=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/urbangis-benchdata" --out "$tmp" --points 1000000 --zones 200 --no-index 2>/dev/null || exit 1
# Sixty layers over the same million points: about 7 s here (six took 0.8 s, less than the one
# second before progress shows, and the run ended before it could be interrupted). The test
# interrupts after that first second, so it stays short however long the whole run would be.
{
  echo '{"crs": "EPSG:32650", "layers": [{"id": "zones", "title": "Z", "role": "zones", "source": "bench.gpkg", "layer": "zones", "id_field": "zone_code"}'
  for i in $(seq 60); do
    echo ", {\"id\": \"p$i\", \"title\": \"P\", \"role\": \"points\", \"source\": \"bench.gpkg\", \"layer\": \"points\", \"category_field\": \"type\"}"
  done
  echo ']}'
} > "$tmp/long.json"
"$build/src/cli/urbangis" stats "$tmp/long.json" --by zones --progress --out "$tmp/out.csv" 2> "$tmp/err" &
pid=$!
# Progress appears after the first second: interrupt once it has.
for _ in $(seq 300); do
  grep -q "counting" "$tmp/err" && break
  kill -0 "$pid" 2>/dev/null || { echo "FAIL: stats ended before showing progress"; cat "$tmp/err"; exit 1; }
  sleep 0.1
done
kill -INT "$pid"
wait "$pid"
rc=$?
fail() { echo "FAIL: $*"; cat "$tmp/err"; exit 1; }
[ "$rc" -eq 130 ] || fail "exit code $rc, expected 130"
grep -q "urbangis: cancelled" "$tmp/err" || fail "no 'cancelled' message"
[ ! -e "$tmp/out.csv" ] || fail "an output file was written"
leftovers=$(ls -A "$tmp" | grep -v -x -e bench.gpkg -e bench.json -e long.json -e err)
[ -z "$leftovers" ] || fail "files left behind: $leftovers"
echo "OK: interrupted cleanly (exit 130, no output)"
