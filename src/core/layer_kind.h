#pragma once
// What each kind of catalog layer is: one declaration per role (layer_kind.cpp) says the
// geometry it takes, the catalog keys only it takes, whether its features are tallied per zone,
// the statistics `stats` yields for it, how the report names one feature and which columns the
// report's zone tables show. Code asks the descriptor instead of switching on the role, so a new
// kind is one entry there (docs/architecture.md, "Where to add a layer kind").

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/zone_statistic.h"

namespace urbangis {

enum class LayerRole { zones, network, points, areas, lines, raster, assets };

enum class GeometryFamily { point, line, polygon, raster };

struct LayerKind {
  LayerRole role = LayerRole::zones;
  std::string_view name{};                            // as written in a catalog's "role"
  GeometryFamily geometry = GeometryFamily::polygon;  // what its features are
  std::string_view geometryNoun{};                    // for messages: "points", "lines", "polygons", "a raster"
  // Its features are counted per zone: `stats`, the report's figures, registration checks.
  bool tallied = false;
  // Its features are reported cases (投诉, 案件 …): time windows, deadlines, closure, flags.
  bool cases = false;
  std::string_view unitZh{}, unitEn{};      // one feature in the report: 件 / cases
  std::vector<std::string_view> ownKeys{};  // catalog keys only kinds that list them take
  std::vector<ZoneStatistic> statistics{};  // the columns `stats --by` yields for it, in order
  std::optional<ZoneStatistic> headline{};  // the report's counts-per-zone column
  std::optional<ZoneStatistic> density{};   // the report's densities-per-zone column
  bool countsByCategory = false;            // a <layer>_count:<category> column per category_field value
  bool countsByCondition = false;           // a <layer>_condition:<value> column per status_field value
  // Words in a layer's name that say it is of this kind (`catalog init`, io/catalog/layer_inference.h):
  // Chinese anywhere in the name, English as the start of a word ("streets" carries "street").
  std::vector<std::string_view> nameHints{};
  bool defaultForGeometry = false;  // what a layer of this geometry is when no kind's hint fits
};

// Every kind, in the order `info` and the docs list them.
const std::vector<LayerKind>& layerKinds();
const LayerKind& layerKind(LayerRole role);
GeometryFamily geometryOf(LayerRole role);

std::string_view roleName(LayerRole role);
std::optional<LayerRole> parseRole(std::string_view name);
// "zones, network, points, areas, lines, raster or assets", for messages.
std::string roleNames();

// The kinds whose features are tallied per zone, for messages: "points, areas, lines and assets".
std::string talliedKindNames();

// Whether a layer of `role` may carry catalog key `key` (keys no kind lists are for every kind).
bool kindTakesKey(LayerRole role, std::string_view key);
// The kinds that take `key`, for messages: "points, areas and lines".
std::string kindsTakingKey(std::string_view key);

}  // namespace urbangis
