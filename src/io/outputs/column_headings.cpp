#include "io/outputs/column_headings.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <vector>

#include "core/field_labels.h"
#include "core/layer_kind.h"
#include "core/zone_statistic.h"

namespace urbangis {
namespace {

struct Heading {
  const char* zh;
  const char* en;
};

// The columns every table may have, whatever its layers.
const std::map<std::string, Heading, std::less<>>& fixedHeadings() {
  static const std::map<std::string, Heading, std::less<>> headings{
      {"zone_id", {"分区代码", "Zone code"}},
      {"zone_name", {"分区名称", "Zone"}},
      {"area_km2", {"面积（km²）", "Area (km²)"}},
      {"month", {"月份", "Month"}},
      {"lon", {"经度", "Longitude"}},
      {"lat", {"纬度", "Latitude"}},
      {"grid_code", {"网格编码", "Grid code"}},
      {"parent_id", {"所属分区代码", "Parent zone code"}},
      {"parent_name", {"所属分区", "Parent zone"}},
      {"area_m2", {"面积（m²）", "Area (m²)"}},
      {"event_class", {"事件大类（国标）", "Event class (national)"}},
      {"event_code", {"事件大类代码", "Event class code"}},
      {"component_class", {"部件大类（国标）", "Component class (national)"}},
      {"component_code", {"部件大类代码", "Component class code"}},
  };
  return headings;
}

// What follows "<layer>_" in the case indicators' columns (analysis/stats/case_indicators.h).
const std::map<std::string, Heading, std::less<>>& caseHeadings() {
  static const std::map<std::string, Heading, std::less<>> headings{
      {"opened", {"{title}：立案（{unit}）", "{title}: opened"}},
      {"closed", {"{title}：结案（{unit}）", "{title}: closed"}},
      {"closure_pct", {"{title}：结案率（%）", "{title}: closure rate (%)"}},
      {"on_time_pct", {"{title}：按期结案率（%）", "{title}: closed on time (%)"}},
      {"median_hours", {"{title}：处置时长中位数（小时）", "{title}: median hours to close"}},
  };
  return headings;
}

std::string filled(std::string text, const std::string& title, std::string_view unit) {
  for (const auto& [key, value] :
       {std::pair<std::string, std::string>{"{title}", title}, {"{unit}", std::string(unit)}})
    for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
      text.replace(at, key.size(), value);
  return text;
}

bool startsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// A label and unit as a heading: "罚款（元）", "fines (yuan)".
std::string labelled(const FieldLabel& label, bool zh) {
  if (label.unit.empty()) return label.label;
  return zh ? label.label + "（" + label.unit + "）" : label.label + " (" + label.unit + ")";
}

// The heading of a column made for `layer` ("<id>_…"), or nullopt when the rest is no known one.
std::optional<std::string> layerColumnHeading(const std::string& rest, const LayerSpec& layer, bool zh) {
  const std::string title = layer.title.in(zh ? "zh" : "en");
  const LayerKind& kind = layerKind(layer.role);
  const std::string_view unit = zh ? kind.unitZh : kind.unitEn;
  const std::string colon = zh ? "：" : ": ";
  for (const ZoneStatistic statistic : {ZoneStatistic::count, ZoneStatistic::perKm2, ZoneStatistic::areaM2,
                                        ZoneStatistic::areaPct, ZoneStatistic::lengthM, ZoneStatistic::roadPct})
    if ("_" + rest == zoneStatisticInfo(statistic).suffix) return statisticTableHeading(statistic, title, unit, zh);
  // Per value: "count:噪声", "condition:破损", "event:市容环境", "component:公用设施".
  for (const auto& [prefix, zhSuffix, enWord] : {std::tuple<std::string, const char*, const char*>{"count:", "", ""},
                                                 {"condition:", "", " condition"},
                                                 {"event:", "类事件", " event class"},
                                                 {"component:", "类部件", " component class"}})
    if (startsWith(rest, prefix)) {
      const std::string value = rest.substr(prefix.size());
      return zh ? title + colon + value + zhSuffix + (unit.empty() ? "" : "（" + std::string(unit) + "）")
                : title + enWord + colon + value;
    }
  if (startsWith(rest, "sum_")) {
    const FieldLabel label = fieldLabel(rest.substr(4), zh ? "zh" : "en");
    return zh ? title + colon + labelled(label, zh) + "合计" : title + colon + "total " + labelled(label, zh);
  }
  if (const auto found = caseHeadings().find(rest); found != caseHeadings().end())
    return filled(zh ? found->second.zh : found->second.en, title, unit);
  for (const std::string& flag : layer.flagFields)
    if (rest == flag + "_pct") {
      const std::string label = fieldLabel(flag, zh ? "zh" : "en").label;
      return zh ? title + colon + label + "率（%）" : title + colon + label + " (%)";
    }
  return std::nullopt;
}

// A source field of an exported layer, by the part the catalog says it plays.
std::optional<std::string> sourceFieldHeading(const std::string& field, const LayerSpec& layer, bool zh) {
  const std::vector<std::pair<const std::string*, Heading>> parts{
      {&layer.idField, {"编号", "ID"}},
      {&layer.nameField, {"名称", "Name"}},
      {&layer.categoryField, {"类别", "Category"}},
      {&layer.timeField, {"时间", "Time"}},
      {&layer.closeTimeField, {"结案时间", "Closed"}},
      {&layer.statusField, {"状态", "Status"}},
  };
  for (const auto& [name, heading] : parts)
    if (!name->empty() && *name == field) return zh ? heading.zh : heading.en;
  const FieldLabel label = fieldLabel(field, zh ? "zh" : "en");
  if (label.label != field) return labelled(label, zh);
  return std::nullopt;
}

}  // namespace

std::optional<HeadingStyle> parseHeadingStyle(std::string_view text) {
  if (text == "zh") return HeadingStyle::zh;
  if (text == "en") return HeadingStyle::en;
  if (text == "id") return HeadingStyle::id;
  return std::nullopt;
}

std::string columnHeading(const std::string& column, const Catalog& catalog, const LayerSpec* source, bool zh) {
  if (const auto found = fixedHeadings().find(column); found != fixedHeadings().end())
    return zh ? found->second.zh : found->second.en;
  if (source)
    if (auto heading = sourceFieldHeading(column, *source, zh)) return *heading;
  // "event:市容环境": every layer's events of a national class, summed.
  for (const auto& [prefix, zhWord, enWord] :
       {std::tuple<std::string, const char*, const char*>{"event:", "事件", "Events"},
        {"component:", "部件", "Components"}})
    if (startsWith(column, prefix))
      return zh ? std::string("全部") + zhWord + "：" + column.substr(prefix.size())
                : std::string("All ") + (enWord[0] == 'E' ? "events" : "components") + ": " +
                      column.substr(prefix.size());
  // The longest layer id that prefixes the column: "street_order_count" is street_order's, not
  // a layer "street"'s.
  const LayerSpec* owner = nullptr;
  for (const LayerSpec& layer : catalog.layers)
    if (startsWith(column, layer.id + "_") && (!owner || layer.id.size() > owner->id.size())) owner = &layer;
  if (owner)
    if (auto heading = layerColumnHeading(column.substr(owner->id.size() + 1), *owner, zh)) return *heading;
  return column;
}

void applyHeadings(OutputTable& table, const Catalog& catalog, const LayerSpec* source, HeadingStyle style,
                   const LocalizedText& title) {
  table.title = title.in(style == HeadingStyle::en ? "en" : "zh");
  if (style == HeadingStyle::id) return;
  const bool zh = style == HeadingStyle::zh;
  std::vector<std::string> headings;
  std::map<std::string, int> uses;
  for (const Column& column : table.columns) {
    headings.push_back(columnHeading(column.name, catalog, source, zh));
    ++uses[headings.back()];
  }
  for (size_t c = 0; c < table.columns.size(); ++c) {
    if (uses[headings[c]] > 1 && headings[c] != table.columns[c].name)
      headings[c] += " [" + table.columns[c].name + "]";
    table.columns[c].name = headings[c];
  }
  table.byteOrderMark = true;
}

}  // namespace urbangis
