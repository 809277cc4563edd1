#pragma once
// Reads the generated Daye files back with OGR, as any user would, for the dataset tests.

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/geodesic.h"
#include "core/geos_context.h"
#include "io/sources/vector_source.h"
#include "test_support.h"

namespace urbangis::test {

struct DayeFiles {
  GDALDatasetUniquePtr geoPackage = openDataset((dataDir() / "daye.gpkg").string(), GDAL_OF_VECTOR);
  GDALDatasetUniquePtr complaints = openDataset((dataDir() / "complaints.csv").string(), GDAL_OF_VECTOR);

  OGRLayer& layer(const char* name) {
    OGRLayer* found = geoPackage->GetLayerByName(name);
    if (!found) throw std::runtime_error(std::string("no layer ") + name);
    found->ResetReading();
    return *found;
  }
  OGRLayer& complaintsTable() {
    OGRLayer& table = *complaints->GetLayer(0);
    table.ResetReading();
    return table;
  }
};

inline std::map<std::string, int64_t> countBy(OGRLayer& layer, const char* field) {
  std::map<std::string, int64_t> counts;
  layer.ResetReading();
  for (auto& feature : layer) ++counts[feature->GetFieldAsString(field)];
  return counts;
}

inline int64_t sumOf(OGRLayer& layer, const char* field, const char* whereField = nullptr,
                     const char* equals = nullptr) {
  int64_t total = 0;
  layer.ResetReading();
  for (auto& feature : layer)
    if (!whereField || std::string(feature->GetFieldAsString(whereField)) == equals)
      total += feature->GetFieldAsInteger64(field);
  return total;
}

inline std::vector<GeomPtr> geometriesOf(OGRLayer& layer, const GeosContext& geos) {
  std::vector<GeomPtr> out;
  std::vector<unsigned char> wkb;
  layer.ResetReading();
  for (auto& feature : layer) {
    const OGRGeometry* geometry = feature->GetGeometryRef();
    wkb.resize(static_cast<size_t>(geometry->WkbSize()));
    geometry->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    out.push_back(geos.fromWkb(wkb.data(), wkb.size()));
  }
  return out;
}

inline GeodesicMeasure cgcs2000() { return GeodesicMeasure(Ellipsoid{6378137.0, 1 / 298.257222101}); }

}  // namespace urbangis::test
