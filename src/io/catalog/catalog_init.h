#pragma once
// A catalog made from files and folders as they come (`urbangis catalog init`, and the viewer's
// Add layers): every layer found (io/catalog/layer_discovery.h), each inferred
// (io/catalog/layer_inference.h) with what the person said instead, lines tied to the network
// they run along. Files that cannot be read are told, and the others still make the catalog.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "io/catalog/layer_inference.h"

namespace urbangis {

struct CatalogInitRequest {
  std::vector<std::filesystem::path> inputs;
  LocalizedText name;
  std::map<std::string, LayerOverrides> overrides;  // by the layer ids the draft gives
};

struct CatalogDraft {
  Catalog catalog;
  std::vector<InferredLayer> layers;  // as inferred, with each decision and its reason
  std::vector<std::string> problems;  // files or layers left out, each named, with why
};

// The colours drafted layers get, one each in turn ("colour" in the catalog): ColorBrewer's Set1
// without its yellow (too pale on white), then three of Dark2.
const std::vector<std::string>& layerColours();

// The first of layerColours() not in `used` (when all are, they go round again).
std::string nextLayerColour(const std::vector<std::string>& used);

// Throws InputError when nothing usable is found, or when an override names a layer id the
// draft does not have.
CatalogDraft draftCatalog(const CatalogInitRequest& request);

}  // namespace urbangis
