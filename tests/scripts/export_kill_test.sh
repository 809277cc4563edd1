#!/bin/bash
# No data lost: `urbangis export` killed mid-write (SIGINT, then SIGKILL) leaves the target as it
# was (absent, or the old complete file), never half a file; after SIGINT no temporary file is
# left; after SIGKILL only the hidden temporary ".NAME.tmp-PID-N.EXT" (and SQLite's -journal)
# may remain, which the next run with that pid or a person removes (docs/robustness.md).
# A run left alone writes the whole new file. Formats: GeoPackage and GeoJSON.
set -u
build=$1
points=${URBANGIS_KILL_TEST_POINTS:-200000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cli=$build/src/cli/urbangis
fail() { echo "FAIL: $*"; [ -f "$tmp/err" ] && cat "$tmp/err"; exit 1; }
"$build/urbangis-benchdata" --out "$tmp" --points "$points" --zones 20 --no-index >/dev/null 2>&1 || fail "benchdata"
cd "$tmp"

# Starts an export of all points to $1 in the background, waits until its temporary file exists
# and is not empty (the writer has created it and begun; rows follow at once) and sends signal
# $2. Sets rc and pid.
export_and_kill() {
  local out=$1 signal=$2 name
  name=$(basename "$out")
  "$cli" export bench.json --layer points --out "$out" 2> err &
  pid=$!
  local started=0
  for _ in $(seq 2400); do
    local temp
    temp=$(ls -A | grep -E "^\.${name//./\\.}\.tmp-${pid}-[0-9]+" | head -1)
    if [ -n "$temp" ] && [ "$(stat -c %s "$temp" 2>/dev/null || echo 0)" -gt 0 ]; then
      started=1
      break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.02
  done
  [ "$started" -eq 1 ] || { wait "$pid"; fail "$name: export ended before it could be interrupted mid-write"; }
  kill "-$signal" "$pid"
  wait "$pid"
  rc=$?
}

valid_count() {  # feature count of the file's first layer as OGR reads it, or "unreadable"
  ogrinfo -ro -so -al "$1" 2>/dev/null | sed -n 's/^Feature Count: //p' | head -1 | grep . || echo unreadable
}

for ext in gpkg geojson; do
  out=out.$ext
  # The old output: the 20 zones, complete.
  "$cli" export bench.json --layer zones --out "$out" 2> err || fail "$out: old export"
  old=$(sha256sum < "$out")
  [ "$(valid_count "$out")" = 20 ] || fail "$out: old output unreadable"

  export_and_kill "$out" INT
  [ "$rc" -eq 130 ] || fail "$out: SIGINT gave exit code $rc, expected 130"
  grep -q "urbangis: cancelled" err || fail "$out: no 'cancelled' message"
  [ "$(sha256sum < "$out")" = "$old" ] || fail "$out: the old output changed after SIGINT"
  leftovers=$(ls -A | grep -F ".$out.tmp-")
  [ -z "$leftovers" ] || fail "$out: temporary files left after SIGINT: $leftovers"

  export_and_kill "$out" KILL
  [ "$rc" -eq 137 ] || fail "$out: SIGKILL gave exit code $rc, expected 137"
  [ "$(sha256sum < "$out")" = "$old" ] || fail "$out: the old output changed after SIGKILL"
  [ "$(valid_count "$out")" = 20 ] || fail "$out: the old output is no longer readable after SIGKILL"
  leftovers=$(ls -A | grep -F "$out" | grep -v -x -F "$out")
  bad=$(echo "$leftovers" | grep -v -E "^\.${out//./\\.}\.tmp-${pid}-[0-9]+\.${ext}(-journal)?$" | grep .)
  [ -z "$bad" ] || fail "$out: after SIGKILL, files other than the hidden temporary: $bad"
  rm -f $leftovers

  # No old output: a killed run leaves none.
  rm -f "$out"
  export_and_kill "$out" KILL
  [ ! -e "$out" ] || fail "$out: a killed first run left a target"
  rm -f .$out.tmp-*

  # Left alone, the new output is complete.
  "$cli" export bench.json --layer points --out "$out" 2> err || fail "$out: full export"
  [ "$(valid_count "$out")" = "$points" ] || fail "$out: the full output has $(valid_count "$out") features, expected $points"
  leftovers=$(ls -A | grep -F ".$out.tmp-")
  [ -z "$leftovers" ] || fail "$out: temporary files left after a full run: $leftovers"
  echo "OK: $out: SIGINT and SIGKILL mid-write left the old file; a full run wrote all $points features"
done
