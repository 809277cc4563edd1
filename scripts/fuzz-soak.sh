#!/usr/bin/env bash
# The fuzz soak (outside CI): every libFuzzer target for MINUTES each (default 10), two at a time,
# through scripts/fuzz.sh --per-target, so the build, the options and the summary are fuzz.sh's.
#   scripts/fuzz-soak.sh [MINUTES [TARGET…]]     e.g. scripts/fuzz-soak.sh 10 fuzz_where
# Six targets for 10 minutes take about 30 minutes on two cores. The summary (executions, speed,
# corpus size, result per target) is also kept in build-fuzz/soak-<UTC time>.txt for the notes.
# Exit code 1 when a target crashed, leaked or timed out (its input is in build-fuzz/artifacts/).
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}
shift $(( $# > 0 ? 1 : 0 ))
[[ "$minutes" =~ ^[0-9]+$ ]] && [ "$minutes" -ge 1 ] || { echo "fuzz-soak: MINUTES must be a whole number ≥ 1"; exit 2; }
mkdir -p build-fuzz
record=build-fuzz/soak-$(date -u +%Y%m%dT%H%M%SZ).txt
echo "fuzz-soak: ${minutes} min per target; summary in $record"
set +e
bash scripts/fuzz.sh --per-target $(( minutes * 60 )) "$@" 2>&1 | tee "$record"
status=${PIPESTATUS[0]}
set -e
exit "$status"
