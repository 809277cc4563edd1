#pragma once
// Ellipsoidal areas and lengths (as PostGIS geography or QGIS ellipsoidal measure), from
// lon/lat geometries, with PROJ's geodesic routines (Karney's algorithms).

#include <geodesic.h>
#include <geos_c.h>

#include "core/crs.h"

namespace urbangis {

class GeodesicMeasure {
 public:
  explicit GeodesicMeasure(Ellipsoid ellipsoid);

  // Area in m² of (multi)polygons given in lon/lat degrees: shells minus holes.
  // Points and lines measure 0.
  double area(GEOSContextHandle_t handle, const GEOSGeometry* lonLat) const;
  // Length in m of (multi)linestrings; polygons measure 0 (their perimeter is not a length).
  double length(GEOSContextHandle_t handle, const GEOSGeometry* lonLat) const;
  // Geodesic distance in m between two lon/lat points.
  double distance(double lon1, double lat1, double lon2, double lat2) const;

 private:
  double ringArea(GEOSContextHandle_t handle, const GEOSGeometry* ring) const;
  double lineLength(GEOSContextHandle_t handle, const GEOSGeometry* line) const;
  geod_geodesic geodesic_;
};

}  // namespace urbangis
