#include "app/polygon_selection.h"

#include <utility>

#include "analysis/zones/zones.h"
#include "core/geometry_access.h"
#include "core/geos_context.h"

namespace urbangis::viewer {
namespace {

// The drawn polygon, valid: repeated clicks are dropped and a self-crossing outline is made
// valid (MakeValid keeps both lobes of a figure eight). Null when no area is enclosed.
GeomPtr selectionPolygon(const GeosContext& geos, const std::vector<QPointF>& vertices) {
  std::vector<double> xs, ys;
  for (const QPointF& p : vertices)
    if (xs.empty() || p.x() != xs.back() || p.y() != ys.back()) xs.push_back(p.x()), ys.push_back(p.y());
  if (xs.size() > 1 && xs.back() == xs.front() && ys.back() == ys.front()) xs.pop_back(), ys.pop_back();
  if (xs.size() < 3) return nullptr;
  xs.push_back(xs.front()), ys.push_back(ys.front());
  GEOSContextHandle_t h = geos.handle();
  GEOSCoordSequence* sequence =
      GEOSCoordSeq_copyFromArrays_r(h, xs.data(), ys.data(), nullptr, nullptr, static_cast<unsigned>(xs.size()));
  GeomPtr shell = geos.own(GEOSGeom_createLinearRing_r(h, sequence), "linear ring");
  GeomPtr polygon = geos.own(GEOSGeom_createPolygon_r(h, shell.release(), nullptr, 0), "polygon");
  GeomPtr valid = repaired(geos, std::move(polygon), 2);
  double area = 0;
  if (!valid || GEOSArea_r(h, valid.get(), &area) != 1 || !(area > 0)) return nullptr;
  return valid;
}

// A point inside each lobe of the selection: if no feature boundary meets the selection, the
// selection lies wholly inside a polygon feature exactly when these points do.
std::vector<std::pair<double, double>> interiorPoints(const GeosContext& geos, const GEOSGeometry* selection) {
  std::vector<std::pair<double, double>> points;
  forEachPart(geos, selection, [&](const GEOSGeometry* lobe) {
    GeomPtr inside = geos.own(GEOSPointOnSurface_r(geos.handle(), lobe), "point on surface");
    if (GEOSisEmpty_r(geos.handle(), inside.get())) return;
    const XY xy = pointCoordinates(geos, inside.get());
    points.emplace_back(xy.x, xy.y);
  });
  return points;
}

class FeatureTester {
 public:
  FeatureTester(const GeosContext& geos, const RenderLayer& layer, const GEOSGeometry* selection)
      : geos_(geos), layer_(layer), prepared_(geos.prepare(selection)), inside_(interiorPoints(geos, selection)) {}

  bool intersects(const DrawFeature& feature) const {
    const uint32_t end = feature.firstPart + feature.partCount;
    for (uint32_t part = feature.firstPart; part < end; ++part)
      if (partMeets(part, feature.kind)) return true;
    if (feature.kind != DrawKind::polygon) return false;
    // No ring meets the selection: it can still lie inside the feature's area. Rings are shells
    // and holes without telling which, so a point is inside when an odd number of rings hold it.
    for (const auto& [x, y] : inside_) {
      int holding = 0;
      for (uint32_t part = feature.firstPart; part < end; ++part) holding += ringHolds(part, x, y) ? 1 : 0;
      if (holding % 2 == 1) return true;
    }
    return false;
  }

 private:
  // Points one by one; lines and rings as line strings (a ring's boundary, not its area).
  bool partMeets(uint32_t part, DrawKind kind) const {
    GEOSContextHandle_t h = geos_.handle();
    const uint32_t first = layer_.partStarts[part], last = layer_.partStarts[part + 1];
    if (kind == DrawKind::point || last - first < 2) {
      for (uint32_t i = first; i < last; ++i) {
        GeomPtr point = geos_.own(GEOSGeom_createPointFromXY_r(h, layer_.x[i], layer_.y[i]), "point");
        if (relates(geos_, prepared_.get(), Relation::intersects, point.get())) return true;
      }
      return false;
    }
    GEOSCoordSequence* sequence = GEOSCoordSeq_copyFromArrays_r(h, layer_.x.data() + first, layer_.y.data() + first,
                                                                nullptr, nullptr, last - first);
    GeomPtr line = geos_.own(GEOSGeom_createLineString_r(h, sequence), "line string");
    return relates(geos_, prepared_.get(), Relation::intersects, line.get());
  }

  // The crossing rule over one ring of the layer.
  bool ringHolds(uint32_t part, double x, double y) const {
    const uint32_t first = layer_.partStarts[part], last = layer_.partStarts[part + 1];
    bool inside = false;
    for (uint32_t i = first, j = last - 1; i < last; j = i++) {
      const double xi = layer_.x[i], yi = layer_.y[i], xj = layer_.x[j], yj = layer_.y[j];
      if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }

  const GeosContext& geos_;
  const RenderLayer& layer_;
  PreparedPtr prepared_;
  std::vector<std::pair<double, double>> inside_;
};

}  // namespace

std::vector<int64_t> fidsIntersectingPolygon(const RenderLayer& layer, const std::vector<QPointF>& vertices,
                                             std::optional<int32_t> month) {
  std::vector<int64_t> fids;
  if (layer.raster) return fids;
  const GeosContext geos;
  const GeomPtr selection = selectionPolygon(geos, vertices);
  if (!selection) return fids;
  GEOSContextHandle_t h = geos.handle();
  double minX = 0, minY = 0, maxX = 0, maxY = 0;
  GEOSGeom_getXMin_r(h, selection.get(), &minX), GEOSGeom_getYMin_r(h, selection.get(), &minY);
  GEOSGeom_getXMax_r(h, selection.get(), &maxX), GEOSGeom_getYMax_r(h, selection.get(), &maxY);
  const FeatureTester tester(geos, layer, selection.get());
  for (const DrawFeature& feature : layer.features) {
    if (!layer.shows(feature, month)) continue;
    // Boxes apart: nothing to test (most features of a large layer end here).
    if (feature.maxX < minX || feature.minX > maxX || feature.maxY < minY || feature.minY > maxY) continue;
    if (tester.intersects(feature)) fids.push_back(feature.fid);
  }
  return fids;
}

}  // namespace urbangis::viewer
