#include "core/layer_kind.h"

#include <algorithm>

namespace urbangis {

namespace {

using S = ZoneStatistic;

// Keys a kind alone takes; every other catalog key (id_field, name_field, category_field,
// time_field, sum_fields …) any vector layer may carry.
constexpr std::string_view kCaseKeys[] = {"flag_fields", "deadline_hours", "closed_values", "time_format"};

std::vector<std::string_view> keys(std::initializer_list<std::string_view> own, bool caseKeys) {
  std::vector<std::string_view> all(own);
  if (caseKeys) all.insert(all.end(), std::begin(kCaseKeys), std::end(kCaseKeys));
  return all;
}

std::vector<LayerKind> declareKinds() {
  std::vector<LayerKind> kinds;
  // Zones aggregate the others: communities, grids, townships.
  kinds.push_back({LayerRole::zones,
                   "zones",
                   GeometryFamily::polygon,
                   "polygons",
                   false,
                   false,
                   "",
                   "",
                   {},
                   {},
                   std::nullopt,
                   std::nullopt,
                   false,
                   false});
  // Road centre lines: routing, coverage of lines, unit-grid splitting.
  kinds.push_back({LayerRole::network,
                   "network",
                   GeometryFamily::line,
                   "lines",
                   false,
                   false,
                   "",
                   "",
                   keys({"snap_m", "oneway_field", "speed_field"}, false),
                   {},
                   std::nullopt,
                   std::nullopt,
                   false,
                   false});
  // Reported cases at a place: complaints, violations, inspections.
  kinds.push_back({LayerRole::points,
                   "points",
                   GeometryFamily::point,
                   "points",
                   true,
                   true,
                   "件",
                   "cases",
                   keys({"x", "y"}, true),
                   {S::count, S::perKm2},
                   S::count,
                   S::perKm2,
                   true,
                   false});
  // Cases with an extent: illegal structures, occupied land.
  kinds.push_back({LayerRole::areas,
                   "areas",
                   GeometryFamily::polygon,
                   "polygons",
                   true,
                   true,
                   "处",
                   "sites",
                   keys({}, true),
                   {S::count, S::areaM2, S::areaPct},
                   S::count,
                   S::areaPct,
                   false,
                   false});
  // Works along roads: overhead-cable corridors, repaired kerbs.
  kinds.push_back({LayerRole::lines,
                   "lines",
                   GeometryFamily::line,
                   "lines",
                   true,
                   true,
                   "段",
                   "segments",
                   keys({"buffer_m", "covers"}, true),
                   {S::lengthM, S::roadPct},
                   S::lengthM,
                   S::roadPct,
                   false,
                   false});
  // Gridded values: kernel densities, imagery.
  kinds.push_back({LayerRole::raster,
                   "raster",
                   GeometryFamily::raster,
                   "a raster",
                   false,
                   false,
                   "",
                   "",
                   {},
                   {},
                   std::nullopt,
                   std::nullopt,
                   false,
                   false});
  // The city-component inventory (城市部件): manhole covers, lamps, bins … counted per zone by
  // class (category_field) and by condition (status_field).
  kinds.push_back({LayerRole::assets,
                   "assets",
                   GeometryFamily::point,
                   "points",
                   true,
                   false,
                   "个",
                   "components",
                   keys({"x", "y"}, false),
                   {S::count, S::perKm2},
                   S::count,
                   S::perKm2,
                   true,
                   true});
  return kinds;
}

}  // namespace

const std::vector<LayerKind>& layerKinds() {
  static const std::vector<LayerKind> kinds = declareKinds();  // immutable after first use
  return kinds;
}

const LayerKind& layerKind(LayerRole role) {
  for (const LayerKind& kind : layerKinds())
    if (kind.role == role) return kind;
  return layerKinds().front();
}

GeometryFamily geometryOf(LayerRole role) { return layerKind(role).geometry; }

std::string_view roleName(LayerRole role) { return layerKind(role).name; }

std::optional<LayerRole> parseRole(std::string_view name) {
  for (const LayerKind& kind : layerKinds())
    if (kind.name == name) return kind.role;
  return std::nullopt;
}

namespace {

std::string listed(const std::vector<std::string_view>& names, const char* last) {
  std::string text;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? last : ", ";
    text += names[i];
  }
  return text;
}

}  // namespace

std::string roleNames() {
  std::vector<std::string_view> names;
  for (const LayerKind& kind : layerKinds()) names.push_back(kind.name);
  return listed(names, " or ");
}

std::string talliedKindNames() {
  std::vector<std::string_view> names;
  for (const LayerKind& kind : layerKinds())
    if (kind.tallied) names.push_back(kind.name);
  return listed(names, " and ");
}

bool kindTakesKey(LayerRole role, std::string_view key) {
  bool listedAnywhere = false;
  for (const LayerKind& kind : layerKinds()) {
    const bool takes = std::find(kind.ownKeys.begin(), kind.ownKeys.end(), key) != kind.ownKeys.end();
    if (takes && kind.role == role) return true;
    listedAnywhere = listedAnywhere || takes;
  }
  return !listedAnywhere;
}

std::string kindsTakingKey(std::string_view key) {
  std::vector<std::string_view> names;
  for (const LayerKind& kind : layerKinds())
    if (std::find(kind.ownKeys.begin(), kind.ownKeys.end(), key) != kind.ownKeys.end()) names.push_back(kind.name);
  return listed(names, " and ");
}

}  // namespace urbangis
