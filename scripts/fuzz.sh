#!/usr/bin/env bash
# Builds the libFuzzer targets (CMake preset "fuzz": clang-16, ASan + UBSan) and runs each on its
# seed corpus (tests/fuzz/corpus/<target>/), two at a time on two cores:
#   scripts/fuzz.sh [SECONDS_TOTAL]                   all targets, sharing SECONDS_TOTAL wall-clock
#                                                     seconds (default 60)
#   scripts/fuzz.sh --per-target SECONDS [TARGET…]    each target (default: all) for SECONDS
#                                                     (scripts/fuzz-soak.sh runs the long soak so)
# New inputs go to build-fuzz/corpus/<target>/ (the committed seeds stay small), crashes to
# build-fuzz/artifacts/<target>/. Prints executions per target; exit code 1 when a target
# crashed, leaked or timed out. See docs/robustness.md.
set -euo pipefail
cd "$(dirname "$0")/.."
all_targets=(fuzz_catalog fuzz_style fuzz_csv_points fuzz_geojson fuzz_where fuzz_lonlat)
jobs=$(( $(nproc) < 2 ? 1 : 2 ))
if [ "${1:-}" = --per-target ]; then
  per=${2:?"--per-target needs a number of seconds"}
  shift 2
  targets=("$@")
  [ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
  for target in "${targets[@]}"; do
    [[ " ${all_targets[*]} " == *" $target "* ]] || { echo "fuzz: unknown target $target (${all_targets[*]})"; exit 2; }
  done
  total=$(( per * ${#targets[@]} / jobs ))
else
  total=${1:-60}
  targets=("${all_targets[@]}")
  per=$(( total * jobs / ${#targets[@]} ))
fi
[ "$per" -ge 1 ] || per=1

command -v clang++-16 >/dev/null || { echo "fuzz: clang++-16 missing; run scripts/setup-debian.sh"; exit 1; }
cmake --preset fuzz >/dev/null
# Builds never overlap on this machine (see docs/robustness.md): they all take this lock.
flock /tmp/urbangis-build.lock nice cmake --build --preset fuzz

out=build-fuzz/runs
rm -rf "$out"
mkdir -p "$out"
run_one() {
  local target=$1 per=$2 out=$3
  local corpus=build-fuzz/corpus/$target artifacts=build-fuzz/artifacts/$target
  mkdir -p "$corpus" "$artifacts"
  # ASan/UBSan abort on the first report; GDAL's own error messages are silenced in the targets.
  # Stack traces name our lines through llvm-symbolizer, or binutils' addr2line without it.
  local symbolizer
  symbolizer=$(command -v llvm-symbolizer-16 || command -v llvm-symbolizer || command -v addr2line || true)
  ASAN_SYMBOLIZER_PATH=$symbolizer \
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "build-fuzz/tests/fuzz/$target" -max_total_time="$per" -timeout=30 -rss_limit_mb=2560 \
      -print_final_stats=1 -artifact_prefix="$artifacts/" \
      "$corpus" "tests/fuzz/corpus/$target" > "$out/$target.log" 2>&1
  echo $? > "$out/$target.rc"
}
export -f run_one
echo "fuzz: ${#targets[@]} targets, ${per} s each, ${jobs} at a time (${total} s in total)"
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {} "$per" "$out"

failed=0
printf '%-18s %12s %10s %8s  %s\n' target executions exec/s corpus result
for target in "${targets[@]}"; do
  log=$out/$target.log rc=$(cat "$out/$target.rc")
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  corpus=$(ls "build-fuzz/corpus/$target" | wc -l)
  result=ok
  if [ "$rc" -ne 0 ]; then
    result="FAILED (exit $rc): $(ls -t "build-fuzz/artifacts/$target" | head -1)"
    failed=1
  fi
  printf '%-18s %12s %10s %8s  %s\n' "$target" "$execs" "$speed" "$corpus" "$result"
done
if [ "$failed" -ne 0 ]; then
  for target in "${targets[@]}"; do
    [ "$(cat "$out/$target.rc")" -eq 0 ] && continue
    echo "=== $target ($out/$target.log)"
    grep -v '^#\|^INFO\|^\s*$' "$out/$target.log" | tail -60
  done
  echo "fuzz: a target failed; reproduce with build-fuzz/tests/fuzz/TARGET ARTIFACT"
  exit 1
fi
echo "fuzz: no crash"
