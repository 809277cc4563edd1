// The layer-kind descriptors and the statistics list: every role round-trips through its name,
// the keys and statistics each kind declares are the ones the catalog and `stats` use, and
// column names are made one way.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "core/layer_kind.h"
#include "core/zone_statistic.h"

using namespace urbangis;

TEST_CASE("every layer kind is declared once and its name parses back", "[kinds]") {
  std::set<std::string_view> names;
  std::set<LayerRole> roles;
  for (const LayerKind& kind : layerKinds()) {
    CHECK(names.insert(kind.name).second);
    CHECK(roles.insert(kind.role).second);
    REQUIRE(parseRole(kind.name) == kind.role);
    CHECK(roleName(kind.role) == kind.name);
    CHECK(&layerKind(kind.role) == &kind);
  }
  CHECK(layerKinds().size() == 7);
  CHECK_FALSE(parseRole("zone").has_value());
  CHECK(roleNames() == "zones, network, points, areas, lines, raster or assets");
}

TEST_CASE("kinds say what geometry they take", "[kinds]") {
  CHECK(geometryOf(LayerRole::zones) == GeometryFamily::polygon);
  CHECK(geometryOf(LayerRole::areas) == GeometryFamily::polygon);
  CHECK(geometryOf(LayerRole::points) == GeometryFamily::point);
  CHECK(geometryOf(LayerRole::assets) == GeometryFamily::point);
  CHECK(geometryOf(LayerRole::lines) == GeometryFamily::line);
  CHECK(geometryOf(LayerRole::network) == GeometryFamily::line);
  CHECK(geometryOf(LayerRole::raster) == GeometryFamily::raster);
  CHECK(layerKind(LayerRole::zones).geometryNoun == "polygons");
  CHECK(layerKind(LayerRole::raster).geometryNoun == "a raster");
}

TEST_CASE("catalog keys only some kinds take", "[kinds]") {
  CHECK(kindTakesKey(LayerRole::points, "x"));
  CHECK(kindTakesKey(LayerRole::assets, "x"));
  CHECK_FALSE(kindTakesKey(LayerRole::zones, "x"));
  CHECK(kindsTakingKey("x") == "points and assets");
  CHECK(kindsTakingKey("deadline_hours") == "points, areas and lines");
  CHECK_FALSE(kindTakesKey(LayerRole::assets, "deadline_hours"));
  CHECK(kindsTakingKey("buffer_m") == "lines");
  CHECK(kindsTakingKey("snap_m") == "network");
  // A key no kind lists is for every kind.
  CHECK(kindTakesKey(LayerRole::zones, "id_field"));
  CHECK(kindTakesKey(LayerRole::raster, "style"));
  CHECK(talliedKindNames() == "points, areas, lines and assets");
}

TEST_CASE("each tallied kind's report columns are among its statistics", "[kinds]") {
  for (const LayerKind& kind : layerKinds()) {
    CAPTURE(kind.name);
    const auto declared = [&](ZoneStatistic statistic) {
      return std::find(kind.statistics.begin(), kind.statistics.end(), statistic) != kind.statistics.end();
    };
    if (kind.headline) CHECK(declared(*kind.headline));
    if (kind.density) CHECK(declared(*kind.density));
    CHECK(kind.tallied == !kind.statistics.empty());
    CHECK(kind.tallied == !kind.unitZh.empty());
  }
}

TEST_CASE("statistic columns are named one way", "[kinds]") {
  CHECK(statisticColumn("complaints", ZoneStatistic::count) == "complaints_count");
  CHECK(statisticColumn("complaints", ZoneStatistic::perKm2) == "complaints_per_km2");
  CHECK(statisticColumn("sites", ZoneStatistic::areaM2) == "sites_area_m2");
  CHECK(statisticColumn("sites", ZoneStatistic::areaPct) == "sites_area_pct");
  CHECK(statisticColumn("cables", ZoneStatistic::lengthM) == "cables_length_m");
  CHECK(statisticColumn("cables", ZoneStatistic::roadPct) == "cables_road_pct");
  CHECK(categoryCountColumn("complaints", "噪声") == "complaints_count:噪声");
  CHECK(categoryCountColumn("complaints", "") == "complaints_count:(none)");
  CHECK(conditionCountColumn("assets", "破损") == "assets_condition:破损");
  CHECK(sumColumn("sites", "area_m2") == "sites_sum_area_m2");
  CHECK(nationalClassColumn("assets", false, "公用设施") == "assets_component:公用设施");
  CHECK(nationalClassColumn("complaints", true, "市容环境") == "complaints_event:市容环境");
  CHECK(isStatisticColumn("complaints_per_km2", ZoneStatistic::perKm2));
  CHECK_FALSE(isStatisticColumn("_per_km2", ZoneStatistic::perKm2));
  CHECK_FALSE(isStatisticColumn("complaints_count", ZoneStatistic::perKm2));
}

TEST_CASE("report headings carry the kind's unit", "[kinds]") {
  CHECK(statisticHeading(ZoneStatistic::perKm2, "投诉", "件", true) == "投诉（件/km²）");
  CHECK(statisticHeading(ZoneStatistic::perKm2, "Complaints", "cases", false) == "Complaints per km²");
  CHECK(statisticHeading(ZoneStatistic::perKm2, "城市部件", "个", true) == "城市部件（个/km²）");
  CHECK(statisticHeading(ZoneStatistic::count, "投诉", "件", true) == "投诉");
  CHECK(statisticHeading(ZoneStatistic::lengthM, "Cables", "segments", false) == "Cables km");
  CHECK(zoneStatisticInfo(ZoneStatistic::lengthM).reportScale == 0.001);
}
