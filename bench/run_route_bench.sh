#!/usr/bin/env bash
# Side-by-side timing of UrbanGIS routing, networkx and pgRouting on the same 100,000-edge graph.
#
#   bash bench/run_route_bench.sh [OUT_DIR]          (default /tmp/urbangis-route-bench)
#
# The network is the bench grid (`urbangis-benchdata --long-roads --road-spacing 173`: whole
# streets of a 173 m grid over 38.6 km in EPSG:32650, 99,904 edges once noded). `urbangis route
# graph --no-cache --out edges.gpkg` exports our noded edges (from_node, to_node, ellipsoidal
# length_m, oneway); networkx and pgRouting are built from exactly these edges, so all three
# solve the same graph. BENCH_PAIRS (1,000) random node pairs are drawn with a fixed seed
# (BENCH_SEED) from the largest component and written to pairs.csv (node ids, lon/lat, x/y).
#
# Timed (medians of BENCH_REPS runs, default 3; each run waits for an idle machine first):
#   - ours, library: build-bench/bench/urbangis_bench_route (Google Benchmark) BuildGraph100kEdges
#     and Routes1000On100kEdges (ms_per_route counter). Its grid is built in memory, with the same
#     geometry but 3 % one-way streets and its own 1,000 random places snapped onto edges.
#   - ours, CLI: `urbangis route graph --no-cache` end to end (GDAL read, noding, measuring), and
#     `urbangis route --from --to` per call with the graph cache (process start to CSV written) on
#     the first BENCH_CHECK_PAIRS pairs (one pass; these runs are also the correctness check).
#   - networkx (Debian python3-networkx, /usr/bin/python3): read edges.gpkg with fiona, build a
#     DiGraph (timed apart), then the pairs with nx.dijkstra_path_length and nx.astar_path_length.
#     A* heuristic: straight-line distance between EPSG:32650 coordinates × 0.999. Edge costs are
#     ellipsoidal lengths, and UTM distances here run up to ~0.02 % longer than the ellipsoid
#     (scale factor ≈ 1.0001–1.0002 this far from the central meridian): the raw distance could
#     overestimate; × 0.999 keeps the bound below every path (the script measures the largest
#     planar/ellipsoidal edge ratio and checks it is below 1/0.999).
#   - pgRouting 3.4 on PostgreSQL 15 + PostGIS 3.3 (own throwaway cluster: initdb in OUT_DIR,
#     pg_ctl on 127.0.0.1:BENCH_PGPORT, stopped at exit): load with ogr2ogr, make source/target/
#     cost/reverse_cost (reverse_cost = cost for two-way, -1 against one-way), then one PL/pgSQL
#     DO block calling pgr_dijkstra one-to-one per pair (each call reads the edges SQL and builds
#     its graph, as pgRouting always does), the same with pgr_aStar (heuristic 4 = Euclidean,
#     factor 0.999), and one pgr_dijkstraCost many-to-many call over all pairs.
# Checks: every tool's length per pair against networkx Dijkstra (relative 0.1 % at most; our CLI
# prints 2 decimals); the A* heuristic's admissibility.
#
# Needs (Debian 12): gdal-bin, python3-networkx, python3-fiona, python3-pyproj, postgresql-15,
# postgresql-15-postgis-3, postgresql-15-pgrouting (installed with apt-get when missing and run as
# root; without root pgRouting needs to be installed and the cluster runs as the current user).
# Binaries (copied at start): build-bench/src/cli/urbangis, build-bench/urbangis-benchdata,
# build-bench/bench/urbangis_bench_route (override with URBANGIS, BENCHDATA, GBENCH).
#
# Knobs: BENCH_REPS=3, BENCH_PAIRS=1000, BENCH_CHECK_PAIRS=50, BENCH_SEED=20250601,
# BENCH_SKIP_PG=1, BENCH_SKIP_ASTAR=1 (networkx and pgRouting A*), BENCH_PG_ASTAR_REPS=1 (pgr_aStar
# is slower than pgr_dijkstra here and adds ~2-4 min per run), BENCH_IDLE_LOAD=0.6,
# BENCH_MAX_WAIT=1800 (total seconds, over all runs, to wait for others' builds; then
# timing goes on regardless, noted),
# BENCH_PGPORT=5498, BENCH_TIMEOUT=1800 (per run).
#
# Outputs in OUT_DIR: summary.md (the markdown table), raw.tsv (every timed figure), checks.tsv,
# versions.txt (machine and tool versions), results/ (lengths per pair and tool, gbench.json),
# logs/, work/ (data, edges.gpkg, pairs.csv, helper scripts, the PostgreSQL cluster).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$(mkdir -p "${1:-/tmp/urbangis-route-bench}" && cd "${1:-/tmp/urbangis-route-bench}" && pwd)
URBANGIS=${URBANGIS:-$ROOT/build-bench/src/cli/urbangis}
BENCHDATA=${BENCHDATA:-$ROOT/build-bench/urbangis-benchdata}
GBENCH=${GBENCH:-$ROOT/build-bench/bench/urbangis_bench_route}
PY=/usr/bin/python3
REPS=${BENCH_REPS:-3}
NPAIRS=${BENCH_PAIRS:-1000}
CHECK_PAIRS=${BENCH_CHECK_PAIRS:-50}
SEED=${BENCH_SEED:-20250601}
IDLE_LOAD=${BENCH_IDLE_LOAD:-0.6}
MAX_WAIT=${BENCH_MAX_WAIT:-1800}
TIMEOUT=${BENCH_TIMEOUT:-1800}
PGPORT=${BENCH_PGPORT:-5498}
SKIP_PG=${BENCH_SKIP_PG:-0}
SKIP_ASTAR=${BENCH_SKIP_ASTAR:-0}
PG_ASTAR_REPS=${BENCH_PG_ASTAR_REPS:-1}

