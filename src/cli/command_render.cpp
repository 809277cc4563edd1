// urbangis render [CATALOG] [--layers A,B,…] [--extent ZONE_ID [--by ZONES] | --bbox W,S,E,N]
//                 [--style-by COLUMN [--by ZONES]] [--size WxH] [--dpi N] [--title TEXT]
//                 [--lang zh|en] --out FILE.png|.pdf

#include <QDate>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "cli/arguments.h"
#include "cli/command_catalog_input.h"
#include "cli/commands.h"
#include "cli/offscreen_gui.h"
#include "cli/terminal_progress.h"
#include "core/error.h"
#include "render/catalog_layers.h"
#include "render/print_export.h"
#include "render/stats_choropleth.h"

namespace urbangis::cli {
namespace {

double parseNumber(const std::string& text, const std::string& what) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end) throw InputError(what + " \"" + text + "\": not a number");
  return value;
}

QSize parseSize(const std::string& text) {
  const size_t x = text.find('x');
  if (x == std::string::npos)
    throw InputError("--size \"" + text + "\": expected WIDTHxHEIGHT in pixels, e.g. 3508x2480");
  return QSize(static_cast<int>(parseNumber(text.substr(0, x), "--size")),
               static_cast<int>(parseNumber(text.substr(x + 1), "--size")));
}

int runRender(const Arguments& arguments) {
  const CommandCatalog input(arguments, {{"layers", std::nullopt, true}, {"by", LayerRole::zones}}, "render");
  const Catalog& catalog = input.catalog();
  const auto out = arguments.value("out");
  if (!out) throw InputError("render needs --out FILE.png or FILE.pdf");
  (void)printFormatFor(*out);
  const std::string language = arguments.value("lang").value_or("zh");
  if (language != "zh" && language != "en") throw InputError("--lang: use zh or en");
  const double dpi = arguments.value("dpi") ? parseNumber(*arguments.value("dpi"), "--dpi") : 300;
  if (!(dpi >= 36 && dpi <= 1200)) throw InputError("--dpi: expected 36 to 1200");
  // A4 landscape at the chosen resolution unless a size is given.
  const QSize size = arguments.value("size")
                         ? parseSize(*arguments.value("size"))
                         : QSize(static_cast<int>(297 / 25.4 * dpi), static_cast<int>(210 / 25.4 * dpi));

  std::vector<std::string> ids;
  if (auto layers = input.layers("layers")) {
    ids = splitList(*layers);
  } else {
    for (const LayerSpec& spec : catalog.layers) ids.push_back(spec.id);  // rasters too: a basemap listed first
  }
  if (ids.empty()) throw InputError("--layers: no layers to draw");

  const OffscreenGui gui;

  const InterruptFlag interrupt;
  const TerminalProgress progress(interrupt, arguments);
  const CrsSpec working = mapCrsFor(catalog);
  std::vector<std::filesystem::path> inputs{catalog.file};
  std::optional<Choropleth> choropleth;
  std::string choroplethLayer;
  if (auto column = arguments.value("style-by")) {
    choroplethLayer = input.layers("by").value_or("");
    if (choroplethLayer.empty())
      for (const std::string& id : ids)
        if (catalog.layer(id).role == LayerRole::zones) {
          choroplethLayer = id;
          break;
        }
    if (choroplethLayer.empty())
      throw InputError("--style-by needs a zones layer: list one in --layers or name it with --by");
    if (std::find(ids.begin(), ids.end(), choroplethLayer) == ids.end()) ids.insert(ids.begin(), choroplethLayer);
    StatsChoropleth stats = statsChoropleth(catalog, choroplethLayer, *column, TimeWindow{}, progress);
    for (const auto& warning : stats.warnings) std::cerr << "urbangis: " << warning << "\n";
    inputs.insert(inputs.end(), stats.inputs.begin(), stats.inputs.end());
    choropleth = std::move(stats.choropleth);
  }

  std::vector<RenderLayer> loaded;
  loaded.reserve(ids.size());
  for (const std::string& id : ids) {
    const LayerSpec& spec = catalog.layer(id);
    progress.report("reading " + id, -1);
    loaded.push_back(
        loadRenderLayer(spec, working, language, id == choroplethLayer ? choropleth : std::nullopt, progress));
    inputs.push_back(spec.resolvedSource);
    for (const auto& message : loaded.back().messages) std::cerr << "urbangis: " << message << "\n";
  }
  PrintMap map;
  map.language = language;
  for (const RenderLayer& layer : loaded) map.layers.push_back({&layer, catalog.layer(layer.id).opacity});
  std::vector<const RenderLayer*> all;
  for (const RenderLayer& layer : loaded) all.push_back(&layer);
  if (auto zone = arguments.value("extent")) {
    map.extent = zoneExtent(catalog, *zone, input.layers("by").value_or(""), working);
  } else if (auto box = arguments.value("bbox")) {
    const std::vector<std::string> parts = splitList(*box);
    if (parts.size() != 4) throw InputError("--bbox \"" + *box + "\": expected WEST,SOUTH,EAST,NORTH in degrees");
    map.extent = lonLatExtent(parseNumber(parts[0], "--bbox"), parseNumber(parts[1], "--bbox"),
                              parseNumber(parts[2], "--bbox"), parseNumber(parts[3], "--bbox"), working);
  } else {
    map.extent = extentOf(all).grownBy(0.02);
  }
  const bool zh = language == "zh";
  const std::string place = catalog.name.in(language);
  map.title = QString::fromStdString(
      arguments.value("title").value_or(choropleth ? place + (zh ? " " : " — ") + choropleth->column
                                                   : place + (zh ? "城市管理地图" : " urban management map")));
  if (choropleth)
    map.subtitle =
        QString::fromStdString((zh ? "分级设色：" : "Choropleth: ") + choropleth->column + (zh ? "（按 " : " (by ") +
                               catalog.layer(choroplethLayer).title.in(language) + (zh ? "）" : ")"));
  map.dateText =
      (zh ? QStringLiteral("制图日期 ") : QStringLiteral("Made ")) + QDate::currentDate().toString(Qt::ISODate);
  map.sourceNote =
      QString::fromStdString((zh ? "数据来源：" : "Data: ") + place + " (" + catalog.file.filename().string() + ")");
  ProjContext proj;
  map.crsText = QString::fromStdString((zh ? "坐标系 " : "CRS ") + Crs(proj, working).describe());

  const PrintResult result = exportPrintMap(map, *out, size, dpi, inputs);
  for (const std::string& message : result.frame.messages) std::cerr << "urbangis: warning: " << message << "\n";
  std::cerr << "urbangis: drew " << result.frame.featuresDrawn << " features, " << result.frame.labelsPlaced << " of "
            << result.frame.labelCandidates << " labels; wrote " << *out << " (" << size.width() << "×" << size.height()
            << " px at " << dpi << " dpi)\n";
  return 0;
}

}  // namespace

