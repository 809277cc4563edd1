#include "analysis/routing/graph_measure.h"

#include <geodesic.h>

#include <cmath>

namespace urbangis {
namespace {

struct LonLat {
  std::vector<double> lon, lat;
};

LonLat toLonLat(const std::vector<Point2>& points, const ProjContext& proj, const MeasureFrame& frame) {
  LonLat out;
  out.lon.reserve(points.size());
  out.lat.reserve(points.size());
  for (const Point2& p : points) out.lon.push_back(p.x), out.lat.push_back(p.y);
  const Transform transform(proj, frame.working(), frame.geographic());
  transform.apply(out.lon.data(), out.lat.data(), points.size());
  return out;
}

geod_geodesic geodesicOf(const MeasureFrame& frame) {
  const Ellipsoid ellipsoid = frame.geographic().ellipsoid();
  geod_geodesic geodesic{};
  geod_init(&geodesic, ellipsoid.semiMajor, ellipsoid.flattening);
  return geodesic;
}

double geodesicLength(const geod_geodesic& geodesic, const LonLat& points, size_t first, size_t count) {
  double length = 0;
  for (size_t i = first; i + 1 < first + count; ++i) {
    double metres = 0;
    geod_inverse(&geodesic, points.lat[i], points.lon[i], points.lat[i + 1], points.lon[i + 1], &metres, nullptr,
                 nullptr);
    length += metres;
  }
  return length;
}

}  // namespace

void measureGraph(RoadGraph& graph, const ProjContext& proj, const MeasureFrame& frame) {
  const geod_geodesic geodesic = geodesicOf(frame);
  const LonLat vertices = toLonLat(graph.vertices, proj, frame);
  graph.maxSpeedMps = 0;
  graph.costIsTime = false;
  for (const GraphEdge& edge : graph.edges)
    if (edge.speedMps > 0) graph.costIsTime = true;
  for (GraphEdge& edge : graph.edges) {
    edge.lengthM = geodesicLength(geodesic, vertices, edge.firstVertex, edge.vertexCount);
    const double cost = graph.costIsTime ? edge.lengthM / edge.speedMps : edge.lengthM;
    if (edge.forwardCost != kNoPassage) edge.forwardCost = cost;
    if (edge.backwardCost != kNoPassage) edge.backwardCost = cost;
    graph.maxSpeedMps = std::max(graph.maxSpeedMps, edge.speedMps);
  }

  // Geodetic to earth-centred (height 0): the chord between two nodes bounds any path's length.
  const LonLat nodes = toLonLat(graph.nodes, proj, frame);
  const Ellipsoid ellipsoid = frame.geographic().ellipsoid();
  const double e2 = ellipsoid.flattening * (2 - ellipsoid.flattening);
  graph.nodeEcef.resize(graph.nodes.size() * 3);
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const double lat = nodes.lat[i] * M_PI / 180, lon = nodes.lon[i] * M_PI / 180;
    const double n = ellipsoid.semiMajor / std::sqrt(1 - e2 * std::sin(lat) * std::sin(lat));
    graph.nodeEcef[3 * i] = n * std::cos(lat) * std::cos(lon);
    graph.nodeEcef[3 * i + 1] = n * std::cos(lat) * std::sin(lon);
    graph.nodeEcef[3 * i + 2] = n * (1 - e2) * std::sin(lat);
  }
}

double polylineLength(const std::vector<Point2>& points, const ProjContext& proj, const MeasureFrame& frame) {
  if (points.size() < 2) return 0;
  return geodesicLength(geodesicOf(frame), toLonLat(points, proj, frame), 0, points.size());
}

}  // namespace urbangis
