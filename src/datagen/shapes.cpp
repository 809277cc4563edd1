#include "datagen/shapes.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace urbangis::datagen {

double distance(XY a, XY b) { return std::hypot(a.x - b.x, a.y - b.y); }

XY rotated(XY p, double angle) {
  const double c = std::cos(angle), s = std::sin(angle);
  return {p.x * c - p.y * s, p.x * s + p.y * c};
}

namespace {

GEOSCoordSequence* sequenceOf(const GeosContext& geos, const std::vector<XY>& points) {
  GEOSCoordSequence* sequence = GEOSCoordSeq_create_r(geos.handle(), static_cast<unsigned>(points.size()), 2);
  for (size_t i = 0; i < points.size(); ++i)
    GEOSCoordSeq_setXY_r(geos.handle(), sequence, static_cast<unsigned>(i), points[i].x, points[i].y);
  return sequence;
}

}  // namespace

GeomPtr makePoint(const GeosContext& geos, XY p) {
  return geos.own(GEOSGeom_createPointFromXY_r(geos.handle(), p.x, p.y), "point");
}

GeomPtr makeLine(const GeosContext& geos, const std::vector<XY>& points) {
  return geos.own(GEOSGeom_createLineString_r(geos.handle(), sequenceOf(geos, points)), "line");
}

GeomPtr makePolygon(const GeosContext& geos, std::vector<XY> ring) {
  if (ring.front().x != ring.back().x || ring.front().y != ring.back().y) ring.push_back(ring.front());
  GEOSGeometry* shell = GEOSGeom_createLinearRing_r(geos.handle(), sequenceOf(geos, ring));
  return geos.own(GEOSGeom_createPolygon_r(geos.handle(), shell, nullptr, 0), "polygon");
}

std::vector<XY> rectangle(XY centre, double width, double depth, double angle) {
  const double w = width / 2, d = depth / 2;
  // Counter-clockwise, as RFC 7946 wants exterior rings.
  return {centre + rotated({-w, -d}, angle), centre + rotated({w, -d}, angle), centre + rotated({w, d}, angle),
          centre + rotated({-w, d}, angle)};
}

std::vector<XY> coordinates(const GeosContext& geos, const GEOSGeometry* lineOrRing) {
  const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(geos.handle(), lineOrRing);
  unsigned size = 0;
  GEOSCoordSeq_getSize_r(geos.handle(), sequence, &size);
  std::vector<XY> points(size);
  for (unsigned i = 0; i < size; ++i) GEOSCoordSeq_getXY_r(geos.handle(), sequence, i, &points[i].x, &points[i].y);
  return points;
}

XY pointOf(const GeosContext& geos, const GEOSGeometry* point) {
  XY p;
  GEOSGeomGetX_r(geos.handle(), point, &p.x);
  GEOSGeomGetY_r(geos.handle(), point, &p.y);
  return p;
}

XY pointOnSurface(const GeosContext& geos, const GEOSGeometry* geometry) {
  GeomPtr point = geos.own(GEOSPointOnSurface_r(geos.handle(), geometry), "point on surface");
  return pointOf(geos, point.get());
}

double lineLength(const std::vector<XY>& line) {
  double total = 0;
  for (size_t i = 1; i < line.size(); ++i) total += distance(line[i - 1], line[i]);
  return total;
}

XY pointAlong(const std::vector<XY>& line, double along, double* direction) {
  for (size_t i = 1; i < line.size(); ++i) {
    const double step = distance(line[i - 1], line[i]);
    if (along <= step || i + 1 == line.size()) {
      const double t = step > 0 ? std::clamp(along / step, 0.0, 1.0) : 0.0;
      if (direction) *direction = std::atan2(line[i].y - line[i - 1].y, line[i].x - line[i - 1].x);
      return line[i - 1] + (line[i] - line[i - 1]) * t;
    }
    along -= step;
  }
  return line.back();
}

std::vector<XY> subLine(const std::vector<XY>& line, double from, double to) {
  std::vector<XY> part{pointAlong(line, from)};
  double position = 0;
  for (size_t i = 1; i < line.size(); ++i) {
    position += distance(line[i - 1], line[i]);
    if (position > from && position < to) part.push_back(line[i]);
  }
  part.push_back(pointAlong(line, to));
  return part;
}

XY randomPointIn(const GeosContext& geos, const GEOSGeometry* polygon, Random& random) {
  double minX = 0, minY = 0, maxX = 0, maxY = 0;
  GEOSGeom_getXMin_r(geos.handle(), polygon, &minX);
  GEOSGeom_getYMin_r(geos.handle(), polygon, &minY);
  GEOSGeom_getXMax_r(geos.handle(), polygon, &maxX);
  GEOSGeom_getYMax_r(geos.handle(), polygon, &maxY);
  for (int attempt = 0; attempt < 10000; ++attempt) {
    const XY p{random.uniform(minX, maxX), random.uniform(minY, maxY)};
    GeomPtr point = makePoint(geos, p);
    if (GEOSContains_r(geos.handle(), polygon, point.get()) == 1) return p;
  }
  throw std::runtime_error("datagen: cannot place a point inside a polygon");
}

}  // namespace urbangis::datagen
