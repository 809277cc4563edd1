#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>

#include "analysis/routing/graph_cache.h"
#include "analysis/routing/network_loader.h"
#include "analysis/routing/routing_fixtures.h"
#include "analysis/routing/rural_postman.h"
#include "test_support.h"

using namespace urbangis;
using urbangis::test::at;
using urbangis::test::buildGraph;
using urbangis::test::nodeAt;
using urbangis::test::roadLine;

namespace {

// On the central meridian UTM shrinks distances by k0 = 0.9996: 100 m of grid is 100.04 m.
constexpr double kUtmScale = 0.9996;

size_t edgesBetween(const RoadGraph& graph, uint32_t a, uint32_t b) {
  return static_cast<size_t>(std::count_if(graph.edges.begin(), graph.edges.end(), [&](const GraphEdge& edge) {
    return (edge.from == a && edge.to == b) || (edge.from == b && edge.to == a);
  }));
}

double shortestEdge(const RoadGraph& graph) {
  double shortest = std::numeric_limits<double>::infinity();
  for (const GraphEdge& edge : graph.edges) shortest = std::min(shortest, edge.lengthM);
  return shortest;
}

bool samePoint(Point2 a, Point2 b) { return a.x == b.x && a.y == b.y; }

}  // namespace

TEST_CASE("Two crossing roads are cut into four edges at one shared node", "[routing][graph]") {
  const RoadGraph graph = buildGraph({roadLine({at(-100, 0), at(100, 0)}), roadLine({at(0, -100), at(0, 100)})});
  REQUIRE(graph.edges.size() == 4);
  CHECK(graph.nodes.size() == 5);
  const uint32_t centre = nodeAt(graph, at(0, 0));
  CHECK(samePoint(graph.nodes[centre], at(0, 0)));
  CHECK(graph.degree(centre) == 4);
  for (const GraphEdge& edge : graph.edges) {
    CHECK((edge.from == centre || edge.to == centre));
    CHECK(edge.lengthM == Approx(100 / kUtmScale).epsilon(1e-5));
    CHECK(edge.forwardCost == edge.lengthM);
    CHECK(edge.backwardCost == edge.lengthM);
    // The geometry runs from the `from` node to the `to` node.
    CHECK(samePoint(graph.vertices[edge.firstVertex], graph.nodes[edge.from]));
    CHECK(samePoint(graph.vertices[edge.firstVertex + edge.vertexCount - 1], graph.nodes[edge.to]));
  }
  CHECK(graph.report.crossingsNoded == 1);
  CHECK(graph.report.components == 1);
  CHECK(graph.report.danglingEnds == 4);
  CHECK(graph.report.endpointsSnapped == 0);
  CHECK(graph.report.inputLines == 2);
}

TEST_CASE("A road ending 0.6 m short of another is joined at 1 m tolerance, not at 0.5 m", "[routing][graph]") {
  const auto lines = [] {
    return std::vector<RoadLine>{roadLine({at(-100, 0), at(100, 0)}), roadLine({at(0, 100), at(0, 0.6)})};
  };
  SECTION("1 m: a T-junction on the through road") {
    const RoadGraph graph = buildGraph(lines(), 1.0);
    CHECK(graph.report.components == 1);
    CHECK(graph.report.endpointsSnapped == 1);
    CHECK(graph.nodes.size() == 4);
    REQUIRE(graph.edges.size() == 3);
    const uint32_t junction = nodeAt(graph, at(0, 0));
    CHECK(graph.degree(junction) == 3);
    // The junction stays on the through road; the loose end moved to it.
    CHECK(samePoint(graph.nodes[junction], at(0, 0)));
    CHECK(graph.report.danglingEnds == 3);
    CHECK(edgesBetween(graph, junction, nodeAt(graph, at(0, 100))) == 1);
  }
  SECTION("0.5 m: two separate pieces") {
    const RoadGraph graph = buildGraph(lines(), 0.5);
    CHECK(graph.report.components == 2);
    CHECK(graph.report.endpointsSnapped == 0);
    CHECK(graph.nodes.size() == 4);
    CHECK(graph.edges.size() == 2);
    CHECK(graph.report.danglingEnds == 4);
  }
}

