#pragma once
// Data files where a command takes a catalog or a layer id: `urbangis stats --by wards.geojson
// --layers cases.csv`, `urbangis render wards.shp`. Each file's layers are inferred as `catalog
// init` infers them (io/catalog/catalog_init.h) and read back through the catalog loader, so a
// command sees what a saved catalog would give it. docs/cli.md "Layers by id or by file".

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "io/catalog/layer_inference.h"

namespace urbangis {

// True when a layer reference names a file or folder rather than a layer id: it holds a '/', a
// '\' or a '.', and no layer id does (ids are [a-z][a-z0-9_]*, docs/catalog.md).
bool namesDataFile(std::string_view reference);

// A catalog file, or a data file or folder in its place (its layers inferred). Throws
// InputError naming the path when it is neither.
Catalog openCatalogOrData(const std::filesystem::path& path);

struct FileReference {
  std::string path;               // as the person wrote it
  std::optional<LayerRole> role;  // the role the option needs (stats --by: zones); else inferred
};

struct CatalogWithFiles {
  Catalog catalog;
  std::vector<std::vector<std::string>> ids;  // for each reference, the ids of its layers
  std::vector<std::string> notes;             // each layer added, its role and why; what was left out
};

// Adds inferred layers (a draft, or the part of it a person chose) to `catalog` under ids it
// does not use yet (a line layer's "covers" following its network's new id), read back through
// the catalog loader as if saved beside `anchor`; without a catalog, makes one of them named
// after `anchor`. Returns the ids they got, in order; `layers` holds them too.
std::vector<std::string> addInferredLayers(std::optional<Catalog>& catalog, std::vector<InferredLayer>& layers,
                                           const std::filesystem::path& anchor);

// `base` with the layers of `files` added under ids it does not use yet, or, without a base, a
// catalog of those layers alone (named after the first file, which stands for its file in
// messages and output checks). A file named twice is added once. Throws InputError naming the
// path when a file is missing or has no layer a catalog can take.
CatalogWithFiles withDataFiles(std::optional<Catalog> base, const std::vector<FileReference>& files);

}  // namespace urbangis
