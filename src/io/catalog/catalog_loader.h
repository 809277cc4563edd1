#pragma once
// Reads catalog files (docs/catalog.md) into the model of core/catalog.h: strict, every key
// known, every error naming the file, the key and the problem.

#include <filesystem>
#include <string>

#include "core/catalog.h"

namespace urbangis {

// Reads and validates a catalog file; throws InputError naming the file, key and problem.
Catalog loadCatalog(const std::filesystem::path& file);
// The same from text already read; `file` names it in messages and anchors relative paths.
Catalog parseCatalog(const std::string& text, const std::filesystem::path& file);

// True when `file` looks like a catalog (a JSON object with a "layers" array) rather than a
// data source such as a GeoJSON file.
bool looksLikeCatalog(const std::filesystem::path& file);

}  // namespace urbangis
