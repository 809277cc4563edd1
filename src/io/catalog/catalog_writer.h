#pragma once
// Writes a catalog (core/catalog.h) as the JSON file docs/catalog.md describes, so that
// loadCatalog reads back the same catalog: keys in the documented order, defaults left out,
// sources relative to the catalog's folder where they are plain files.

#include <filesystem>
#include <string>

#include "core/catalog.h"

namespace urbangis {

// The catalog's JSON text, for a catalog file in `folder`.
std::string catalogJson(const Catalog& catalog, const std::filesystem::path& folder);

// Writes catalogJson to `file` atomically; never over one of the catalog's sources.
void writeCatalog(const Catalog& catalog, const std::filesystem::path& file);

}  // namespace urbangis
