#!/usr/bin/env bash
# Side-by-side timing of `urbangis stats` and its peers on the same generated files.
#
#   bash bench/run_stats_bench.sh [OUT_DIR]          (default /tmp/urbangis-bench)
#
# Peers: the one-thread C++ baseline (urbangis-baseline-count), QGIS 3.22 (qgis_process.bin),
# PostGIS 3.3 on PostgreSQL 15 (own cluster on 127.0.0.1, loaded with ogr2ogr), GeoPandas 0.12.
# Each method runs BENCH_REPS times (default 3) under `/usr/bin/time -v`; the summary gives the
# median wall time and median maximum RSS. Before each timed run the script waits until no
# build or test run (ninja, cc1plus, ctest, ...) is going on and the 1-minute load average is
# below BENCH_IDLE_LOAD (default 0.6), polling every 5 s and giving up on the load after 5 minutes
# (noted in the raw table). raw.tsv also gives, per run, the CPU time the machine spent outside
# the timed process tree (other_cpu_s, from /proc/stat): near 0 on an idle machine; for psql
# rows it is mostly the PostgreSQL server working on the query.
#
# Needs (Debian 12, as root): qgis, postgresql-15, postgresql-15-postgis-3, postgis, gdal-bin,
# python3-geopandas, python3-rtree (only a Recommends, but sjoin and overlay need it); the binaries
# build/src/cli/urbangis, build/urbangis-benchdata and build-bench/bench/urbangis-baseline-count
# (override with URBANGIS, BENCHDATA, BASELINE).
#
# Knobs: BENCH_REPS=3, BENCH_POINTS=1000000, BENCH_ZONES=2000, BENCH_COV_AREAS=100000,
# BENCH_COV_CORRIDORS=20000, BENCH_10M=1 (also 10,000,000 points; GeoPandas there only with
# BENCH_10M_GEOPANDAS=1, it needs ~12 GB), BENCH_REUSE_DATA=1 (keep generated files that exist),
# BENCH_SKIP_COUNTS=1 / BENCH_SKIP_COVERAGE=1, BENCH_IDLE_LOAD=0.6, BENCH_TIMEOUT=1800 (per run),
# BENCH_GP_COV_TIMEOUT=600 (GeoPandas coverage runs), BENCH_PGPORT=5499.
#
# Outputs in OUT_DIR: raw.tsv (every run), summary.tsv (medians, ratios, checks), checks.tsv,
# versions.txt, logs/ (stdout+stderr and `time -v` of each run), results/ (each method's table).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$(mkdir -p "${1:-/tmp/urbangis-bench}" && cd "${1:-/tmp/urbangis-bench}" && pwd)
URBANGIS=${URBANGIS:-$ROOT/build/src/cli/urbangis}
BENCHDATA=${BENCHDATA:-$ROOT/build/urbangis-benchdata}
BASELINE=${BASELINE:-$ROOT/build-bench/bench/urbangis-baseline-count}
QGIS=/usr/bin/qgis_process.bin
PY=/usr/bin/python3
REPS=${BENCH_REPS:-3}
POINTS=${BENCH_POINTS:-1000000}
ZONES=${BENCH_ZONES:-2000}
COV_AREAS=${BENCH_COV_AREAS:-100000}
COV_CORRIDORS=${BENCH_COV_CORRIDORS:-20000}
IDLE_LOAD=${BENCH_IDLE_LOAD:-0.6}
TIMEOUT=${BENCH_TIMEOUT:-1800}
GP_COV_TIMEOUT=${BENCH_GP_COV_TIMEOUT:-600}
PGPORT=${BENCH_PGPORT:-5499}
PGCLUSTER=urbangis_bench
PGSOCK=/var/run/postgresql

export QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR=$OUT/xdg-runtime
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export PGHOST=$PGSOCK PGPORT

LOGS=$OUT/logs RES=$OUT/results WORK=$OUT/work
mkdir -p "$LOGS" "$RES" "$WORK"
RAW=$OUT/raw.tsv CHECKS=$OUT/checks.tsv
printf 'workload\tmethod\trun\tstatus\twall_s\ttime_elapsed_s\tmax_rss_kb\tserver_ms\tcpu_s\tother_cpu_s\tload_before\tidle_note\n' >"$RAW"
printf 'workload\tmethod\tcheck\tdetail\n' >"$CHECKS"

source "$ROOT/bench/lib.sh"

for tool in "$URBANGIS" "$BENCHDATA" "$BASELINE" "$QGIS" /usr/bin/time ogr2ogr psql pg_createcluster; do
  command -v "$tool" >/dev/null || die "missing $tool (see the header of this script)"
