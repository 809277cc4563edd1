#!/usr/bin/env bash
# `urbangis catalog init` as a person runs it on real data of other cities, unedited (PySAL's
# Berlin and Tempe examples from Debian's python3-libpysal): the catalog it writes runs `stats`
# and `hotspot`, every decision is printed with its reason, and a wrong override is refused.
#   tests/scripts/catalog_init_test.sh URBANGIS
set -euo pipefail
urbangis=${1:?urbangis binary}
examples=/usr/lib/python3/dist-packages/libpysal/examples
[ -d "$examples/berlin" ] || { echo "FAIL: python3-libpysal is missing (scripts/debian-packages.txt installs it)"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$urbangis" catalog init "$examples/berlin/prenz_bound.zip" "$examples/berlin/prenzlauer.zip" --name Berlin \
  --out "$dir/berlin.json" >"$dir/init.out" 2>"$dir/init.err" || { cat "$dir/init.err"; fail "catalog init"; }
grep -q '^layer prenz_bound' "$dir/init.out" || fail "prenz_bound not listed"
grep -q 'role = zones .*carries "bound"' "$dir/init.out" || { cat "$dir/init.out"; fail "zones role and reason"; }
grep -q 'role = points' "$dir/init.out" || fail "points role"
grep -q 'wrote .*berlin.json: 2 layers' "$dir/init.err" || { cat "$dir/init.err"; fail "summary line"; }

# The catalog it wrote runs stats: every one of the 2,203 listings in a zone or in "(none)".
"$urbangis" stats "$dir/berlin.json" --by prenz_bound --layers prenzlauer --out "$dir/stats.csv" 2>"$dir/stats.err" ||
  { cat "$dir/stats.err"; fail "stats on the written catalog"; }
python3 - "$dir/stats.csv" <<'PY' || fail "stats counts"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
total = sum(int(row["prenzlauer_count"]) for row in rows)
inside = sum(int(row["prenzlauer_count"]) for row in rows if row["zone_id"] != "(none)")
assert total == 2203, total
assert inside > 2000, inside
print("stats: %d listings, %d inside Prenzlauer Berg" % (total, inside))
PY

# Tempe's streets, crimes and schools: the crimes' Gi* runs on the catalog as written.
"$urbangis" catalog init "$examples/geodanet" --out "$dir/tempe.json" >"$dir/tempe.out" 2>"$dir/tempe.err" ||
  { cat "$dir/tempe.err"; fail "catalog init geodanet"; }
grep -q 'role = network' "$dir/tempe.out" || fail "streets as network"
"$urbangis" hotspot gistar "$dir/tempe.json" --layer crimes --hex 300 --out "$dir/gistar.csv" 2>"$dir/gistar.err" ||
  { cat "$dir/gistar.err"; fail "gistar on the written catalog"; }

# An override the data contradicts: exit 2, and the message says why.
set +e
"$urbangis" catalog init "$examples/geodanet" --role streets=zones --out "$dir/bad.json" >/dev/null 2>"$dir/bad.err"
code=$?
set -e
[ "$code" = 2 ] || fail "a wrong --role exits $code, not 2"
grep -q 'the layer holds lines' "$dir/bad.err" || { cat "$dir/bad.err"; fail "wrong --role message"; }
[ ! -e "$dir/bad.json" ] || fail "a refused catalog was written"
echo "catalog init: ok"