TEST_CASE("Ends meeting end to end within the tolerance are joined", "[routing][graph]") {
  const RoadGraph graph = buildGraph({roadLine({at(0, 0), at(100, 0)}), roadLine({at(100.8, 0), at(200, 0)})});
  CHECK(graph.report.components == 1);
  CHECK(graph.nodes.size() == 3);
  CHECK(graph.edges.size() == 2);
  CHECK(graph.report.danglingEnds == 2);
  CHECK(graph.report.endpointsSnapped >= 1);
}

TEST_CASE("An overshoot shorter than the tolerance leaves no stub edge", "[routing][graph]") {
  SECTION("0.5 m past the road") {
    const RoadGraph graph = buildGraph({roadLine({at(-100, 0), at(100, 0)}), roadLine({at(0, 100), at(0, -0.5)})});
    CHECK(graph.edges.size() == 3);
    CHECK(graph.nodes.size() == 4);
    CHECK(shortestEdge(graph) > 99);
    CHECK(graph.degree(nodeAt(graph, at(0, 0))) == 3);
    CHECK(graph.report.danglingEnds == 3);
  }
  SECTION("1.5 m past the road stays a (dangling) stub") {
    const RoadGraph graph = buildGraph({roadLine({at(-100, 0), at(100, 0)}), roadLine({at(0, 100), at(0, -1.5)})});
    CHECK(graph.edges.size() == 4);
    CHECK(graph.degree(nodeAt(graph, at(0, 0))) == 4);
    CHECK(shortestEdge(graph) == Approx(1.5 / kUtmScale).epsilon(1e-4));
  }
}

TEST_CASE("A road crossing itself is cut where it crosses", "[routing][graph]") {
  // East 100, north 100, west 50, then south through its own first stretch at (50, 0).
  const RoadGraph graph = buildGraph({roadLine({at(0, 0), at(100, 0), at(100, 100), at(50, 100), at(50, -50)})});
  CHECK(graph.nodes.size() == 3);
  REQUIRE(graph.edges.size() == 3);
  const uint32_t crossing = nodeAt(graph, at(50, 0));
  CHECK(samePoint(graph.nodes[crossing], at(50, 0)));
  CHECK(graph.degree(crossing) == 4);
  CHECK(graph.report.crossingsNoded == 1);
  size_t loops = 0;
  for (const GraphEdge& edge : graph.edges)
    if (edge.from == crossing && edge.to == crossing) {
      ++loops;
      CHECK(edge.lengthM == Approx(300 / kUtmScale).epsilon(1e-5));
    }
  CHECK(loops == 1);
}

TEST_CASE("A closed ring is one looping edge, not a crossing", "[routing][graph]") {
  const RoadGraph graph = buildGraph({roadLine({at(0, 0), at(100, 0), at(100, 100), at(0, 100), at(0, 0)})});
  CHECK(graph.nodes.size() == 1);
  REQUIRE(graph.edges.size() == 1);
  CHECK(graph.edges[0].from == graph.edges[0].to);
  CHECK(graph.edges[0].vertexCount == 5);
  CHECK(graph.edges[0].lengthM == Approx(400 / kUtmScale).epsilon(1e-5));
  CHECK(graph.report.crossingsNoded == 0);
  CHECK(graph.report.danglingEnds == 0);
}

TEST_CASE("Collinear overlapping roads are cut at the ends of the overlap", "[routing][graph]") {
  const RoadGraph graph = buildGraph({roadLine({at(0, 0), at(100, 0)}), roadLine({at(50, 0), at(150, 0)})});
  CHECK(graph.nodes.size() == 4);
  REQUIRE(graph.edges.size() == 4);
  const uint32_t a = nodeAt(graph, at(50, 0)), b = nodeAt(graph, at(100, 0));
  CHECK(samePoint(graph.nodes[a], at(50, 0)));
  CHECK(samePoint(graph.nodes[b], at(100, 0)));
  CHECK(graph.degree(a) == 3);
  CHECK(graph.degree(b) == 3);
  CHECK(edgesBetween(graph, a, b) == 2);  // one from each road
  CHECK(shortestEdge(graph) == Approx(50 / kUtmScale).epsilon(1e-5));
  CHECK(graph.report.components == 1);
}

