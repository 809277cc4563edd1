#include "analysis/stats/national_classes.h"

#include <map>
#include <set>

#include "core/zone_statistic.h"

namespace urbangis {
namespace {

int64_t countOf(const CellValue& cell) {
  if (const auto* integer = std::get_if<int64_t>(&cell)) return *integer;
  if (const auto* real = std::get_if<double>(&cell)) return static_cast<int64_t>(*real);
  return 0;
}

}  // namespace

OutputTable byNationalClass(const OutputTable& stats, const std::vector<std::string>& layerIds, const ClassMap& map,
                            std::vector<std::string>& warnings) {
  OutputTable result;
  result.name = stats.name;
  result.wkb = stats.wkb;
  result.crsDefinition = stats.crsDefinition;
  result.rfc7946 = stats.rfc7946;
  result.rows.resize(stats.rows.size());

  // Which layer (if any) a category column belongs to: the longest id whose category prefix
  // ("<id>_count:") starts it.
  const auto categoryColumn = [&](const std::string& name, std::string& layer, std::string& category) {
    for (const std::string& id : layerIds) {
      const std::string prefix = categoryCountPrefix(id);
      if (name.rfind(prefix, 0) == 0 && map.layers.count(id) && id.size() > layer.size())
        layer = id, category = name.substr(prefix.size());
    }
    return !layer.empty();
  };

  // Per row, each event class's total over every mapped layer (the bureau's own view).
  std::map<std::string, std::vector<int64_t>> eventTotals;
  const auto emit = [&](const std::string& layer, const std::vector<NationalClass>& classes,
                        const std::map<std::string, std::vector<int64_t>>& sums, bool event) {
    for (const NationalClass& national : classes) {
      result.columns.push_back({nationalClassColumn(layer, event, national.name), ColumnType::integer});
      const auto found = sums.find(national.name);
      auto& total = eventTotals[national.name];
      total.resize(stats.rows.size(), 0);
      for (size_t r = 0; r < stats.rows.size(); ++r) {
        const int64_t value = found == sums.end() ? 0 : found->second[r];
        result.rows[r].push_back(value);
        if (event) total[r] += value;
      }
    }
  };
  std::set<std::string> categorised;  // layers with category columns
  for (const Column& column : stats.columns) {
    std::string layer, category;
    if (categoryColumn(column.name, layer, category)) categorised.insert(layer);
  }

  size_t c = 0;
  while (c < stats.columns.size()) {
    std::string layer, category;
    if (!categoryColumn(stats.columns[c].name, layer, category)) {
      result.columns.push_back(stats.columns[c]);
      for (size_t r = 0; r < stats.rows.size(); ++r) result.rows[r].push_back(stats.rows[r][c]);
      // A mapped layer without categories (areas, lines): its whole count goes to its class.
      for (const std::string& id : layerIds)
        if (stats.columns[c].name == statisticColumn(id, ZoneStatistic::count) && map.layers.count(id) &&
            !categorised.count(id)) {
          std::map<std::string, std::vector<int64_t>> events, components;
          std::vector<int64_t> counts;
          for (const auto& row : stats.rows) counts.push_back(countOf(row[c]));
          if (auto event = map.eventClassOf(id, "")) events[*event] = counts;
          if (auto component = map.componentClassOf(id, "")) components[*component] = counts;
          if (!events.empty()) emit(id, map.eventClasses, events, true);
          if (!components.empty()) emit(id, map.componentClasses, components, false);
        }
      ++c;
      continue;
    }
    // The layer's category columns are adjacent: sum them into its classes, in the file's order.
    std::map<std::string, std::vector<int64_t>> events, components;
    std::set<std::string> unmapped;
    for (; c < stats.columns.size(); ++c) {
      std::string sameLayer, value;
      if (!categoryColumn(stats.columns[c].name, sameLayer, value) || sameLayer != layer) break;
      const std::string local = value == kNoValue ? std::string() : value;
      if (map.unmapped(layer, local)) unmapped.insert(value);
      for (auto [classOf, sums] : {std::pair{map.eventClassOf(layer, local), &events},
                                   std::pair{map.componentClassOf(layer, local), &components}}) {
        if (!classOf) continue;
        auto& column = (*sums)[*classOf];
        column.resize(stats.rows.size(), 0);
        for (size_t r = 0; r < stats.rows.size(); ++r) column[r] += countOf(stats.rows[r][c]);
      }
    }
    if (!events.empty()) emit(layer, map.eventClasses, events, true);
    if (!components.empty()) emit(layer, map.componentClasses, components, false);
    if (!unmapped.empty()) {
      std::string list;
      for (const std::string& value : unmapped) list += (list.empty() ? "" : ", ") + value;
      warnings.push_back(layer + ": categories with no national class in " + map.file.string() + ", counted under " +
                         map.otherEvent + ": " + list);
    }
  }
  // Totals by event class over all mapped layers, last.
  for (const NationalClass& national : map.eventClasses) {
    result.columns.push_back({"event:" + national.name, ColumnType::integer});
    const auto& total = eventTotals[national.name];
    for (size_t r = 0; r < stats.rows.size(); ++r) result.rows[r].push_back(total.empty() ? int64_t{0} : total[r]);
  }
  return result;
}

}  // namespace urbangis
