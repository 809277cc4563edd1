#pragma once
// Where the embedded data lives (the Daye catalog, styles, translations): beside an installed
// binary in <prefix>/share/urbangis, or in the source tree for a development build.

#include <filesystem>

namespace urbangis {

// The folder holding layers/, styles/ and data/. URBANGIS_DATA_DIR overrides.
std::filesystem::path dataDirectory();

// The embedded Daye catalog: <data directory>/layers/daye.json.
std::filesystem::path defaultCatalog();

// The shipped styles (styles/*.json), for layers an analysis makes (density, hot spots).
std::filesystem::path stylesDirectory();

}  // namespace urbangis
