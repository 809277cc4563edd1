#include "datagen/outline.h"

#include "core/chinese_offsets.h"
#include "core/error.h"
#include "io/sources/vector_source.h"

namespace urbangis::datagen {
namespace {

std::vector<XY> projectedRing(const OGRLinearRing& ring, const Projection& projection) {
  std::vector<XY> points;
  for (int i = 0; i < ring.getNumPoints(); ++i) {
    const offsets::LonLat cgcs2000 = offsets::gcj02ToWgs84({ring.getX(i), ring.getY(i)});
    const XY p = projection.project(cgcs2000.lon, cgcs2000.lat);
    // The quantized source repeats vertices; a ring needs distinct consecutive ones.
    if (points.empty() || p.x != points.back().x || p.y != points.back().y) points.push_back(p);
  }
  return points;
}

// The largest polygon anywhere in `geometry` (MakeValid may nest a MultiPolygon in a collection).
void findLargestPolygon(const GeosContext& geos, const GEOSGeometry* geometry, const GEOSGeometry*& best,
                        double& bestArea) {
  GEOSContextHandle_t h = geos.handle();
  if (GEOSGeomTypeId_r(h, geometry) == GEOS_POLYGON) {
    double area = 0;
    GEOSArea_r(h, geometry, &area);
    if (area > bestArea) bestArea = area, best = geometry;
    return;
  }
  if (GEOSGeomTypeId_r(h, geometry) < GEOS_MULTIPOINT) return;
  for (int i = 0; i < GEOSGetNumGeometries_r(h, geometry); ++i)
    findLargestPolygon(geos, GEOSGetGeometryN_r(h, geometry, i), best, bestArea);
}

GeomPtr largestPolygon(const GeosContext& geos, const GEOSGeometry* geometry) {
  const GEOSGeometry* best = nullptr;
  double bestArea = 0;
  findLargestPolygon(geos, geometry, best, bestArea);
  if (!best) return nullptr;
  return geos.own(GEOSGeom_clone_r(geos.handle(), best), "clone");
}

}  // namespace

GeomPtr readCountyOutline(const GeosContext& geos, const Projection& projection, const std::filesystem::path& geojson,
                          const std::string& county) {
  GDALDatasetUniquePtr dataset = openDataset(geojson.string(), GDAL_OF_VECTOR);
  if (dataset->GetLayerCount() != 1) throw InputError(geojson.string() + ": expected one layer of county outlines");
  OGRLayer& layer = *dataset->GetLayer(0);
  if (layer.GetLayerDefn()->GetFieldIndex("name") < 0)
    throw InputError(geojson.string() + ": the outlines have no field \"name\"");
  for (auto& feature : layer) {
    if (county != feature->GetFieldAsString("name")) continue;
    const OGRGeometry* geometry = feature->GetGeometryRef();
    if (!geometry || wkbFlatten(geometry->getGeometryType()) != wkbPolygon)
      throw InputError(geojson.string() + ", feature " + std::to_string(feature->GetFID()) + " (" + county +
                       "): expected a Polygon");
    const OGRLinearRing* shell = geometry->toPolygon()->getExteriorRing();
    if (!shell || shell->getNumPoints() < 4)
      throw InputError(geojson.string() + ", feature " + std::to_string(feature->GetFID()) + " (" + county +
                       "): the outline has no ring");
    GeomPtr raw = makePolygon(geos, projectedRing(*shell, projection));
    GeomPtr valid = geos.own(GEOSMakeValid_r(geos.handle(), raw.get()), "make valid");
    GeomPtr outline = largestPolygon(geos, valid.get());
    if (!outline)
      throw InputError(geojson.string() + ", feature " + std::to_string(feature->GetFID()) + " (" + county +
                       "): the outline encloses no area");
    return outline;
  }
  throw InputError(geojson.string() + ": no outline named " + county);
}

}  // namespace urbangis::datagen
