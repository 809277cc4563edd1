#!/usr/bin/env bash
# `urbangis stats --engine postgis` beside the local engine on the same generated points
# (issue 9; docs/benchmarks.md, docs/postgis.md).
#
#   bash bench/run_postgis_bench.sh [OUT_DIR]          (default /tmp/urbangis-postgis-bench)
#
# Generates BENCH_POINTS points in BENCH_ZONES zones (build/urbangis-benchdata), starts a
# throwaway PostgreSQL + PostGIS cluster (scripts/pg-test-cluster.sh: loopback port, fsync off,
# deleted at the end), copies the points and zones into schema bench with `urbangis load`
# (timed once), then times, BENCH_REPS times each and alternating, `urbangis stats --by zones
# --layers points` on the GeoPackage (local engine) and on the tables (--engine postgis). Every
# PostGIS table is compared with the local one: counts exact, densities within 0.01 %.
#
# Knobs: BENCH_POINTS=10000000, BENCH_ZONES=2000, BENCH_REPS=3, BENCH_REUSE_DATA=1 (keep the
# generated GeoPackage if it exists), BENCH_TIMEOUT=3600 (per run); IDLE_LOAD and MAX_WAIT as in
# bench/lib.sh (wait_idle before each timed run; what it found is written to raw.tsv).
#
# Outputs in OUT_DIR: raw.tsv (every run), summary.tsv (medians), checks.tsv, versions.txt,
# logs/ (stdout+stderr and `time -v` of each run), results/ (each run's table).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$(mkdir -p "${1:-/tmp/urbangis-postgis-bench}" && cd "${1:-/tmp/urbangis-postgis-bench}" && pwd)
URBANGIS=${URBANGIS:-$ROOT/build/src/cli/urbangis}
BENCHDATA=${BENCHDATA:-$ROOT/build/urbangis-benchdata}
POINTS=${BENCH_POINTS:-10000000}
ZONES=${BENCH_ZONES:-2000}
REPS=${BENCH_REPS:-3}
TIMEOUT=${BENCH_TIMEOUT:-3600}
PY=/usr/bin/python3

source "$ROOT/bench/lib.sh"

for tool in "$URBANGIS" "$BENCHDATA" /usr/bin/time "$PY"; do
  command -v "$tool" >/dev/null || die "missing $tool (build the default preset first)"
done

LOGS=$OUT/logs RES=$OUT/results DATA=$OUT/data-$POINTS-$ZONES STATE=$OUT/pg
mkdir -p "$LOGS" "$RES"
RAW=$OUT/raw.tsv CHECKS=$OUT/checks.tsv
printf 'workload\tmethod\trun\tstatus\twall_s\tmax_rss_kb\tcpu_s\tother_cpu_s\tload_before\tidle_note\n' >"$RAW"
printf 'method\trun\tverdict\tdetail\n' >"$CHECKS"

busy_jiffies() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }

# timed WORKLOAD METHOD RUN CMD ARGS...: one run after wait_idle, a row in raw.tsv. Fails the
# script when the command fails (its log is printed).
timed() {
  local workload=$1 method=$2 r=$3; shift 3
  local tf=$LOGS/${workload}__${method}__$r.time log=$LOGS/${workload}__${method}__$r.log
  local t0 t1 j0 j1 rc=0 wall cpu other rss
  wait_idle
  say "$workload / $method / run $r (load $LOAD_BEFORE)"
  j0=$(busy_jiffies)
  t0=$EPOCHREALTIME
  /usr/bin/time -v -o "$tf" timeout "$TIMEOUT" "$@" >"$log" 2>&1 || rc=$?
  t1=$EPOCHREALTIME
  j1=$(busy_jiffies)
  after_run
  cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$tf")
  # CPU the rest of the machine used meanwhile (the PostgreSQL server's work counts here too).
  other=$(awk -v a="$j0" -v b="$j1" -v c="$cpu" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", (b - a) / hz - c }')
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tf")
  printf '%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$workload" "$method" "$r" "$([[ $rc == 0 ]] && echo ok || echo "failed($rc)")" \
    "$wall" "$rss" "$cpu" "$other" "$LOAD_BEFORE" "$IDLE_NOTE" >>"$RAW"
  if [[ $rc != 0 ]]; then
    tail -20 "$log" >&2
    die "$workload / $method failed (exit $rc), see $log"
  fi
  say "  -> ${wall} s, ${rss} kB, cpu ${cpu} s, others ${other} s"
}

# ---------------------------------------------------------------- data
if [[ ${BENCH_REUSE_DATA:-0} == 1 && -f $DATA/bench.json ]]; then
  say "reusing $DATA"
else
  rm -rf "$DATA"
  say "generating $POINTS points in $ZONES zones into $DATA"
  "$BENCHDATA" --out "$DATA" --points "$POINTS" --zones "$ZONES" >"$LOGS/benchdata.log" 2>&1 ||
    { cat "$LOGS/benchdata.log" >&2; die "urbangis-benchdata failed"; }
fi

# ---------------------------------------------------------------- cluster
bash "$ROOT/scripts/pg-test-cluster.sh" start "$STATE" >"$LOGS/cluster.log" 2>&1 ||
  { cat "$LOGS/cluster.log" >&2; die "the PostgreSQL test cluster does not start"; }
trap 'bash "$ROOT/scripts/pg-test-cluster.sh" stop "$STATE" >/dev/null 2>&1 || true' EXIT
eval "$(bash "$ROOT/scripts/pg-test-cluster.sh" env "$STATE")"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "urbangis: $(git -C "$ROOT" rev-parse --short HEAD)"
  echo "data: $POINTS points, $ZONES zones"
  grep -i -m1 -E 'postgres|version' "$LOGS/cluster.log" || true
  echo "server: fsync off, default shared_buffers/work_mem (throwaway cluster)"
} >"$OUT/versions.txt"

