#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>

#include "analysis/routing/perfect_matching.h"
#include "analysis/routing/routing_fixtures.h"
#include "analysis/routing/rural_postman.h"
#include "core/error.h"

using namespace urbangis;
using urbangis::test::at;
using urbangis::test::buildGraph;
using urbangis::test::nodeAt;
using urbangis::test::roadLine;

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

double matchingCost(const std::vector<double>& cost, size_t n, const std::vector<size_t>& mate) {
  double total = 0;
  for (size_t i = 0; i < n; ++i)
    if (i < mate[i]) total += cost[i * n + mate[i]];
  return total;
}

bool isPerfectMatching(const std::vector<size_t>& mate, size_t n) {
  if (mate.size() != n) return false;
  for (size_t i = 0; i < n; ++i)
    if (mate[i] >= n || mate[i] == i || mate[mate[i]] != i) return false;
  return true;
}

// Every perfect matching, by pairing the lowest free node with each other free node in turn.
double bruteForceMatching(const std::vector<double>& cost, size_t n) {
  std::vector<char> used(n, 0);
  std::function<double()> best = [&]() -> double {
    size_t first = 0;
    while (first < n && used[first]) ++first;
    if (first == n) return 0;
    used[first] = 1;
    double found = kInfinity;
    for (size_t other = first + 1; other < n; ++other)
      if (!used[other]) {
        used[other] = 1;
        found = std::min(found, cost[first * n + other] + best());
        used[other] = 0;
      }
    used[first] = 0;
    return found;
  };
  return best();
}

// The shortest closed walk from the depot through every required edge: the edges in every order
// and direction, joined by shortest paths.
double bruteForceTour(const RoadGraph& graph, const std::vector<uint32_t>& required, uint32_t depot,
                      const std::vector<std::vector<double>>& distance) {
  std::vector<size_t> order(required.size());
  std::iota(order.begin(), order.end(), size_t{0});
  double best = kInfinity;
  do {
    // cost[o]: the cheapest walk so far, ending at the end of the last edge travelled in
    // direction o (0 from → to, 1 to → from).
    double cost[2] = {0, 0};
    uint32_t end[2] = {depot, depot};
    for (size_t position = 0; position < order.size(); ++position) {
      const GraphEdge& edge = graph.edges[required[order[position]]];
      const uint32_t starts[2] = {edge.from, edge.to}, ends[2] = {edge.to, edge.from};
      double next[2];
      for (int o = 0; o < 2; ++o) {
        next[o] = kInfinity;
        for (int previous = 0; previous < (position == 0 ? 1 : 2); ++previous)
          next[o] = std::min(next[o], cost[previous] + distance[end[previous]][starts[o]] + edge.lengthM);
      }
      cost[0] = next[0], cost[1] = next[1];
      end[0] = ends[0], end[1] = ends[1];
    }
    best = std::min({best, cost[0] + distance[end[0]][depot], cost[1] + distance[end[1]][depot]});
  } while (std::next_permutation(order.begin(), order.end()));
  return best;
}

// The tour is a closed walk from the depot, serving each required edge exactly once, with
// consistent totals. Returns its length.
double checkTour(const RoadGraph& graph, const PostmanTour& tour, const std::vector<uint32_t>& required,
                 uint32_t depot) {
  REQUIRE_FALSE(tour.legs.empty());
  CHECK(graph.arcTail(tour.legs.front().arc) == depot);
  CHECK(graph.arcHead(tour.legs.back().arc) == depot);
  double total = 0, requiredM = 0;
  std::vector<int> served(graph.edges.size(), 0);
  for (size_t i = 0; i < tour.legs.size(); ++i) {
    const TourLeg& leg = tour.legs[i];
    REQUIRE(arcEdge(leg.arc) < graph.edges.size());
    if (i > 0) CHECK(graph.arcTail(leg.arc) == graph.arcHead(tour.legs[i - 1].arc));
    total += graph.edges[arcEdge(leg.arc)].lengthM;
    if (leg.service) {
      ++served[arcEdge(leg.arc)];
      requiredM += graph.edges[arcEdge(leg.arc)].lengthM;
    }
  }
  for (uint32_t e = 0; e < graph.edges.size(); ++e) {
    const bool isRequired = std::find(required.begin(), required.end(), e) != required.end();
    INFO("edge " << e);
    CHECK(served[e] == (isRequired ? 1 : 0));
  }
  CHECK(tour.totalM == Approx(total).epsilon(1e-12));
  CHECK(tour.requiredM == Approx(requiredM).epsilon(1e-12));
  CHECK(tour.deadheadM == Approx(total - requiredM).margin(1e-6));
  return total;
}

}  // namespace

