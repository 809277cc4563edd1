#!/usr/bin/env bash
# Builds the libraries, the CLI and their tests with AddressSanitizer + UndefinedBehaviorSanitizer
# (CMake preset "asan", build-asan/; no viewer, no Qt-based test programs) and runs the tests
# under them. Any report fails the run: UBSan and ASan stop at the first one, LeakSanitizer at
# exit (third-party frames only are suppressed: tests/sanitizers/lsan.supp). docs/robustness.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
cmake --preset asan >/dev/null
# Builds never overlap on this machine: they all take this lock (two cores).
flock /tmp/urbangis-build.lock nice cmake --build --preset asan
ctest --preset asan "$@"