# ---------------------------------------------------------------- load (timed once)
timed load "urbangis load" 1 "$URBANGIS" load "$DATA/bench.json" "$URBANGIS_PG_TEST" --schema bench \
  --layers zones,points --catalog-out "$OUT/bench_pg.json"

# ---------------------------------------------------------------- stats, alternating
for ((r = 1; r <= REPS; r++)); do
  timed stats local "$r" "$URBANGIS" stats "$DATA/bench.json" --by zones --layers points --engine local \
    --out "$RES/local_$r.csv"
  timed stats postgis "$r" "$URBANGIS" stats "$OUT/bench_pg.json" --by zones --layers points --engine postgis \
    --out "$RES/postgis_$r.csv"
  # The same table: counts exact, densities within 0.01 %.
  verdict=$("$PY" - "$RES/local_$r.csv" "$RES/postgis_$r.csv" <<'EOF'
import csv, sys
a = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
b = list(csv.reader(open(sys.argv[2], encoding="utf-8")))
if a[0] != b[0] or len(a) != len(b):
    print(f"DIFFERENT\tcolumns or rows differ ({len(a)} vs {len(b)} rows)"); sys.exit()
worst, cells, total = 0.0, 0, 0
for ra, rb in zip(a[1:], b[1:]):
    for name, x, y in zip(a[0], ra, rb):
        cells += 1
        if name.endswith("_count") or ":" in name or name in ("zone_id", "zone_name"):
            if x != y:
                print(f"DIFFERENT\t{name} of zone {ra[0]}: {x} vs {y}"); sys.exit()
            if name.endswith("_count"): total += int(x or 0)
        elif x != y:
            fx, fy = float(x), float(y)
            worst = max(worst, abs(fx - fy) / max(abs(fx), 1e-300))
print(("SAME" if worst <= 1e-4 else "DIFFERENT") + f"\t{cells} cells, {total} points counted, worst relative difference {worst:.2e}")
EOF
)
  printf '%s\t%d\t%s\n' postgis "$r" "$verdict" >>"$CHECKS"
  say "check run $r: $verdict"
done

# ---------------------------------------------------------------- summary
"$PY" - "$RAW" >"$OUT/summary.tsv" <<'EOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print("workload\tmethod\truns\tmedian_wall_s\tmin_wall_s\tmax_wall_s\tmedian_cpu_s\tmedian_other_cpu_s\tmax_rss_kb\tloads_before\tidle_notes")
for key in dict.fromkeys((r["workload"], r["method"]) for r in rows):
    rs = [r for r in rows if (r["workload"], r["method"]) == key]
    wall = [float(r["wall_s"]) for r in rs]
    print("\t".join([*key, str(len(rs)), f"{statistics.median(wall):.2f}", f"{min(wall):.2f}", f"{max(wall):.2f}",
                     f"{statistics.median(float(r['cpu_s']) for r in rs):.2f}",
                     f"{statistics.median(float(r['other_cpu_s']) for r in rs):.2f}",
                     str(max(int(r["max_rss_kb"]) for r in rs)), ",".join(r["load_before"] for r in rs),
                     ",".join(r["idle_note"] or "-" for r in rs)]))
EOF
cat "$OUT/summary.tsv" >&2
if grep -q DIFFERENT "$CHECKS"; then die "the PostGIS table differs from the local one: $CHECKS"; fi
say "done: $OUT"
