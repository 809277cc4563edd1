// urbangis webmap [CATALOG] --out MAP.html [--layers A,B] [--by ZONES --style-by COLUMN]
//                 [--hotspot kde|gistar:LAYER …] [--route FILE] [--month YYYY-MM] [--bbox W,S,E,N]
//                 [--basemap URL [--basemap-datum gcj02|wgs84]] [--with-keys] [--title T] [--lang zh|en]

#include <QTemporaryDir>

#include <filesystem>
#include <iostream>

#include "cli/arguments.h"
#include "cli/command_catalog_input.h"
#include "cli/commands.h"
#include "cli/offscreen_gui.h"
#include "cli/terminal_progress.h"
#include "core/error.h"
#include "io/values/timestamps.h"
#include "webmap/web_map_builder.h"
#include "webmap/web_page.h"

namespace urbangis::cli {
namespace {

std::pair<HotspotMethod, std::string> parseHotspot(const std::string& text) {
  const size_t colon = text.find(':');
  const auto method = parseHotspotMethod(text.substr(0, colon));
  if (!method || colon == std::string::npos || colon + 1 == text.size())
    throw InputError("--hotspot \"" + text + "\": expected kde:LAYER or gistar:LAYER");
  return {*method, text.substr(colon + 1)};
}

int runWebmap(const Arguments& arguments) {
  const CommandCatalog input(arguments, {{"layers", std::nullopt, true}, {"by", LayerRole::zones}}, "webmap");
  const Catalog& catalog = input.catalog();
  const auto out = arguments.value("out");
  if (!out) throw InputError("webmap needs --out FILE.html");
  if (std::filesystem::path(*out).extension() != ".html" && std::filesystem::path(*out).extension() != ".htm")
    throw InputError("--out " + *out + ": a web map is written as .html");

  WebMapRequest request;
  request.language = arguments.value("lang").value_or("zh");
  if (auto layers = input.layers("layers")) {
    request.layers = splitList(*layers);
    if (request.layers.empty()) throw InputError("--layers: no layers to draw");
  }
  if (auto column = arguments.value("style-by")) {
    request.choroplethColumn = *column;
    request.choroplethZones = input.layers("by").value_or("");
    if (request.choroplethZones.empty())
      for (const std::string& id : request.layers.empty() ? std::vector<std::string>{} : request.layers)
        if (catalog.layer(id).role == LayerRole::zones) {
          request.choroplethZones = id;
          break;
        }
    if (request.choroplethZones.empty())
      throw InputError("--style-by needs a zones layer: name it with --by (e.g. --by communities)");
  } else if (input.layers("by")) {
    throw InputError("--by colours the zones by a statistic: give the column with --style-by");
  }
  for (const std::string& hotspot : arguments.values("hotspot")) {
    auto parsed = parseHotspot(hotspot);
    const LayerSpec& spec = catalog.layer(parsed.second);
    if (spec.role != LayerRole::points)
      throw InputError("--hotspot " + hotspot + ": " + spec.id + " is not a points layer");
    request.hotspots.push_back(std::move(parsed));
  }
  if (auto route = arguments.value("route")) {
    if (!std::filesystem::exists(*route)) throw InputError("--route " + *route + ": no such file");
    request.route = *route;
  }
  if (auto month = arguments.value("month")) {
    request.month = parseMonthKey(*month);
    if (!request.month) throw InputError("--month \"" + *month + "\": expected YYYY-MM");
  }
  if (auto box = arguments.value("bbox")) {
    const std::vector<std::string> parts = splitList(*box);
    std::array<double, 4> view{};
    for (size_t i = 0; i < 4 && parts.size() == 4; ++i) {
      const auto number = parseNumber(parts[i]);
      if (!number) throw InputError("--bbox \"" + *box + "\": " + parts[i] + " is not a number");
      view[i] = *number;
    }
    if (parts.size() != 4 || view[0] >= view[2] || view[1] >= view[3] || view[1] < -90 || view[3] > 90)
      throw InputError("--bbox \"" + *box + "\": expected WEST,SOUTH,EAST,NORTH in degrees");
    request.view = view;
  }
  request.basemapUrl = arguments.value("basemap").value_or("");
  const std::string datum = arguments.value("basemap-datum").value_or("wgs84");
  if (arguments.value("basemap-datum") && request.basemapUrl.empty())
    throw InputError("--basemap-datum goes with --basemap URL");
  request.basemapGcj02 = datum == "gcj02";
  request.withKeys = arguments.has("with-keys");
  request.title = arguments.value("title").value_or("");

  const OffscreenGui gui;  // the PNG of raster overlays
  const InterruptFlag interrupt;
  const TerminalProgress progress(interrupt, arguments);
  QTemporaryDir scratch;
  if (!scratch.isValid()) throw InputError("cannot make a temporary folder for the hot-spot overlays");
  const WebMapData map = buildWebMap(catalog, request, scratch.path().toStdString(), progress);
  for (const std::string& message : map.messages) std::cerr << "urbangis: " << message << "\n";
  writeWebMap(map.data, *out, map.inputs);
  size_t features = 0;
  for (const auto& layer : map.data["layers"])
    if (layer.contains("n")) features += layer["n"].get<size_t>();
  std::cerr << "urbangis: wrote " << *out << " (" << std::filesystem::file_size(*out) / 1024 << " KB, "
            << map.data["layers"].size() << " layers, " << features << " features)\n";
  return 0;
}

}  // namespace

Command webmapCommand() {
  CommandSpec spec{
      "webmap",
      "[CATALOG] --out MAP.html [options]",
      "An interactive map in one HTML file that opens offline on a desktop or a phone.",
      "Layers in the catalog's styles with legend, popups, zone search, a month slider, hot spots, a route's "
      "directions and locate-me; Leaflet and the data are inside the file (docs/webmap.md).",
      {
          {"layers", "A,B,…", "The layers to show, bottom first (default every vector layer).", false,
           ValueKind::layer},
          {"by", "ZONES", "With --style-by: the zones layer to colour.", false, ValueKind::layer},
          {"style-by", "COLUMN",
           "Colour the zones by this statistic of `urbangis stats`, month by month with the "
           "slider."},
          {"hotspot", "METHOD:LAYER",
           "A hot-spot overlay of a points layer: kde:LAYER (density) or gistar:LAYER "
           "(Gi* hexagons).",
           true},
          {"route", "FILE", "Show a route or tour written by `urbangis route … --out` with its steps.", false,
           ValueKind::file},
          {"month", "YYYY-MM", "Open the page on this month (default: all months)."},
          {"bbox", "W,S,E,N", "Open the page on this lon/lat box (default: the data's extent)."},
          {"basemap", "URL",
           "A tile basemap, e.g. https://t0.tianditu.gov.cn/…/{z}/{x}/{y} (default: the "
           "catalog's, if any); the page then needs the network."},
          {"basemap-datum",
           "DATUM",
           "The datum of the --basemap tiles: gcj02 for AMap/Tencent-style tiles "
           "(the data is shifted onto them).",
           false,
           ValueKind::text,
           {"wgs84", "gcj02"}},
          {"with-keys", "",
           "Keep a key found in a tile URL in the page (left out by default: the page may be "
           "passed on)."},
          {"title", "TEXT", "The page's title (default: the catalog's name)."},
          {"lang", "LANG", "Language of the page (default zh).", false, ValueKind::text, {"zh", "en"}},
          {"out", "MAP.html", "The page to write.", false, ValueKind::file},
      },
      {
          {"urbangis webmap --out daye.html", "Every layer of the embedded Daye catalog in one offline page."},
          {"urbangis webmap --by communities --style-by complaints_count --hotspot kde:street_order --out "
           "complaints.html",
           "Communities coloured by complaints, month by month, with the street-order density."},
          {"urbangis webmap --layers roads,cable --route route.geojson --lang en --out route.html",
           "The roads and cable corridors with a route written by `urbangis route` and its directions, for a phone."},
      }};
  return {std::move(spec), &runWebmap};
}

}  // namespace urbangis::cli
