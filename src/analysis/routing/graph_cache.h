#pragma once
// A built road graph kept on disk between runs, so a route on a large network does not pay for
// noding again. Entries are keyed by everything the graph depends on (source file, its size
// and modification time, the catalog's network keys, the working CRS, the format version); a
// changed source simply misses. Written atomically; never next to the data.
//
// Bounded: after each write the least recently used entries (a hit refreshes an entry's time)
// are removed until the cache holds at most graphCacheLimitBytes(); `urbangis cache` shows it
// and `urbangis cache clear` empties it.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "analysis/routing/road_graph.h"
#include "core/catalog.h"
#include "core/crs.h"

namespace urbangis {

// The key for a network layer, or "" when its source is not a local file (a database may
// change under us without a modification time to tell).
std::string graphCacheKey(const LayerSpec& network, const CrsSpec& working);

// The cached graph for `key`, indexed and ready; nullopt when absent, stale or unreadable.
std::optional<RoadGraph> readCachedGraph(const std::filesystem::path& dir, const std::string& key);

// Stores the graph; a cache that cannot be written is skipped silently (it is only a cache).
void writeCachedGraph(const std::filesystem::path& dir, const std::string& key, const RoadGraph& graph);

// The most the cache may hold: $URBANGIS_CACHE_MAX_MB megabytes (a whole number; 0 turns
// writing off), else 512 MB. Throws InputError naming the variable when it is not a number.
uint64_t graphCacheLimitBytes();

struct GraphCacheUsage {
  int entries = 0;     // cached graphs
  uint64_t bytes = 0;  // their size on disk
};

// The cached graphs in `dir` (nothing else there is counted or touched).
GraphCacheUsage graphCacheUsage(const std::filesystem::path& dir);

// Removes the least recently used graphs until at most `limitBytes` remain (the
// entry just written is the newest, so it goes last). Returns what was removed.
GraphCacheUsage trimGraphCache(const std::filesystem::path& dir, uint64_t limitBytes);

// Removes every cached graph and the temporaries of writers no longer running. Returns what was
// removed.
GraphCacheUsage clearGraphCache(const std::filesystem::path& dir);

}  // namespace urbangis