LOGS=$OUT/logs RES=$OUT/results WORK=$OUT/work
DATA=$WORK/data
mkdir -p "$LOGS" "$RES" "$WORK" "$DATA"
RAW=$OUT/raw.tsv CHECKS=$OUT/checks.tsv
printf 'tool\tmeasure\trun\tvalue\tunit\tload_before\tidle_note\n' >"$RAW"
printf 'tool\tcheck\tverdict\tdetail\n' >"$CHECKS"
export URBANGIS_CACHE_DIR=$WORK/cache   # never the user's cache

source "$ROOT/bench/lib.sh"

# ---------------------------------------------------------------- packages
need_pkgs=()
for p in gdal-bin python3-networkx python3-fiona python3-pyproj; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || need_pkgs+=("$p")
done
if [[ $SKIP_PG != 1 ]]; then
  for p in postgresql-15 postgresql-15-postgis-3 postgresql-15-pgrouting; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || need_pkgs+=("$p")
  done
fi
if ((${#need_pkgs[@]})); then
  [[ $(id -u) == 0 ]] || die "missing packages ${need_pkgs[*]} (apt-get install them as root)"
  say "installing ${need_pkgs[*]}"
  apt-get install -y --no-install-recommends "${need_pkgs[@]}" >"$LOGS/apt.log" 2>&1 ||
    { apt-get update >>"$LOGS/apt.log" 2>&1 &&
      apt-get install -y --no-install-recommends "${need_pkgs[@]}" >>"$LOGS/apt.log" 2>&1; } ||
    die "apt-get failed, see $LOGS/apt.log"
fi
for tool in "$URBANGIS" "$BENCHDATA" "$GBENCH" "$PY" ogr2ogr ogrinfo; do
  command -v "$tool" >/dev/null || die "missing $tool (see the header of this script)"
done
"$PY" -c 'import networkx, fiona, pyproj' 2>/dev/null || die "networkx, fiona or pyproj missing for $PY"
PGBIN=/usr/lib/postgresql/15/bin

# ---------------------------------------------------------------- idle machine
# wait_idle, after_run, say, die: bench/lib.sh.

# record TOOL MEASURE RUN VALUE UNIT
record() {
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "${LOAD_BEFORE:-}" "$IDLE_NOTE" >>"$RAW"
  say "  $1 / $2 / run $3: $4 $5"
}
check() { # TOOL CHECK "VERDICT<TAB>DETAIL"
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "${3%%$'\t'*}" "${3#*$'\t'}" >>"$CHECKS"
  say "check $1 / $2: ${3%%$'\t'*}, ${3#*$'\t'}"
}
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# ---------------------------------------------------------------- binaries and versions
if busy; then
  say "a build is running; waiting for it to end before copying the binaries (counts against the wait budget)"
  wait_for_others || true
fi
mkdir -p "$OUT/bin"
for var in URBANGIS BENCHDATA GBENCH; do
  cp -p "${!var}" "$OUT/bin/" && printf -v "$var" '%s' "$OUT/bin/$(basename "${!var}")"
done
{
  echo "date: $(date -Is)"
  echo "== cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "== nproc: $(nproc)"
  echo "== free -g"; free -g
  echo "== debian: $(cat /etc/debian_version), kernel $(uname -r)"
  echo "== gdal: $(gdalinfo --version)"
  echo "== python: $("$PY" -c 'import sys, networkx, fiona, pyproj; print(sys.version.split()[0], "networkx", networkx.__version__, "fiona", fiona.__version__, "pyproj", pyproj.__version__)')"
  echo "== packages: $(dpkg-query -W -f='${Package} ${Version}; ' python3-networkx postgresql-15 postgresql-15-postgis-3 postgresql-15-pgrouting 2>/dev/null)"
  echo "== urbangis: source $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' with uncommitted changes:' $(git -C "$ROOT" status --short | tr '\n' ' '))"
  echo "   binaries timed (copied at start):"
  for f in "$URBANGIS" "$BENCHDATA" "$GBENCH"; do
    echo "   $(sha256sum "$f" | cut -c1-16)  $(stat -c '%y' "$f" | cut -d. -f1)  $f"
  done
  echo "   build-bench: $(grep -m1 '^CMAKE_BUILD_TYPE' "$ROOT/build-bench/CMakeCache.txt" 2>/dev/null)"
} >"$OUT/versions.txt" 2>&1

# ---------------------------------------------------------------- helpers written to WORK
cat >"$WORK/prep.py" <<'EOF'
"""prep.py EDGES.gpkg PAIRS.csv N SEED: N random node pairs (distinct, largest component) with
their ids, lon/lat (WGS84) and x/y (layer CRS); checks that node ids have one position and the
A* bound: prints the largest ratio planar length / length_m over all edges."""
import csv, math, random, sys
import fiona
from pyproj import Transformer
gpkg, out, n, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
xy, comp, worst, conflicts, edges = {}, {}, 0.0, 0, 0
with fiona.open(gpkg, layer="edges") as src:
    crs = src.crs_wkt
    for f in src:
        p, c = f["properties"], f["geometry"]["coordinates"]
        edges += 1
        for node, pt in ((p["from_node"], c[0]), (p["to_node"], c[-1])):
            if node in xy and math.dist(xy[node], pt[:2]) > 1e-6:
                conflicts += 1
            xy.setdefault(node, tuple(pt[:2]))
            comp[node] = p["component"]
        planar = sum(math.dist(a[:2], b[:2]) for a, b in zip(c, c[1:]))
        if p["length_m"] > 0:
            worst = max(worst, planar / p["length_m"])
nodes = sorted(v for v in xy if comp[v] == 1)
rng = random.Random(seed)
to_ll = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
with open(out, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["pair", "from_node", "to_node", "from_lon", "from_lat", "to_lon", "to_lat",
                "from_x", "from_y", "to_x", "to_y"])
    for i in range(n):
        a, b = rng.sample(nodes, 2)
        (ax, ay), (bx, by) = xy[a], xy[b]
        alon, alat = to_ll.transform(ax, ay)
        blon, blat = to_ll.transform(bx, by)
        w.writerow([i, a, b, f"{alon:.9f}", f"{alat:.9f}", f"{blon:.9f}", f"{blat:.9f}",
                    f"{ax:.3f}", f"{ay:.3f}", f"{bx:.3f}", f"{by:.3f}"])
print(f"edges {edges} nodes {len(xy)} component1 {len(nodes)} position_conflicts {conflicts} "
      f"max_planar_over_length {worst:.7f}")
EOF

cat >"$WORK/nx_bench.py" <<'EOF'
"""nx_bench.py EDGES.gpkg PAIRS.csv OUT.json LENGTHS.csv ASTAR(0/1)
Read edges with fiona (timed), build a networkx DiGraph (timed; two-way edges both ways, one-way
only as allowed), then time dijkstra_path_length and astar_path_length over all pairs."""
import csv, json, math, sys, time
import fiona, networkx as nx
gpkg, pairs_csv, out_json, out_csv, do_astar = sys.argv[1:6]
t0 = time.perf_counter()
rows, xy = [], {}
with fiona.open(gpkg, layer="edges") as src:
    for f in src:
        p, c = f["properties"], f["geometry"]["coordinates"]
        rows.append((p["from_node"], p["to_node"], p["length_m"], p["oneway"]))
        xy[p["from_node"]] = c[0][:2]
        xy[p["to_node"]] = c[-1][:2]
t1 = time.perf_counter()
G = nx.DiGraph()
def add(u, v, w):
    d = G.get_edge_data(u, v)
    if d is None or w < d["length"]:   # parallel edges: keep the shorter
        G.add_edge(u, v, length=w)
for u, v, w, oneway in rows:
    if oneway != -1:
        add(u, v, w)
    if oneway != 1:
        add(v, u, w)
t2 = time.perf_counter()
pairs = [(int(r["pair"]), int(r["from_node"]), int(r["to_node"]))
         for r in csv.DictReader(open(pairs_csv, newline=""))]
dij = {}
t3 = time.perf_counter()
for i, a, b in pairs:
    try:
        dij[i] = nx.dijkstra_path_length(G, a, b, weight="length")
    except nx.NetworkXNoPath:
        dij[i] = None
t4 = time.perf_counter()
def h(u, v):   # straight line in EPSG:32650 × 0.999: below every ellipsoidal path (see header)
    (x1, y1), (x2, y2) = xy[u], xy[v]
    return 0.999 * math.hypot(x1 - x2, y1 - y2)
ast = {}
t5 = time.perf_counter()
if do_astar == "1":
    for i, a, b in pairs:
        try:
            ast[i] = nx.astar_path_length(G, a, b, heuristic=h, weight="length")
        except nx.NetworkXNoPath:
            ast[i] = None
t6 = time.perf_counter()
res = dict(read_s=t1 - t0, build_s=t2 - t1, nodes=G.number_of_nodes(), arcs=G.number_of_edges(),
           pairs=len(pairs), dijkstra_ms_per_route=(t4 - t3) * 1000 / len(pairs),
           astar_ms_per_route=(t6 - t5) * 1000 / len(pairs) if ast else None)
json.dump(res, open(out_json, "w"), indent=1)
with open(out_csv, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["pair", "nx_dijkstra", "nx_astar"])
    for i, _, _ in pairs:
        w.writerow([i, dij[i], ast.get(i)])
print(json.dumps(res))
EOF

cat >"$WORK/compare.py" <<'EOF'
"""compare.py REF.csv REF_COL OTHER.csv OTHER_COL [LIMIT]: per pair relative difference of lengths.
Prints verdict<TAB>detail."""
import csv, sys
ref, rc, oth, oc = sys.argv[1:5]
limit = float(sys.argv[5]) if len(sys.argv) > 5 else 1e-3
def load(path, col):
    out = {}
    for r in csv.DictReader(open(path, newline="", encoding="utf-8")):
        v = r.get(col)
        out[int(r["pair"])] = float(v) if v not in ("", None, "None") else None
    return out
a, b = load(ref, rc), load(oth, oc)
keys = sorted(b)
missing = [k for k in keys if a.get(k) is None or b[k] is None]
worst, wk = 0.0, None
for k in keys:
    if k in missing:
        continue
    d = abs(a[k] - b[k]) / max(abs(a[k]), 1e-9)
    if d > worst:
        worst, wk = d, k
n = len(keys) - len(missing)
ok = worst <= limit and not missing and n > 0
print(("agree" if ok else "DIFFER") + f"\t{n} pairs compared, largest relative difference {worst:.2e}"
      + (f" (pair {wk}: {a[wk]:.3f} vs {b[wk]:.3f})" if wk is not None else "")
      + (f"; {len(missing)} without a length" if missing else "") + f"; limit {limit:g}")
EOF

cat >"$WORK/gbench_fields.py" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
runs = {}
for b in d["benchmarks"]:
    if b.get("run_type") != "iteration":
        continue
    name = b["run_name"] if "run_name" in b else b["name"].split("/")[0]
    name = name.split("/")[0]
    k = runs.setdefault(name, 0) + 1
    runs[name] = k
    scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[b["time_unit"]]
    if name == "BuildGraph100kEdges":
        print(f"graph build (in memory)\t{k}\t{b['real_time'] * scale / 1000:.4f}\ts")
    elif name == "Routes1000On100kEdges":
        # real_time: ms per iteration of 1,000 routes. The ms_per_route counter is a kIsRate|kInvert
        # counter: Google Benchmark stores it in seconds per route, from CPU time.
        print(f"route (A*, own 1,000 random places)\t{k}\t{b['real_time'] * scale / 1000:.4f}\tms")
        print(f"ms_per_route counter (CPU)\t{k}\t{b['ms_per_route'] * 1000:.4f}\tms")
        print(f"nodes settled per route\t{k}\t{b['nodes_settled_per_route']:.0f}\tnodes")
EOF

cat >"$WORK/nx_fields.py" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
print(f"read edges.gpkg (fiona)\t{d['read_s']:.3f}\ts")
print(f"graph build (DiGraph)\t{d['build_s']:.3f}\ts")
print(f"dijkstra_path_length\t{d['dijkstra_ms_per_route']:.3f}\tms")
if d["astar_ms_per_route"] is not None:
    print(f"astar_path_length\t{d['astar_ms_per_route']:.3f}\tms")
EOF

# ---------------------------------------------------------------- data
say "generating the bench grid in $DATA"
"$BENCHDATA" --out "$DATA" --points 1000 --zones 10 --long-roads --road-spacing 173 >"$LOGS/benchdata.log" 2>&1
"$URBANGIS" route graph "$DATA/bench.json" --no-cache --out "$WORK/edges.gpkg" >"$LOGS/export_edges.log" 2>&1 ||
  die "route graph failed, see $LOGS/export_edges.log"
GRAPH_REPORT=$(grep -m1 'roads:' "$LOGS/export_edges.log" | sed 's/^urbangis: //')
say "$GRAPH_REPORT"
echo "== graph: $GRAPH_REPORT" >>"$OUT/versions.txt"
PREP=$("$PY" "$WORK/prep.py" "$WORK/edges.gpkg" "$WORK/pairs.csv" "$NPAIRS" "$SEED")
say "pairs: $PREP"
echo "== pairs: seed $SEED; $PREP" >>"$OUT/versions.txt"
ratio=$(sed -n 's/.*max_planar_over_length \([0-9.]*\).*/\1/p' <<<"$PREP")
conflicts=$(sed -n 's/.*position_conflicts \([0-9]*\).*/\1/p' <<<"$PREP")
if awk -v r="$ratio" 'BEGIN { exit !(r * 0.999 <= 1) }'; then
  check "A* heuristic" "admissible" "agree"$'\t'"largest planar/ellipsoidal edge ratio $ratio; × 0.999 = $(awk -v r="$ratio" 'BEGIN { printf "%.6f", r * 0.999 }') ≤ 1"
else
  check "A* heuristic" "admissible" "DIFFER"$'\t'"largest planar/ellipsoidal edge ratio $ratio: × 0.999 > 1, A* may not be exact"
fi
[[ $conflicts == 0 ]] || check "edges.gpkg" "node positions" "DIFFER"$'\t'"$conflicts endpoints disagree with their node's position"

# ---------------------------------------------------------------- ours: Google Benchmark
wait_idle
say "ours: Google Benchmark (BuildGraph100kEdges, Routes1000On100kEdges; $REPS repetitions)"
"$GBENCH" --benchmark_filter='^(BuildGraph100kEdges|Routes1000On100kEdges)/' \
  --benchmark_repetitions="$REPS" --benchmark_out="$RES/gbench.json" --benchmark_out_format=json \
  >"$LOGS/gbench.log" 2>&1 || die "google benchmark failed, see $LOGS/gbench.log"
after_run
while IFS=$'\t' read -r measure run value unit; do
  record "urbangis (library, Google Benchmark)" "$measure" "$run" "$value" "$unit"
done < <("$PY" "$WORK/gbench_fields.py" "$RES/gbench.json")

# ---------------------------------------------------------------- ours: CLI
for ((r = 1; r <= REPS; r++)); do
  wait_idle
  t0=$EPOCHREALTIME
  /usr/bin/time -f '%e s wall, %M KB max RSS' -o "$LOGS/cli_graph_$r.time" \
    timeout "$TIMEOUT" "$URBANGIS" route graph "$DATA/bench.json" --no-cache >"$LOGS/cli_graph_$r.log" 2>&1 ||
    die "urbangis route graph failed, see $LOGS/cli_graph_$r.log"
  t1=$EPOCHREALTIME; after_run
  record "urbangis (CLI)" "route graph --no-cache (end to end)" "$r" "$(elapsed "$t0" "$t1")" s
  record "urbangis (CLI)" "route graph max RSS" "$r" "$(awk '{ print $(NF-3) / 1024 }' "$LOGS/cli_graph_$r.time")" MB
done

# Per-call routes on the first CHECK_PAIRS pairs, graph from the cache (filled by one warm-up call).
mapfile -t check_rows < <(tail -n +2 "$WORK/pairs.csv" | head -n "$CHECK_PAIRS")
IFS=, read -r _ _ _ alon alat blon blat _ <<<"${check_rows[0]}"
"$URBANGIS" route "$DATA/bench.json" --from "$alon,$alat" --to "$blon,$blat" --out "$WORK/warmup.csv" \
  >"$LOGS/cli_route_warmup.log" 2>&1 || die "urbangis route failed, see $LOGS/cli_route_warmup.log"
grep -q 'from the graph cache' "$LOGS/cli_route_warmup.log" ||
  "$URBANGIS" route "$DATA/bench.json" --from "$alon,$alat" --to "$blon,$blat" --out "$WORK/warmup.csv" \
    >"$LOGS/cli_route_warmup.log" 2>&1
wait_idle
say "ours: CLI route on $CHECK_PAIRS pairs (graph cache)"
mkdir -p "$WORK/cli_routes"
echo "pair,cli_length_m,wall_s" >"$RES/lengths_cli.csv"
total=0
for row in "${check_rows[@]}"; do
  IFS=, read -r pair _ _ alon alat blon blat _ <<<"$row"
  t0=$EPOCHREALTIME
  "$URBANGIS" route "$DATA/bench.json" --from "$alon,$alat" --to "$blon,$blat" --lang en \
    --out "$WORK/cli_routes/$pair.csv" >"$LOGS/cli_route_last.log" 2>&1 ||
    { cp "$LOGS/cli_route_last.log" "$LOGS/cli_route_$pair.failed.log"; echo "$pair,,"; continue; }
  t1=$EPOCHREALTIME
  len=$("$PY" -c 'import csv, sys; print(next(csv.DictReader(open(sys.argv[1], encoding="utf-8")))["length_m"])' \
    "$WORK/cli_routes/$pair.csv")
  echo "$pair,$len,$(elapsed "$t0" "$t1")"
done >>"$RES/lengths_cli.csv"
after_run
grep -q 'from the graph cache' "$LOGS/cli_route_last.log" || say "warning: the last CLI route did not use the graph cache"
record "urbangis (CLI)" "route per call (graph cache, end to end)" 1 \
  "$(awk -F, 'NR > 1 && $3 != "" { s += $3; n++ } END { printf "%.2f", n ? s * 1000 / n : 0 }' "$RES/lengths_cli.csv")" ms

# ---------------------------------------------------------------- networkx
for ((r = 1; r <= REPS; r++)); do
  wait_idle
  say "networkx run $r (read + build + $NPAIRS Dijkstra$([[ $SKIP_ASTAR == 1 ]] || echo ' + A*') queries)"
  timeout "$TIMEOUT" "$PY" "$WORK/nx_bench.py" "$WORK/edges.gpkg" "$WORK/pairs.csv" "$RES/networkx_$r.json" \
    "$RES/lengths_networkx_$r.csv" "$([[ $SKIP_ASTAR == 1 ]] && echo 0 || echo 1)" >"$LOGS/networkx_$r.log" 2>&1 ||
    die "networkx failed, see $LOGS/networkx_$r.log"
  after_run
  while IFS=$'\t' read -r measure value unit; do
    record "networkx" "$measure" "$r" "$value" "$unit"
  done < <("$PY" "$WORK/nx_fields.py" "$RES/networkx_$r.json")
done
cp "$RES/lengths_networkx_1.csv" "$RES/lengths_networkx.csv"

# ---------------------------------------------------------------- pgRouting
PG_PID=""
pg_stop() {
  if [[ -n $PG_PID ]]; then
    pg_as "$PGBIN/pg_ctl" -D "$WORK/pgdata" -m fast -w stop >/dev/null 2>&1 || true
    PG_PID=""
  fi
}
trap pg_stop EXIT
pg_as() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$WORK/pgsock" -p "$PGPORT" -U postgres)

if [[ $SKIP_PG != 1 ]]; then
  say "starting a PostgreSQL 15 cluster in $WORK/pgdata on 127.0.0.1:$PGPORT"
  rm -rf "$WORK/pgdata" "$WORK/pgsock"
  mkdir -p "$WORK/pgdata" "$WORK/pgsock"
  if [[ $(id -u) == 0 ]]; then chown postgres: "$WORK/pgdata" "$WORK/pgsock"; chmod 755 "$WORK"; fi
  pg_as "$PGBIN/initdb" -D "$WORK/pgdata" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$LOGS/initdb.log" 2>&1 ||
    die "initdb failed, see $LOGS/initdb.log"
  pg_as "$PGBIN/pg_ctl" -D "$WORK/pgdata" -l "$WORK/pgsock/server.log" -w \
    -o "-p $PGPORT -k $WORK/pgsock -c listen_addresses=127.0.0.1" start >"$LOGS/pg_ctl.log" 2>&1 ||
    die "pg_ctl start failed, see $LOGS/pg_ctl.log and $WORK/pgsock/server.log"
  PG_PID=$(head -1 "$WORK/pgdata/postmaster.pid")
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE route" >/dev/null
  "${PSQL[@]}" -d route -c "CREATE EXTENSION postgis" -c "CREATE EXTENSION pgrouting" >/dev/null
  {
    echo "== postgresql: $("${PSQL[@]}" -At -d route -c 'SELECT version()')"
    echo "   postgis: $("${PSQL[@]}" -At -d route -c 'SELECT postgis_lib_version()'), pgrouting: $("${PSQL[@]}" -At -d route -c 'SELECT pgr_version()')"
    echo "   settings: $("${PSQL[@]}" -At -d route -c "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ') FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'jit')")"
  } >>"$OUT/versions.txt"
  PGVER=$("${PSQL[@]}" -At -d route -c 'SELECT pgr_version()')

  # Load: ogr2ogr, then the pgRouting edge table (net) and the pairs; timed together as "load".
  cat >"$WORK/pg_prep.sql" <<EOF
DROP TABLE IF EXISTS net, pairs, res_dijkstra, res_astar, res_m2m;
CREATE TABLE net AS
  SELECT edge::bigint AS id, from_node::bigint AS source, to_node::bigint AS target,
         CASE WHEN oneway = -1 THEN -1 ELSE length_m END AS cost,
         CASE WHEN oneway = 1 THEN -1 ELSE length_m END AS reverse_cost,
         ST_X(ST_StartPoint(geom)) AS x1, ST_Y(ST_StartPoint(geom)) AS y1,
         ST_X(ST_EndPoint(geom)) AS x2, ST_Y(ST_EndPoint(geom)) AS y2, geom
  FROM edges;
ALTER TABLE net ADD PRIMARY KEY (id);
CREATE INDEX ON net (source);
CREATE INDEX ON net (target);
VACUUM ANALYZE net;
CREATE TABLE pairs (pair int PRIMARY KEY, source bigint, target bigint, from_lon float8, from_lat float8,
                    to_lon float8, to_lat float8, from_x float8, from_y float8, to_x float8, to_y float8);
\copy pairs FROM '$WORK/pairs.csv' WITH (FORMAT csv, HEADER true)
ANALYZE pairs;
CREATE TABLE res_dijkstra (pair int PRIMARY KEY, length_m float8);
CREATE TABLE res_astar (pair int PRIMARY KEY, length_m float8);
EOF
  for ((r = 1; r <= REPS; r++)); do
    wait_idle
    t0=$EPOCHREALTIME
    ogr2ogr -f PostgreSQL "PG:dbname=route host=$WORK/pgsock port=$PGPORT user=postgres" "$WORK/edges.gpkg" edges \
      -overwrite -lco GEOMETRY_NAME=geom -lco FID=fid -lco SPATIAL_INDEX=NONE >"$LOGS/pg_load_$r.log" 2>&1 ||
      die "ogr2ogr failed, see $LOGS/pg_load_$r.log"
    t1=$EPOCHREALTIME
    "${PSQL[@]}" -d route -f "$WORK/pg_prep.sql" >>"$LOGS/pg_load_$r.log" 2>&1 || die "pg_prep.sql failed, see $LOGS/pg_load_$r.log"
    t2=$EPOCHREALTIME; after_run
    record "pgRouting" "load (ogr2ogr)" "$r" "$(elapsed "$t0" "$t1")" s
    record "pgRouting" "load + edge table (ogr2ogr, source/target/cost, indexes)" "$r" "$(elapsed "$t0" "$t2")" s
  done

  EDGES_SQL="SELECT id, source, target, cost, reverse_cost FROM net"
  XY_SQL="SELECT id, source, target, cost, reverse_cost, x1, y1, x2, y2 FROM net"
  # One DO block, one call per pair; the path's length is the sum of its edge costs.
  cat >"$WORK/pg_dijkstra.sql" <<EOF
TRUNCATE res_dijkstra;
\\timing on
DO \$\$
DECLARE p record; len float8;
BEGIN
  FOR p IN SELECT pair, source, target FROM pairs ORDER BY pair LOOP
    SELECT sum(cost) INTO len FROM pgr_dijkstra('$EDGES_SQL', p.source, p.target, directed => true);
    INSERT INTO res_dijkstra VALUES (p.pair, len);
  END LOOP;
END \$\$;
EOF
  cat >"$WORK/pg_astar.sql" <<EOF
TRUNCATE res_astar;
\\timing on
DO \$\$
DECLARE p record; len float8;
BEGIN
  FOR p IN SELECT pair, source, target FROM pairs ORDER BY pair LOOP
    SELECT sum(cost) INTO len FROM pgr_aStar('$XY_SQL', p.source, p.target, directed => true,
                                             heuristic => 4, factor => 0.999);
    INSERT INTO res_astar VALUES (p.pair, len);
  END LOOP;
END \$\$;
EOF
  cat >"$WORK/pg_m2m.sql" <<EOF
DROP TABLE IF EXISTS res_m2m;
\\timing on
CREATE TABLE res_m2m AS
  SELECT start_vid, end_vid, agg_cost
  FROM pgr_dijkstraCost('$EDGES_SQL', 'SELECT source, target FROM pairs', directed => true);
EOF
  pg_timed() { # MEASURE FILE RUN: server round trip of the timed statement (psql \timing)
    wait_idle
    "${PSQL[@]}" -d route -f "$2" >"$LOGS/pg_$(basename "$2" .sql)_$3.log" 2>&1 ||
      die "$2 failed, see $LOGS/pg_$(basename "$2" .sql)_$3.log"
    after_run
    local ms; ms=$(awk '/^Time: [0-9.]+ ms/ { t += $2 } END { printf "%.1f", t }' "$LOGS/pg_$(basename "$2" .sql)_$3.log")
    record "pgRouting" "$1" "$3" "$(awk -v t="$ms" -v n="$NPAIRS" 'BEGIN { printf "%.3f", t / n }')" ms
  }
  for ((r = 1; r <= REPS; r++)); do
    say "pgRouting run $r"
    pg_timed "pgr_dijkstra one-to-one" "$WORK/pg_dijkstra.sql" "$r"
    [[ $SKIP_ASTAR == 1 ]] || ((r > PG_ASTAR_REPS)) || pg_timed "pgr_aStar one-to-one" "$WORK/pg_astar.sql" "$r"
    pg_timed "pgr_dijkstraCost many-to-many (one call)" "$WORK/pg_m2m.sql" "$r"
  done
  "${PSQL[@]}" -d route -c "\\copy (SELECT p.pair, d.length_m AS pg_dijkstra, a.length_m AS pg_astar, m.agg_cost AS pg_m2m
      FROM pairs p LEFT JOIN res_dijkstra d USING (pair) LEFT JOIN res_astar a USING (pair)
      LEFT JOIN res_m2m m ON m.start_vid = p.source AND m.end_vid = p.target ORDER BY p.pair)
      TO '$RES/lengths_pgrouting.csv' WITH (FORMAT csv, HEADER true)"
  pg_stop
fi

# ---------------------------------------------------------------- checks
NXREF=$RES/lengths_networkx.csv
[[ $SKIP_ASTAR == 1 ]] || check "networkx" "astar_path_length vs dijkstra_path_length" \
  "$("$PY" "$WORK/compare.py" "$NXREF" nx_dijkstra "$NXREF" nx_astar 1e-9)"
check "urbangis (CLI)" "route length_m vs networkx Dijkstra" \
  "$("$PY" "$WORK/compare.py" "$NXREF" nx_dijkstra "$RES/lengths_cli.csv" cli_length_m 1e-3)"
if [[ $SKIP_PG != 1 ]]; then
  check "pgRouting" "pgr_dijkstra vs networkx Dijkstra" \
    "$("$PY" "$WORK/compare.py" "$NXREF" nx_dijkstra "$RES/lengths_pgrouting.csv" pg_dijkstra 1e-6)"
  [[ $SKIP_ASTAR == 1 ]] || check "pgRouting" "pgr_aStar vs networkx Dijkstra" \
    "$("$PY" "$WORK/compare.py" "$NXREF" nx_dijkstra "$RES/lengths_pgrouting.csv" pg_astar 1e-6)"
  check "pgRouting" "pgr_dijkstraCost vs networkx Dijkstra" \
    "$("$PY" "$WORK/compare.py" "$NXREF" nx_dijkstra "$RES/lengths_pgrouting.csv" pg_m2m 1e-6)"
fi

# ---------------------------------------------------------------- summary
"$PY" - "$RAW" "$CHECKS" "$OUT/versions.txt" "$OUT/summary.md" "$NPAIRS" "$CHECK_PAIRS" "$REPS" "${PGVER:-}" "$RES/lengths_networkx.csv" <<'EOF'
import csv, re, statistics, sys
raw, checks, versions, out, npairs, ncheck, reps, pgver, nxlen = sys.argv[1:10]
rows = list(csv.DictReader(open(raw, encoding="utf-8"), delimiter="\t"))
chk = list(csv.DictReader(open(checks, encoding="utf-8"), delimiter="\t"))
ver = open(versions, encoding="utf-8").read()
def med(tool, measure):
    v = [float(r["value"]) for r in rows if r["tool"] == tool and r["measure"] == measure]
    return statistics.median(v) if v else None
def rng(tool, measure):
    v = [float(r["value"]) for r in rows if r["tool"] == tool and r["measure"] == measure]
    return (min(v), max(v), len(v)) if v else None
def fmt(x, unit, nd=None):
    if x is None:
        return "—"
    if nd is None:
        nd = 3 if x < 1 else 2 if x < 10 else 1
    return f"{x:,.{nd}f} {unit}"
def grab(pattern, default="?"):
    m = re.search(pattern, ver)
    return m.group(1).strip() if m else default
nx_ver = grab(r"networkx (\S+)")
py_ver = grab(r"== python: (\S+)")
cpu, ncpu = grab(r"== cpu: (.*)"), grab(r"== nproc: (\d+)")
mem = grab(r"Mem:\s+(\d+)")
commit = grab(r"== urbangis: source (\S+)")
pg = grab(r"PostgreSQL (\d+\.\d+)")
postgis = grab(r"postgis: ([0-9.]+)")
graph = grab(r"== graph: (?:roads: )?(.*)")
lens = [float(r["nx_dijkstra"]) for r in csv.DictReader(open(nxlen)) if r["nx_dijkstra"] not in ("", "None")]
mean_km = statistics.mean(lens) / 1000 if lens else 0
notes_idle = sorted({n for r in rows for n in r["idle_note"].split(";") if n})

G = "urbangis (library, Google Benchmark)"
C = "urbangis (CLI)"
t = []
t.append(("UrbanGIS A* (library)", f"{commit}, Release",
          fmt(med(G, "graph build (in memory)"), "s"),
          fmt(med(G, "route (A*, own 1,000 random places)"), "ms", 3),
          f"`urbangis_bench_route`: build = noding + measuring the grid in memory; routes between 1,000 "
          f"random places snapped onto edges (seed 11, not pairs.csv), same grid geometry with 3 % one-way "
          f"streets; wall time (the `ms_per_route` counter, from CPU time: {fmt(med(G, 'ms_per_route counter (CPU)'), 'ms', 3)}); "
          f"{fmt(med(G, 'nodes settled per route'), 'nodes', 0)} settled per route"))
t.append(("UrbanGIS CLI `route`", f"{commit}, Release",
          fmt(med(C, "route graph --no-cache (end to end)"), "s"),
          fmt(med(C, "route per call (graph cache, end to end)"), "ms", 1),
          f"build = `route graph --no-cache` end to end (GDAL read of the GeoPackage, noding, measuring; "
          f"{fmt(med(C, 'route graph max RSS'), 'MB', 0)}); per route = one process per route on the first "
          f"{ncheck} pairs: start-up, graph from the cache, snapping, A*, CSV written"))
t.append(("networkx `dijkstra_path_length`", f"{nx_ver} (Python {py_ver})",
          fmt(med("networkx", "graph build (DiGraph)"), "s"),
          fmt(med("networkx", "dijkstra_path_length"), "ms", 1),
          f"build = DiGraph from the edge list (+ {fmt(med('networkx', 'read edges.gpkg (fiona)'), 's')} "
          f"reading edges.gpkg with fiona); one call per pair"))
if med("networkx", "astar_path_length") is not None:
    t.append(("networkx `astar_path_length`", f"{nx_ver}", "(same graph)",
              fmt(med("networkx", "astar_path_length"), "ms", 1),
              "heuristic: straight line in EPSG:32650 × 0.999 (admissible against ellipsoidal lengths)"))
if med("pgRouting", "pgr_dijkstra one-to-one") is not None:
    pgv = f"{pgver} (PostgreSQL {pg}, PostGIS {postgis})"
    load = fmt(med("pgRouting", "load + edge table (ogr2ogr, source/target/cost, indexes)"), "s")
    t.append(("pgRouting `pgr_dijkstra`", pgv, f"{load} load; graph rebuilt in every call",
              fmt(med("pgRouting", "pgr_dijkstra one-to-one"), "ms", 1),
              f"one call per pair in a PL/pgSQL DO block; each call runs the edges SQL and builds its Boost "
              f"graph; load = ogr2ogr ({fmt(med('pgRouting', 'load (ogr2ogr)'), 's')}) + edge table with "
              f"source/target/cost/reverse_cost and indexes"))
    if med("pgRouting", "pgr_aStar one-to-one") is not None:
        n_astar = rng("pgRouting", "pgr_aStar one-to-one")[2]
        t.append(("pgRouting `pgr_aStar`", pgver, "(same)", fmt(med("pgRouting", "pgr_aStar one-to-one"), "ms", 1),
                  "heuristic 4 (Euclidean) × factor 0.999 on EPSG:32650 x1/y1/x2/y2 (the edges SQL also reads "
                  f"the coordinates); one call per pair; {'median of ' + str(n_astar) + ' runs' if n_astar > 1 else 'one run'}"))
    t.append(("pgRouting `pgr_dijkstraCost`, all pairs in one call", pgver, "(one graph build)",
              fmt(med("pgRouting", "pgr_dijkstraCost many-to-many (one call)"), "ms", 1),
              f"call time / {npairs}; lengths only, no paths"))

L = []
L.append("## Routing\n")
L.append(f"Shortest routes on the same graph: the bench grid `urbangis-benchdata --long-roads --road-spacing 173` "
         f"(whole streets of a 173 m grid in EPSG:32650), noded by `urbangis route graph` into {graph.split(';')[0]}. "
         f"networkx and pgRouting are built from the exported edges (`route graph --out edges.gpkg`: from_node, "
         f"to_node, ellipsoidal length_m, oneway), so all three solve the identical graph. {npairs} random node pairs "
         f"(seeded; mean shortest path {mean_km:.1f} km). Median of {reps} runs; machine: {cpu}, {ncpu} cores, "
         f"{mem} GB. Times per route are means over the {npairs} pairs (CLI: {ncheck} pairs).\n")
L.append("| tool | version | graph build | ms per route (mean) | notes |")
L.append("|---|---|---|---|---|")
for row in t:
    L.append("| " + " | ".join(row) + " |")
L.append("")
L.append("Checks (lengths per pair; networkx `dijkstra_path_length` as the reference):\n")
for c in chk:
    L.append(f"- {c['tool']}, {c['check']}: **{c['verdict']}** ({c['detail']})")
if notes_idle:
    L.append(f"\nIdle-machine notes: {', '.join(notes_idle)}")
L.append("\nReproduce: `bash bench/run_route_bench.sh` (as root on Debian 12; installs PostgreSQL 15, "
         "PostGIS and pgRouting when missing). Raw figures: raw.tsv; versions: versions.txt.")
open(out, "w", encoding="utf-8").write("\n".join(L) + "\n")
print("\n".join(L))
EOF
say "summary: $OUT/summary.md"