TEST_CASE("Minimum-cost perfect matching is the brute-force optimum", "[routing][matching]") {
  std::mt19937 random(11);
  std::uniform_real_distribution<double> metres(0, 1000);
  for (int round = 0; round < 300; ++round) {
    const size_t n = 2 * (1 + static_cast<size_t>(round % 5));  // 2 … 10
    std::vector<double> cost(n * n, 0);
    for (size_t i = 0; i < n; ++i)
      for (size_t j = i + 1; j < n; ++j) cost[i * n + j] = cost[j * n + i] = metres(random);
    const double optimum = bruteForceMatching(cost, n);
    INFO("round " << round << ", n " << n);
    const std::vector<size_t> exact = minimumCostPerfectMatching(cost, n);
    REQUIRE(isPerfectMatching(exact, n));
    // Exact up to the millimetre rounding of its integer weights.
    CHECK(matchingCost(cost, n, exact) == Approx(optimum).margin(0.001 * static_cast<double>(n)));
    const std::vector<size_t> greedy = greedyPerfectMatching(cost, n);
    REQUIRE(isPerfectMatching(greedy, n));
    CHECK(matchingCost(cost, n, greedy) >= optimum - 1e-9);
  }
  CHECK(minimumCostPerfectMatching({}, 0).empty());
  CHECK_THROWS_AS(minimumCostPerfectMatching(std::vector<double>(9, 1.0), 3), std::invalid_argument);
}

TEST_CASE("Greedy matching with 2-opt undoes a greedy trap", "[routing][matching]") {
  // On a line 0, 1, 2, 3 at 0, 10, 11, 21: greedy takes the closest pair (1, 2) and is left with
  // (0, 3) = 21 + 1; 2-opt finds (0, 1) (2, 3) = 20.
  const std::vector<double> x = {0, 10, 11, 21};
  std::vector<double> cost(16);
  for (size_t i = 0; i < 4; ++i)
    for (size_t j = 0; j < 4; ++j) cost[i * 4 + j] = std::abs(x[i] - x[j]);
  const std::vector<size_t> mate = greedyPerfectMatching(cost, 4);
  CHECK(mate == std::vector<size_t>{1, 0, 3, 2});
  CHECK(minimumCostPerfectMatching(cost, 4) == std::vector<size_t>{1, 0, 3, 2});
}

