#include "analysis/checks/registration_check.h"

#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>

#include "analysis/zones/zones.h"
#include "core/chinese_offsets.h"
#include "core/error.h"
#include "core/geometry_transform.h"
#include "io/sources/vector_source.h"

namespace urbangis {
namespace {

constexpr size_t kSample = 400;
constexpr double kBetterRatio = 0.6;    // the other reading must bring points this much nearer
constexpr double kMinimumGainM = 50.0;  // and by at least this many metres

struct SamplePoints {
  std::vector<double> x, y;  // as stored, in the layer's declared CRS
};

// Up to kSample representative points spread over the layer (every k-th feature).
SamplePoints samplePoints(OGRLayer& layer) {
  SamplePoints sample;
  const int64_t count = layer.GetFeatureCount(TRUE);
  const int64_t stride = std::max<int64_t>(1, count / static_cast<int64_t>(kSample));
  int64_t index = 0;
  layer.ResetReading();
  for (auto& feature : layer) {
    if (index++ % stride != 0) continue;
    const OGRGeometry* geometry = feature->GetGeometryRef();
    if (!geometry || geometry->IsEmpty()) continue;
    OGRPoint point;
    if (wkbFlatten(geometry->getGeometryType()) == wkbPoint)
      point = *geometry->toPoint();
    else if (geometry->Centroid(&point) != OGRERR_NONE)  // near enough to judge by the roads
      continue;
    sample.x.push_back(point.getX());
    sample.y.push_back(point.getY());
  }
  return sample;
}

// The median distance from the points (in the working CRS) to the nearest road.
double medianRoadDistance(const GeosContext& geos, GEOSSTRtree* roads, std::vector<double> x, std::vector<double> y) {
  std::vector<double> distances;
  for (size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) continue;
    GeomPtr point = geos.own(GEOSGeom_createPointFromXY_r(geos.handle(), x[i], y[i]), "point");
    const auto* nearest = static_cast<const GEOSGeometry*>(GEOSSTRtree_nearest_r(geos.handle(), roads, point.get()));
    double distance = 0;
    if (nearest && GEOSDistance_r(geos.handle(), point.get(), nearest, &distance) == 1) distances.push_back(distance);
  }
  if (distances.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::nth_element(distances.begin(), distances.begin() + static_cast<std::ptrdiff_t>(distances.size() / 2),
                   distances.end());
  return distances[distances.size() / 2];
}

std::string metres(double value) {
  std::ostringstream text;
  text << static_cast<long>(std::lround(value)) << " m";
  return text.str();
}

}  // namespace

std::vector<std::string> checkRegistration(const Catalog& catalog) {
  std::vector<std::string> warnings;
  const LayerSpec* zonesSpec = nullptr;
  for (const auto& layer : catalog.layers)
    if (!zonesSpec && layer.role == LayerRole::zones) zonesSpec = &layer;
  if (!zonesSpec) return warnings;
  try {
    bool chosen = false;
    const CrsSpec working = workingCrsFor(catalog, *zonesSpec, chosen);
    ProjContext proj;
    GeosContext geos;
    const Crs workingCrs(proj, working);

    // The zones' extent, carried into the working CRS by its corners (a coarse test: a
    // misregistered layer misses it by kilometres).
    VectorSource zones = openCatalogLayer(*zonesSpec);
    OGREnvelope zoneExtent;
    if (zones.layer->GetExtent(&zoneExtent, TRUE) != OGRERR_NONE) return warnings;
    const Crs zoneCrs(proj, layerCrsSpec(*zonesSpec, *zones.layer));
    double zx[2] = {zoneExtent.MinX, zoneExtent.MaxX}, zy[2] = {zoneExtent.MinY, zoneExtent.MaxY};
    (void)Transform(proj, zoneCrs, workingCrs).applyLenient(zx, zy, 2);

    // The roads, as the reference points should lie near.
    const auto destroyTree = [&geos](GEOSSTRtree* tree) { GEOSSTRtree_destroy_r(geos.handle(), tree); };
    std::unique_ptr<GEOSSTRtree, decltype(destroyTree)> tree(GEOSSTRtree_create_r(geos.handle(), 10), destroyTree);
    GEOSSTRtree* roads = tree.get();
    std::vector<GeomPtr> roadGeometries;
    for (const auto& layer : catalog.layers) {
      if (layer.role != LayerRole::network) continue;
      VectorSource network = openCatalogLayer(layer);
      const Transform toWorking(proj, Crs(proj, layerCrsSpec(layer, *network.layer)), workingCrs);
      for (auto& feature : *network.layer) {
        const OGRGeometry* geometry = feature->GetGeometryRef();
        if (!geometry || geometry->IsEmpty()) continue;
        roadGeometries.push_back(transformGeometry(geos, toGeos(geos, *geometry).get(), toWorking));
        GEOSSTRtree_insert_r(geos.handle(), roads, roadGeometries.back().get(), roadGeometries.back().get());
      }
    }

    for (const auto& layer : catalog.layers) {
      if (!layerKind(layer.role).tallied) continue;
      VectorSource source = openCatalogLayer(layer);
      const CrsSpec declared = layerCrsSpec(layer, *source.layer);
      const Crs declaredCrs(proj, declared);
      const SamplePoints sample = samplePoints(*source.layer);
      if (sample.x.empty()) continue;
      const auto inWorking = [&](const Crs& crs) {
        std::vector<double> x = sample.x, y = sample.y;
        (void)Transform(proj, crs, workingCrs).applyLenient(x.data(), y.data(), x.size());
        return std::make_pair(x, y);
      };
      const auto [x, y] = inWorking(declaredCrs);
      size_t inside = 0;
      for (size_t i = 0; i < x.size(); ++i) inside += x[i] >= zx[0] && x[i] <= zx[1] && y[i] >= zy[0] && y[i] <= zy[1];
      if (inside == 0) {
        warnings.push_back(layer.id + ": none of its features lies within the extent of " + zonesSpec->id +
                           ": the layer is misregistered (shifted, axes swapped "
                           "or a wrong \"crs\"); check it against the zones on a map");
        continue;
      }
      // Read as another lon/lat system, does the layer sit on the roads much better?
      if (roadGeometries.empty() || !declaredCrs.isGeographic()) continue;
      if (offsets::outsideMainland({sample.x.front(), sample.y.front()})) continue;
      const double asDeclared = medianRoadDistance(geos, roads, x, y);
      const std::vector<std::pair<const char*, ChineseOffset>> readings = {
          {"GCJ-02", ChineseOffset::gcj02}, {"BD-09", ChineseOffset::bd09}, {"WGS84", ChineseOffset::none}};
      for (const auto& [name, offset] : readings) {
        if (offset == declared.offset) continue;
        const Crs other(proj, CrsSpec{"EPSG:4326", offset, name});
        const auto [ox, oy] = inWorking(other);
        const double alternative = medianRoadDistance(geos, roads, ox, oy);
        if (alternative < kBetterRatio * asDeclared && asDeclared - alternative > kMinimumGainM) {
          warnings.push_back(layer.id + ": declared " + declaredCrs.describe() +
                             ", but its features lie much nearer the roads read as " + name +
                             " (median distance to a road " + metres(asDeclared) + " as declared, " +
                             metres(alternative) + " as " + name +
                             "): if the data came from a web "
                             "map or hotline app, declare \"crs\": \"" +
                             name + "\"");
          break;
        }
      }
    }
  } catch (const InputError&) {
    // A layer that cannot be read is reported by info itself.
  }
  return warnings;
}

}  // namespace urbangis
