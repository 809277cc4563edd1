#pragma once
// `urbangis route`: from a place to another (through vias) along the catalog's road network.
// Each place is snapped to the nearest point of an edge; legs are found with A*; the result
// is one LineString with its ellipsoidal length and turn-by-turn directions.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "analysis/routing/network_loader.h"
#include "analysis/routing/route_directions.h"
#include "core/catalog.h"
#include "core/crs.h"
#include "core/output_table.h"
#include "core/progress.h"
#include "io/values/lon_lat.h"

namespace urbangis {

struct RouteRequest {
  std::string network;                                          // network layer id; empty: the catalog's only one
  std::vector<LonLat> stops;                                    // from, vias…, to
  CrsSpec stopsCrs{"EPSG:4326", ChineseOffset::none, "WGS84"};  // what the places are given in
  double maxSnapM = 500;                                        // farther from every road is an error
  std::string language = "zh";
  GraphLoadOptions graph;
};

struct RouteResult {
  double lengthM = 0;
  std::optional<double> durationS;  // when the network has speeds
  std::vector<RouteStep> steps;
  std::string directions;  // in the request's language
  std::vector<double> snapDistancesM;
  OutputTable table;  // one row: the route as a LineString
  std::vector<std::string> messages;
  std::vector<std::filesystem::path> inputs;
};

RouteResult planRoute(const Catalog& catalog, const RouteRequest& request, const Progress& progress);

// A route's or a tour's line as ISO WKB (little-endian), for an output table's geometry.
std::vector<unsigned char> lineWkb(const std::vector<Point2>& points);

// The network layer `id`, or the catalog's only one; InputError naming what there is otherwise.
const LayerSpec& networkLayer(const Catalog& catalog, const std::string& id);

}  // namespace urbangis
