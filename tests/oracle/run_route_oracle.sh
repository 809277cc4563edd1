#!/bin/bash
# Shortest routes of `urbangis route` against networkx (route_oracle.py): bench road grids noded
# independently with shapely, edges weighed with pyproj's Geod, ~36 seeded pairs within 0.1 %.
# Exit 77 (skipped) without python3-networkx (with fiona, shapely, pyproj), unless CI=true.
set -u
urbangis=$1
benchdata=$2
here=$(cd "$(dirname "$0")" && pwd)
if ! /usr/bin/python3 -c 'import networkx, fiona, shapely, pyproj, numpy' 2>/dev/null; then
  echo "python3-networkx (with fiona, shapely, pyproj) is not installed"
  [ "${CI:-}" = "true" ] && exit 1
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$here/route_oracle.py" "$urbangis" "$benchdata" "$tmp"
