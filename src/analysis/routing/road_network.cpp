#include "analysis/routing/road_network.h"

#include <cmath>
#include <cstdio>

#include "analysis/routing/graph_measure.h"
#include "core/error.h"

namespace urbangis {

RoadNetwork::RoadNetwork(const Catalog& catalog, const LayerSpec& network, const GraphLoadOptions& options,
                         const Progress& progress)
    : spec_(network) {
  bool chosen = false;
  working_ = workingCrsFor(catalog, network, chosen);
  frame_ = std::make_unique<MeasureFrame>(proj_, working_);
  loaded_ = loadRoadGraph(network, working_, options, progress);
  locator_ = std::make_unique<EdgeLocator>(loaded_.graph);
}

LonLat RoadNetwork::lonLatOf(Point2 point) const {
  const Crs wgs84(proj_, CrsSpec{"EPSG:4326", ChineseOffset::none, "WGS84"});
  const Transform transform(proj_, frame_->working(), wgs84);
  transform.apply(point.x, point.y);
  return {point.x, point.y};
}

EdgePosition RoadNetwork::snap(const LonLat& place, const CrsSpec& crs, const std::string& what,
                               double maxSnapM) const {
  const Crs from(proj_, crs);
  const Transform transform(proj_, from, frame_->working());
  Point2 point{place.lon, place.lat};
  if (transform.applyLenient(&point.x, &point.y, 1) != 0)
    throw InputError(what + " " + std::to_string(place.lon) + "," + std::to_string(place.lat) +
                     ": cannot be placed in the working CRS " + working_.definition);
  const std::optional<EdgePosition> nearest = locator_->nearest(point);
  if (!nearest) throw InputError(spec_.where() + ": the road network has no edges");
  const double gap = length({point, nearest->point});
  if (gap > maxSnapM) {
    char text[256];
    std::snprintf(text, sizeof text, "%s %.6f,%.6f is %.0f m from the nearest road of %s", what.c_str(), place.lon,
                  place.lat, gap, spec_.id.c_str());
    const RoadInfo& road = loaded_.graph.roads[loaded_.graph.edges[nearest->edge].road];
    throw InputError(std::string(text) + (road.name.empty() ? "" : " (" + road.name + ")") + "; the limit is " +
                     std::to_string(static_cast<int>(maxSnapM)) +
                     " m (--max-snap). Check the coordinates (LON,LAT, in " + crs.label + ") or raise --max-snap");
  }
  EdgePosition position = *nearest;
  position.distance = gap;
  return position;
}

double RoadNetwork::length(const std::vector<Point2>& points) const { return polylineLength(points, proj_, *frame_); }

std::vector<Point2> RoadNetwork::subline(uint32_t edge, double from, double to) const {
  const GraphEdge& e = loaded_.graph.edges[edge];
  const Point2* v = loaded_.graph.vertices.data() + e.firstVertex;
  const double last = e.vertexCount - 1;
  auto pointAt = [&](double s) {
    s = std::clamp(s, 0.0, last);
    const auto i = static_cast<uint32_t>(std::min(std::floor(s), last - 1));
    const double t = s - i;
    return Point2{v[i].x + (v[i + 1].x - v[i].x) * t, v[i].y + (v[i + 1].y - v[i].y) * t};
  };
  const bool reversed = from > to;
  const double low = std::min(from, to), high = std::max(from, to);
  std::vector<Point2> points{pointAt(low)};
  for (auto i = static_cast<uint32_t>(std::floor(low)) + 1; static_cast<double>(i) < high; ++i) points.push_back(v[i]);
  points.push_back(pointAt(high));
  if (reversed) std::reverse(points.begin(), points.end());
  return points;
}

std::vector<RoutePiece> RoadNetwork::pieces(const GraphPath& path, const EdgePosition& from,
                                            const EdgePosition& to) const {
  const RoadGraph& graph = loaded_.graph;
  auto endOf = [&](uint32_t edge) { return static_cast<double>(graph.edges[edge].vertexCount - 1); };
  std::vector<RoutePiece> out;
  auto add = [&](uint32_t edge, std::vector<Point2> points) {
    RoutePiece piece;
    piece.road = graph.edges[edge].road;
    piece.lengthM = length(points);
    piece.points = std::move(points);
    out.push_back(std::move(piece));
  };
  if (path.direct) {
    add(from.edge, subline(from.edge, alongVertices(from), alongVertices(to)));
    return out;
  }
  const uint32_t first = arcEdge(path.firstArc), last = arcEdge(path.lastArc);
  add(first, subline(first, alongVertices(from), arcReversed(path.firstArc) ? 0.0 : endOf(first)));
  for (Arc arc : path.arcs) {
    RoutePiece piece;
    piece.road = graph.edges[arcEdge(arc)].road;
    piece.lengthM = graph.edges[arcEdge(arc)].lengthM;  // measured once, when the graph was built
    piece.points = graph.arcGeometry(arc);
    out.push_back(std::move(piece));
  }
  add(last, subline(last, arcReversed(path.lastArc) ? endOf(last) : 0.0, alongVertices(to)));
  return out;
}

}  // namespace urbangis
