#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <random>

#include "analysis/routing/edge_locator.h"
#include "analysis/routing/route_directions.h"
#include "analysis/routing/routing_fixtures.h"
#include "analysis/routing/shortest_path.h"

using namespace urbangis;
using urbangis::test::at;
using urbangis::test::buildGraph;
using urbangis::test::nodeAt;
using urbangis::test::roadLine;

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// The cost of travelling `fraction` of an edge whose full cost is `cost`: nothing to travel is
// free whatever the direction allows.
double partial(double fraction, double cost) {
  if (fraction == 0) return 0;
  return cost == kNoPassage ? kInfinity : fraction * cost;
}

// A position exactly at a node, on one of the edges there (chosen by `random`).
EdgePosition atNode(const RoadGraph& graph, uint32_t node, std::mt19937& random) {
  std::vector<uint32_t> incident;
  for (uint32_t e = 0; e < graph.edges.size(); ++e)
    if (graph.edges[e].from == node || graph.edges[e].to == node) incident.push_back(e);
  const uint32_t e = incident[random() % incident.size()];
  const GraphEdge& edge = graph.edges[e];
  EdgePosition position;
  position.edge = e;
  position.point = graph.nodes[node];
  if (edge.from == node) {
    position.segment = 0, position.t = 0, position.fraction = 0;
  } else {
    position.segment = edge.vertexCount - 2, position.t = 1, position.fraction = 1;
  }
  return position;
}

// The cheapest cost between two positions by the reference Dijkstra: leave the start edge by
// either end, arrive on the goal edge by either end, or stay on the one edge.
double expectedCost(const RoadGraph& graph, const std::vector<std::vector<double>>& distance, const EdgePosition& from,
                    const EdgePosition& to) {
  const GraphEdge &start = graph.edges[from.edge], &goal = graph.edges[to.edge];
  const std::pair<uint32_t, double> exits[] = {{start.to, partial(1 - from.fraction, start.forwardCost)},
                                               {start.from, partial(from.fraction, start.backwardCost)}};
  const std::pair<uint32_t, double> entries[] = {{goal.from, partial(to.fraction, goal.forwardCost)},
                                                 {goal.to, partial(1 - to.fraction, goal.backwardCost)}};
  double best = kInfinity;
  for (const auto& [exitNode, exitCost] : exits)
    for (const auto& [entryNode, entryCost] : entries)
      best = std::min(best, exitCost + distance[exitNode][entryNode] + entryCost);
  if (from.edge == to.edge) {
    if (to.fraction >= from.fraction) best = std::min(best, partial(to.fraction - from.fraction, start.forwardCost));
    if (to.fraction <= from.fraction) best = std::min(best, partial(from.fraction - to.fraction, start.backwardCost));
  }
  return best;
}

// The path is a connected walk from `from` to `to` that respects one-way, and costs `cost`.
void checkPathShape(const RoadGraph& graph, const GraphPath& path, const EdgePosition& from, const EdgePosition& to) {
  const GraphEdge &start = graph.edges[from.edge], &goal = graph.edges[to.edge];
  if (path.direct) {
    CHECK(from.edge == to.edge);
    CHECK(path.firstArc == path.lastArc);
    CHECK(path.arcs.empty());
    const double cost = arcReversed(path.firstArc) ? partial(from.fraction - to.fraction, start.backwardCost)
                                                   : partial(to.fraction - from.fraction, start.forwardCost);
    CHECK(cost == Approx(path.cost).epsilon(1e-9).margin(1e-9));
    return;
  }
  REQUIRE(arcEdge(path.firstArc) == from.edge);
  REQUIRE(arcEdge(path.lastArc) == to.edge);
  double cost = arcReversed(path.firstArc) ? partial(from.fraction, start.backwardCost)
                                           : partial(1 - from.fraction, start.forwardCost);
  uint32_t node = graph.arcHead(path.firstArc);
  for (const Arc arc : path.arcs) {
    REQUIRE(graph.arcTail(arc) == node);
    CHECK(graph.arcCost(arc) != kNoPassage);
    cost += graph.arcCost(arc);
    node = graph.arcHead(arc);
  }
  CHECK(graph.arcTail(path.lastArc) == node);
  cost +=
      arcReversed(path.lastArc) ? partial(1 - to.fraction, goal.backwardCost) : partial(to.fraction, goal.forwardCost);
  CHECK(cost == Approx(path.cost).epsilon(1e-9).margin(1e-9));
}

