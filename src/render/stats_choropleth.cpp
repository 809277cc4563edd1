#include "render/stats_choropleth.h"

#include "analysis/stats/stats_run.h"
#include "core/error.h"

namespace urbangis {

StatsChoropleth statsChoropleth(const Catalog& catalog, const std::string& zones, const std::string& column,
                                const TimeWindow& window, const Progress& progress) {
  StatsRun run;
  run.request.zonesLayer = zones;
  run.request.window = window;
  // Only the layer the column is of (complaints_count: complaints): a choropleth of one month
  // need not measure every other layer.
  std::string layerOfColumn;
  for (const LayerSpec& spec : catalog.layers)
    if (column.starts_with(spec.id + "_") && spec.id.size() > layerOfColumn.size() && layerKind(spec.role).tallied)
      layerOfColumn = spec.id;
  if (!layerOfColumn.empty()) run.request.layers = {layerOfColumn};
  StatsRunResult stats = runStats(catalog, run, progress);
  size_t index = stats.table.columns.size();
  std::string names;
  for (size_t c = 0; c < stats.table.columns.size(); ++c) {
    if (stats.table.columns[c].name == column) index = c;
    if (stats.table.columns[c].type != ColumnType::text)
      names += (names.empty() ? "" : ", ") + stats.table.columns[c].name;
  }
  if (index == stats.table.columns.size() || stats.table.columns[index].type == ColumnType::text)
    throw InputError("--style-by " + column + ": not a numeric column of stats --by " + zones +
                     "; its columns are: " + names);
  StatsChoropleth result;
  result.choropleth.column = column;
  result.choropleth.valueById = numbersById(stats.table, index);
  result.warnings = std::move(stats.warnings);
  result.inputs = std::move(stats.inputs);
  return result;
}

}  // namespace urbangis
