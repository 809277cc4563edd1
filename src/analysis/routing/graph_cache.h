#pragma once
// A built road graph kept on disk between runs, so a route on a large network does not pay for
// noding again. Entries are keyed by everything the graph depends on (source file, its size
// and modification time, the catalog's network keys, the working CRS, the format version); a
// changed source simply misses. Written atomically; never next to the data.

#include <filesystem>
#include <optional>
#include <string>

#include "analysis/routing/road_graph.h"
#include "core/crs.h"
#include "io/catalog.h"

namespace urbangis {

// The key for a network layer, or "" when its source is not a local file (a database may
// change under us without a modification time to tell).
std::string graphCacheKey(const LayerSpec& network, const CrsSpec& working);

// The cached graph for `key`, indexed and ready; nullopt when absent, stale or unreadable.
std::optional<RoadGraph> readCachedGraph(const std::filesystem::path& dir, const std::string& key);

// Stores the graph; a cache that cannot be written is skipped silently (it is only a cache).
void writeCachedGraph(const std::filesystem::path& dir, const std::string& key, const RoadGraph& graph);

}  // namespace urbangis
