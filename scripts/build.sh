#!/usr/bin/env bash
# Configures and builds UrbanGIS in build/ (CMake preset "default": RelWithDebInfo, Ninja).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset default >/dev/null
cmake --build --preset default