TEST_CASE("Lines without two distinct points are dropped and reported", "[routing][graph]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const RoadGraph graph = buildGraph({roadLine({at(0, 0), at(100, 0)}), roadLine({at(20, 20), at(20, 20), at(20, 20)}),
                                      roadLine({at(30, 30)}), roadLine({at(40, 40), Point2{nan, nan}}),
                                      roadLine({at(0, 10), at(100, 10)})});
  CHECK(graph.report.inputLines == 5);
  CHECK(graph.report.degenerate == std::vector<std::string>{"fid 1", "fid 2", "fid 3"});
  CHECK(graph.edges.size() == 2);
  CHECK(graph.report.components == 2);
  for (const GraphEdge& edge : graph.edges) CHECK((edge.road == 0 || edge.road == 4));
}

TEST_CASE("One-way roads forbid travel against their direction", "[routing][graph]") {
  // A one-way road west → east (digitised that way), cut by a two-way road crossing it, and a
  // one-way road digitised south → north but open only north → south.
  const RoadGraph graph = buildGraph({roadLine({at(-100, 0), at(100, 0)}, 1), roadLine({at(0, -100), at(0, 100)}),
                                      roadLine({at(200, 0), at(200, 100)}, -1)});
  REQUIRE(graph.edges.size() == 5);
  CHECK(graph.report.oneWayEdges == 3);
  for (const GraphEdge& edge : graph.edges) {
    const Point2 from = graph.nodes[edge.from], to = graph.nodes[edge.to];
    if (edge.road == 0) {
      CHECK(from.x < to.x);  // from → to is the digitised direction
      CHECK(edge.forwardCost == Approx(edge.lengthM));
      CHECK(edge.backwardCost == kNoPassage);
    } else if (edge.road == 2) {
      CHECK(from.y < to.y);
      CHECK(edge.forwardCost == kNoPassage);
      CHECK(edge.backwardCost == Approx(edge.lengthM));
    } else {
      CHECK(edge.forwardCost == Approx(edge.lengthM));
      CHECK(edge.backwardCost == Approx(edge.lengthM));
    }
  }
  // Adjacency follows: nothing leaves the east end of the one-way road, nothing enters its west end.
  const uint32_t west = nodeAt(graph, at(-100, 0)), east = nodeAt(graph, at(100, 0));
  CHECK(graph.outgoing(east).first == graph.outgoing(east).second);
  CHECK(graph.incoming(west).first == graph.incoming(west).second);
  CHECK(graph.outgoing(west).second - graph.outgoing(west).first == 1);
  const uint32_t south = nodeAt(graph, at(200, 0)), north = nodeAt(graph, at(200, 100));
  REQUIRE(graph.outgoing(north).second - graph.outgoing(north).first == 1);
  CHECK(graph.arcHead(*graph.outgoing(north).first) == south);
  CHECK(graph.outgoing(south).first == graph.outgoing(south).second);
}

TEST_CASE("Speeds turn costs into seconds", "[routing][graph]") {
  const RoadGraph graph =
      buildGraph({roadLine({at(0, 0), at(100, 0)}, 0, 10), roadLine({at(100, 0), at(100, 100)}, 1, 5)});
  REQUIRE(graph.edges.size() == 2);
  CHECK(graph.costIsTime);
  CHECK(graph.maxSpeedMps == 10);
  for (const GraphEdge& edge : graph.edges) CHECK(edge.forwardCost == Approx(edge.lengthM / edge.speedMps));
  // The A* bound divides the chord by the fastest speed, so it never exceeds a cost.
  const uint32_t a = nodeAt(graph, at(0, 0)), c = nodeAt(graph, at(100, 100));
  CHECK(graph.lowerBound(a, c) <= graph.edges[0].forwardCost + graph.edges[1].forwardCost);
  CHECK(graph.lowerBound(a, c) == Approx(std::hypot(100.0, 100.0) / kUtmScale / 10).epsilon(1e-4));
}