std::vector<std::vector<double>> allDistances(const RoadGraph& graph) {
  std::vector<std::vector<double>> distance;
  for (uint32_t node = 0; node < graph.nodes.size(); ++node) distance.push_back(test::referenceDistances(graph, node));
  return distance;
}

// Brute force: the nearest point over every segment of every edge.
double nearestDistance(const RoadGraph& graph, Point2 p) {
  double best = kInfinity;
  for (const GraphEdge& edge : graph.edges)
    for (uint32_t i = 0; i + 1 < edge.vertexCount; ++i) {
      const Point2 a = graph.vertices[edge.firstVertex + i], b = graph.vertices[edge.firstVertex + i + 1];
      const double dx = b.x - a.x, dy = b.y - a.y;
      const double t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
      best = std::min(best, std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy)));
    }
  return best;
}

EdgePosition along(uint32_t edge, double fraction, const RoadGraph& graph) {
  EdgePosition position;
  position.edge = edge;
  position.segment = 0;
  position.t = fraction;
  position.fraction = fraction;
  const Point2 a = graph.vertices[graph.edges[edge].firstVertex], b = graph.vertices[graph.edges[edge].firstVertex + 1];
  position.point = {a.x + (b.x - a.x) * fraction, a.y + (b.y - a.y) * fraction};
  return position;
}

}  // namespace

TEST_CASE("Routes between nodes cost what a plain Dijkstra finds", "[routing][path]") {
  for (unsigned seed = 1; seed <= 100; ++seed) {
    std::mt19937 random(seed);
    test::GridOptions options;
    options.columns = 6, options.rows = 5, options.speeds = seed % 2 == 0;
    const RoadGraph graph = buildGraph(test::gridLines(random, options));
    const auto distance = allDistances(graph);
    ShortestPathSearch search(graph);
    for (int pair = 0; pair < 30; ++pair) {
      const auto u = static_cast<uint32_t>(random() % graph.nodes.size());
      const auto v = static_cast<uint32_t>(random() % graph.nodes.size());
      const EdgePosition from = atNode(graph, u, random), to = atNode(graph, v, random);
      INFO("seed " << seed << ", node " << u << " (edge " << from.edge << ") to node " << v << " (edge " << to.edge
                   << ")");
      const std::optional<GraphPath> path = search.between(from, to);
      if (distance[u][v] == kInfinity) {
        CHECK_FALSE(path);
        continue;
      }
      REQUIRE(path);
      CHECK(path->cost == Approx(distance[u][v]).epsilon(1e-9).margin(1e-9));
      checkPathShape(graph, *path, from, to);
    }
  }
}

TEST_CASE("Routes between points part-way along roads add the partial edges", "[routing][path]") {
  for (unsigned seed = 1; seed <= 100; ++seed) {
    std::mt19937 random(1000 + seed);
    test::GridOptions options;
    options.speeds = seed % 3 == 0;
    const RoadGraph graph = buildGraph(test::gridLines(random, options));
    const auto distance = allDistances(graph);
    const EdgeLocator locator(graph);
    ShortestPathSearch search(graph);
    std::uniform_real_distribution<double> x(-60, 460), y(-60, 360);
    for (int pair = 0; pair < 30; ++pair) {
      const auto from = locator.nearest(at(x(random), y(random)));
      // Now and then the same edge, to exercise the direct case and the way round.
      const auto to = pair % 5 == 0 ? std::optional<EdgePosition>(along(
                                          from->edge, std::uniform_real_distribution<double>(0, 1)(random), graph))
                                    : locator.nearest(at(x(random), y(random)));
      REQUIRE(from);
      REQUIRE(to);
      INFO("seed " << seed << ", edge " << from->edge << " at " << from->fraction << " to edge " << to->edge << " at "
                   << to->fraction);
      const double expected = expectedCost(graph, distance, *from, *to);
      const std::optional<GraphPath> path = search.between(*from, *to);
      if (expected == kInfinity) {
        CHECK_FALSE(path);
        continue;
      }
      REQUIRE(path);
      CHECK(path->cost == Approx(expected).epsilon(1e-9).margin(1e-9));
      checkPathShape(graph, *path, *from, *to);
    }
  }
}

