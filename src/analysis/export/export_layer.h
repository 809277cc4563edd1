#pragma once
// `urbangis export`: a catalog layer, filtered with --where, optionally joined to zones, as a
// table ready for writeTable (RFC 7946 GeoJSON by default, GeoPackage, CSV).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/crs.h"
#include "core/progress.h"
#include "io/catalog/class_map.h"
#include "io/filter/filter_expression.h"
#include "io/outputs/table_writer.h"

namespace urbangis {

struct ExportRequest {
  std::string layer;
  std::optional<FilterExpression> where;
  std::string byZones;        // zones layer id: the stats table (for the zones layer itself)
                              // or each feature's zone_id and zone_name (any other layer)
  bool keepCrs = false;       // GeoJSON in the working CRS, not RFC 7946 lon/lat
  std::optional<CrsSpec> to;  // e.g. GCJ-02 for a web map (then lon/lat as-is)
  bool coordinates = false;   // add lon/lat columns (CSV of points)
  // National classes: a layer the mapping names gets event_class (and component_class) beside
  // its own category, with the standard's codes when the mapping gives them.
  std::optional<ClassMap> classes;
};

struct ExportOutcome {
  OutputTable table;
  std::vector<std::string> messages;
  std::vector<std::filesystem::path> inputs;
};

ExportOutcome exportLayer(const Catalog& catalog, const ExportRequest& request, const Progress& progress);

}  // namespace urbangis
