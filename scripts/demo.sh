#!/usr/bin/env bash
# Installs what is missing, builds, and runs the main job on the embedded Daye data.
# Headless (today): the layer report, and the dataset regenerated to show it is reproducible,
# written to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
bash scripts/build.sh
mkdir -p out
./build/src/datagen/urbangis-datagen --out out/daye-data --quiet
cmp -s out/daye-data/daye.gpkg data/daye.gpkg && echo "demo: regenerated out/daye-data/daye.gpkg is byte-identical to data/daye.gpkg"
./build/src/cli/urbangis info layers/daye.json | tee out/info.txt
./build/src/cli/urbangis info layers/daye.json --json > out/info.json
echo "demo: wrote out/info.txt and out/info.json"
