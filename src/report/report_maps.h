#pragma once
// The report's maps, loaded once and drawn twice (a PNG for the HTML, vector on a PDF page):
// a choropleth of a points layer per km² by the finest zones layer, a kernel-density hot-spot map
// of a points layer's year, and the corridors of the first lines layer coloured by status.

#include <deque>
#include <filesystem>
#include <string>
#include <vector>

#include "analysis/figures/annual_figures.h"
#include "core/catalog.h"
#include "core/progress.h"
#include "render/print_layout.h"

namespace urbangis {

struct ReportMapOptions {
  std::string choroplethLayer;  // points layer; empty: "complaints" when there is one, else the first
  std::string hotspotLayer;     // points layer; empty: "street_order" when there is one, else the largest
  std::string language = "zh";
  std::string madeOn;       // date text for the maps' footers
  bool interactive = true;  // the HTML's first map as an interactive web map (src/webmap)
};

struct ReportMap {
  PrintMap map;
  std::string caption;  // one sentence under the map
  // The same map as a web map page, shown in report.html instead of the picture (the PDF keeps
  // the picture): zones coloured by the statistic for the year and each month, the points, the
  // hot spots.
  std::string webMapHtml;
};

struct ReportMaps {
  std::deque<RenderLayer> layers;  // what the maps point into (a deque keeps them in place)
  std::vector<ReportMap> maps;
  std::vector<std::string> messages;  // for stderr
  std::vector<std::filesystem::path> inputs;
};

// Throws InputError for a named layer that is not a points layer of the catalog.
ReportMaps buildReportMaps(const Catalog& catalog, const AnnualFigures& figures, const ReportMapOptions& options,
                           const Progress& progress);

}  // namespace urbangis
