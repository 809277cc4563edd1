#pragma once
// What a web map shows (`urbangis webmap`, the viewer's File → Export web map…, the report's
// interactive map): which catalog layers, a choropleth of a stats column, hot-spot overlays, a
// route or tour, a basemap, the title and language.

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/time_window.h"
#include "render/hotspot_overlay.h"
#include "render/render_layer.h"

namespace urbangis {

struct WebMapRequest {
  std::vector<std::string> layers;  // catalog ids, drawn in this order (first at the bottom); empty: every layer
  std::vector<std::string> hidden;  // of those, the ones switched off when the page opens
  // A choropleth: the numeric column of `stats --by choroplethZones`, for all months and for each.
  std::string choroplethZones, choroplethColumn;
  GraduatedClasses classes{ClassMethod::jenks, 5, "YlOrRd"};
  std::vector<std::pair<HotspotMethod, std::string>> hotspots;  // method, points layer id
  std::optional<std::filesystem::path> route;                   // a `route` or `route tour` output
  std::string title;                                            // empty: the catalog's name and what is mapped
  std::string language = "zh";
  // A tile URL template ({z}/{x}/{y}) under the data; the catalog's tile basemaps are used too.
  std::string basemapUrl;
  bool basemapGcj02 = false;  // its tiles are in GCJ-02 (Amap, Tencent)
  // Fill ${env:NAME} keys of tile URLs into the page (anyone with the file can read them).
  bool withKeys = false;
  std::optional<std::array<double, 4>> view;  // west, south, east, north in degrees; empty: the data
  std::optional<int32_t> month;               // the month shown when the page opens (monthKeyOf)
  // Only the timed features, months and statistics of this window (the report's year); the
  // "all months" period is the window.
  TimeWindow window;
};

}  // namespace urbangis
