#include "datagen/projection.h"

#include "core/geometry_transform.h"

namespace urbangis::datagen {

Projection::Projection()
    : lonLat_(context_, CrsSpec{"EPSG:4490", ChineseOffset::none, "CGCS2000"}),
      projected_(context_, CrsSpec{"EPSG:4547", ChineseOffset::none, "EPSG:4547"}),
      toProjected_(context_, lonLat_, projected_),
      toLonLat_(context_, projected_, lonLat_),
      measure_(lonLat_.ellipsoid()) {}

XY Projection::project(double lon, double lat) const {
  XY p{lon, lat};
  toProjected_.apply(p.x, p.y);
  return p;
}

XY Projection::unproject(XY p) const {
  toLonLat_.apply(p.x, p.y);
  return p;
}

GeomPtr Projection::toLonLat(const GeosContext& geos, const GEOSGeometry* projected) const {
  return transformGeometry(geos, projected, toLonLat_);
}

double Projection::area(const GeosContext& geos, const GEOSGeometry* projected) const {
  return measure_.area(geos.handle(), toLonLat(geos, projected).get());
}

double Projection::length(const GeosContext& geos, const GEOSGeometry* projected) const {
  return measure_.length(geos.handle(), toLonLat(geos, projected).get());
}

}  // namespace urbangis::datagen
