#pragma once
// Small road graphs for the routing tests: lines in UTM 50N (metres) around Daye, built with
// buildRoadGraph and measured on the ellipsoid, plus a random grid-like network generator and a
// plain Dijkstra to check the library's searches against.

#include <cmath>
#include <functional>
#include <limits>
#include <queue>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "analysis/routing/graph_builder.h"
#include "analysis/routing/graph_measure.h"
#include "analysis/routing/road_graph.h"
#include "analysis/zones/zones.h"
#include "core/crs.h"
#include "core/progress.h"

namespace urbangis::test {

inline constexpr double kX0 = 500000, kY0 = 3330000;  // on UTM 50N's central meridian, near Daye
inline const CrsSpec kUtm50{"EPSG:32650", ChineseOffset::none, "UTM 50N"};

// A point `dx`, `dy` metres from the fixtures' origin.
inline Point2 at(double dx, double dy) { return {kX0 + dx, kY0 + dy}; }

inline RoadLine roadLine(std::vector<Point2> points, int direction = 0, double speedMps = 0) {
  RoadLine line;
  line.points = std::move(points);
  line.direction = direction;
  line.speedMps = speedMps;
  return line;
}

// Builds (each line its own road, "fid N") and measures the graph.
inline RoadGraph buildGraph(std::vector<RoadLine> lines, double tolerance = 1.0) {
  std::vector<RoadInfo> roads;
  for (uint32_t i = 0; i < lines.size(); ++i) {
    lines[i].road = i;
    roads.push_back({"road " + std::to_string(i), "", "fid " + std::to_string(i)});
  }
  GraphBuildOptions options;
  options.snapTolerance = tolerance;
  RoadGraph graph = buildRoadGraph(std::move(lines), std::move(roads), options, SilentProgress());
  graph.crsDefinition = kUtm50.definition;
  ProjContext proj;
  const MeasureFrame frame(proj, kUtm50);
  measureGraph(graph, proj, frame);
  return graph;
}

// The node nearest `p` (the tests place nodes exactly, so this is the node at `p`).
inline uint32_t nodeAt(const RoadGraph& graph, Point2 p) {
  uint32_t best = 0;
  for (uint32_t i = 1; i < graph.nodes.size(); ++i)
    if (std::hypot(graph.nodes[i].x - p.x, graph.nodes[i].y - p.y) <
        std::hypot(graph.nodes[best].x - p.x, graph.nodes[best].y - p.y))
      best = i;
  return best;
}

// A jittered columns × rows lattice 100 m apart: lattice neighbours joined by roads (some bent,
// some missing), one diagonal in some cells, some one-way, optionally with speeds.
struct GridOptions {
  int columns = 5, rows = 4;
  double keep = 0.85, diagonal = 0.3, oneWay = 0.2;
  bool speeds = false;
};

inline std::vector<RoadLine> gridLines(std::mt19937& random, const GridOptions& options) {
  std::uniform_real_distribution<double> jitter(-10, 10), bend(-8, 8), unit(0, 1), speed(4, 20);
  std::vector<Point2> corner;
  for (int j = 0; j < options.rows; ++j)
    for (int i = 0; i < options.columns; ++i) corner.push_back(at(i * 100 + jitter(random), j * 100 + jitter(random)));
  auto index = [&](int i, int j) { return static_cast<size_t>(j * options.columns + i); };
  std::vector<RoadLine> lines;
  auto add = [&](Point2 a, Point2 b) {
    if (unit(random) > options.keep) return;
    std::vector<Point2> points{a};
    if (unit(random) < 0.4) {  // a bend halfway
      const double dx = b.x - a.x, dy = b.y - a.y, length = std::hypot(dx, dy), offset = bend(random);
      points.push_back({(a.x + b.x) / 2 - dy / length * offset, (a.y + b.y) / 2 + dx / length * offset});
    }
    points.push_back(b);
    const double draw = unit(random);
    const int direction = draw < options.oneWay / 2 ? 1 : draw < options.oneWay ? -1 : 0;
    lines.push_back(roadLine(std::move(points), direction, options.speeds ? speed(random) : 0));
  };
  for (int j = 0; j < options.rows; ++j)
    for (int i = 0; i < options.columns; ++i) {
      if (i + 1 < options.columns) add(corner[index(i, j)], corner[index(i + 1, j)]);
      if (j + 1 < options.rows) add(corner[index(i, j)], corner[index(i, j + 1)]);
      if (i + 1 < options.columns && j + 1 < options.rows && unit(random) < options.diagonal) {
        if (unit(random) < 0.5)
          add(corner[index(i, j)], corner[index(i + 1, j + 1)]);
        else
          add(corner[index(i + 1, j)], corner[index(i, j + 1)]);
      }
    }
  return lines;
}

// Textbook Dijkstra over the edges' costs from one node; `undirected` ignores one-way and
// uses lengths.
inline std::vector<double> referenceDistances(const RoadGraph& graph, uint32_t source, bool undirected = false) {
  const double infinity = std::numeric_limits<double>::infinity();
  std::vector<std::vector<std::pair<uint32_t, double>>> next(graph.nodes.size());
  for (const GraphEdge& edge : graph.edges) {
    const double forward = undirected ? edge.lengthM : edge.forwardCost;
    const double backward = undirected ? edge.lengthM : edge.backwardCost;
    if (forward != kNoPassage) next[edge.from].emplace_back(edge.to, forward);
    if (backward != kNoPassage) next[edge.to].emplace_back(edge.from, backward);
  }
  std::vector<double> distance(graph.nodes.size(), infinity);
  using Entry = std::pair<double, uint32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  distance[source] = 0;
  queue.emplace(0.0, source);
  while (!queue.empty()) {
    const auto [d, node] = queue.top();
    queue.pop();
    if (d > distance[node]) continue;
    for (const auto& [to, cost] : next[node])
      if (d + cost < distance[to]) {
        distance[to] = d + cost;
        queue.emplace(distance[to], to);
      }
  }
  return distance;
}

}  // namespace urbangis::test
