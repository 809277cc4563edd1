#!/bin/bash
# Checks `urbangis stats` against an independent GeoPandas/shapely/pyproj oracle
# (stats_oracle.py), with compare_tables.py: counts exact, areas, lengths and shares within 0.01 %.
#
#   run_oracle.sh URBANGIS_BINARY SOURCE_DIR [BENCHDATA_BINARY]
#
# Cases: the Daye catalog by districts and by communities, and a generated bench city (100,000
# points, 200 zones, 20,000 areas, 3,000 corridors over a road grid) by zones. BENCHDATA_BINARY
# defaults to the urbangis-benchdata built beside the CLI (build/urbangis-benchdata).
# Exit 0 when every table matches, 1 on a mismatch or failure, 77 (CTest: skipped) when Debian's
# python3-geopandas is not installed -- unless CI=true, where a missing oracle is a failure.
set -u

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 URBANGIS_BINARY SOURCE_DIR [BENCHDATA_BINARY]" >&2
  exit 2
fi
URBANGIS=$1
SOURCE_DIR=$2
BENCHDATA=${3:-$(dirname "$URBANGIS")/../../urbangis-benchdata}
PYTHON=/usr/bin/python3  # Debian's interpreter, which has python3-geopandas; not a pyenv one
HERE=$(cd "$(dirname "$0")" && pwd)

if ! "$PYTHON" -c 'import geopandas, shapely, pyproj, fiona' 2>/dev/null; then
  message="$PYTHON cannot import geopandas (with shapely, pyproj, fiona): install python3-geopandas (scripts/debian-packages.txt)"
  if [ "$(echo "${CI:-}" | tr '[:upper:]' '[:lower:]')" = true ]; then
    echo "run_oracle: error: $message; CI=true, so this is a failure" >&2
    exit 1
  fi
  echo "run_oracle: skipped: $message" >&2
  exit 77
fi
if [ ! -x "$URBANGIS" ]; then
  echo "run_oracle: error: no urbangis binary at $URBANGIS" >&2
  exit 1
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/urbangis-oracle.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

failures=0
summary=()

# compare NAME CATALOG ZONES: urbangis stats and the oracle, timed, then the comparison.
compare() {
  local name=$1 catalog=$2 zones=$3
  local ours="$TMP/$name.urbangis.csv" oracle="$TMP/$name.oracle.csv"
  echo "=== $name: stats $catalog --by $zones"
  local t0 t1 t2 t3
  t0=$(now)
  if ! "$URBANGIS" stats "$catalog" --by "$zones" --out "$ours" >"$TMP/$name.urbangis.log" 2>&1; then
    echo "run_oracle: error: urbangis stats failed:" >&2
    cat "$TMP/$name.urbangis.log" >&2
    failures=$((failures + 1))
    summary+=("$name: FAILED (urbangis stats)")
    return
  fi
  t1=$(now)
  if ! "$PYTHON" "$HERE/stats_oracle.py" "$catalog" --by "$zones" --out "$oracle" >"$TMP/$name.oracle.log" 2>&1; then
    echo "run_oracle: error: the oracle failed:" >&2
    cat "$TMP/$name.oracle.log" >&2
    failures=$((failures + 1))
    summary+=("$name: FAILED (oracle)")
    return
  fi
  t2=$(now)
  "$PYTHON" "$HERE/compare_tables.py" "$ours" "$oracle"
  local status=$?
  t3=$(now)
  local times="urbangis $(seconds "$t0" "$t1") s, oracle $(seconds "$t1" "$t2") s, compare $(seconds "$t2" "$t3") s"
  echo "--- $name: $times"
  if [ $status -ne 0 ]; then
    failures=$((failures + 1))
    summary+=("$name: MISMATCH ($times)")
  else
    summary+=("$name: match ($times)")
  fi
}

compare daye_districts "$SOURCE_DIR/layers/daye.json" districts
compare daye_communities "$SOURCE_DIR/layers/daye.json" communities

if [ -x "$BENCHDATA" ]; then
  t0=$(now)
  if "$BENCHDATA" --out "$TMP/bench" --points 100000 --zones 200 --areas 20000 --corridors 3000 --roads \
       >"$TMP/benchdata.log" 2>&1; then
    echo "=== bench city generated in $(seconds "$t0" "$(now)") s"
    compare bench_zones "$TMP/bench/bench.json" zones
  else
    echo "run_oracle: error: $BENCHDATA failed:" >&2
    cat "$TMP/benchdata.log" >&2
    failures=$((failures + 1))
    summary+=("bench_zones: FAILED (urbangis-benchdata)")
  fi
else
  echo "run_oracle: error: no urbangis-benchdata at $BENCHDATA (give its path as the third argument)" >&2
  failures=$((failures + 1))
  summary+=("bench_zones: FAILED (no urbangis-benchdata)")
fi

echo "=== summary"
printf '  %s\n' "${summary[@]}"
[ $failures -eq 0 ] || exit 1
exit 0