TEST_CASE("Three roads meeting at nearly one point give one node", "[routing][graph]") {
  // The three pairwise crossings are computed a few 1e-8 m apart; they must merge, also without
  // any snapping tolerance.
  const double tolerance = GENERATE(1.0, 0.0);
  const RoadGraph graph = buildGraph({roadLine({at(-100, 0), at(100, 0)}), roadLine({at(0, -100), at(0, 100)}),
                                      roadLine({at(-100, -100 + 1e-7), at(100, 100 + 1e-7)})},
                                     tolerance);
  CHECK(graph.nodes.size() == 7);
  CHECK(graph.edges.size() == 6);
  CHECK(graph.degree(nodeAt(graph, at(0, 0))) == 6);
  CHECK(graph.report.danglingEnds == 6);
}

TEST_CASE("Dangling ends and components are counted", "[routing][graph]") {
  // A plus (4 dangling ends), a road joining its east arm end to end (moves that dangling end
  // on), and a separate piece (2 more).
  const RoadGraph graph = buildGraph({roadLine({at(-100, 0), at(100, 0)}), roadLine({at(0, -100), at(0, 100)}),
                                      roadLine({at(100, 0), at(200, 50)}), roadLine({at(500, 500), at(600, 500)})});
  CHECK(graph.report.components == 2);
  CHECK(graph.report.danglingEnds == 6);
  CHECK(graph.report.largestComponentEdges == 5);
  // Component numbers are largest first.
  CHECK(graph.component[nodeAt(graph, at(0, 0))] == 0);
  CHECK(graph.component[nodeAt(graph, at(500, 500))] == 1);
  const std::string summary = describe(graph.report, "roads");
  CHECK(summary.find("2 components") != std::string::npos);
  CHECK(summary.find("6 dangling ends") != std::string::npos);
}

TEST_CASE("A cached graph reads back as it was written", "[routing][cache]") {
  std::mt19937 random(7);
  test::GridOptions options;
  options.speeds = true;
  std::vector<RoadLine> lines = test::gridLines(random, options);
  lines.push_back(roadLine({at(-50, -50), at(-50, -50)}));  // degenerate, for the report
  RoadGraph graph = buildGraph(std::move(lines));
  graph.roads[0].name = "新冶大道";
  graph.roads[1].category = "主干道";
  graph.report.notes = {"a note", "另一条"};
  REQUIRE(graph.report.degenerate.size() == 1);
  test::TempDir dir;
  const std::string key = "source\n123\nEPSG:32650\n";
  writeCachedGraph(dir.path() / "cache", key, graph);

  const auto read = readCachedGraph(dir.path() / "cache", key);
  REQUIRE(read);
  CHECK(read->crsDefinition == graph.crsDefinition);
  CHECK(read->costIsTime == graph.costIsTime);
  CHECK(read->maxSpeedMps == graph.maxSpeedMps);
  REQUIRE(read->nodes.size() == graph.nodes.size());
  for (size_t i = 0; i < graph.nodes.size(); ++i) CHECK(samePoint(read->nodes[i], graph.nodes[i]));
  REQUIRE(read->vertices.size() == graph.vertices.size());
  for (size_t i = 0; i < graph.vertices.size(); ++i) CHECK(samePoint(read->vertices[i], graph.vertices[i]));
  CHECK(read->nodeEcef == graph.nodeEcef);
  REQUIRE(read->edges.size() == graph.edges.size());
  for (size_t i = 0; i < graph.edges.size(); ++i) {
    const GraphEdge &a = read->edges[i], &b = graph.edges[i];
    CHECK((a.from == b.from && a.to == b.to && a.road == b.road && a.firstVertex == b.firstVertex &&
           a.vertexCount == b.vertexCount && a.lengthM == b.lengthM && a.forwardCost == b.forwardCost &&
           a.backwardCost == b.backwardCost && a.speedMps == b.speedMps));
  }
  REQUIRE(read->roads.size() == graph.roads.size());
  for (size_t i = 0; i < graph.roads.size(); ++i) {
    CHECK(read->roads[i].name == graph.roads[i].name);
    CHECK(read->roads[i].category == graph.roads[i].category);
    CHECK(read->roads[i].feature == graph.roads[i].feature);
  }
  // The report: what was stored, and what indexing recomputes.
  const GraphReport &r = read->report, &g = graph.report;
  CHECK(r.inputLines == g.inputLines);
  CHECK(r.crossingsNoded == g.crossingsNoded);
  CHECK(r.endpointsSnapped == g.endpointsSnapped);
  CHECK(r.degenerate == g.degenerate);
  CHECK(r.notes == g.notes);
  CHECK(r.nodes == g.nodes);
  CHECK(r.edges == g.edges);
  CHECK(r.components == g.components);
  CHECK(r.danglingEnds == g.danglingEnds);
  CHECK(r.oneWayEdges == g.oneWayEdges);
  CHECK(read->component == graph.component);
  for (uint32_t node = 0; node < graph.nodes.size(); ++node) {
    CHECK(std::vector<Arc>(read->outgoing(node).first, read->outgoing(node).second) ==
          std::vector<Arc>(graph.outgoing(node).first, graph.outgoing(node).second));
    CHECK(read->degree(node) == graph.degree(node));
  }
}