done
"$PY" -c 'import geopandas, rtree' 2>/dev/null ||
  die "GeoPandas or its spatial index missing for $PY (apt-get install python3-geopandas python3-rtree)"
[[ $(id -u) == 0 ]] || die "run as root (it creates its own PostgreSQL cluster)"

# ---------------------------------------------------------------- idle machine, timed runs
# wait_idle (bench/lib.sh) before each timed run.

busy_jiffies() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }

# run_timed WORKLOAD METHOD TIMEOUT_S CMD ARGS... ; "@RUN@" in the arguments becomes the run number.
# Runs 1..REPS, or only run RUN_ONLY when set. Sets LAST_STATUS (ok, failed, timeout) and LAST_LOG
# (stdout+stderr of the last run). server_ms is the sum of psql's \timing lines, if any.
run_timed() {
  local workload=$1 method=$2 limit=$3; shift 3
  local r tf log t0 t1 rc wall elapsed rss server status args j0 j1 cpu other
  LAST_STATUS=ok
  for ((r = ${RUN_ONLY:-1}; r <= ${RUN_ONLY:-$REPS}; r++)); do
    args=("${@//@RUN@/$r}")
    tf=$LOGS/${workload}__${method}__$r.time
    log=$LOGS/${workload}__${method}__$r.log
    wait_idle
    say "$workload / $method / run $r (load $LOAD_BEFORE)"
    j0=$(busy_jiffies)
    t0=$EPOCHREALTIME
    rc=0
    /usr/bin/time -v -o "$tf" timeout "$limit" "${args[@]}" >"$log" 2>&1 || rc=$?
    t1=$EPOCHREALTIME
    j1=$(busy_jiffies)
    cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$tf")
    other=$(awk -v a="$j0" -v b="$j1" -v c="$cpu" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", (b - a) / hz - c }')
    busy && IDLE_NOTE+="busy-after-run;"
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    elapsed=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
                for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$tf")
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tf")
    server=$(awk '/^Time: [0-9.]+ ms/ { t += $2; n++ } END { if (n) printf "%.1f", t }' "$log")
    status=ok
    if ((rc == 124)); then status=timeout; elif ((rc != 0)); then status=failed; fi
    printf '%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$workload" "$method" "$r" "$status" "$wall" \
      "$elapsed" "$rss" "${server:-}" "$cpu" "$other" "$LOAD_BEFORE" "$IDLE_NOTE" >>"$RAW"
    LAST_LOG=$log
    if [[ $status != ok ]]; then
      say "  -> $status (exit $rc), see $log; not repeating this method"
      LAST_STATUS=$status
      return 0
    fi
    say "  -> ${wall} s, ${rss} kB, cpu ${cpu} s, others ${other} s${server:+, server $server ms}"
  done
}

# check WORKLOAD METHOD "VERDICT<TAB>DETAIL"
check() {
  local verdict=${3%%$'\t'*} detail=${3#*$'\t'}
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$verdict" "$detail" >>"$CHECKS"
  say "check $1 / $2: $verdict, $detail"
}

# ---------------------------------------------------------------- helpers written to WORK
cat >"$WORK/compare.py" <<'EOF'
"""compare.py MODE REF.csv REF_KEY REF_COL OTHER.csv OTHER_KEY OTHER_COL
MODE exact: per-key integers must be equal (missing keys count as 0).
MODE rel:   reports the largest relative difference (|a-b| / max(|a|, tiny)); missing = 0.
MODE abs:   reports the largest absolute difference. Prints one line: verdict<TAB>detail."""
import csv, sys

mode, ref, rk, rc, oth, ok_, oc = sys.argv[1:8]

def load(path, key, col):
    with open(path, newline="", encoding="utf-8") as f:
        rows = {}
        for row in csv.DictReader(f):
            k = row[key]
            if k == "(none)":
                continue
            v = row[col]
            rows[k] = float(v) if v not in ("", None) else None
        return rows

a, b = load(ref, rk, rc), load(oth, ok_, oc)
keys = sorted(set(a) | set(b))
if mode == "exact":
    bad = [k for k in keys if int(a.get(k) or 0) != int(b.get(k) or 0)]
    total_a = sum(int(v or 0) for v in a.values()); total_b = sum(int(v or 0) for v in b.values())
    if bad:
        print(f"MISMATCH\t{len(bad)} of {len(keys)} zones differ (e.g. {bad[0]}: {a.get(bad[0])} vs {b.get(bad[0])}); totals {total_a} vs {total_b}")
    else:
        print(f"match\tall {len(keys)} zones identical; total {total_a}")
else:
    worst, wk = 0.0, None
    for k in keys:
        x, y = a.get(k) or 0.0, b.get(k) or 0.0
        d = abs(x - y) if mode == "abs" else abs(x - y) / max(abs(x), 1e-9) if (x or y) else 0.0
        if d > worst:
            worst, wk = d, k
    unit = "" if mode == "abs" else " (relative)"
    limit = 1e-4 if mode == "rel" else 0.01
    verdict = "agree" if worst <= limit else "DIFFER"
    print(f"{verdict}\tlargest difference {worst:.3g}{unit} over {len(keys)} zones" + (f" at {wk}" if wk else ""))
EOF

cat >"$WORK/gp_count.py" <<'EOF'
"""GeoPandas point count: read both layers, sjoin(predicate='within'), groupby count."""
import sys, time
import geopandas as gpd
gpkg, out = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
zones = gpd.read_file(gpkg, layer="zones")[["zone_code", "geometry"]]
points = gpd.read_file(gpkg, layer="points")[["geometry"]]
t1 = time.perf_counter()
joined = gpd.sjoin(points, zones, how="inner", predicate="within")
counts = joined.groupby("zone_code").size().reindex(zones["zone_code"], fill_value=0)
t2 = time.perf_counter()
counts.rename("count").to_csv(out, index_label="zone_code")
print(f"geopandas: read {t1 - t0:.2f} s, sjoin+groupby {t2 - t1:.2f} s, {int(counts.sum())} points", file=sys.stderr)
EOF

cat >"$WORK/gp_cover.py" <<'EOF'
"""GeoPandas coverage per zone, as `urbangis stats` defines it (overlaps once, ellipsoidal).
gp_cover.py areas|lines|roads BENCH.gpkg OUT.csv"""
import sys, time
import geopandas as gpd
import pandas as pd
from pyproj import Geod
mode, gpkg, out = sys.argv[1:4]
geod = Geod(ellps="WGS84")
t0 = time.perf_counter()
zones = gpd.read_file(gpkg, layer="zones")[["zone_code", "geometry"]]

def measure(series, how):
    s = gpd.GeoSeries(series, crs=zones.crs).to_crs(4326)
    if how == "area":
        return pd.Series([abs(geod.geometry_area_perimeter(g)[0]) if g is not None and not g.is_empty else 0.0
                          for g in s], index=series.index)
    return pd.Series([geod.geometry_length(g) if g is not None and not g.is_empty else 0.0 for g in s],
                     index=series.index)

if mode == "areas":
    areas = gpd.read_file(gpkg, layer="areas")[["geometry"]]
    parts = gpd.overlay(areas, zones, how="intersection", keep_geom_type=True)
    merged = parts.dissolve(by="zone_code")
    result = measure(merged.geometry, "area").rename("area_m2")
elif mode == "lines":
    lines = gpd.read_file(gpkg, layer="corridors")[["geometry"]]
    parts = gpd.overlay(lines, zones, how="intersection", keep_geom_type=True)
    merged = parts.dissolve(by="zone_code")
    result = measure(merged.geometry, "length").rename("length_m")
elif mode == "roads":
    roads = gpd.read_file(gpkg, layer="roads")[["geometry"]]
    lines = gpd.read_file(gpkg, layer="corridors")[["geometry"]]
    road_parts = gpd.overlay(roads, zones, how="intersection", keep_geom_type=True).dissolve(by="zone_code")
    near = zones.copy()
    near["geometry"] = zones.buffer(15)
    cover = gpd.sjoin(lines, near, how="inner", predicate="intersects").dissolve(by="zone_code")
    cover_zone = cover.buffer(15).reindex(road_parts.index)
    covered = road_parts.geometry.intersection(gpd.GeoSeries(cover_zone, crs=zones.crs))
    total = measure(road_parts.geometry, "length")
    result = (100 * measure(covered, "length") / total).rename("road_pct")
else:
    sys.exit("mode?")
result.to_csv(out, index_label="zone_code")
print(f"geopandas {mode}: {time.perf_counter() - t0:.2f} s, {len(result)} zones", file=sys.stderr)
EOF

# ---------------------------------------------------------------- binaries
# Another engineer may rebuild while this runs (hours): wait for a running build to end, then time
# copies of the binaries taken now, so that every run measures the same build.
if busy; then
  say "a build is running; waiting for it to end before copying the binaries"
  while busy; do sleep 5; done
fi
mkdir -p "$OUT/bin"
for var in URBANGIS BENCHDATA BASELINE; do
  cp -p "${!var}" "$OUT/bin/" && printf -v "$var" '%s' "$OUT/bin/$(basename "${!var}")"
done

# ---------------------------------------------------------------- versions
{
  echo "date: $(date -Is)"
  echo "== lscpu"; lscpu
  echo "== nproc: $(nproc)"
  echo "== free -h"; free -h
  echo "== debian: $(cat /etc/debian_version)"
  echo "== kernel: $(uname -r)"
  echo "== gdal: $(gdalinfo --version)"
  echo "== geos: $(geos-config --version 2>/dev/null || dpkg-query -W -f='${Version}' 'libgeos-c1v5' 2>/dev/null)"
  echo "== proj: $(dpkg-query -W -f='${Version}' libproj25 2>/dev/null)"
  echo "== qgis: $("$QGIS" --version 2>/dev/null | grep -m1 '^QGIS ')"
  echo "== postgresql/postgis packages: $(dpkg-query -W -f='${Package} ${Version}; ' postgresql-15 postgresql-15-postgis-3 2>/dev/null)"
  echo "== python: $("$PY" -c 'import sys, geopandas, shapely, pyproj, fiona, pandas; print(sys.version.split()[0], "geopandas", geopandas.__version__, "shapely", shapely.__version__, "pyproj", pyproj.__version__, "fiona", fiona.__version__, "pandas", pandas.__version__)')"
  echo "== urbangis: source $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null)$(cd "$ROOT" && git diff --quiet HEAD 2>/dev/null || echo ' with uncommitted changes:' $(git -C "$ROOT" status --short | tr '\n' ' '))"
  echo "   binaries timed (copied at start):"
  for f in "$URBANGIS" "$BENCHDATA" "$BASELINE"; do
    echo "   $(sha256sum "$f" | cut -c1-16)  $(stat -c '%y' "$f" | cut -d. -f1)  $f"
  done
} >"$OUT/versions.txt" 2>&1

# urbangis --help: the start-up cost (libgdal and its libraries) every GDAL-based tool pays.
run_timed startup "urbangis --help" 60 "$URBANGIS" --help

# ---------------------------------------------------------------- data
generate() { # DIR ARGS...
  local dir=$1; shift
  if [[ ${BENCH_REUSE_DATA:-0} == 1 && -s $dir/bench.gpkg && -s $dir/bench.json ]]; then
    say "reusing $dir"
  else
    say "generating $dir ($*)"
    local t0=$EPOCHREALTIME
    "$BENCHDATA" --out "$dir" "$@"
    printf 'data\tgenerate %s\t1\tok\t%s\t\t\t\t\t\t\t\n' "$(basename "$dir") $*" \
      "$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')" >>"$RAW"
  fi
  # A copy of the catalog whose points layer is counted only (no category, time or sum fields),
  # and one whose lines layer covers no network (lengths only).
  "$PY" - "$dir" <<'EOF'
import json, sys
d = sys.argv[1]
cat = json.load(open(f"{d}/bench.json", encoding="utf-8"))
for layer in cat["layers"]:
    if layer["role"] == "points":
        for key in ("category_field", "time_field", "sum_fields"):
            layer.pop(key, None)
json.dump(cat, open(f"{d}/bench-counts.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
cat = json.load(open(f"{d}/bench.json", encoding="utf-8"))
for layer in cat["layers"]:
    if layer["role"] == "lines":
        for key in ("covers", "buffer_m"):
            layer.pop(key, None)
json.dump(cat, open(f"{d}/bench-nocover.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
EOF
  {
    echo "== $dir: $(du -h "$dir/bench.gpkg" | cut -f1)"
    ogrinfo -ro -so -al "$dir/bench.gpkg" 2>/dev/null | grep -E '^Layer name|^Feature Count'
  } >>"$OUT/data_sizes.txt"
}
: >"$OUT/data_sizes.txt"

# ---------------------------------------------------------------- PostGIS
pg_setup() {
  if ! pg_lsclusters -h | awk '{ print $1 " " $2 }' | grep -qx "15 $PGCLUSTER"; then
    say "creating PostgreSQL cluster 15/$PGCLUSTER on port $PGPORT (127.0.0.1 only)"
    pg_createcluster 15 "$PGCLUSTER" -p "$PGPORT" --start-conf=manual >/dev/null
  fi
  # Loopback only (pg_conftool would write 127.0.0.1 unquoted, which PostgreSQL rejects).
  pg_conftool 15 "$PGCLUSTER" remove listen_addresses
  echo "listen_addresses = '127.0.0.1'" >"/etc/postgresql/15/$PGCLUSTER/conf.d/urbangis-bench.conf"
  if ! pg_lsclusters -h | awk -v c="$PGCLUSTER" '$2 == c && $4 == "online" { found = 1 } END { exit !found }'; then
    pg_ctlcluster 15 "$PGCLUSTER" start
  fi
  runuser -u postgres -- psql -X -q -p "$PGPORT" -c \
    "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'root') THEN CREATE ROLE root SUPERUSER LOGIN; END IF; END \$\$;" >/dev/null
  {
    echo "== postgis: $(psql -X -At -d postgres -c 'SELECT version()')"
    echo "   settings: $(psql -X -At -d postgres -c "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ') FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'jit')")"
  } >>"$OUT/versions.txt"
}
PG_STARTED=0
pg_stop() { ((PG_STARTED)) && pg_ctlcluster 15 "$PGCLUSTER" stop 2>/dev/null || true; }
trap pg_stop EXIT

pg_db() { # NAME: a fresh database with PostGIS
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
  psql -X -q -d "$1" -c "CREATE EXTENSION postgis" >/dev/null
  grep -q '^   postgis_full_version' "$OUT/versions.txt" ||
    echo "   postgis_full_version: $(psql -X -At -d "$1" -c 'SELECT postgis_full_version()')" >>"$OUT/versions.txt"
}

# pg_load WORKLOAD DB GPKG LAYERS...: time ogr2ogr, then the GiST indexes and ANALYZE.
pg_load() {
  local workload=$1 db=$2 gpkg=$3; shift 3
  local sql="" layer
  for layer in "$@"; do
    sql+="CREATE INDEX ${layer}_geom_gist ON $layer USING GIST (geom); ANALYZE $layer; "
  done
  echo "\\timing on" >"$WORK/index_$db.sql"
  echo "$sql" >>"$WORK/index_$db.sql"
  # Each run starts from empty tables (-overwrite drops them).
  local r
  for ((r = 1; r <= REPS; r++)); do
    RUN_ONLY=$r run_timed "$workload" "PostGIS load (ogr2ogr)" "$TIMEOUT" ogr2ogr -f PostgreSQL \
      "PG:dbname=$db host=$PGSOCK port=$PGPORT" "$gpkg" "$@" -overwrite \
      -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=NONE -lco FID=fid
    RUN_ONLY=$r run_timed "$workload" "PostGIS GiST index + ANALYZE" "$TIMEOUT" \
      psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$WORK/index_$db.sql"
  done
}

# pg_query WORKLOAD METHOD DB NAME SQL: time the query through psql (\timing = server figure);
# its result goes to results/NAME.csv; the plan (EXPLAIN ANALYZE, one extra run) to logs/.
pg_query() {
  local workload=$1 method=$2 db=$3 name=$4 sql=$5
  printf '\\timing on\n\\pset format unaligned\n\\pset fieldsep ,\n\\pset footer off\n%s;\n' "$sql" >"$WORK/$name.sql"
  run_timed "$workload" "$method" "$TIMEOUT" psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$WORK/$name.sql"
  grep -v '^Time: ' "$LAST_LOG" >"$RES/$name.csv" || true
  psql -X -q -d "$db" -c "EXPLAIN (ANALYZE, BUFFERS) $sql" >"$LOGS/$name.plan.txt" 2>&1 || true
}

COUNT_SQL="SELECT z.zone_code, count(p.*) FROM zones z LEFT JOIN points p ON ST_Contains(z.geom, p.geom) GROUP BY z.zone_code ORDER BY z.zone_code"

# ---------------------------------------------------------------- point counts
counts_workload() { # WORKLOAD DIR
  local w=$1 d=$2 db=ub_$1
  local ref=$RES/${w}_urbangis.csv
  run_timed "$w" "urbangis stats (all columns)" "$TIMEOUT" \
    "$URBANGIS" stats "$d/bench.json" --by zones --layers points --out "$RES/${w}_urbangis_@RUN@.csv"
  cp "$RES/${w}_urbangis_1.csv" "$ref"
  run_timed "$w" "urbangis stats (counts only)" "$TIMEOUT" \
    "$URBANGIS" stats "$d/bench-counts.json" --by zones --layers points --out "$RES/${w}_urbangis_counts_@RUN@.csv"
  check "$w" "urbangis stats (counts only)" "$("$PY" "$WORK/compare.py" exact "$ref" zone_id points_count \
    "$RES/${w}_urbangis_counts_1.csv" zone_id points_count)"
  local total
  total=$(awk -F, 'NR > 1 && $1 != "(none)" { s += $4 } END { print s }' "$ref")

  run_timed "$w" "baseline (C++ OGR+GEOS, 1 thread)" "$TIMEOUT" "$BASELINE" "$d/bench.gpkg"
  if [[ $LAST_STATUS == ok ]]; then
    local got; got=$(awk '/^baseline:/ { print $2 }' "$LAST_LOG")
    if [[ $got == "$total" ]]; then
      check "$w" "baseline (C++ OGR+GEOS, 1 thread)" "match"$'\t'"same total, $got (it prints no per-zone table)"
    else
      check "$w" "baseline (C++ OGR+GEOS, 1 thread)" "MISMATCH"$'\t'"total $got vs urbangis $total"
    fi
  fi

  run_timed "$w" "QGIS native:countpointsinpolygon" "$TIMEOUT" "$QGIS" run native:countpointsinpolygon \
    "--POLYGONS=$d/bench.gpkg|layername=zones" "--POINTS=$d/bench.gpkg|layername=points" --FIELD=n \
    "--OUTPUT=$RES/${w}_qgis_@RUN@.gpkg"
  if [[ $LAST_STATUS == ok ]]; then
    rm -f "$RES/${w}_qgis.csv"
    ogr2ogr -f CSV "$RES/${w}_qgis.csv" "$RES/${w}_qgis_1.gpkg" -sql "SELECT zone_code, n FROM ${w}_qgis_1"
    check "$w" "QGIS native:countpointsinpolygon" "$("$PY" "$WORK/compare.py" exact "$ref" zone_id points_count \
      "$RES/${w}_qgis.csv" zone_code n)"
  fi

  pg_db "$db"
  pg_load "$w" "$db" "$d/bench.gpkg" zones points
  pg_query "$w" "PostGIS query (GiST, psql)" "$db" "${w}_postgis" "$COUNT_SQL"
  [[ $LAST_STATUS == ok ]] && check "$w" "PostGIS query (GiST, psql)" "$("$PY" "$WORK/compare.py" exact "$ref" \
    zone_id points_count "$RES/${w}_postgis.csv" zone_code count)"
  psql -X -q -d postgres -c "DROP DATABASE $db" >/dev/null   # free the disk and the cache

  if [[ $w != counts_10m || ${BENCH_10M_GEOPANDAS:-0} == 1 ]]; then
    run_timed "$w" "GeoPandas sjoin+groupby" "$TIMEOUT" "$PY" "$WORK/gp_count.py" "$d/bench.gpkg" "$RES/${w}_geopandas.csv"
    [[ $LAST_STATUS == ok ]] && check "$w" "GeoPandas sjoin+groupby" "$("$PY" "$WORK/compare.py" exact "$ref" \
      zone_id points_count "$RES/${w}_geopandas.csv" zone_code count)"
  fi
  return 0
}

# ---------------------------------------------------------------- coverage
AREA_SQL="SELECT z.zone_code, ST_Area(geography(ST_Transform(ST_Union(ST_CollectionExtract(ST_Intersection(a.geom, z.geom), 3)), 4326))) AS area_m2 FROM zones z JOIN areas a ON ST_Intersects(a.geom, z.geom) GROUP BY z.zone_code ORDER BY z.zone_code"
LENGTH_SQL="SELECT z.zone_code, ST_Length(geography(ST_Transform(ST_Union(ST_CollectionExtract(ST_Intersection(c.geom, z.geom), 2)), 4326))) AS length_m FROM zones z JOIN corridors c ON ST_Intersects(c.geom, z.geom) GROUP BY z.zone_code ORDER BY z.zone_code"
ROAD_SQL="WITH r AS (SELECT z.zone_code, ST_Union(ST_CollectionExtract(ST_Intersection(r.geom, z.geom), 2)) AS g FROM zones z JOIN roads r ON ST_Intersects(r.geom, z.geom) GROUP BY z.zone_code), c AS (SELECT z.zone_code, ST_Buffer(ST_Union(c.geom), 15) AS b FROM zones z JOIN corridors c ON ST_DWithin(c.geom, z.geom, 15) GROUP BY z.zone_code) SELECT r.zone_code, 100 * COALESCE(ST_Length(geography(ST_Transform(ST_CollectionExtract(ST_Intersection(r.g, c.b), 2), 4326))), 0) / NULLIF(ST_Length(geography(ST_Transform(r.g, 4326))), 0) AS road_pct FROM r LEFT JOIN c USING (zone_code) ORDER BY r.zone_code"

coverage_workload() { # DIR
  local d=$1 w=coverage db=ub_coverage
  local ref=$RES/coverage_urbangis.csv
  run_timed cov_all "urbangis stats areas,corridors" "$TIMEOUT" \
    "$URBANGIS" stats "$d/bench.json" --by zones --layers areas,corridors --out "$RES/coverage_urbangis_@RUN@.csv"
  cp "$RES/coverage_urbangis_1.csv" "$ref"
  run_timed cov_areas "urbangis stats --layers areas" "$TIMEOUT" \
    "$URBANGIS" stats "$d/bench.json" --by zones --layers areas --out "$RES/coverage_urbangis_areas_@RUN@.csv"
  run_timed cov_lines "urbangis stats --layers corridors (no covers)" "$TIMEOUT" \
    "$URBANGIS" stats "$d/bench-nocover.json" --by zones --layers corridors --out "$RES/coverage_urbangis_lines_@RUN@.csv"
  run_timed cov_roads "urbangis stats --layers corridors (lengths + road share)" "$TIMEOUT" \
    "$URBANGIS" stats "$d/bench.json" --by zones --layers corridors --out "$RES/coverage_urbangis_roads_@RUN@.csv"

  # QGIS: Overlap analysis measures the union of the overlay features inside each zone directly.
  run_timed cov_areas "QGIS native:calculatevectoroverlaps" "$TIMEOUT" "$QGIS" run native:calculatevectoroverlaps \
    --ELLIPSOID=EPSG:7030 "--INPUT=$d/bench.gpkg|layername=zones" "--LAYERS=$d/bench.gpkg|layername=areas" \
    "--OUTPUT=$RES/cov_qgis_areas_@RUN@.gpkg"
  if [[ $LAST_STATUS == ok ]]; then
    rm -f "$RES/coverage_qgis_areas.csv"
    ogr2ogr -f CSV "$RES/coverage_qgis_areas.csv" "$RES/cov_qgis_areas_1.gpkg" \
      -sql "SELECT zone_code, bench_area FROM cov_qgis_areas_1"
    check cov_areas "QGIS native:calculatevectoroverlaps" "$("$PY" "$WORK/compare.py" rel "$ref" zone_id areas_area_m2 \
      "$RES/coverage_qgis_areas.csv" zone_code bench_area)"
  fi
  # No single QGIS algorithm measures lines with overlaps once: sumlinelengths counts them twice.
  # Three steps: dissolve the corridors (overlaps merged, one multi-line), split it into single
  # parts (else sumlinelengths intersects every zone with the whole network: 9 min instead of
  # seconds here), then sumlinelengths.
  local q=$RES/cov_qgis
  run_timed cov_lines "QGIS dissolve + singleparts + sumlinelengths" "$TIMEOUT" bash -c \
    "'$QGIS' run native:dissolve '--INPUT=$d/bench.gpkg|layername=corridors' --OUTPUT='${q}_dissolved_@RUN@.gpkg' && \
     '$QGIS' run native:multiparttosingleparts --INPUT='${q}_dissolved_@RUN@.gpkg' --OUTPUT='${q}_parts_@RUN@.gpkg' && \
     '$QGIS' run native:sumlinelengths --ELLIPSOID=EPSG:7030 '--POLYGONS=$d/bench.gpkg|layername=zones' \
       --LINES='${q}_parts_@RUN@.gpkg' --LEN_FIELD=len --COUNT_FIELD=cnt --OUTPUT='${q}_lines_@RUN@.gpkg'"
  if [[ $LAST_STATUS == ok ]]; then
    rm -f "$RES/coverage_qgis_lines.csv"
    ogr2ogr -f CSV "$RES/coverage_qgis_lines.csv" "${q}_lines_1.gpkg" -sql "SELECT zone_code, len FROM cov_qgis_lines_1"
    check cov_lines "QGIS dissolve + singleparts + sumlinelengths" "$("$PY" "$WORK/compare.py" rel "$ref" zone_id \
      corridors_length_m "$RES/coverage_qgis_lines.csv" zone_code len)"
  fi

  pg_db "$db"
  pg_load cov_load "$db" "$d/bench.gpkg" zones areas corridors roads
  pg_query cov_areas "PostGIS union of intersections" "$db" coverage_postgis_areas "$AREA_SQL"
  [[ $LAST_STATUS == ok ]] && check cov_areas "PostGIS union of intersections" "$("$PY" "$WORK/compare.py" rel "$ref" \
    zone_id areas_area_m2 "$RES/coverage_postgis_areas.csv" zone_code area_m2)"
  pg_query cov_lines "PostGIS union of intersections" "$db" coverage_postgis_lines "$LENGTH_SQL"
  [[ $LAST_STATUS == ok ]] && check cov_lines "PostGIS union of intersections" "$("$PY" "$WORK/compare.py" rel "$ref" \
    zone_id corridors_length_m "$RES/coverage_postgis_lines.csv" zone_code length_m)"
  pg_query cov_roads "PostGIS roads ∩ buffer(union of corridors)" "$db" coverage_postgis_roads "$ROAD_SQL"
  [[ $LAST_STATUS == ok ]] && check cov_roads "PostGIS roads ∩ buffer(union of corridors)" "$("$PY" "$WORK/compare.py" abs "$ref" \
    zone_id corridors_road_pct "$RES/coverage_postgis_roads.csv" zone_code road_pct)"
  psql -X -q -d postgres -c "DROP DATABASE $db" >/dev/null

  local mode col method
  for mode in areas lines roads; do
    case $mode in
      areas) col=areas_area_m2 ;; lines) col=corridors_length_m ;; roads) col=corridors_road_pct ;;
    esac
    method="GeoPandas overlay+dissolve"
    run_timed "cov_$mode" "$method" "$GP_COV_TIMEOUT" "$PY" "$WORK/gp_cover.py" "$mode" "$d/bench.gpkg" \
      "$RES/coverage_geopandas_$mode.csv"
    [[ $LAST_STATUS == ok ]] && check "cov_$mode" "$method" "$("$PY" "$WORK/compare.py" \
      "$([[ $mode == roads ]] && echo abs || echo rel)" "$ref" zone_id "$col" \
      "$RES/coverage_geopandas_$mode.csv" zone_code "$(head -1 "$RES/coverage_geopandas_$mode.csv" | cut -d, -f2)")"
  done
  return 0
}

# ---------------------------------------------------------------- run
pg_setup; PG_STARTED=1

if [[ ${BENCH_SKIP_COUNTS:-0} != 1 ]]; then
  generate "$OUT/d1m" --points "$POINTS" --zones "$ZONES"
  counts_workload counts_1m "$OUT/d1m"
  if [[ ${BENCH_10M:-0} == 1 ]]; then
    generate "$OUT/d10m" --points 10000000 --zones "$ZONES"
    counts_workload counts_10m "$OUT/d10m"
  fi
fi
if [[ ${BENCH_SKIP_COVERAGE:-0} != 1 ]]; then
  generate "$OUT/cov" --points 1000 --zones "$ZONES" --areas "$COV_AREAS" --corridors "$COV_CORRIDORS" --roads
  coverage_workload "$OUT/cov"
fi

# ---------------------------------------------------------------- summary
"$PY" - "$RAW" "$CHECKS" "$OUT/summary.tsv" <<'EOF'
import csv, statistics, sys
raw, checks, out = sys.argv[1:4]
rows = list(csv.DictReader(open(raw, encoding="utf-8"), delimiter="\t"))
check = {(r["workload"], r["method"]): (r["check"], r["detail"])
         for r in csv.DictReader(open(checks, encoding="utf-8"), delimiter="\t")}
groups = {}
for r in rows:
    groups.setdefault((r["workload"], r["method"]), []).append(r)

def med(values):
    values = [float(v) for v in values if v not in ("", None)]
    return statistics.median(values) if values else None

summary = []
for (w, m), rs in groups.items():
    ok = [r for r in rs if r["status"] == "ok"]
    status = "ok" if len(ok) == len(rs) else ",".join(sorted({r["status"] for r in rs if r["status"] != "ok"}))
    summary.append(dict(workload=w, method=m, runs=len(ok), status=status,
                        wall_s=med(r["wall_s"] for r in ok), rss_mb=med(r["max_rss_kb"] for r in ok),
                        server_ms=med(r["server_ms"] for r in ok), cpu_s=med(r["cpu_s"] for r in ok),
                        other_cpu_s=med(r["other_cpu_s"] for r in ok),
                        notes=";".join(sorted({r["idle_note"] for r in rs if r["idle_note"]}))))
for s in summary:
    if s["rss_mb"] is not None:
        s["rss_mb"] /= 1024
ref = {}
for s in summary:
    if s["method"].startswith("urbangis stats") and s["workload"] not in ref and s["wall_s"]:
        ref[s["workload"]] = s["wall_s"]   # the first urbangis row of a workload is its reference
with open(out, "w", encoding="utf-8") as f:
    cols = ["workload", "method", "runs", "status", "wall_s", "rss_mb", "server_ms", "cpu_s", "other_cpu_s",
            "x_urbangis", "check", "check_detail", "notes"]
    f.write("\t".join(cols) + "\n")
    for s in summary:
        base = ref.get(s["workload"])
        s["x_urbangis"] = f"{s['wall_s'] / base:.1f}" if base and s["wall_s"] else ""
        s["check"], s["check_detail"] = check.get((s["workload"], s["method"]), ("", ""))
        for k in ("wall_s", "rss_mb", "server_ms", "cpu_s", "other_cpu_s"):
            s[k] = "" if s[k] is None else f"{s[k]:.3f}" if k == "wall_s" else f"{s[k]:.2f}" if k.endswith("cpu_s") else f"{s[k]:.1f}"
        f.write("\t".join(str(s[c]) for c in cols) + "\n")
EOF
say "summary: $OUT/summary.tsv"
column -t -s $'\t' "$OUT/summary.tsv" >&2 || cat "$OUT/summary.tsv" >&2
