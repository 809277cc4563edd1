#pragma once
// What a layer of someone's own data is, read from the layer itself: its role from its geometry
// and its name (the layer kinds' name hints, core/layer_kind.h), its fields (id, name, category,
// time, status, values) from their names and their values, its CRS from the file or, for
// coordinate columns, from their range. Every decision carries its reason, so a person can check
// it and override it (`catalog init --role/--field/--crs`, docs/catalog.md).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "io/catalog/layer_discovery.h"

namespace urbangis {

struct Decision {
  std::string key;     // the catalog key decided: "role", "id_field", "crs" …
  std::string value;   // as written in the catalog ("" when left out)
  std::string reason;  // why, for people
};

struct InferredLayer {
  LayerSpec spec;  // id, title, role, source, layer, crs, x/y, fields, sum_fields, covers
  std::vector<Decision> decisions;
  std::vector<std::string> warnings;  // what a person must still decide (a missing CRS …)
  // A source without a CRS: the CRS names its coordinates suggest, likeliest first (the viewer
  // offers them; empty when nothing is missing or nothing can be said).
  std::vector<std::string> crsCandidates;
};

// What a person said instead of inferring: a role, catalog field keys (e.g. "category_field"
// → "TYPE") and a CRS name.
struct LayerOverrides {
  std::optional<LayerRole> role;
  std::map<std::string, std::string> fields;
  std::optional<std::string> crs;
};

// Infers one layer. `id` is the catalog id it will have. Throws InputError naming the source
// when the layer cannot be read or an override names a field the layer lacks.
InferredLayer inferLayer(const FoundLayer& found, const std::string& id, const LayerOverrides& overrides = {});

// A catalog id for a layer name: lower-case ASCII letters, digits and '_', starting with a
// letter, at most 32 characters, not in `taken` (a suffix _2, _3 … when it is); `fallback` (a
// role name) when the name has no ASCII letter (e.g. 社区).
std::string catalogIdFor(const std::string& layerName, const std::string& fallback,
                         const std::vector<std::string>& taken);

// The field keys `--field` may set, as the catalog names them.
const std::vector<std::string>& inferredFieldKeys();

}  // namespace urbangis
