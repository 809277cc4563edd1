// Throughput of ZoneLocator (points located per second) on Voronoi zones, and its build time.
// Build with the "bench" preset; run ./build-bench/bench/urbangis_bench_locator.

#include <benchmark/benchmark.h>

#include "analysis/zones/zone_locator.h"
#include "datagen/random.h"
#include "datagen/shapes.h"
#include "datagen/tiling.h"

namespace {

using namespace urbangis;
using namespace urbangis::datagen;

struct Zones {
  GeosContext geos;
  std::vector<GeomPtr> tiles;
  std::vector<const GEOSGeometry*> raw;
  std::vector<size_t> rank;
  explicit Zones(int64_t count) {
    Random random(7);
    GeomPtr region = makePolygon(geos, rectangle({19350, 19350}, 38700, 38700, 0));
    std::vector<XY> seeds;
    for (int64_t i = 0; i < count; ++i) seeds.push_back({random.uniform() * 38700, random.uniform() * 38700});
    tiles = std::move(tileZones(geos, {{region.get(), seeds, 0.0}}, random)[0]);
    for (size_t i = 0; i < tiles.size(); ++i) {
      primeForSharing(geos, tiles[i].get());
      raw.push_back(tiles[i].get());
      rank.push_back(i);
    }
  }
};

void LocateRandomPoints(benchmark::State& state) {
  const Zones zones(state.range(0));
  const ZoneLocator locator(zones.raw, zones.rank);
  LocatorScratch scratch(zones.raw.size());
  Random random(11);
  std::vector<std::pair<double, double>> points(1 << 20);
  for (auto& p : points) p = {random.uniform() * 38700, random.uniform() * 38700};
  std::vector<uint32_t> out;
  for (auto _ : state) {
    for (const auto& [x, y] : points) {
      out.clear();
      locator.locate(x, y, scratch, out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(points.size()));
  state.counters["boundary_cells"] = locator.boundaryCellShare();
}
BENCHMARK(LocateRandomPoints)->Arg(18)->Arg(2000)->Arg(20000)->Unit(benchmark::kMillisecond);

void BuildLocator(benchmark::State& state) {
  const Zones zones(state.range(0));
  for (auto _ : state) {
    const ZoneLocator locator(zones.raw, zones.rank);
    benchmark::DoNotOptimize(&locator);
  }
}
BENCHMARK(BuildLocator)->Arg(2000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
