#include "core/geodesic.h"

#include <cmath>

namespace urbangis {

GeodesicMeasure::GeodesicMeasure(Ellipsoid ellipsoid) {
  geod_init(&geodesic_, ellipsoid.semiMajor, ellipsoid.flattening);
}

double GeodesicMeasure::ringArea(GEOSContextHandle_t handle, const GEOSGeometry* ring) const {
  const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(handle, ring);
  unsigned size = 0;
  GEOSCoordSeq_getSize_r(handle, sequence, &size);
  if (size < 4) return 0.0;
  geod_polygon polygon;
  geod_polygon_init(&polygon, 0);
  // The closing point repeats the first; the geodesic polygon closes itself.
  for (unsigned i = 0; i + 1 < size; ++i) {
    double lon = 0, lat = 0;
    GEOSCoordSeq_getXY_r(handle, sequence, i, &lon, &lat);
    geod_polygon_addpoint(&geodesic_, &polygon, lat, lon);
  }
  double area = 0, perimeter = 0;
  geod_polygon_compute(&geodesic_, &polygon, 0, 1, &area, &perimeter);
  return std::fabs(area);
}

double GeodesicMeasure::lineLength(GEOSContextHandle_t handle, const GEOSGeometry* line) const {
  const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(handle, line);
  unsigned size = 0;
  GEOSCoordSeq_getSize_r(handle, sequence, &size);
  double total = 0, lon0 = 0, lat0 = 0;
  for (unsigned i = 0; i < size; ++i) {
    double lon = 0, lat = 0;
    GEOSCoordSeq_getXY_r(handle, sequence, i, &lon, &lat);
    if (i > 0) total += distance(lon0, lat0, lon, lat);
    lon0 = lon;
    lat0 = lat;
  }
  return total;
}

double GeodesicMeasure::area(GEOSContextHandle_t handle, const GEOSGeometry* lonLat) const {
  switch (GEOSGeomTypeId_r(handle, lonLat)) {
    case GEOS_POLYGON: {
      double total = ringArea(handle, GEOSGetExteriorRing_r(handle, lonLat));
      const int holes = GEOSGetNumInteriorRings_r(handle, lonLat);
      for (int i = 0; i < holes; ++i) total -= ringArea(handle, GEOSGetInteriorRingN_r(handle, lonLat, i));
      return total;
    }
    case GEOS_MULTIPOLYGON:
    case GEOS_GEOMETRYCOLLECTION: {
      double total = 0;
      const int parts = GEOSGetNumGeometries_r(handle, lonLat);
      for (int i = 0; i < parts; ++i) total += area(handle, GEOSGetGeometryN_r(handle, lonLat, i));
      return total;
    }
    default:
      return 0.0;
  }
}

double GeodesicMeasure::length(GEOSContextHandle_t handle, const GEOSGeometry* lonLat) const {
  switch (GEOSGeomTypeId_r(handle, lonLat)) {
    case GEOS_LINESTRING:
      return lineLength(handle, lonLat);
    case GEOS_MULTILINESTRING:
    case GEOS_GEOMETRYCOLLECTION: {
      double total = 0;
      const int parts = GEOSGetNumGeometries_r(handle, lonLat);
      for (int i = 0; i < parts; ++i) total += length(handle, GEOSGetGeometryN_r(handle, lonLat, i));
      return total;
    }
    default:
      return 0.0;
  }
}

double GeodesicMeasure::distance(double lon1, double lat1, double lon2, double lat2) const {
  double metres = 0;
  geod_inverse(&geodesic_, lat1, lon1, lat2, lon2, &metres, nullptr, nullptr);
  return metres;
}

}  // namespace urbangis