TEST_CASE("Rural postman tours are closed walks within 3/2 of the optimum", "[routing][postman]") {
  int toured = 0;
  for (unsigned seed = 1; seed <= 200; ++seed) {
    std::mt19937 random(seed);
    test::GridOptions options;
    options.columns = 3 + static_cast<int>(seed % 2), options.rows = 3;  // 9 or 12 lattice nodes
    options.keep = 0.85, options.oneWay = 0.3;                           // one-way does not bind tours
    std::vector<RoadLine> lines = test::gridLines(random, options);
    if (lines.empty()) continue;
    if (seed % 3 == 0) {  // a loop road out of the south-west corner and back
      const Point2 corner = lines.front().points.front();
      lines.push_back(roadLine({corner,
                                {corner.x - 40, corner.y - 10},
                                {corner.x - 40, corner.y - 40},
                                {corner.x - 10, corner.y - 40},
                                corner}));
    }
    if (seed % 4 == 0) {  // a second, bent road alongside the first
      const Point2 a = lines.front().points.front(), b = lines.front().points.back();
      lines.push_back(roadLine({a, {(a.x + b.x) / 2 + (b.y - a.y) * 0.3, (a.y + b.y) / 2 - (b.x - a.x) * 0.3}, b}));
    }
    const RoadGraph graph = buildGraph(std::move(lines));
    // The depot and the required edges in the main component.
    std::vector<uint32_t> mainNodes, mainEdges;
    for (uint32_t node = 0; node < graph.nodes.size(); ++node)
      if (graph.component[node] == 0) mainNodes.push_back(node);
    for (uint32_t e = 0; e < graph.edges.size(); ++e)
      if (graph.component[graph.edges[e].from] == 0) mainEdges.push_back(e);
    if (mainEdges.size() < 2) continue;
    std::shuffle(mainEdges.begin(), mainEdges.end(), random);
    const size_t k = std::min<size_t>(mainEdges.size(), 2 + random() % 5);  // 2 … 6
    const std::vector<uint32_t> required(mainEdges.begin(), mainEdges.begin() + static_cast<long>(k));
    const uint32_t depot = mainNodes[random() % mainNodes.size()];

    std::vector<std::vector<double>> distance;
    for (uint32_t node = 0; node < graph.nodes.size(); ++node)
      distance.push_back(test::referenceDistances(graph, node, true));
    const double optimum = bruteForceTour(graph, required, depot, distance);
    INFO("seed " << seed << ", " << graph.nodes.size() << " nodes, " << graph.edges.size() << " edges, " << k
                 << " required, depot " << depot);
    const PostmanTour tour = solveRuralPostman(graph, required, depot, SilentProgress());
    CHECK(tour.exactMatching);
    const double total = checkTour(graph, tour, required, depot);
    CHECK(total >= optimum - 1e-6);
    CHECK(total <= 1.5 * optimum + 0.01);
    ++toured;
  }
  CHECK(toured > 150);
}

TEST_CASE("A tour along one road goes there and back, and a required ring needs no extra travel",
          "[routing][postman]") {
  SECTION("one road, depot at its end") {
    const RoadGraph graph = buildGraph({roadLine({at(0, 0), at(100, 0)}), roadLine({at(100, 0), at(200, 0)})});
    const uint32_t depot = nodeAt(graph, at(0, 0));
    const uint32_t far = graph.edges[0].from == depot || graph.edges[0].to == depot ? 1 : 0;
    const PostmanTour tour = solveRuralPostman(graph, {far, far}, depot, SilentProgress());
    checkTour(graph, tour, {far}, depot);
    CHECK(tour.legs.size() == 4);
    CHECK(tour.requiredM == Approx(graph.edges[far].lengthM));
    CHECK(tour.totalM == Approx(2 * (graph.edges[0].lengthM + graph.edges[1].lengthM)));
  }
  SECTION("a square of one-way roads, all required") {
    const RoadGraph graph = buildGraph({roadLine({at(0, 0), at(100, 0)}, 1), roadLine({at(100, 0), at(100, 100)}, -1),
                                        roadLine({at(100, 100), at(0, 100)}, 1), roadLine({at(0, 100), at(0, 0)}, 1)});
    REQUIRE(graph.edges.size() == 4);
    const uint32_t depot = nodeAt(graph, at(100, 100));
    const PostmanTour tour = solveRuralPostman(graph, {0, 1, 2, 3}, depot, SilentProgress());
    checkTour(graph, tour, {0, 1, 2, 3}, depot);
    CHECK(tour.legs.size() == 4);
    CHECK(tour.deadheadM == Approx(0).margin(1e-9));
  }
}

TEST_CASE("A tour refuses required roads out of the depot's reach and an empty selection", "[routing][postman]") {
  const RoadGraph graph = buildGraph({roadLine({at(0, 0), at(100, 0)}), roadLine({at(500, 500), at(600, 500)})});
  REQUIRE(graph.edges.size() == 2);
  const uint32_t depot = nodeAt(graph, at(0, 0));
  const uint32_t island = graph.component[graph.edges[0].from] == graph.component[depot] ? 1 : 0;
  CHECK_THROWS_AS(solveRuralPostman(graph, {1 - island, island}, depot, SilentProgress()), InputError);
  CHECK_THROWS_WITH(solveRuralPostman(graph, {island}, depot, SilentProgress()),
                    Catch::Contains("different parts of the network") && Catch::Contains("fid 1"));
  CHECK_THROWS_AS(solveRuralPostman(graph, {}, depot, SilentProgress()), InputError);
}