TEST_CASE("The graph cache misses on another key and on damaged files", "[routing][cache]") {
  const RoadGraph graph = buildGraph({roadLine({at(-100, 0), at(100, 0)}), roadLine({at(0, -100), at(0, 100)})});
  test::TempDir dir;
  CHECK_FALSE(readCachedGraph(dir.path(), "never written"));
  writeCachedGraph(dir.path(), "key one", graph);
  REQUIRE(readCachedGraph(dir.path(), "key one"));
  CHECK_FALSE(readCachedGraph(dir.path(), "key two"));

  std::filesystem::path entry;
  size_t files = 0;
  for (const auto& item : std::filesystem::directory_iterator(dir.path())) entry = item.path(), ++files;
  REQUIRE(files == 1);  // no temporary file left behind
  const std::string bytes = test::readFile(entry);
  // Every truncation misses, without crashing.
  for (size_t length = 0; length < bytes.size(); ++length) {
    test::writeFile(entry, bytes.substr(0, length));
    INFO("truncated to " << length << " of " << bytes.size() << " bytes");
    CHECK_FALSE(readCachedGraph(dir.path(), "key one"));
  }
  // An edge pointing past the nodes misses too (a damaged, not truncated, file).
  std::string damaged = bytes;
  const std::string key = "key one";
  // Layout: key, crs text, bool, double, then the nodes array (count + points), then edges.
  const size_t nodesAt = 8 + key.size() + 8 + graph.crsDefinition.size() + 1 + 8;
  const size_t edgesAt = nodesAt + 8 + graph.nodes.size() * sizeof(Point2) + 8;
  const uint32_t bad = 1000;
  damaged.replace(edgesAt, sizeof bad, reinterpret_cast<const char*>(&bad), sizeof bad);
  test::writeFile(entry, damaged);
  CHECK_FALSE(readCachedGraph(dir.path(), "key one"));
  test::writeFile(entry, bytes);
  CHECK(readCachedGraph(dir.path(), "key one"));
}

TEST_CASE("The graph cache key follows the source file", "[routing][cache]") {
  test::TempDir dir;
  LayerSpec network;
  network.resolvedSource = (dir.path() / "roads.geojson").string();
  CHECK(graphCacheKey(network, test::kUtm50).empty());  // no file: no cache
  test::writeFile(network.resolvedSource, "{}");
  const std::string key = graphCacheKey(network, test::kUtm50);
  CHECK_FALSE(key.empty());
  CHECK(graphCacheKey(network, test::kUtm50) == key);
  CHECK(graphCacheKey(network, CrsSpec{"EPSG:4490", ChineseOffset::none, "CGCS2000"}) != key);
  network.snapM = 2;
  CHECK(graphCacheKey(network, test::kUtm50) != key);
  network.snapM = 1;
  test::writeFile(network.resolvedSource, "{ }");
  CHECK(graphCacheKey(network, test::kUtm50) != key);
}

