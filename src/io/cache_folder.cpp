#include "io/cache_folder.h"

#include <cstdlib>

namespace urbangis {

std::filesystem::path userCacheFolder() {
  if (const char* dir = std::getenv("URBANGIS_CACHE_DIR"); dir && *dir) return dir;
  if (const char* dir = std::getenv("XDG_CACHE_HOME"); dir && *dir) return std::filesystem::path(dir) / "urbangis";
  if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / ".cache" / "urbangis";
  return {};
}

}  // namespace urbangis
