#include "report/report_content.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include "core/error.h"
#include "core/field_labels.h"
#include "style/layer_style.h"

namespace urbangis {
namespace {

std::string unitOf(LayerRole role, const std::string& language) {
  const LayerKind& kind = layerKind(role);
  return std::string(language == "zh" ? kind.unitZh : kind.unitEn);
}

std::string percentText(double part, double whole) {
  if (whole <= 0) return "–";
  const double share = 100.0 * part / whole;
  return groupedNumber(share, std::abs(share - std::round(share)) < 0.05 ? 0 : 1) + "%";
}

// A value of a category or status field as the layer's style labels it in `language`.
class ValueLabels {
 public:
  ValueLabels(const LayerSpec& spec, const std::string& field, const std::string& language) : language_(language) {
    if (spec.resolvedStyle.empty() || field.empty()) return;
    try {
      const LayerStyle style = loadStyle(spec.resolvedStyle);
      if (style.renderer != StyleRenderer::categorized || style.field != field) return;
      for (const StyleCategory& category : style.categories) labels_[category.value] = category.label;
    } catch (const InputError&) {
      // A style that cannot be read leaves the values as the data writes them.
    }
  }
  std::string operator()(const std::string& value) const {
    const auto found = labels_.find(value);
    return found == labels_.end() ? value : found->second.in(language_);
  }