TEST_CASE("Undirected distances ignore one-way and agree with Dijkstra", "[routing][graph]") {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    std::mt19937 random(seed);
    test::GridOptions options;
    options.oneWay = 0.5;
    const RoadGraph graph = buildGraph(test::gridLines(random, options));
    const uint32_t source = static_cast<uint32_t>(random() % graph.nodes.size());
    const DistanceTree tree = undirectedDistances(graph, {source});
    const std::vector<double> expected = test::referenceDistances(graph, source, true);
    INFO("seed " << seed);
    for (uint32_t node = 0; node < graph.nodes.size(); ++node) {
      if (expected[node] == std::numeric_limits<double>::infinity()) {
        CHECK(tree.distance[node] == kNoPassage);
        continue;
      }
      CHECK(tree.distance[node] == Approx(expected[node]).epsilon(1e-12));
      // Following `via` back reaches the source over exactly that distance.
      double walked = 0;
      for (uint32_t here = node; here != source;) {
        const GraphEdge& edge = graph.edges[tree.via[here]];
        walked += edge.lengthM;
        here = edge.from == here ? edge.to : edge.from;
      }
      CHECK(walked == Approx(expected[node]).epsilon(1e-12));
    }
  }
}

TEST_CASE("Random roads are cut wherever they cross, keeping their length", "[routing][graph]") {
  for (unsigned seed = 1; seed <= 40; ++seed) {
    std::mt19937 random(3000 + seed);
    std::uniform_real_distribution<double> coordinate(0, 300);
    std::vector<RoadLine> lines;
    double inputLength = 0;
    for (int l = 0; l < 12; ++l) {
      std::vector<Point2> points;
      for (size_t p = 0, count = 2 + random() % 3; p < count; ++p)
        points.push_back(at(coordinate(random), coordinate(random)));
      for (size_t p = 0; p + 1 < points.size(); ++p)
        inputLength += std::hypot(points[p + 1].x - points[p].x, points[p + 1].y - points[p].y);
      lines.push_back(roadLine(std::move(points)));
    }
    const double tolerance = seed % 2 == 0 ? 0.0 : 1e-3;
    const RoadGraph graph = buildGraph(std::move(lines), tolerance);
    INFO("seed " << seed);
    // Planar length is kept (up to the merging of cuts closer than 1e-6 m, or stubs within the
    // tolerance).
    double graphLength = 0;
    for (const GraphEdge& edge : graph.edges)
      for (uint32_t i = edge.firstVertex; i + 1 < edge.firstVertex + edge.vertexCount; ++i)
        graphLength +=
            std::hypot(graph.vertices[i + 1].x - graph.vertices[i].x, graph.vertices[i + 1].y - graph.vertices[i].y);
    CHECK(graphLength == Approx(inputLength).margin(1e-3 + 100 * tolerance));
    // No two edges cross except at their nodes.
    struct Piece {
      uint32_t edge, index;
      Point2 a, b;
    };
    std::vector<Piece> pieces;
    for (uint32_t e = 0; e < graph.edges.size(); ++e)
      for (uint32_t i = 0; i + 1 < graph.edges[e].vertexCount; ++i)
        pieces.push_back(
            {e, i, graph.vertices[graph.edges[e].firstVertex + i], graph.vertices[graph.edges[e].firstVertex + i + 1]});
    size_t crossings = 0;
    for (size_t i = 0; i < pieces.size(); ++i)
      for (size_t j = i + 1; j < pieces.size(); ++j) {
        const Piece &p = pieces[i], &q = pieces[j];
        if (p.edge == q.edge && (p.index + 1 == q.index || q.index + 1 == p.index)) continue;
        const double rx = p.b.x - p.a.x, ry = p.b.y - p.a.y, sx = q.b.x - q.a.x, sy = q.b.y - q.a.y;
        const double denominator = rx * sy - ry * sx;
        if (denominator == 0) continue;
        const double qx = q.a.x - p.a.x, qy = q.a.y - p.a.y;
        const double t = (qx * sy - qy * sx) / denominator, u = (qx * ry - qy * rx) / denominator;
        const double slackT = 1e-4 / std::hypot(rx, ry), slackU = 1e-4 / std::hypot(sx, sy);
        if (t > slackT && t < 1 - slackT && u > slackU && u < 1 - slackU) ++crossings;
      }
    CHECK(crossings == 0);
  }
}

