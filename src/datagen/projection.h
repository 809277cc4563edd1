#pragma once
// The generator draws in CGCS2000 / 3-degree GK CM 114E metres (EPSG:4547) and stores
// CGCS2000 lon/lat (EPSG:4490); this converts between them and measures ellipsoidally.

#include "core/crs.h"
#include "core/geodesic.h"
#include "core/geos_context.h"
#include "datagen/shapes.h"

namespace urbangis::datagen {

class Projection {
 public:
  Projection();
  XY project(double lon, double lat) const;
  XY unproject(XY p) const;
  GeomPtr toLonLat(const GeosContext& geos, const GEOSGeometry* projected) const;
  // Ellipsoidal measures of a geometry given in projected metres.
  double area(const GeosContext& geos, const GEOSGeometry* projected) const;
  double length(const GeosContext& geos, const GEOSGeometry* projected) const;

 private:
  ProjContext context_;
  Crs lonLat_;
  Crs projected_;
  Transform toProjected_;
  Transform toLonLat_;
  GeodesicMeasure measure_;
};

}  // namespace urbangis::datagen
