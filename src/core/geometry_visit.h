#pragma once
// Walks the segments of GEOS geometries without copying coordinates: the one ring walker that
// zone location and unit grids share.

#include <geos_c.h>

namespace urbangis {

// Calls `segment(ax, ay, bx, by)` for each consecutive pair of coordinates of a line string or
// linear ring.
template <typename Visit>
void forEachSegment(GEOSContextHandle_t h, const GEOSGeometry* line, Visit&& segment) {
  const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(h, line);
  unsigned size = 0;
  if (!sequence || !GEOSCoordSeq_getSize_r(h, sequence, &size)) return;
  double px = 0, py = 0;
  for (unsigned k = 0; k < size; ++k) {
    double x = 0, y = 0;
    GEOSCoordSeq_getXY_r(h, sequence, k, &x, &y);
    if (k > 0) segment(px, py, x, y);
    px = x;
    py = y;
  }
}

// Calls `segment(ax, ay, bx, by)` for every edge of every ring (exterior and holes) of a
// polygon, a multipolygon or the polygons of a collection; other geometries have no rings.
template <typename Visit>
void forEachRingSegment(GEOSContextHandle_t h, const GEOSGeometry* geometry, Visit&& segment) {
  const int type = GEOSGeomTypeId_r(h, geometry);
  if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    for (int i = 0; i < GEOSGetNumGeometries_r(h, geometry); ++i)
      forEachRingSegment(h, GEOSGetGeometryN_r(h, geometry, i), segment);
    return;
  }
  if (type != GEOS_POLYGON) return;
  forEachSegment(h, GEOSGetExteriorRing_r(h, geometry), segment);
  for (int i = 0; i < GEOSGetNumInteriorRings_r(h, geometry); ++i)
    forEachSegment(h, GEOSGetInteriorRingN_r(h, geometry, i), segment);
}

}  // namespace urbangis
