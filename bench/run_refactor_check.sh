#!/usr/bin/env bash
# Before and after a refactoring: the same `stats` and `render` runs with two builds of UrbanGIS,
# alternating, seven rounds, each run started when the 1-minute load is below 0.5; prints each
# time and the median, and checks both stats tables are identical. docs/benchmarks.md, "Layer
# kinds and the model in core".
#   bench/run_refactor_check.sh BEFORE_TREE AFTER_TREE   (each a checkout with build/ built)
# The bench city (1,000,000 points, 2,000 zones) is made once in $BENCH_DIR by the after tree's
# urbangis-benchdata.
set -u
before=${1:?before tree}; after=${2:?after tree}
dir=${BENCH_DIR:-/tmp/urbangis-refactor-bench}
mkdir -p "$dir"
[ -f "$dir/pts/bench.json" ] || "$after/build/urbangis-benchdata" --out "$dir/pts" --points 1000000 --zones 2000
old=street_order,demolitions,billboards,muck_sources,complaints,gas_hazards,yellow_line,cable
layers=districts,communities,roads,street_order,billboards,gas_hazards,yellow_line,cable
export QT_QPA_PLATFORM=offscreen
declare -A times
for round in 1 2 3 4 5 6 7; do
  for side in before after; do
    tree=$([ $side = before ] && echo "$before" || echo "$after")
    U=$tree/build/src/cli/urbangis
    while [ "$(awk '{print ($1 < 0.5)}' /proc/loadavg)" != 1 ]; do sleep 5; done
    /usr/bin/time -o $dir/t -f "%e" $U stats $dir/pts/bench.json --by zones --out $dir/s-$side.csv >/dev/null 2>&1; t=$(cat $dir/t)
    times[stats1m-$side]+="$t "
    /usr/bin/time -o $dir/t -f "%e" $U stats $tree/layers/daye.json --by communities --layers $old --out $dir/d-$side.csv >/dev/null 2>&1; t=$(cat $dir/t)
    times[statsdaye-$side]+="$t "
    /usr/bin/time -o $dir/t -f "%e" $U render $tree/layers/daye.json --layers $layers --size 2400x1800 --out $dir/r-$side.png >/dev/null 2>&1; t=$(cat $dir/t)
    times[render-$side]+="$t "
  done
done
for k in stats1m statsdaye render; do
  for side in before after; do
    echo "$k $side: ${times[$k-$side]} median $(echo ${times[$k-$side]} | tr ' ' '\n' | sort -n | sed -n 4p)"
  done
done
cmp $dir/s-before.csv $dir/s-after.csv && echo "1M stats tables identical"