 private:
  std::string language_;
  std::map<std::string, LocalizedText> labels_;
};

std::string join(const std::vector<std::string>& parts, const std::string& separator = " · ") {
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : separator) + part;
  return text;
}

std::string amount(double value, const FieldLabel& label, const std::string& language) {
  const bool whole = std::abs(value - std::round(value)) < 1e-9;
  std::string text = groupedNumber(value, whole ? 0 : 1);
  if (!label.unit.empty())
    text += (language == "zh" && label.unit != "m" && label.unit != "m²" ? "" : " ") + label.unit;
  return text;
}

FigureCard cardFor(const LayerSpec& spec, const LayerFigures& layer, const std::string& language) {
  const bool zh = language == "zh";
  const std::string colon = zh ? "：" : ": ";
  FigureCard card;
  card.layerId = layer.id;
  card.title = layer.title.in(language);
  card.headline = groupedNumber(static_cast<double>(layer.count)) + " " + unitOf(layer.role, language);
  const ValueLabels categoryLabel(spec, layer.categoryField, language);
  const ValueLabels statusLabel(spec, layer.statusField, language);

  std::vector<FieldTotal> declared, others;
  for (const FieldTotal& total : layer.totals) (total.declared ? declared : others).push_back(total);

  // Categories largest first, as a bureau lists them.
  std::vector<CategoryFigure> categories = layer.categories;
  std::stable_sort(categories.begin(), categories.end(),
                   [](const CategoryFigure& a, const CategoryFigure& b) { return a.count > b.count; });
  if (!categories.empty()) {
    // Few categories with sums: each category's totals beside its count.
    const bool withSums =
        layer.categories.size() <= 3 && !declared.empty() && geometryOf(layer.role) != GeometryFamily::line;
    std::vector<std::string> parts;
    for (const CategoryFigure& category : categories) {
      std::string part = categoryLabel(category.value) + " " + groupedNumber(static_cast<double>(category.count));
      if (withSums) {
        std::vector<std::string> sums;
        for (const FieldTotal& total : declared) {
          const auto found = category.sums.find(total.field);
          const FieldLabel label = fieldLabel(total.field, language);
          sums.push_back(label.label + " " + amount(found == category.sums.end() ? 0 : found->second, label, language));
        }
        part += (zh ? "（" : " (") + join(sums, zh ? "，" : ", ") + (zh ? "）" : ")");
      }
      parts.push_back(part);
    }
    card.lines.push_back((zh ? "按类型" : "By type") + colon + join(parts));
  }
  // Distinct names of a lines layer: the roads and communities a programme covered.
  if (geometryOf(layer.role) == GeometryFamily::line && !layer.nameField.empty() && layer.distinctNames > 0) {
    if (layer.categories.size() > 1) {
      std::vector<std::string> parts;
      for (const CategoryFigure& category : categories)
        parts.push_back(categoryLabel(category.value) + " " +
                        groupedNumber(static_cast<double>(category.distinctNames)));
      card.lines.push_back((zh ? "涉及（不重复名称）" : "Distinct names") + colon + join(parts));
    } else {
      card.lines.push_back((zh ? "涉及（不重复名称）" : "Distinct names") + colon +
                           groupedNumber(static_cast<double>(layer.distinctNames)));
    }
  }
  if (!declared.empty()) {
    std::vector<std::string> parts;
    for (const FieldTotal& total : declared) {
      const FieldLabel label = fieldLabel(total.field, language);
      parts.push_back(label.label + " " + amount(total.total, label, language));
    }
    card.lines.push_back((zh ? "合计" : "Totals") + colon + join(parts));
  }
  if (!others.empty()) {
    std::vector<std::string> parts;
    for (const FieldTotal& total : others) {
      const FieldLabel label = fieldLabel(total.field, language);
      parts.push_back(label.label + " " + amount(total.total, label, language));
    }
    card.lines.push_back((zh ? "其他" : "Also") + colon + join(parts));
  }
  for (const Breakdown& breakdown : layer.breakdowns) {
    std::vector<std::string> parts;
    for (const auto& [value, count] : breakdown.counts)
      parts.push_back(value + " " + groupedNumber(static_cast<double>(count)));
    card.lines.push_back(fieldLabel(breakdown.field, language).label + colon + join(parts));
  }
  if (!layer.yesNo.empty()) {
    std::vector<std::string> parts;
    for (const YesNoFigure& flag : layer.yesNo)
      parts.push_back(fieldLabel(flag.field, language).label + " " + groupedNumber(static_cast<double>(flag.yes)) +
                      "/" + groupedNumber(static_cast<double>(flag.answered)) + " (" +
                      percentText(static_cast<double>(flag.yes), static_cast<double>(flag.answered)) + ")");
    card.lines.push_back(join(parts));
  }
  if (!layer.statuses.empty()) {
    std::vector<std::string> parts;
    for (const auto& [value, count] : layer.statuses)
      parts.push_back(statusLabel(value) + " " + groupedNumber(static_cast<double>(count)) + " (" +
                      percentText(static_cast<double>(count), static_cast<double>(layer.count)) + ")");
    card.lines.push_back((zh ? "状态" : "Status") + colon + join(parts));
  }
  if (!layer.dated && !layerKind(layer.role).cases)
    card.lines.push_back(zh ? "（部件清查存量：计入全部要素，不按年份筛选）"
                            : "(an inventory: every component counted, not only the year's)");
  else if (!layer.dated)
    card.lines.push_back(zh ? "（图层无日期字段：计入全部要素）" : "(no date field: every feature counted)");
  return card;
}

// The stats table's cell as a number (nullopt when empty).
std::optional<double> numberAt(const OutputTable& table, size_t row, size_t column) {
  return numberIn(table.rows[row][column]);
}

std::string decimalText(std::optional<double> value) {
  if (!value) return "–";
  return groupedNumber(*value, std::abs(*value) < 10 ? 2 : 1);
}

struct TableColumn {
  std::string header;
  std::string statsColumn;
  double scale = 1;  // e.g. metres → km
  bool integer = false;
  bool summable = false;
};

// Counts (and lengths) per zone, then densities and coverage per zone.
std::vector<TextTable> zoneTables(const AnnualFigures& figures, const ZoneTable& zones, const std::string& language) {
  const bool zh = language == "zh";
  const OutputTable& table = zones.stats.table;
  const std::string zonesTitle = zones.title.in(language);
  std::vector<TableColumn> counts{{zh ? "面积 km²" : "Area km²", "area_km2", 1, false, true}};
  std::vector<TableColumn> densities{{zh ? "面积 km²" : "Area km²", "area_km2", 1, false, false}};
  for (const LayerFigures& layer : figures.layers) {
    const std::string title = layer.title.in(language);
    const LayerKind& kind = layerKind(layer.role);
    const std::string unit(zh ? kind.unitZh : kind.unitEn);
    // A column the table lacks (road share without `covers`) is left out.
    const auto column = [&](ZoneStatistic statistic) -> std::optional<TableColumn> {
      const std::string name = statisticColumn(layer.id, statistic);
      if (!columnIndex(table, name)) return std::nullopt;
      const ZoneStatisticInfo& info = zoneStatisticInfo(statistic);
      return TableColumn{statisticHeading(statistic, title, unit, zh), name, info.reportScale, info.integer,
                         info.summable};
    };
    if (kind.headline)
      if (auto found = column(*kind.headline)) counts.push_back(*found);
    if (kind.density)
      if (auto found = column(*kind.density)) densities.push_back(*found);
  }
  const std::optional<size_t> nameColumn = columnIndex(table, "zone_name");
  const std::string noZone = zh ? "（不在任何" + zonesTitle + "内）" : "(in no " + zonesTitle + ")";

  auto build = [&](const std::vector<TableColumn>& columns, const std::string& title, const std::string& note,
                   bool total) {
    TextTable text;
    text.title = title;
    text.note = note;
    text.header.push_back(zonesTitle);
    text.numeric.push_back(false);
    std::vector<std::optional<size_t>> indices;
    for (const TableColumn& column : columns) {
      text.header.push_back(column.header);
      text.numeric.push_back(true);
      indices.push_back(columnIndex(table, column.statsColumn));
    }
    std::vector<double> sums(columns.size(), 0);
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const std::string id =
          std::holds_alternative<std::string>(table.rows[r][0]) ? std::get<std::string>(table.rows[r][0]) : "";
      const bool none = id == "(none)";
      std::vector<std::string> row;
      std::string name = none ? noZone : id;
      if (!none && nameColumn)
        if (const auto* value = std::get_if<std::string>(&table.rows[r][*nameColumn])) name = *value;
      row.push_back(name);
      bool anything = false;
      for (size_t c = 0; c < columns.size(); ++c) {
        std::optional<double> value = indices[c] ? numberAt(table, r, *indices[c]) : std::nullopt;
        if (value) *value *= columns[c].scale;
        if (value && columns[c].summable) sums[c] += *value;
        if (value && *value != 0 && columns[c].statsColumn != "area_km2") anything = true;
        row.push_back(!value ? "–" : columns[c].integer ? groupedNumber(*value) : decimalText(value));
      }
      if (none && (!anything || !total)) continue;  // nothing outside the zones: no row
      text.rows.push_back(std::move(row));
    }
    if (total) {
      std::vector<std::string> row{zh ? "合计" : "Total"};
      for (size_t c = 0; c < columns.size(); ++c)
        row.push_back(!columns[c].summable ? "" : columns[c].integer ? groupedNumber(sums[c]) : decimalText(sums[c]));
      text.rows.push_back(std::move(row));
      text.totalRows = 1;
    }
    return text;
  };
  const std::string year = std::to_string(figures.year);
  std::vector<TextTable> tables;
  tables.push_back(
      build(counts, zh ? "按" + zonesTitle + "统计：数量（" + year + " 年）" : "By " + zonesTitle + ": counts, " + year,
            zh ? "点：落在区内的件数；面：与区相交的处数（跨区者各区各计一次，合计可多于总数）；线：区内长度（重叠只计"
                 "一次）。"
               : "Points: cases inside; areas: sites meeting the zone (one across zones counts in each, so the total "
                 "may exceed the layer's count); lines: length inside (overlaps once).",
            true));
  tables.push_back(
      build(densities,
            zh ? "按" + zonesTitle + "统计：密度与覆盖率（" + year + " 年）"
               : "By " + zonesTitle + ": densities and coverage, " + year,
            zh ? "密度 = 件数 / 区面积（椭球面积）；覆盖率 = 区内面积（或道路长度）占比。"
               : "Density = cases / zone area (ellipsoidal); cover = share of the zone's area (or road length).",
            false));
  return tables;
}

}  // namespace

