#!/bin/bash
# Gi* z-scores of `urbangis hotspot gistar` against libpysal weights and the textbook formula
# (gistar_oracle.py): hexagons and zones, distance band and k nearest, with and without FDR.
# Exit 77 (skipped) without python3-libpysal, unless CI=true.
set -u
urbangis=$1
source_dir=$2
here=$(cd "$(dirname "$0")" && pwd)
export PYTHONWARNINGS=ignore  # libpysal warns it cannot reach its remote example data
if ! /usr/bin/python3 -c 'import libpysal, fiona, scipy' 2>/dev/null; then
  echo "python3-libpysal (with fiona, scipy) is not installed"
  [ "${CI:-}" = "true" ] && exit 1
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
catalog="$source_dir/layers/daye.json"
status=0
run() {
  local name=$1; shift
  local oracle_args=()
  for arg in "$@"; do
    case "$arg" in --fdr|--knn=*|--distance=*) oracle_args+=("${arg/=/ }");; esac
  done
  "$urbangis" hotspot gistar "$catalog" ${@//=/ } --out "$tmp/$name.gpkg" 2>/dev/null || { echo "FAIL: urbangis $name"; status=1; return; }
  echo -n "$name: "
  # shellcheck disable=SC2068
  /usr/bin/python3 "$here/gistar_oracle.py" "$tmp/$name.gpkg" ${oracle_args[@]} || status=1
}
run hex_default --layer=gas_hazards --hex=500
run hex_fdr --layer=gas_hazards --hex=400 --fdr
# k = 8 on hexagons: the ring of six, then two of the tied next ring (by feature order)
run hex_knn --layer=street_order --hex=600 --knn=8
run hex_band --layer=complaints --hex=300 --distance=1200 --fdr
run zones_default --layer=gas_hazards --by=communities
run zones_knn --layer=street_order --by=districts --knn=4
exit $status
