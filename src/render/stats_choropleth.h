#pragma once
// A column of `stats --by ZONES` as a choropleth of the zones layer: what `render --style-by`,
// the web map and its month slider colour the zones by.

#include <filesystem>
#include <string>
#include <vector>

#include "analysis/time_window.h"
#include "core/catalog.h"
#include "core/progress.h"
#include "render/render_layer.h"

namespace urbangis {

struct StatsChoropleth {
  Choropleth choropleth;
  std::vector<std::string> warnings;          // the statistics' own (rows without coordinates …)
  std::vector<std::filesystem::path> inputs;  // files read
};

// The numeric column `column` of the statistics of `zones` over `window`; InputError listing the
// numeric columns there are when it is not one of them.
StatsChoropleth statsChoropleth(const Catalog& catalog, const std::string& zones, const std::string& column,
                                const TimeWindow& window, const Progress& progress);

}  // namespace urbangis
