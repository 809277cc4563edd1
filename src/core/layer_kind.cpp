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
  kinds.push_back({.role = LayerRole::zones,
                   .name = "zones",
                   .geometry = GeometryFamily::polygon,
                   .geometryNoun = "polygons",
                   .nameHints = {"社区",    "村",   "街道",      "乡镇",          "网格",         "行政区",
                                 "区划",    "辖区", "片区",      "边界",          "ward",         "district",
                                 "borough", "boro", "community", "neighbourhood", "neighborhood", "tract",
                                 "county",  "zone", "township",  "precinct",      "bound",        "admin"},
                   .defaultForGeometry = true});
  // Road centre lines: routing, coverage of lines, unit-grid splitting.
  kinds.push_back(
      {.role = LayerRole::network,
       .name = "network",
       .geometry = GeometryFamily::line,
       .geometryNoun = "lines",
       .ownKeys = keys({"snap_m", "oneway_field", "speed_field"}, false),
       .nameHints = {"道路", "路网", "街巷", "road", "street", "highway", "network", "centerline", "centreline"},
       .defaultForGeometry = true});
  // Reported cases at a place: complaints, violations, inspections.
  kinds.push_back({.role = LayerRole::points,
                   .name = "points",
                   .geometry = GeometryFamily::point,
                   .geometryNoun = "points",
                   .tallied = true,
                   .cases = true,
                   .unitZh = "件",
                   .unitEn = "cases",
                   .ownKeys = keys({"x", "y"}, true),
                   .statistics = {S::count, S::perKm2},
                   .headline = S::count,
                   .density = S::perKm2,
                   .countsByCategory = true,
                   .nameHints = {"案件", "事件", "投诉", "举报", "热线", "违法", "crime", "incident", "case",
                                 "complaint", "event", "report", "accident", "violation", "311"},
                   .defaultForGeometry = true});
  // Cases with an extent: illegal structures, occupied land.
  kinds.push_back({.role = LayerRole::areas,
                   .name = "areas",
                   .geometry = GeometryFamily::polygon,
                   .geometryNoun = "polygons",
                   .tallied = true,
                   .cases = true,
                   .unitZh = "处",
                   .unitEn = "sites",
                   .ownKeys = keys({}, true),
                   .statistics = {S::count, S::areaM2, S::areaPct},
                   .headline = S::count,
                   .density = S::areaPct,
                   .nameHints = {"违建", "拆除", "工地", "占道", "黄线", "demolition", "construction", "site", "parcel",
                                 "encroach"}});
  // Works along roads: overhead-cable corridors, repaired kerbs.
  kinds.push_back({.role = LayerRole::lines,
                   .name = "lines",
                   .geometry = GeometryFamily::line,
                   .geometryNoun = "lines",
                   .tallied = true,
                   .cases = true,
                   .unitZh = "段",
                   .unitEn = "segments",
                   .ownKeys = keys({"buffer_m", "covers"}, true),
                   .statistics = {S::lengthM, S::roadPct},
                   .headline = S::lengthM,
                   .density = S::roadPct,
                   .nameHints = {"线缆", "管线", "线路", "cable", "pipe", "corridor", "wire", "sewer"}});
  // Gridded values (kernel densities) and imagery: orthophotos, basemaps, map tiles.
  kinds.push_back({.role = LayerRole::raster,
                   .name = "raster",
                   .geometry = GeometryFamily::raster,
                   .geometryNoun = "a raster",
                   .ownKeys = keys({"max_zoom", "opacity"}, false)});
  // The city-component inventory (城市部件): manhole covers, lamps, bins … counted per zone by
  // class (category_field) and by condition (status_field). Not cases: no deadlines or closure.
  kinds.push_back({.role = LayerRole::assets,
                   .name = "assets",
                   .geometry = GeometryFamily::point,
                   .geometryNoun = "points",
                   .tallied = true,
                   .unitZh = "个",
                   .unitEn = "components",
                   .ownKeys = keys({"x", "y"}, false),
                   .statistics = {S::count, S::perKm2},
                   .headline = S::count,
                   .density = S::perKm2,
                   .countsByCategory = true,
                   .countsByCondition = true,
                   .nameHints = {"部件",    "井盖",   "路灯",     "果皮箱",  "垃圾桶",      "消防栓",  "站亭",
                                 "设施",    "asset",  "manhole",  "lamp",    "streetlight", "hydrant", "bin",
                                 "facilit", "school", "hospital", "station", "stop",        "poi"}});
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
