#pragma once
// The statistics `stats` yields per zone, and the one place their column names are made. The
// local engine, the PostGIS engine, the report, the viewer's choropleth menu and the national
// classes all name a column through these functions, so a name is written once.

#include <string>
#include <string_view>

namespace urbangis {

enum class ZoneStatistic {
  count,    // <layer>_count: features in the zone
  perKm2,   // <layer>_per_km2: features per km² of the zone
  areaM2,   // <layer>_area_m2: ellipsoidal area inside the zone, overlaps counted once
  areaPct,  // <layer>_area_pct: that area as a share of the zone
  lengthM,  // <layer>_length_m: ellipsoidal length inside the zone
  roadPct,  // <layer>_road_pct: share of the zone's road length the lines cover
};

struct ZoneStatisticInfo {
  ZoneStatistic statistic;
  std::string_view suffix;  // appended to the layer id: "_per_km2"
  bool integer;             // an integer column (else real)
  // The report's column heading is the layer's title followed by these; "{unit}" stands for the
  // kind's unit (件, 处 …).
  std::string_view headingZh, headingEn;
  double reportScale;  // the report shows value × this (metres → km)
  bool summable;       // the report's table has a total row for it
  // A written table's heading for people (`--headers zh|en`): "{title}" and "{unit}" stand for
  // the layer's title and its kind's unit; the values are as the column holds them (metres).
  std::string_view tableHeadingZh, tableHeadingEn;
};

const ZoneStatisticInfo& zoneStatisticInfo(ZoneStatistic statistic);

// "complaints_per_km2".
std::string statisticColumn(std::string_view layerId, ZoneStatistic statistic);
// The report's heading of that column for a layer titled `title` whose features are `unit`s.
std::string statisticHeading(ZoneStatistic statistic, const std::string& title, std::string_view unit, bool zh);
// A written table's heading of that column (io/outputs/column_headings.h): "投诉密度（件/km²）".
std::string statisticTableHeading(ZoneStatistic statistic, const std::string& title, std::string_view unit, bool zh);
// The value column names give a missing category or condition, and the id of the row of features
// in no zone.
inline constexpr std::string_view kNoValue = "(none)";

// "complaints_count:" — what every count-by-category column of the layer starts with.
std::string categoryCountPrefix(std::string_view layerId);
// "complaints_count:噪声"; features without a category go to "complaints_count:(none)".
std::string categoryCountColumn(std::string_view layerId, std::string_view category);
// "assets_condition:破损": assets per zone in one condition (status_field value).
std::string conditionCountPrefix(std::string_view layerId);
std::string conditionCountColumn(std::string_view layerId, std::string_view condition);
// "sites_sum_area_m2": a catalog sum_fields field summed per zone.
std::string sumColumn(std::string_view layerId, std::string_view field);
// "complaints_event:市容环境" / "assets_component:公用设施": a layer's count in a national class
// (analysis/stats/national_classes.h).
std::string nationalClassColumn(std::string_view layerId, bool event, std::string_view nationalClass);
// True when `column` is the `statistic` column of some layer, e.g. "x_per_km2" for perKm2.
bool isStatisticColumn(std::string_view column, ZoneStatistic statistic);

}  // namespace urbangis
