#pragma once
// What `urbangis info` reports about a layer: role, geometry type, feature count, CRS,
// extent, fields and how many geometries are invalid. One summary per layer; a layer that
// cannot be read carries its error instead, so the others are still reported.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.h"

namespace urbangis {

struct FieldSummary {
  std::string name;
  std::string type;  // OGR's type name: String, Integer, Real, Date, …
};

struct LayerSummary {
  std::string id;    // catalog id, or the source's layer name
  std::string role;  // catalog role, or "" outside a catalog
  LocalizedText title;
  std::string source;  // path and layer name
  std::string driver;
  std::string kind;  // geometry type, or "Raster"
  int64_t featureCount = 0;
  std::string crs;                              // described, e.g. "EPSG:4490 China Geodetic Coordinate System 2000"
  std::optional<std::array<double, 4>> extent;  // minx, miny, maxx, maxy in the layer CRS
  std::optional<std::array<double, 4>> lonLatExtent;  // the same in WGS84 lon/lat
  std::vector<FieldSummary> fields;
  int64_t invalidCount = 0;                  // geometries GEOS finds invalid (repaired later with MakeValid)
  std::vector<std::string> invalidExamples;  // the first few: "feature 2 (code = B): Self-intersection at …"
  int64_t emptyCount = 0;                    // features with no geometry, or an empty one
  int rasterWidth = 0, rasterHeight = 0, rasterBands = 0;
  std::vector<std::string> notes;  // decisions worth telling (detected encoding, suspected offset,
                                   // points outside the CRS's area of use, a geocoder's default point)
  std::string error;               // non-empty: the layer could not be read; nothing else is set
};

struct CatalogSummary {
  std::vector<LayerSummary> layers;
  std::string workingCrs;         // described
  bool workingCrsChosen = false;  // true: chosen from the data's extent (no "crs" in catalog)
};

CatalogSummary summariseCatalog(const Catalog& catalog);
// Any GDAL/OGR datasource: every layer, or its raster.
std::vector<LayerSummary> summariseSource(const std::string& path);

}  // namespace urbangis
