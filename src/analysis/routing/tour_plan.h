#pragma once
// `urbangis route tour`: one closed inspection tour from a depot along every selected corridor
// (the rural postman heuristic of rural_postman.h over the edges the corridors lie along).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "analysis/routing/network_loader.h"
#include "core/catalog.h"
#include "core/output_table.h"
#include "core/progress.h"
#include "io/filter/filter_expression.h"
#include "io/values/lon_lat.h"

namespace urbangis {

struct TourRequest {
  std::string corridors;  // lines layer id
  std::optional<FilterExpression> where;
  std::optional<LonLat> depot;  // none: the corridor junction nearest their centre
  CrsSpec depotCrs{"EPSG:4326", ChineseOffset::none, "WGS84"};
  double maxSnapM = 500;
  bool skipOffNetwork = false;  // leave out corridors along no road instead of failing
  std::string network;
  std::string language = "zh";
  GraphLoadOptions graph;
};

struct TourResult {
  double totalM = 0, requiredM = 0, deadheadM = 0;
  size_t corridorCount = 0, requiredEdges = 0;
  std::vector<std::string> corridorOrder;  // ids, in the order the tour first travels them
  bool exactMatching = true;
  OutputTable table;  // the tour's stretches in order: service or deadhead, with geometry
  std::vector<std::string> messages;
  std::vector<std::filesystem::path> inputs;
};

TourResult planTour(const Catalog& catalog, const TourRequest& request, const Progress& progress);

}  // namespace urbangis
