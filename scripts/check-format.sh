#!/usr/bin/env bash
# Fails when a C++ file of src/, tests/ or bench/ is not as .clang-format lays it out. Pinned to
# clang-format-14 (Debian 12's): another version lays out some constructs differently. Fix with
#   git ls-files 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h' 'bench/*.cpp' | xargs clang-format-14 -i
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format-14 >/dev/null || { echo "format: clang-format-14 is missing (bash scripts/setup-debian.sh)"; exit 2; }
files=$(git ls-files 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h' 'bench/*.cpp' 'bench/*.h')
if ! clang-format-14 --dry-run --Werror $files 2>/tmp/urbangis-format.$$; then
  grep -E '^[^ ].*: error:' /tmp/urbangis-format.$$ | cut -d: -f1 | sort -u | sed 's/^/format: not formatted: /'
  rm -f /tmp/urbangis-format.$$
  exit 1
fi
rm -f /tmp/urbangis-format.$$
echo "format: $(echo "$files" | wc -l) files as .clang-format lays them out"