TEST_CASE("The graph cache stays under its limit, least recently used first, and clears", "[routing][cache]") {
  const RoadGraph graph = buildGraph({roadLine({at(-100, 0), at(100, 0)}), roadLine({at(0, -100), at(0, 100)})});
  test::TempDir dir;
  const std::vector<std::string> keys = {"one", "two", "three", "four"};
  const auto now = std::filesystem::file_time_type::clock::now();
  for (size_t i = 0; i < keys.size(); ++i) {
    writeCachedGraph(dir.path(), keys[i], graph);
    for (const auto& item : std::filesystem::directory_iterator(dir.path()))  // the newest file is this one
      if (std::filesystem::last_write_time(item.path()) > now - std::chrono::hours(1))
        std::filesystem::last_write_time(item.path(), now - std::chrono::hours(10 - static_cast<int>(i)));
  }
  const GraphCacheUsage full = graphCacheUsage(dir.path());
  REQUIRE(full.entries == 4);
  const uint64_t entry = full.bytes / 4;
  REQUIRE(readCachedGraph(dir.path(), "one"));  // a hit makes "one" the most recently used
  const GraphCacheUsage removed = trimGraphCache(dir.path(), 2 * entry + entry / 2);
  CHECK(removed.entries == 2);
  CHECK_FALSE(readCachedGraph(dir.path(), "two"));
  CHECK_FALSE(readCachedGraph(dir.path(), "three"));
  CHECK(readCachedGraph(dir.path(), "four"));
  CHECK(readCachedGraph(dir.path(), "one"));
  CHECK(graphCacheUsage(dir.path()).entries == 2);

  // A writer's temporary: another live process's stays, a dead one's goes with `cache clear`.
  test::writeFile(dir.path() / ("graph-1.bin.tmp" + std::to_string(::getpid())), "being written");
  test::writeFile(dir.path() / "graph-2.bin.tmp999999999", "left by a killed run");
  test::writeFile(dir.path() / "notes.txt", "not the cache's");
  const GraphCacheUsage cleared = clearGraphCache(dir.path());
  CHECK(cleared.entries == 2);
  CHECK(graphCacheUsage(dir.path()).entries == 0);
  CHECK(std::filesystem::exists(dir.path() / ("graph-1.bin.tmp" + std::to_string(::getpid()))));
  CHECK_FALSE(std::filesystem::exists(dir.path() / "graph-2.bin.tmp999999999"));
  CHECK(std::filesystem::exists(dir.path() / "notes.txt"));
}

TEST_CASE("The graph cache's limit comes from URBANGIS_CACHE_MAX_MB; 0 writes nothing", "[routing][cache]") {
  const RoadGraph graph = buildGraph({roadLine({at(-100, 0), at(100, 0)}), roadLine({at(0, -100), at(0, 100)})});
  test::TempDir dir;
  const char* before = std::getenv("URBANGIS_CACHE_MAX_MB");
  const std::string saved = before ? before : "";
  unsetenv("URBANGIS_CACHE_MAX_MB");
  CHECK(graphCacheLimitBytes() == 512ull << 20);
  setenv("URBANGIS_CACHE_MAX_MB", "3", 1);
  CHECK(graphCacheLimitBytes() == 3ull << 20);
  setenv("URBANGIS_CACHE_MAX_MB", "lots", 1);
  CHECK_THROWS_WITH(graphCacheLimitBytes(), Catch::Contains("URBANGIS_CACHE_MAX_MB=\"lots\""));
  setenv("URBANGIS_CACHE_MAX_MB", "0", 1);
  writeCachedGraph(dir.path(), "key", graph);
  CHECK_FALSE(readCachedGraph(dir.path(), "key"));
  if (before)
    setenv("URBANGIS_CACHE_MAX_MB", saved.c_str(), 1);
  else
    unsetenv("URBANGIS_CACHE_MAX_MB");
}
