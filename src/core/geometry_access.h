#pragma once
// Reading GEOS geometries without the C API at every call site: a geometry's envelope, a point's
// coordinates, the parts of a collection, and prepared predicates that say when GEOS failed
// instead of reading the failure as an answer. Inline: several run once per point.

#include <geos_c.h>

#include <stdexcept>
#include <string>

#include "core/box.h"
#include "core/geos_context.h"

namespace urbangis {

// The geometry's bounding box; an empty Box for an empty geometry.
inline Box envelopeOf(const GeosContext& geos, const GEOSGeometry* geometry) {
  GEOSContextHandle_t h = geos.handle();
  Box box;
  if (GEOSGeom_getXMin_r(h, geometry, &box.minX) == 0 || GEOSGeom_getYMin_r(h, geometry, &box.minY) == 0 ||
      GEOSGeom_getXMax_r(h, geometry, &box.maxX) == 0 || GEOSGeom_getYMax_r(h, geometry, &box.maxY) == 0)
    return Box{};
  return box;
}

// A coordinate pair; ordered by x, then y (as map keys: line ends meeting at one node).
struct XY {
  double x = 0, y = 0;
  bool operator<(const XY& other) const { return x != other.x ? x < other.x : y < other.y; }
};

// The coordinates of a point geometry (a centroid, a point on surface …).
inline XY pointCoordinates(const GeosContext& geos, const GEOSGeometry* point) {
  XY xy;
  GEOSGeomGetX_r(geos.handle(), point, &xy.x);
  GEOSGeomGetY_r(geos.handle(), point, &xy.y);
  return xy;
}

// Calls visit(part) for each part of a collection (the geometry itself when it is not one).
template <class Visit>
void forEachPart(const GeosContext& geos, const GEOSGeometry* geometry, Visit&& visit) {
  const int parts = GEOSGetNumGeometries_r(geos.handle(), geometry);
  for (int i = 0; i < parts; ++i) visit(GEOSGetGeometryN_r(geos.handle(), geometry, i));
}

enum class Relation { intersects, contains, containsProperly, covers };

// Whether the prepared geometry stands in `relation` to `other`; throws when GEOS fails.
inline bool relates(const GeosContext& geos, const GEOSPreparedGeometry* prepared, Relation relation,
                    const GEOSGeometry* other) {
  GEOSContextHandle_t h = geos.handle();
  char answer = 2;
  switch (relation) {
    case Relation::intersects:
      answer = GEOSPreparedIntersects_r(h, prepared, other);
      break;
    case Relation::contains:
      answer = GEOSPreparedContains_r(h, prepared, other);
      break;
    case Relation::containsProperly:
      answer = GEOSPreparedContainsProperly_r(h, prepared, other);
      break;
    case Relation::covers:
      answer = GEOSPreparedCovers_r(h, prepared, other);
      break;
  }
  if (answer == 2) throw std::runtime_error("GEOS prepared predicate failed: " + geos.lastError());
  return answer == 1;
}

}  // namespace urbangis
