// Kernel density and Gi* speed (Google Benchmark): the yardsticks are KDE of 1M points
// on a 2,000 × 2,000 grid and Gi* over 50,000 hexagon cells.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>

#include "analysis/hotspots/gi_star.h"
#include "analysis/hotspots/hex_grid.h"
#include "analysis/hotspots/kde.h"
#include "datagen/random.h"

namespace {

using namespace urbangis;

// 1M points clustered round 40 centres over ~38.7 km square, like a city's complaints.
PointSet cityPoints(size_t count) {
  datagen::Random random(17);
  std::vector<std::pair<double, double>> centres;
  for (int i = 0; i < 40; ++i) centres.emplace_back(random.uniform(2000, 36700), random.uniform(2000, 36700));
  PointSet points;
  for (size_t i = 0; i < count; ++i) {
    const auto& [cx, cy] = centres[random.index(centres.size())];
    const double spread = random.uniform() < 0.3 ? 4000 : 600;
    points.x.push_back(std::clamp(cx + spread * random.normal(), 0.0, 38700.0));
    points.y.push_back(std::clamp(cy + spread * random.normal(), 0.0, 38700.0));
    points.weight.push_back(1);
  }
  return points;
}

void KernelDensity1M(benchmark::State& state) {
  const PointSet points = cityPoints(1000000);
  SilentProgress progress;
  // radius 500 m, cell chosen so the grid is about 2,000 × 2,000.
  const KdeRequest request{KernelShape::quartic, 500.0, 19.85};
  for (auto _ : state) {
    const KdeRaster raster = kernelDensity(points, request, progress);
    state.counters["cells"] = static_cast<double>(raster.width) * raster.height;
    benchmark::DoNotOptimize(raster.density.data());
  }
}
BENCHMARK(KernelDensity1M)->Unit(benchmark::kMillisecond)->Iterations(5);

void GiStar50kHexagons(benchmark::State& state) {
  const PointSet points = cityPoints(1000000);
  const HexGrid grid(100);  // 100 m hexagons over the area: about 50,000 of them
  const auto cells = grid.covering(0, 0, 38700, 33000);
  std::map<HexCell, size_t> index;
  std::vector<double> x, y, values(cells.size(), 0.0);
  for (const auto& cell : cells) {
    index[cell] = x.size();
    double cx = 0, cy = 0;
    grid.centre(cell, cx, cy);
    x.push_back(cx);
    y.push_back(cy);
  }
  for (size_t i = 0; i < points.x.size(); ++i) {
    auto it = index.find(grid.cellOf(points.x[i], points.y[i]));
    if (it != index.end()) values[it->second] += 1;
  }
  for (auto _ : state) {
    const GiStarResult result = getisOrdGiStar(x, y, values, {std::nullopt, std::nullopt, true});
    benchmark::DoNotOptimize(result.z.data());
  }
  state.counters["cells"] = static_cast<double>(cells.size());
}
BENCHMARK(GiStar50kHexagons)->Unit(benchmark::kMillisecond)->Iterations(10);

}  // namespace

BENCHMARK_MAIN();