Command renderCommand() {
  CommandSpec spec{
      "render",
      "[CATALOG] --out FILE.png|.pdf [options]",
      "A print map with title, legend, scale bar, north arrow, date, source and CRS (PDF in vector).",
      "Draws the catalog's layers in their styles (over its basemap when it has one), A4 landscape at 300 dpi "
      "unless --size and --dpi say otherwise. With --style-by, a zones layer is coloured by a statistic of "
      "`urbangis stats` (the viewer's classes and palette).",
      {
          {"layers", "A,B,…",
           "The layers to draw, bottom first (ids or data files); default every layer of the "
           "catalog.",
           false, ValueKind::layer},
          {"extent", "ZONE_ID", "Frame the map on one zone (a district or community code or name)."},
          {"bbox", "W,S,E,N", "Frame the map on a lon/lat box in degrees."},
          {"style-by", "COLUMN",
           "Colour the zones by this statistic (a column of `urbangis stats`, e.g. "
           "complaints_per_km2)."},
          {"by",
           "ZONES",
           "The zones layer for --style-by and --extent (default: the first zones layer drawn).",
           false,
           ValueKind::layer,
           {},
           {"zones"}},
          {"size", "WxH", "The image size in pixels, e.g. 3508x2480 (default A4 landscape at --dpi)."},
          {"dpi", "N", "Resolution, 36–1200 (default 300): sets the size of text and symbols."},
          {"title", "TEXT", "The map's title (default: the city and what is mapped)."},
          {"lang",
           "LANG",
           "Language of the title, legend and labels (default zh).",
           false,
           ValueKind::text,
           {"zh", "en"}},
          {"out", "FILE", "The map to write: .png or .pdf (vector).", false, ValueKind::file},
      },
      {
          {"urbangis render --out daye.pdf", "The whole embedded Daye catalog as an A4 vector PDF."},
          {"urbangis render --layers communities,roads --style-by complaints_per_km2 --by communities --out "
           "complaints.png",
           "Communities coloured by complaints per km², with the roads."},
          {"urbangis render --extent 420281001 --by districts --lang en --out district.png",
           "One district of Daye, in English."},
      }};
  return {std::move(spec), &runRender};
}

}  // namespace urbangis::cli
