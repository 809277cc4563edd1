#pragma once
// Everything a web map page shows, gathered from the catalog as the page's JSON: the layers read
// in lon/lat with their styles and attributes, the choropleth's classes for all months and for
// each (the breaks the viewer computes for the same month), hot-spot overlays, the route's
// directions, tile basemaps. docs/webmap.md describes the JSON.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/progress.h"
#include "webmap/web_map_request.h"

namespace urbangis {

struct WebMapData {
  nlohmann::json data;
  std::vector<std::string> messages;          // what was left out or could not be drawn, for the user
  std::vector<std::filesystem::path> inputs;  // files read: never to be written over
};

// `scratch` is a folder for the hot-spot overlays' intermediate files. Throws InputError for a
// request the catalog cannot meet (an unknown layer or column, a route file that cannot be read).
WebMapData buildWebMap(const Catalog& catalog, const WebMapRequest& request, const std::filesystem::path& scratch,
                       const Progress& progress);

}  // namespace urbangis
