#include "io/catalog/catalog_init.h"

#include <algorithm>

#include "core/error.h"

namespace urbangis {

const std::vector<std::string>& layerColours() {
  static const std::vector<std::string> colours{"#E41A1C", "#377EB8", "#4DAF4A", "#984EA3", "#FF7F00",
                                                "#A65628", "#F781BF", "#1B9E77", "#D95F02", "#7570B3"};
  return colours;
}

std::string nextLayerColour(const std::vector<std::string>& used) {
  const std::vector<std::string>& colours = layerColours();
  for (const std::string& colour : colours)
    if (std::find(used.begin(), used.end(), colour) == used.end()) return colour;
  return colours[used.size() % colours.size()];
}

CatalogDraft draftCatalog(const CatalogInitRequest& request) {
  const LayerDiscovery discovery = discoverLayers(request.inputs);
  CatalogDraft draft;
  draft.problems = discovery.problems;
  draft.catalog.name = request.name;

  // Ids first, from the layer names, so that overrides can name them.
  std::vector<std::string> ids;
  for (const FoundLayer& found : discovery.layers) ids.push_back(catalogIdFor(found.layerName, "layer", ids));
  for (const auto& [id, overrides] : request.overrides)
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
      std::string known;
      for (const std::string& each : ids) known += (known.empty() ? "" : ", ") + each;
      throw InputError("no layer \"" + id + "\" among the inputs; the layers are: " + known);
    }

  for (size_t i = 0; i < discovery.layers.size(); ++i) {
    const auto overrides = request.overrides.find(ids[i]);
    try {
      draft.layers.push_back(inferLayer(discovery.layers[i], ids[i],
                                        overrides == request.overrides.end() ? LayerOverrides{} : overrides->second));
    } catch (const InputError& error) {
      if (overrides != request.overrides.end()) throw;  // what the person asked for must hold
      draft.problems.push_back(std::string(error.what()) + " (left out)");
    }
  }
  if (draft.layers.empty()) {
    std::string why;
    for (const std::string& problem : draft.problems) why += "\n  " + problem;
    throw InputError("no layer to make a catalog of" + (why.empty() ? std::string() : ":" + why));
  }

  // Lines run along the network: with one network layer, that is the one they cover.
  std::vector<std::string> networks;
  for (const InferredLayer& layer : draft.layers)
    if (layer.spec.role == LayerRole::network) networks.push_back(layer.spec.id);
  for (InferredLayer& layer : draft.layers) {
    if (layer.spec.role != LayerRole::lines) continue;
    if (networks.size() == 1) {
      layer.spec.covers = networks.front();
      layer.decisions.push_back({"covers", networks.front(), "the one network layer: road coverage is measured on it"});
    } else if (networks.size() > 1) {
      layer.warnings.push_back(layer.spec.id + ": several network layers; say which it runs along with \"covers\"");
    }
  }
  // Rasters first: layers draw in catalog order, and imagery belongs under the data.
  std::stable_partition(draft.layers.begin(), draft.layers.end(),
                        [](const InferredLayer& layer) { return layer.spec.role == LayerRole::raster; });
  // A colour of its own for each vector layer, so that layers without a style tell apart.
  std::vector<std::string> used;
  for (InferredLayer& layer : draft.layers) {
    if (!layer.spec.isVector()) continue;
    layer.spec.colour = nextLayerColour(used);
    used.push_back(layer.spec.colour);
    layer.decisions.push_back(
        {"colour", layer.spec.colour, "a colour no other layer here has, until a style is given"});
  }
  for (const InferredLayer& layer : draft.layers) draft.catalog.layers.push_back(layer.spec);
  return draft;
}

}  // namespace urbangis
