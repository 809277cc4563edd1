#pragma once
// The road graph of a catalog `network` layer: read with OGR into the working CRS, built with
// the layer's snapping tolerance, one-way and speed fields, measured on the ellipsoid — or
// taken from the graph cache when the source has not changed since.

#include <filesystem>
#include <string>
#include <vector>

#include "analysis/routing/road_graph.h"
#include "core/catalog.h"
#include "core/crs.h"
#include "core/progress.h"

namespace urbangis {

struct GraphLoadOptions {
  std::filesystem::path cacheDir;  // empty: neither read nor write a cache
};

struct LoadedGraph {
  RoadGraph graph;
  bool fromCache = false;
};

LoadedGraph loadRoadGraph(const LayerSpec& network, const CrsSpec& working, const GraphLoadOptions& options,
                          const Progress& progress);

// How the one-way field reads: 1 along the digitised direction, -1 against it, 0 both ways.
// Accepts 1/0/-1, yes/no/true/false, T/F, FT/TF/B (as OSM, ArcGIS and QGIS write them);
// nullopt for anything else.
std::optional<int> parseOneWay(std::string_view text);

// The cache folder (io/cache_folder.h): $URBANGIS_CACHE_DIR, else $XDG_CACHE_HOME/urbangis, else ~/.cache/urbangis.
std::filesystem::path defaultGraphCacheDir();

}  // namespace urbangis
