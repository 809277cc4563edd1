#pragma once
// Where UrbanGIS keeps what it may throw away: road graphs (analysis/routing/graph_cache.h) and
// basemap tiles (io/imagery/imagery_source.h).

#include <filesystem>

namespace urbangis {

// $URBANGIS_CACHE_DIR, else $XDG_CACHE_HOME/urbangis, else ~/.cache/urbangis; empty when none
// of them is set.
std::filesystem::path userCacheFolder();

}  // namespace urbangis
