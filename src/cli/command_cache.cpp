// urbangis cache [clear]: where the road-graph cache is, how much it holds and its limit; or
// empty it.

#include <cstdio>
#include <iostream>

#include "analysis/routing/graph_cache.h"
#include "analysis/routing/network_loader.h"
#include "cli/arguments.h"
#include "cli/commands.h"
#include "core/error.h"

namespace urbangis::cli {
namespace {

std::string megabytes(uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1 << 20));
  return text;
}

std::string graphs(int count) { return std::to_string(count) + (count == 1 ? " road graph" : " road graphs"); }

int runCache(const Arguments& arguments) {
  const auto& positionals = arguments.positionals();
  if (positionals.size() > 1 || (positionals.size() == 1 && positionals[0] != "clear"))
    throw InputError("cache takes no argument (show the cache) or \"clear\" (empty it)");
  const std::filesystem::path dir = defaultGraphCacheDir();
  if (dir.empty()) throw InputError("no cache folder: set URBANGIS_CACHE_DIR, XDG_CACHE_HOME or HOME");
  if (positionals.empty()) {
    const GraphCacheUsage usage = graphCacheUsage(dir);
    const uint64_t limit = graphCacheLimitBytes();
    std::cout << "graph cache: " << dir.string() << "\n"
              << "holds: " << graphs(usage.entries) << ", " << megabytes(usage.bytes) << "\n"
              << "limit: " << (limit == 0 ? std::string("0 (caching off)") : megabytes(limit))
              << " (URBANGIS_CACHE_MAX_MB; the least recently used graphs go first)\n";
    return 0;
  }
  const GraphCacheUsage removed = clearGraphCache(dir);
  std::cout << "removed " << graphs(removed.entries) << " (" << megabytes(removed.bytes) << ") from " << dir.string()
            << "\n";
  return 0;
}

}  // namespace

Command cacheCommand() {
  CommandSpec spec{
      "cache",
      "[clear]",
      "Where the road-graph cache is, how much it holds and its limit; `clear` empties it.",
      "Routing commands keep each noded road graph in a cache folder (URBANGIS_CACHE_DIR, else "
      "$XDG_CACHE_HOME/urbangis, else ~/.cache/urbangis), so a second route on the same roads starts at once. "
      "The cache is kept under URBANGIS_CACHE_MAX_MB (default 512; 0 turns caching off), the least recently "
      "used graphs going first.",
      {},
      {
          {"urbangis cache", "Show the cache folder, what it holds and its limit."},
          {"urbangis cache clear", "Empty it."},
      },
      ValueKind::text,
      {"clear"}};
  return {std::move(spec), &runCache};
}

}  // namespace urbangis::cli
