#pragma once
// Headings for people on a written table: `--headers zh` turns complaints_per_km2 into
// 油烟噪音投诉密度（件/km²）, `--headers en` into "Fume and noise complaints per km²", `id` keeps the
// machine names (the default for CSV, GeoPackage, GeoJSON and shapefiles, which scripts read).
// The headings come from the catalog (layer titles, the kinds' units, the fields it declares) and
// from the one place each column name is made (core/zone_statistic.h, core/field_labels.h).

#include <optional>
#include <string>
#include <string_view>

#include "core/catalog.h"
#include "core/localized_text.h"
#include "core/output_table.h"

namespace urbangis {

enum class HeadingStyle { id, zh, en };

// "zh", "en" or "id"; nullopt for anything else.
std::optional<HeadingStyle> parseHeadingStyle(std::string_view text);

// The heading of result column `column` for people. `source` is the layer whose own fields the
// table holds (export), or nullptr. A column nothing explains keeps its name.
std::string columnHeading(const std::string& column, const Catalog& catalog, const LayerSpec* source, bool zh);

// Renames every column to its heading (a heading two columns would share gets the column's name
// added), names the table for people (`title`: an XLSX sheet's name) and marks a CSV for a
// byte-order mark, so that Excel and WPS read its Chinese right. `id` changes nothing but the
// title.
void applyHeadings(OutputTable& table, const Catalog& catalog, const LayerSpec* source, HeadingStyle style,
                   const LocalizedText& title);

}  // namespace urbangis
