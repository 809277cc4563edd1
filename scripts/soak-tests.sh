#!/usr/bin/env bash
# Flake hunt (docs/robustness.md, "No flaky test"): the whole CTest suite several times in a row,
# then the viewer tests many times in a row, each with the second core kept busy the whole time,
# so a test that depends on timing shows it. Not part of CI (it takes about an hour).
#
#   scripts/soak-tests.sh [SUITE_REPEATS [VIEWER_REPEATS]]   defaults 5 and 30
#
# Environment:
#   SOAK_LOAD=spin|build   what keeps the second core busy: a spinning process (default), or a
#                          clean parallel build of the project in build-soak/ again and again
#   SOAK_ONLY=viewer|suite run only the viewer part, or only the whole-suite part
# Needs a built tree (scripts/build.sh). Exit code 0 only when every repeat of every test passed;
# the summary names each failing test and how many runs it failed.
set -euo pipefail
cd "$(dirname "$0")/.."
suite_repeats=${1:-5}
viewer_repeats=${2:-30}
load=${SOAK_LOAD:-spin}
log_dir=build/soak
mkdir -p "$log_dir"
[ -x build/tests/urbangis_tests ] || { echo "soak: build first (bash scripts/build.sh)"; exit 1; }

start_load() {
  case "$load" in
    spin) (while :; do :; done) & ;;
    build)
      (while :; do
         rm -rf build-soak
         cmake -S . -B build-soak -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
         nice cmake --build build-soak -j 1 >/dev/null 2>&1 || true
       done) & ;;
    *) echo "soak: SOAK_LOAD is spin or build"; exit 2 ;;
  esac
  load_pid=$!
}
stop_load() {
  [ -n "${load_pid:-}" ] || return 0
  pkill -P "$load_pid" 2>/dev/null || true
  kill "$load_pid" 2>/dev/null || true
  wait "$load_pid" 2>/dev/null || true
  load_pid=
}
trap stop_load EXIT INT TERM

status=0
run() {  # NAME, then the ctest arguments
  local name=$1 started=$SECONDS
  shift
  echo "soak: $name: ctest $*"
  if ctest --test-dir build --output-on-failure "$@" >"$log_dir/$name.log" 2>&1; then
    echo "soak: $name: passed every repeat ($((SECONDS - started)) s)"
  else
    status=1
    echo "soak: $name: FAILED ($((SECONDS - started)) s); failures, from $log_dir/$name.log:"
    grep -E '^\s*[0-9]+ - |Failed|\*\*\*' "$log_dir/$name.log" | sort | uniq -c | sort -rn | head -20
  fi
  grep -E 'tests passed|tests failed' "$log_dir/$name.log" | tail -1
}

start_load
echo "soak: second core kept busy by '$load' (pid $load_pid)"
# until-fail stops a test at its first failure, so each failure is reported once per test.
[ "${SOAK_ONLY:-}" = viewer ] || run suite -j 2 --repeat "until-fail:$suite_repeats"
[ "${SOAK_ONLY:-}" = suite ] || run viewer -R '^viewer\.' --repeat "until-fail:$viewer_repeats"
exit $status