TEST_CASE("Two points on one road are joined along it, and one-way roads are not travelled backwards",
          "[routing][path]") {
  SECTION("two-way: direct either way") {
    const RoadGraph graph = buildGraph({roadLine({at(0, 0), at(100, 0)})});
    ShortestPathSearch search(graph);
    const auto ahead = search.between(along(0, 0.2, graph), along(0, 0.7, graph));
    REQUIRE(ahead);
    CHECK(ahead->direct);
    CHECK(ahead->firstArc == makeArc(0, false));
    CHECK(ahead->cost == Approx(0.5 * graph.edges[0].lengthM));
    const auto back = search.between(along(0, 0.7, graph), along(0, 0.2, graph));
    REQUIRE(back);
    CHECK(back->direct);
    CHECK(back->firstArc == makeArc(0, true));
    CHECK(back->cost == Approx(0.5 * graph.edges[0].lengthM));
  }
  SECTION("one-way, no other way: no route backwards") {
    const RoadGraph graph = buildGraph({roadLine({at(0, 0), at(100, 0)}, 1)});
    ShortestPathSearch search(graph);
    CHECK(search.between(along(0, 0.2, graph), along(0, 0.7, graph)));
    CHECK_FALSE(search.between(along(0, 0.7, graph), along(0, 0.2, graph)));
    CHECK_FALSE(search.between(along(0, 1, graph), along(0, 0, graph)));
    CHECK(search.between(along(0, 0, graph), along(0, 1, graph)));
  }
  SECTION("one-way with a way round: forward to the end, round, and on again") {
    const RoadGraph graph =
        buildGraph({roadLine({at(0, 0), at(100, 0)}, 1), roadLine({at(100, 0), at(100, 50), at(0, 50), at(0, 0)})});
    REQUIRE(graph.edges.size() == 2);
    const uint32_t oneWay = graph.edges[0].road == 0 ? 0 : 1, round = 1 - oneWay;
    ShortestPathSearch search(graph);
    const auto path = search.between(along(oneWay, 0.7, graph), along(oneWay, 0.2, graph));
    REQUIRE(path);
    CHECK_FALSE(path->direct);
    CHECK(path->firstArc == makeArc(oneWay, false));
    CHECK(path->lastArc == makeArc(oneWay, false));
    REQUIRE(path->arcs.size() == 1);
    CHECK(arcEdge(path->arcs[0]) == round);
    CHECK(path->cost == Approx(0.5 * graph.edges[oneWay].lengthM + graph.edges[round].lengthM));
  }
  SECTION("one-way against its digitising: only against it") {
    const RoadGraph graph = buildGraph({roadLine({at(0, 0), at(100, 0)}, -1)});
    ShortestPathSearch search(graph);
    CHECK_FALSE(search.between(along(0, 0.2, graph), along(0, 0.7, graph)));
    const auto back = search.between(along(0, 0.7, graph), along(0, 0.2, graph));
    REQUIRE(back);
    CHECK(back->firstArc == makeArc(0, true));
  }
}

TEST_CASE("A route from a node may leave by any road there, whatever the road it was placed on", "[routing][path]") {
  // A one-way road west → east from A, and a two-way road from A north to B. Placed at A on the
  // one-way road (fraction 0), B is still 100 m away, not a trip round.
  const RoadGraph graph = buildGraph({roadLine({at(0, 0), at(100, 0)}, 1), roadLine({at(0, 0), at(0, 100)})});
  REQUIRE(graph.edges.size() == 2);
  const uint32_t oneWay = graph.edges[0].road == 0 ? 0 : 1, other = 1 - oneWay;
  ShortestPathSearch search(graph);
  const bool northAtTo = graph.edges[other].to == nodeAt(graph, at(0, 100));
  const auto path = search.between(along(oneWay, 0, graph), along(other, northAtTo ? 1 : 0, graph));
  REQUIRE(path);
  CHECK(path->cost == Approx(graph.edges[other].lengthM));
  const auto back = search.between(along(other, northAtTo ? 1 : 0, graph), along(oneWay, 0, graph));
  REQUIRE(back);
  CHECK(back->cost == Approx(graph.edges[other].lengthM));

  // Arriving: from B to A, placed at A on a one-way road open only towards A.
  const RoadGraph against = buildGraph({roadLine({at(0, 0), at(100, 0)}, -1), roadLine({at(0, 0), at(0, 100)})});
  REQUIRE(against.edges.size() == 2);
  const uint32_t towardsA = against.edges[0].road == 0 ? 0 : 1, twoWay = 1 - towardsA;
  const bool bAtTo = against.edges[twoWay].to == nodeAt(against, at(0, 100));
  ShortestPathSearch searchAgainst(against);
  const auto arrive = searchAgainst.between(along(twoWay, bAtTo ? 1 : 0, against), along(towardsA, 0, against));
  REQUIRE(arrive);
  CHECK(arrive->cost == Approx(against.edges[twoWay].lengthM));
}

