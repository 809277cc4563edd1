#!/usr/bin/env bash
# CTest fixture for the PostGIS tests (tests/CMakeLists.txt, docs/postgis.md).
#
#   postgis_fixture.sh start STATE_DIR URBANGIS SOURCE_DIR   start the throwaway cluster and load
#                                                            Daye into schema daye (urbangis load)
#   postgis_fixture.sh stop  STATE_DIR                       stop it, delete its data
#
# Exit 77 (skipped) when PostgreSQL/PostGIS is not installed, unless CI=true (then 1).
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
CLUSTER="$HERE/../../scripts/pg-test-cluster.sh"
action=${1:-}
state=${2:-}
case "$action" in
  start)
    [ $# -eq 4 ] || { echo "usage: $0 start STATE_DIR URBANGIS SOURCE_DIR" >&2; exit 2; }
    bash "$CLUSTER" start "$state" || exit $?
    # The Daye data into schema "daye", and a catalog of it for the tests. The unit grids are
    # left out: they are another layer's work in progress, not needed here.
    eval "$(bash "$CLUSTER" env "$state")"
    layers=districts,communities,roads,street_order,demolitions,billboards,muck_sources,complaints,gas_hazards,yellow_line,cable,assets
    "$3" load "$4/layers/daye.json" "$URBANGIS_PG_TEST" --schema daye --layers "$layers" \
      --catalog-out "$state/daye_pg.json" || { echo "postgis_fixture: loading Daye failed" >&2; exit 1; }
    ;;
  stop)
    [ $# -eq 2 ] || { echo "usage: $0 stop STATE_DIR" >&2; exit 2; }
    bash "$CLUSTER" stop "$state"
    ;;
  *) echo "usage: $0 start|stop STATE_DIR …" >&2; exit 2 ;;
esac