std::string groupedNumber(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::abs(value));
  std::string digits = buffer;
  const size_t point = digits.find('.');
  std::string whole = digits.substr(0, point);
  const std::string fraction = point == std::string::npos ? "" : digits.substr(point);
  std::string grouped;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
    grouped += whole[i];
  }
  const bool negative = value < 0 && std::stod(digits) != 0;
  return (negative ? "-" : "") + grouped + fraction;
}

std::string ReportContent::monthLabel(int month) const {
  static const char* const english[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (language == "zh") return std::to_string(month);
  return english[(month - 1) % 12];
}

ReportContent buildReportContent(const Catalog& catalog, const AnnualFigures& figures, const std::string& language,
                                 const std::string& today) {
  const bool zh = language == "zh";
  const std::string year = std::to_string(figures.year);
  const std::string place = figures.place.in(language);
  ReportContent content;
  content.language = language;
  content.title =
      zh ? place + "城市管理执法 " + year + " 年度数据报告" : place + " urban management: annual report " + year;
  content.subtitle = zh ? "主要数据、月度趋势、分区统计与专题地图，均由图层数据计算"
                        : "Headline figures, monthly trends, tables by zone and maps, all computed from the layers";
  content.madeOn = (zh ? "制作日期 " : "Made ") + today;
  content.sourceNote = (zh ? "数据来源：" : "Data: ") + place + " (" + catalog.file.filename().string() + ")";
  content.figuresHeading = zh ? "一、主要数据" : "1. Headline figures";
  content.figuresIntro =
      zh ? year + " 年内各图层的要素数、分类、合计与办结情况（按各图层的日期字段归年）。"
         : "Features of " + year + " in each layer (by its date field), by category, with totals and status.";
  for (const LayerFigures& layer : figures.layers)
    content.cards.push_back(cardFor(catalog.layer(layer.id), layer, language));

  content.trendsHeading = zh ? "二、月度趋势" : "2. Monthly trends";
  content.trendsIntro =
      zh ? "各图层每月要素数（" + year + " 年 1–12 月）。" : "Features per month of " + year + ", per layer.";
  for (const LayerFigures& layer : figures.layers)
    if (layer.dated) content.charts.push_back({layer.id, layer.title.in(language), layer.monthly});

  content.mapsHeading = zh ? "三、专题地图" : "3. Maps";
  content.tablesHeading = zh ? "四、分区统计" : "4. Tables by zone";
  content.tablesIntro =
      zh ? "每个区一行，面积与长度按椭球计算；与 urbangis stats 的结果一致（docs/stats.md）。"
         : "One row per zone; areas and lengths on the ellipsoid, as urbangis stats computes them (docs/stats.md).";
  for (const ZoneTable& zones : figures.tables)
    for (TextTable& table : zoneTables(figures, zones, language)) content.tables.push_back(std::move(table));
  for (const LayerFigures& layer : figures.layers)
    if (layer.otherYears > 0)
      content.notes.push_back(
          zh ? layer.title.in(language) + "：另有 " + groupedNumber(static_cast<double>(layer.otherYears)) +
                   " 件不在 " + year + " 年，未计入。"
             : layer.title.in(language) + ": " + groupedNumber(static_cast<double>(layer.otherYears)) +
                   " features of other years are left out.");
  return content;
}

}  // namespace urbangis
