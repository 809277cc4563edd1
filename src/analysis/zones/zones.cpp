#include "analysis/zones/zones.h"

#include <ogrsf_frmts.h>

#include <algorithm>
#include <charconv>
#include <numeric>

#include "core/error.h"
#include "core/geometry_transform.h"
#include "io/sources/vector_source.h"

namespace urbangis {
namespace {

CrsSpec geographicOf(const ProjContext& context, const CrsSpec& working) {
  const Crs crs(context, working);
  ProjPtr geodetic(proj_crs_get_geodetic_crs(context.get(), crs.get()));
  const char* wkt = geodetic ? proj_as_wkt(context.get(), geodetic.get(), PJ_WKT2_2019, nullptr) : nullptr;
  if (!wkt) throw InputError("working CRS " + working.label + " has no geodetic CRS to measure on");
  return CrsSpec{wkt, ChineseOffset::none, working.label + " (geographic)"};
}

bool isInteger(const std::string& text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

GeomPtr keepDimension(const GeosContext& geos, const GEOSGeometry* geometry, int dimension) {
  GEOSContextHandle_t h = geos.handle();
  std::vector<GeomPtr> parts;
  const int count = GEOSGetNumGeometries_r(h, geometry);
  for (int i = 0; i < count; ++i) {
    const GEOSGeometry* part = GEOSGetGeometryN_r(h, geometry, i);
    const int type = GEOSGeomTypeId_r(h, part);
    if (type == GEOS_GEOMETRYCOLLECTION || type == GEOS_MULTIPOLYGON || type == GEOS_MULTILINESTRING) {
      if (GeomPtr sub = keepDimension(geos, part, dimension)) parts.push_back(std::move(sub));
    } else if (GEOSGeom_getDimensions_r(h, part) == dimension && !GEOSisEmpty_r(h, part)) {
      parts.push_back(geos.own(GEOSGeom_clone_r(h, part), "clone"));
    }
  }
  if (parts.empty()) return nullptr;
  if (parts.size() == 1) return std::move(parts.front());
  GeomPtr collection = makeCollection(geos, GEOS_GEOMETRYCOLLECTION, std::move(parts));
  return geos.own(GEOSUnaryUnion_r(h, collection.get()), "union");
}

MeasureFrame::MeasureFrame(const ProjContext& context, const CrsSpec& working)
    : context_(&context),
      working_(context, working),
      geographic_(context, geographicOf(context, working)),
      toGeographic_(context, working_, geographic_),
      measure_(working_.ellipsoid()) {}

double MeasureFrame::area(const GeosContext& geos, const GEOSGeometry* geometry) const {
  if (working_.isGeographic()) return measure_.area(geos.handle(), geometry);
  return measure_.area(geos.handle(), transformGeometry(geos, geometry, toGeographic_).get());
}

double MeasureFrame::length(const GeosContext& geos, const GEOSGeometry* geometry) const {
  if (working_.isGeographic()) return measure_.length(geos.handle(), geometry);
  return measure_.length(geos.handle(), transformGeometry(geos, geometry, toGeographic_).get());
}

int collectionNesting(const OGRGeometry& geometry) {
  int deepest = 0;
  std::vector<std::pair<const OGRGeometry*, int>> pending{{&geometry, 0}};
  while (!pending.empty()) {
    const auto [part, depth] = pending.back();
    pending.pop_back();
    deepest = std::max(deepest, depth);
    if (OGR_GT_IsSubClassOf(wkbFlatten(part->getGeometryType()), wkbGeometryCollection))
      for (const OGRGeometry* member : *part->toGeometryCollection()) pending.emplace_back(member, depth + 1);
  }
  return deepest;
}

GeomPtr toGeos(const GeosContext& geos, const OGRGeometry& geometry) {
  if (const int nesting = collectionNesting(geometry); nesting > kMaxGeometryNesting)
    throw InputError("a geometry nested " + std::to_string(nesting) +
                     " collections deep; GDAL reads and writes at most " + std::to_string(kMaxGeometryNesting) +
                     " (flatten its GeometryCollections)");
  std::vector<unsigned char> wkb(static_cast<size_t>(geometry.WkbSize()));
  geometry.exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
  return geos.fromWkb(wkb.data(), wkb.size());
}

GeomPtr repaired(const GeosContext& geos, GeomPtr geometry, int dimension) {
  if (!geometry) return nullptr;
  GEOSContextHandle_t h = geos.handle();
  if (GEOSisValid_r(h, geometry.get()) == 1) return geometry;
  GeomPtr valid = geos.own(GEOSMakeValid_r(h, geometry.get()), "MakeValid");
  return keepDimension(geos, valid.get(), dimension);
}

CrsSpec workingCrsFor(const Catalog& catalog, const LayerSpec& zones, bool& chosen) {
  chosen = !catalog.crs;
  if (catalog.crs) return *catalog.crs;
  VectorSource source = openCatalogLayer(zones);
  OGREnvelope extent;
  if (source.layer->GetExtent(&extent, TRUE) != OGRERR_NONE)
    throw InputError(zones.where() + ": cannot compute the extent to choose a working CRS");
  ProjContext proj;
  const Crs crs(proj, layerCrsSpec(zones, *source.layer));
  const Crs wgs84(proj, CrsSpec{"EPSG:4326", ChineseOffset::none, "WGS84"});
  double x = (extent.MinX + extent.MaxX) / 2, y = (extent.MinY + extent.MaxY) / 2;
  if (crs.spec().offset == ChineseOffset::none) Transform(proj, crs, wgs84).apply(x, y);
  const std::string utm = utmZoneFor(x, y);
  return CrsSpec{utm, ChineseOffset::none, utm};
}

CrsSpec projectedWorkingCrsFor(const Catalog& catalog, const LayerSpec& layer, const std::string& inMetres,
                               std::vector<std::string>& messages) {
  bool chosen = false;
  const CrsSpec working = workingCrsFor(catalog, layer, chosen);
  ProjContext proj;
  const Crs crs(proj, working);
  if (crs.isGeographic())
    throw InputError(catalog.file.string() + ": working CRS " + crs.describe() + " is geographic; " + inMetres +
                     ": use a projected \"crs\" (e.g. EPSG:4547) or leave it out to use UTM");
  if (chosen) messages.push_back("working CRS " + crs.describe() + ", chosen from the data's extent");
  return working;
}

ZoneSet loadZones(const LayerSpec& spec, const GeosContext& geos, const ProjContext& proj, const MeasureFrame& frame) {
  if (spec.role != LayerRole::zones)
    throw InputError(spec.where() + ": is a " + std::string(roleName(spec.role)) +
                     " layer; aggregate by a zones layer");
  VectorSource source = openCatalogLayer(spec);
  const Crs sourceCrs(proj, layerCrsSpec(spec, *source.layer));
  const Transform toWorking(proj, sourceCrs, frame.working());
  ZoneSet set;
  OGRFeatureDefn& definition = *source.layer->GetLayerDefn();
  const int idIndex = spec.idField.empty() ? -1 : definition.GetFieldIndex(spec.idField.c_str());
  const int nameIndex = spec.nameField.empty() ? -1 : definition.GetFieldIndex(spec.nameField.c_str());
  source.layer->ResetReading();
  for (auto& feature : *source.layer) {
    Zone zone;
    zone.id = idIndex >= 0 ? feature->GetFieldAsString(idIndex) : std::to_string(feature->GetFID());
    if (nameIndex >= 0) zone.name = feature->GetFieldAsString(nameIndex);
    zone.fid = feature->GetFID();
    const OGRGeometry* geometry = feature->GetGeometryRef();
    const std::string where = spec.where() + ", zone " + zone.id;
    if (!geometry || geometry->IsEmpty()) throw InputError(where + ": has no geometry");
    GeomPtr converted;
    try {
      converted = toGeos(geos, *geometry);
    } catch (const InputError& error) {
      throw InputError(where + ": " + error.what());
    }
    if (!converted) throw InputError(where + ": unreadable geometry");
    GeomPtr working = transformGeometry(geos, converted.get(), toWorking);
    const bool wasValid = GEOSisValid_r(geos.handle(), working.get()) == 1;
    zone.geometry = repaired(geos, std::move(working), 2);
    if (!zone.geometry) throw InputError(where + ": the geometry has no area, even after repair");
    if (!wasValid) set.repaired.push_back(zone.id);
    primeForSharing(geos, zone.geometry.get());
    zone.areaM2 = frame.area(geos, zone.geometry.get());
    set.zones.push_back(std::move(zone));
  }
  if (set.zones.empty()) throw InputError(spec.where() + ": the zones layer is empty");

  set.integerIds = std::all_of(set.zones.begin(), set.zones.end(), [](const Zone& zone) { return isInteger(zone.id); });
  std::vector<size_t> order(set.zones.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (set.integerIds) return std::stoll(set.zones[a].id) < std::stoll(set.zones[b].id);
    return set.zones[a].id < set.zones[b].id;
  });
  set.rank.resize(order.size());
  for (size_t position = 0; position < order.size(); ++position) set.rank[order[position]] = position;
  return set;
}

}  // namespace urbangis
