// Road-graph and routing speed (Google Benchmark). The yardsticks: a 100,000-edge
// network builds in ≤ 1 s, 1,000 random routes on it average ≤ 2 ms, the tour along the Daye
// cable corridors takes ≤ 2 s.

#include <benchmark/benchmark.h>

#include "analysis/routing/edge_locator.h"
#include "analysis/routing/graph_builder.h"
#include "analysis/routing/graph_measure.h"
#include "analysis/routing/shortest_path.h"
#include "analysis/routing/tour_plan.h"
#include "datagen/random.h"
#include "io/catalog/catalog_loader.h"

#ifndef URBANGIS_SOURCE_DIR
#error "URBANGIS_SOURCE_DIR must be defined"
#endif

namespace {

using namespace urbangis;

constexpr double kX0 = 285000, kY0 = 3312000, kSide = 38700, kSpacing = 173;  // EPSG:32650
const CrsSpec kUtm{"EPSG:32650", ChineseOffset::none, "UTM 50N"};

// Whole streets of a 173 m grid over 38.7 km (224 + 224 lines, 99,904 edges once noded), vertices
// mid-block so every crossing must be found inside segments; 3 % of streets one-way.
std::vector<RoadLine> gridStreets(std::vector<RoadInfo>& roads) {
  const int lines = static_cast<int>(kSide / kSpacing);
  datagen::Random random(5);
  std::vector<RoadLine> streets;
  for (int direction = 0; direction < 2; ++direction)
    for (int i = 0; i <= lines; ++i) {
      RoadLine street;
      for (int j = 0; j <= lines; ++j) {
        const double along = j == 0 ? 0 : j == lines ? kSpacing * lines : kSpacing * (j + 0.5);
        const double fixed = kSpacing * i;
        street.points.push_back(direction == 0 ? Point2{kX0 + along, kY0 + fixed} : Point2{kX0 + fixed, kY0 + along});
      }
      street.road = static_cast<uint32_t>(roads.size());
      street.direction = random.uniform() < 0.03 ? 1 : 0;
      roads.push_back({"街" + std::to_string(roads.size()), "", "fid " + std::to_string(roads.size())});
      streets.push_back(std::move(street));
    }
  return streets;
}

RoadGraph buildGrid(const ProjContext& proj, const MeasureFrame& frame) {
  std::vector<RoadInfo> roads;
  std::vector<RoadLine> streets = gridStreets(roads);
  RoadGraph graph = buildRoadGraph(std::move(streets), std::move(roads), GraphBuildOptions{1.0}, SilentProgress());
  measureGraph(graph, proj, frame);
  return graph;
}

void BuildGraph100kEdges(benchmark::State& state) {
  ProjContext proj;
  const MeasureFrame frame(proj, kUtm);
  for (auto _ : state) {
    RoadGraph graph = buildGrid(proj, frame);
    state.counters["edges"] = static_cast<double>(graph.edges.size());
    state.counters["nodes"] = static_cast<double>(graph.nodes.size());
    benchmark::DoNotOptimize(graph.edges.data());
  }
}
BENCHMARK(BuildGraph100kEdges)->Unit(benchmark::kMillisecond)->Iterations(5);

// 1,000 routes between random places (snapped onto edges), timed together: ms per route.
void Routes1000On100kEdges(benchmark::State& state) {
  ProjContext proj;
  const MeasureFrame frame(proj, kUtm);
  const RoadGraph graph = buildGrid(proj, frame);
  const EdgeLocator locator(graph);
  datagen::Random random(11);
  std::vector<std::pair<Point2, Point2>> pairs;
  for (int i = 0; i < 1000; ++i)
    pairs.push_back({{kX0 + random.uniform(0, kSide), kY0 + random.uniform(0, kSide)},
                     {kX0 + random.uniform(0, kSide), kY0 + random.uniform(0, kSide)}});
  ShortestPathSearch search(graph);
  double settled = 0, found = 0;
  for (auto _ : state) {
    settled = found = 0;
    for (const auto& [a, b] : pairs) {
      const auto path = search.between(*locator.nearest(a), *locator.nearest(b));
      found += path ? 1 : 0;
      settled += static_cast<double>(search.settled());
      benchmark::DoNotOptimize(path);
    }
  }
  state.counters["routes_found"] = found;
  state.counters["nodes_settled_per_route"] = settled / 1000;
  state.counters["time_per_route"] = benchmark::Counter(static_cast<double>(state.iterations()) * 1000,
                                                        benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(Routes1000On100kEdges)->Unit(benchmark::kMillisecond)->Iterations(5);

// The whole `route tour` of the Daye cable corridors: reading, graph, matching, tour.
void TourDayeCableCorridors(benchmark::State& state) {
  const Catalog catalog = loadCatalog(std::string(URBANGIS_SOURCE_DIR) + "/layers/daye.json");
  TourRequest request;
  request.corridors = "cable";
  for (auto _ : state) {
    const TourResult tour = planTour(catalog, request, SilentProgress());
    state.counters["corridors"] = static_cast<double>(tour.corridorCount);
    state.counters["total_km"] = tour.totalM / 1000;
    benchmark::DoNotOptimize(tour.totalM);
  }
}
BENCHMARK(TourDayeCableCorridors)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace

BENCHMARK_MAIN();
