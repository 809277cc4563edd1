# Shared by the bench/run_*_bench.sh scripts (sourced, not run): messages, and waiting for an idle
# machine before each timed process.
#
# Heavy work by others (builds, test runs, valgrind, package installs, matched by exact process
# name; names are cut to 15 characters by the kernel) distorts every figure on a 2-core machine.
# wait_idle waits until none runs and the 1-minute load is below IDLE_LOAD (giving up on the load,
# for good, after 5 minutes; waiting for others' work stops once MAX_WAIT seconds have been spent
# on it in total, over all runs). What happened is left in IDLE_NOTE (empty when the machine was
# idle) and the load before the run in LOAD_BEFORE, for the scripts' raw.tsv.
#
# Knobs (set before sourcing): IDLE_LOAD (0.6), MAX_WAIT (1800), BENCH_BUILD_PROCS.

say() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { say "error: $*"; exit 1; }

IDLE_LOAD=${IDLE_LOAD:-0.6}
MAX_WAIT=${MAX_WAIT:-1800}
BUILD_PROCS=${BENCH_BUILD_PROCS:-'ninja|make|cc1|cc1plus|collect2|ld|as|ctest|apt-get|dpkg|valgrind|memcheck-amd64-|Xvfb|urbangis_tests|urbangis_render_|urbangis_viewer_'}
# Stopped processes (state T) load nothing and do not count.
busy() { pgrep -r D,R,S -x "$BUILD_PROCS" 2>/dev/null >/dev/null; }
IDLE_NOTE=""
LOAD_GAVE_UP=0   # once the load stayed high for 5 minutes, later runs do not wait for it again
WAITED=0         # seconds spent waiting for others' work so far (all runs together)

# Waits while others' work runs, within what is left of the MAX_WAIT budget; 0 when they ended.
wait_for_others() {
  local t0=$SECONDS
  while busy && (( WAITED + SECONDS - t0 < MAX_WAIT )); do sleep 5; done
  WAITED=$((WAITED + SECONDS - t0))
  ! busy
}

wait_idle() {
  IDLE_NOTE=""
  local start load
  while :; do
    if busy; then
      if (( WAITED >= MAX_WAIT )); then
        IDLE_NOTE+="others-busy(wait-budget-spent);"
        break
      fi
      say "a build or test run is going on; waiting for it to end (wait budget left $((MAX_WAIT - WAITED)) s)"
      if ! wait_for_others; then
        IDLE_NOTE+="others-busy(wait-budget-spent);"
        say "others still busy; the ${MAX_WAIT} s wait budget is spent: timing anyway (noted)"
        break
      fi
      IDLE_NOTE+="waited-for-build;"
    fi
    start=$SECONDS
    while ((!LOAD_GAVE_UP)); do
      read -r load _ </proc/loadavg
      awk -v l="$load" -v t="$IDLE_LOAD" 'BEGIN { exit !(l < t) }' && break
      if busy; then break; fi
      if (( SECONDS - start >= 300 )); then
        LOAD_GAVE_UP=1
        IDLE_NOTE+="load-${load}-after-300s;"
        say "load average still $load after 5 minutes; running anyway (noted)"
        break
      fi
      sleep 5
    done
    busy || break   # work that started while we waited for the load: wait again
  done
  LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
}

after_run() { busy && IDLE_NOTE+="busy-after-run;" || true; }