TEST_CASE("The edge locator finds the nearest point of the network", "[routing][locator]") {
  for (unsigned seed = 1; seed <= 30; ++seed) {
    std::mt19937 random(2000 + seed);
    test::GridOptions options;
    options.columns = 3 + static_cast<int>(seed % 6), options.rows = 2 + static_cast<int>(seed % 4);
    options.keep = 0.6;
    const RoadGraph graph = buildGraph(test::gridLines(random, options));
    if (graph.edges.empty()) continue;
    const EdgeLocator locator(graph);
    std::uniform_real_distribution<double> near(-200, 800), far(-1e5, 1e5);
    for (int k = 0; k < 200; ++k) {
      const Point2 place = k % 4 == 0 ? at(far(random), far(random)) : at(near(random), near(random));
      const auto found = locator.nearest(place);
      REQUIRE(found);
      INFO("seed " << seed << ", place " << place.x - test::kX0 << ", " << place.y - test::kY0);
      CHECK(found->distance == Approx(nearestDistance(graph, place)).epsilon(1e-12));
      const GraphEdge& edge = graph.edges[found->edge];
      REQUIRE(found->segment + 1 < edge.vertexCount);
      const Point2 a = graph.vertices[edge.firstVertex + found->segment];
      const Point2 b = graph.vertices[edge.firstVertex + found->segment + 1];
      CHECK(found->point.x == Approx(a.x + (b.x - a.x) * found->t));
      CHECK(found->point.y == Approx(a.y + (b.y - a.y) * found->t));
      CHECK(std::hypot(found->point.x - place.x, found->point.y - place.y) == Approx(found->distance));
      // The fraction is the planar share of the edge's length before the point.
      double before = 0, total = 0;
      for (uint32_t i = 0; i + 1 < edge.vertexCount; ++i) {
        const Point2 p = graph.vertices[edge.firstVertex + i], q = graph.vertices[edge.firstVertex + i + 1];
        const double length = std::hypot(q.x - p.x, q.y - p.y);
        if (i < found->segment) before += length;
        if (i == found->segment) before += found->t * length;
        total += length;
      }
      CHECK(found->fraction == Approx(before / total).margin(1e-12));
    }
  }
}

TEST_CASE("The edge locator handles a single straight road and an empty graph", "[routing][locator]") {
  const RoadGraph graph = buildGraph({roadLine({at(0, 0), at(0, 1000)})});
  const EdgeLocator locator(graph);
  const auto beside = locator.nearest(at(30, 250));
  REQUIRE(beside);
  CHECK(beside->distance == Approx(30));
  CHECK(beside->fraction == Approx(0.25));
  const auto beyond = locator.nearest(at(-5000, 9000));
  REQUIRE(beyond);
  CHECK(beyond->fraction == 1);
  CHECK(beyond->distance == Approx(std::hypot(5000.0, 8000.0)));
  const RoadGraph empty;
  CHECK_FALSE(EdgeLocator(empty).nearest(at(0, 0)));
}

