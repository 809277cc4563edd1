#include "core/zone_statistic.h"

#include <array>

namespace urbangis {

namespace {

constexpr std::array<ZoneStatisticInfo, 6> kStatistics{{
    {ZoneStatistic::count, "_count", true, "", "", 1, true, "{title}（{unit}）", "{title} (count)"},
    {ZoneStatistic::perKm2, "_per_km2", false, "（{unit}/km²）", " per km²", 1, false, "{title}密度（{unit}/km²）",
     "{title} per km²"},
    {ZoneStatistic::areaM2, "_area_m2", false, " m²", " m²", 1, true, "{title}面积（m²）", "{title} area (m²)"},
    {ZoneStatistic::areaPct, "_area_pct", false, "覆盖率 %", " cover %", 1, false, "{title}覆盖率（%）",
     "{title} cover (%)"},
    {ZoneStatistic::lengthM, "_length_m", false, " km", " km", 0.001, true, "{title}长度（m）", "{title} length (m)"},
    {ZoneStatistic::roadPct, "_road_pct", false, "道路覆盖率 %", " road share %", 1, false, "{title}道路覆盖率（%）",
     "{title} road share (%)"},
}};

}  // namespace

const ZoneStatisticInfo& zoneStatisticInfo(ZoneStatistic statistic) {
  for (const ZoneStatisticInfo& info : kStatistics)
    if (info.statistic == statistic) return info;
  return kStatistics.front();
}

std::string statisticColumn(std::string_view layerId, ZoneStatistic statistic) {
  return std::string(layerId) + std::string(zoneStatisticInfo(statistic).suffix);
}

std::string statisticHeading(ZoneStatistic statistic, const std::string& title, std::string_view unit, bool zh) {
  std::string heading(zh ? zoneStatisticInfo(statistic).headingZh : zoneStatisticInfo(statistic).headingEn);
  if (const auto at = heading.find("{unit}"); at != std::string::npos) heading.replace(at, 6, unit);
  return title + heading;
}

std::string statisticTableHeading(ZoneStatistic statistic, const std::string& title, std::string_view unit, bool zh) {
  std::string heading(zh ? zoneStatisticInfo(statistic).tableHeadingZh : zoneStatisticInfo(statistic).tableHeadingEn);
  if (const auto at = heading.find("{title}"); at != std::string::npos) heading.replace(at, 7, title);
  if (const auto at = heading.find("{unit}"); at != std::string::npos) heading.replace(at, 6, unit);
  return heading;
}

std::string categoryCountPrefix(std::string_view layerId) { return std::string(layerId) + "_count:"; }

std::string categoryCountColumn(std::string_view layerId, std::string_view category) {
  return categoryCountPrefix(layerId) + (category.empty() ? std::string(kNoValue) : std::string(category));
}

std::string conditionCountPrefix(std::string_view layerId) { return std::string(layerId) + "_condition:"; }

std::string conditionCountColumn(std::string_view layerId, std::string_view condition) {
  return conditionCountPrefix(layerId) + (condition.empty() ? std::string(kNoValue) : std::string(condition));
}

std::string sumColumn(std::string_view layerId, std::string_view field) {
  return std::string(layerId) + "_sum_" + std::string(field);
}

std::string nationalClassColumn(std::string_view layerId, bool event, std::string_view nationalClass) {
  return std::string(layerId) + (event ? "_event:" : "_component:") + std::string(nationalClass);
}

bool isStatisticColumn(std::string_view column, ZoneStatistic statistic) {
  const std::string_view suffix = zoneStatisticInfo(statistic).suffix;
  return column.size() > suffix.size() && column.substr(column.size() - suffix.size()) == suffix;
}

}  // namespace urbangis
