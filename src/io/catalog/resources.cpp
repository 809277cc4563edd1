#include "io/catalog/resources.h"

#include <cstdlib>

namespace urbangis {
namespace fs = std::filesystem;

fs::path dataDirectory() {
  if (const char* overridden = std::getenv("URBANGIS_DATA_DIR"); overridden && *overridden) return overridden;
  std::error_code error;
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    // <prefix>/bin/urbangis → <prefix>/share/urbangis
    const fs::path installed = executable.parent_path().parent_path() / URBANGIS_DATA_SUBDIR;
    if (fs::exists(installed / "layers" / "daye.json", error)) return installed;
  }
  return URBANGIS_SOURCE_DIR;
}

fs::path defaultCatalog() { return dataDirectory() / "layers" / "daye.json"; }

fs::path stylesDirectory() { return dataDirectory() / "styles"; }

}  // namespace urbangis
