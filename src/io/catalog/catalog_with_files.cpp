#include "io/catalog/catalog_with_files.h"

#include <algorithm>
#include <map>

#include "core/error.h"
#include "io/catalog/catalog_init.h"
#include "io/catalog/catalog_loader.h"
#include "io/catalog/catalog_writer.h"
#include "io/postgis/pg_source.h"

namespace urbangis {
namespace {

namespace fs = std::filesystem;

std::string knownIds(const Catalog& catalog) {
  std::string ids;
  for (const LayerSpec& layer : catalog.layers) ids += (ids.empty() ? "" : ", ") + layer.id;
  return ids;
}

// The draft of one file, with the role an option needs where the file's layer has that
// geometry but was inferred as its sibling (polygons named "wards.geojson" are zones for --by).
CatalogDraft draftFor(const fs::path& path, const std::optional<LayerRole>& role) {
  CatalogInitRequest request;
  request.inputs = {path};
  CatalogDraft draft = draftCatalog(request);
  if (!role) return draft;
  bool redraft = false;
  for (const InferredLayer& layer : draft.layers)
    if (layer.spec.role != *role && geometryOf(layer.spec.role) == geometryOf(*role)) {
      request.overrides[layer.spec.id].role = *role;
      redraft = true;
    }
  return redraft ? draftCatalog(request) : draft;
}

// The draft's layers as the loader reads them (sources resolved, styles found, every key
// checked), as if saved beside `anchor`.
Catalog loaded(const Catalog& draft, const fs::path& anchor) {
  return parseCatalog(catalogJson(draft, anchor.parent_path()), anchor);
}

std::string what(const InferredLayer& layer) {
  std::string reason;
  for (const Decision& decision : layer.decisions)
    if (decision.key == "role") reason = decision.reason;
  return "layer " + layer.spec.id + ": " + std::string(roleName(layer.spec.role)) +
         (reason.empty() ? "" : " (" + reason + ")");
}

}  // namespace

bool namesDataFile(std::string_view reference) { return reference.find_first_of("/\\.") != std::string_view::npos; }

Catalog openCatalogOrData(const fs::path& path) {
  std::error_code error;
  if (!fs::exists(path, error)) throw InputError(path.string() + ": no such catalog, data file or folder");
  if (!fs::is_directory(path, error) && looksLikeCatalog(path)) return loadCatalog(path);
  CatalogWithFiles opened = withDataFiles(std::nullopt, {{path.string(), std::nullopt}});
  return std::move(opened.catalog);
}

std::vector<std::string> addInferredLayers(std::optional<Catalog>& catalog, std::vector<InferredLayer>& layers,
                                           const fs::path& anchor) {
  // Ids and colours the catalog's layers do not have yet.
  std::vector<std::string> taken, colours;
  if (catalog)
    for (const LayerSpec& layer : catalog->layers) {
      taken.push_back(layer.id);
      if (!layer.colour.empty()) colours.push_back(layer.colour);
    }
  for (InferredLayer& layer : layers)
    if (!layer.spec.colour.empty()) {
      layer.spec.colour = nextLayerColour(colours);
      colours.push_back(layer.spec.colour);
    }
  std::map<std::string, std::string> renamed;
  for (InferredLayer& layer : layers) {
    const std::string id = catalogIdFor(layer.spec.id, "layer", taken);
    renamed[layer.spec.id] = id;
    layer.spec.id = id;
    taken.push_back(id);
  }
  Catalog draft;
  draft.name = isPgSource(anchor.string()) ? LocalizedText{"PostGIS", "PostGIS"}
                                           : LocalizedText{anchor.stem().string(), anchor.stem().string()};
  if (anchor.filename() == ".")
    draft.name = LocalizedText{anchor.parent_path().filename().string(), anchor.parent_path().filename().string()};
  std::vector<std::string> ids;
  for (InferredLayer& layer : layers) {
    if (!layer.spec.covers.empty()) {
      const auto network = renamed.find(layer.spec.covers);
      layer.spec.covers = network == renamed.end() ? "" : network->second;  // its network was left out
    }
    draft.layers.push_back(layer.spec);
    ids.push_back(layer.spec.id);
  }
  Catalog read = loaded(draft, anchor);
  if (!catalog) {
    catalog = std::move(read);
    catalog->file = anchor.filename() == "." ? anchor.parent_path() : anchor;
    return ids;
  }
  for (LayerSpec layer : read.layers) {
    layer.timeZone = catalog->timeZone;  // the catalog's zone holds for every layer in it
    catalog->layers.push_back(std::move(layer));
  }
  return ids;
}

CatalogWithFiles withDataFiles(std::optional<Catalog> base, const std::vector<FileReference>& files) {
  CatalogWithFiles result;
  std::map<fs::path, size_t> seen;  // a file named twice (--by and --layers) is added once
  for (const FileReference& file : files) {
    std::error_code error;
    const fs::path path = fs::absolute(file.path).lexically_normal();
    if (!fs::exists(path, error))
      throw InputError(file.path + ": no such file or folder" +
                       (base ? " (a layer id has no '/' or '.'; the catalog " + base->file.string() +
                                   " has: " + knownIds(*base) + ")"
                             : ""));
    if (auto earlier = seen.find(path); earlier != seen.end()) {
      result.ids.push_back(result.ids[earlier->second]);
      continue;
    }
    seen.emplace(path, result.ids.size());

    CatalogDraft draft = draftFor(path, file.role);
    const std::vector<std::string> ids =
        addInferredLayers(base, draft.layers, fs::is_directory(path, error) ? path / "." : path);
    for (const InferredLayer& layer : draft.layers) {
      result.notes.push_back(file.path + ": " + what(layer));
      for (const std::string& warning : layer.warnings) result.notes.push_back(file.path + ": " + warning);
    }
    for (const std::string& problem : draft.problems) result.notes.push_back(problem);
    result.ids.push_back(ids);
  }
  if (!base) throw InputError("no catalog and no data file to work on");
  result.catalog = std::move(*base);
  return result;
}

}  // namespace urbangis