TEST_CASE("Turns are read from the angle between roads, counter-clockwise is left", "[routing][directions]") {
  auto turn = [](double inDegrees, double outDegrees) {
    const double in = inDegrees * M_PI / 180, out = outDegrees * M_PI / 180;
    const Point2 b{500, 300};
    return turnBetween({b.x - 10 * std::cos(in), b.y - 10 * std::sin(in)}, b, b,
                       {b.x + 10 * std::cos(out), b.y + 10 * std::sin(out)});
  };
  CHECK(turn(0, 0) == Turn::straight);
  CHECK(turn(0, 20) == Turn::straight);
  CHECK(turn(0, -20) == Turn::straight);
  CHECK(turn(0, 40) == Turn::slightLeft);
  CHECK(turn(0, 90) == Turn::left);
  CHECK(turn(0, 135) == Turn::sharpLeft);
  CHECK(turn(0, -40) == Turn::slightRight);
  CHECK(turn(0, -90) == Turn::right);
  CHECK(turn(0, -135) == Turn::sharpRight);
  CHECK(turn(0, 170) == Turn::uTurn);
  CHECK(turn(0, 180) == Turn::uTurn);
  CHECK(turn(0, -170) == Turn::uTurn);
  // Across the ±180° seam: heading 135° then -135° is a 90° left turn, 170° then -170° straight on.
  CHECK(turn(135, -135) == Turn::left);
  CHECK(turn(-135, 135) == Turn::right);
  CHECK(turn(170, -170) == Turn::straight);
  // East then north.
  CHECK(turnBetween({0, 0}, {1, 0}, {1, 0}, {1, 1}) == Turn::left);
  CHECK(turnBetween({0, 0}, {1, 0}, {1, 0}, {1, -1}) == Turn::right);
}

TEST_CASE("Distances read 350 m, 1.2 km, 12 km", "[routing][directions]") {
  CHECK(formatDistance(0) == "0 m");
  CHECK(formatDistance(350) == "350 m");
  CHECK(formatDistance(349.6) == "350 m");
  CHECK(formatDistance(1200) == "1.2 km");
  CHECK(formatDistance(1249) == "1.2 km");
  CHECK(formatDistance(9400) == "9.4 km");
  CHECK(formatDistance(12000) == "12 km");
  CHECK(formatDistance(12400) == "12 km");
}

TEST_CASE("Directions merge pieces of one road and name the turns in Chinese and English", "[routing][directions]") {
  RoadGraph graph;
  graph.roads = {{"新冶大道", "主干道", "fid 1"}, {"大冶大道", "主干道", "fid 2"}, {"", "", "fid 3"}};
  // East along 新冶大道 in two pieces (700 m + 500 m), then north onto 大冶大道 (350 m).
  const std::vector<RoutePiece> pieces = {
      {{{0, 0}, {700, 0}}, 0, 700, false},
      {{{700, 0}, {1200, 0}}, 0, 500, false},
      {{{1200, 0}, {1200, 350}}, 1, 350, false},
  };
  const std::vector<RouteStep> steps = buildSteps(pieces, graph);
  REQUIRE(steps.size() == 2);
  CHECK(steps[0].turn == Turn::depart);
  CHECK(steps[0].road == "新冶大道");
  CHECK(steps[0].lengthM == 1200);
  CHECK(steps[0].points.size() == 3);
  CHECK(steps[1].turn == Turn::left);
  CHECK(steps[1].road == "大冶大道");
  CHECK(describeSteps(steps, "zh") == "沿新冶大道 1.2 km → 左转 沿大冶大道 350 m → 到达");
  CHECK(describeSteps(steps, "en") == "Along 新冶大道 1.2 km → turn left onto 大冶大道 350 m → arrive");

  // A right turn onto an unnamed road after a via point.
  std::vector<RoutePiece> more = pieces;
  more.push_back({{{1200, 350}, {1200, 400}}, 1, 50, true});
  more.push_back({{{1200, 400}, {1500, 400}}, 2, 300, false});
  const std::vector<RouteStep> withVia = buildSteps(more, graph);
  REQUIRE(withVia.size() == 4);
  CHECK(withVia[2].turn == Turn::via);
  CHECK(withVia[2].via == 1);
  CHECK(withVia[3].turn == Turn::right);
  const std::string zh = describeSteps(withVia, "zh"), en = describeSteps(withVia, "en");
  for (const char* word : {"沿新冶大道", "左转", "经过途经点1", "右转 沿无名道路 300 m", "到达"})
    CHECK(zh.find(word) != std::string::npos);
  for (const char* word :
       {"Along 新冶大道", "turn left", "pass via point 1", "turn right onto an unnamed road 300 m", "arrive"})
    CHECK(en.find(word) != std::string::npos);
  CHECK(describeSteps({}, "zh") == "起点即终点");
  CHECK(describeSteps({}, "en") == "the start is the destination");
}
