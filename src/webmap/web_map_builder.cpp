#include "webmap/web_map_builder.h"

#include <QDate>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <memory>
#include <set>
#include <unordered_map>
#include <utility>

#include "core/error.h"
#include "core/zone_statistic.h"
#include "io/catalog/class_map.h"
#include "io/catalog/resources.h"
#include "io/imagery/imagery_source.h"
#include "io/sources/attribute_rows.h"
#include "io/values/timestamps.h"
#include "render/stats_choropleth.h"
#include "webmap/web_layer_json.h"

namespace urbangis {
namespace {

using nlohmann::json;

const CrsSpec kLonLat{"EPSG:4326", ChineseOffset::none, "WGS84"};
const CrsSpec kWebMercator{"EPSG:3857", ChineseOffset::none, "Web Mercator"};

// The text of a feature's id as OGR gives it, to join statistics by (numbersById keys).
std::string idText(const CellValue& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* integer = std::get_if<int64_t>(&cell)) return std::to_string(*integer);
  if (const auto* real = std::get_if<double>(&cell)) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.15g", *real);
    return buffer;
  }
  return {};
}

// A vector layer read for the page, with its attribute rows.
struct LoadedLayer {
  const LayerSpec* spec = nullptr;
  RenderLayer layer;
  std::unique_ptr<AttributeRows> attributes;
  std::map<std::string, std::string> nationalClasses;
  bool visible = true;
};

// Leaflet's URL template of a catalog tile URL (GDAL's ${z} spelling too).
std::string leafletTemplate(std::string url) {
  for (const char* axis : {"z", "x", "y"}) {
    const std::string gdal = std::string("${") + axis + "}", leaflet = std::string("{") + axis + "}";
    for (size_t at = url.find(gdal); at != std::string::npos; at = url.find(gdal, at))
      url.replace(at, gdal.size(), leaflet);
  }
  return url;
}

// A tile basemap, or nullopt (with a message) when its key may not go into the page.
std::optional<json> tileLayerJson(const std::string& id, const std::string& title, const std::string& url, bool gcj02,
                                  std::optional<int> maxZoom, double opacity, bool withKeys,
                                  std::vector<std::string>& messages) {
  std::string filled = url;
  if (url.find("${env:") != std::string::npos) {
    if (!withKeys) {
      messages.push_back("basemap " + id + ": its URL needs a key (${env:…}); it is left out of the page, since " +
                         "anyone with the file could read the key. Give --with-keys to put it in");
      return std::nullopt;
    }
    filled = withEnvironment(url);
  }
  return json{{"id", id},
              {"title", title},
              {"kind", "tiles"},
              {"url", leafletTemplate(filled)},
              {"maxZoom", maxZoom.value_or(18)},
              {"datum", gcj02 ? "gcj02" : "wgs84"},
              {"opacity", opacity},
              {"visible", true}};
}

std::map<std::string, std::string> nationalClassesOf(const ClassMap* classes, const LayerSpec& spec,
                                                     const AttributeRows& rows, const std::string& language) {
  std::map<std::string, std::string> byCategory;
  if (!classes || spec.categoryField.empty()) return byCategory;
  const auto column = std::find_if(rows.columns.begin(), rows.columns.end(),
                                   [&](const Column& c) { return c.name == spec.categoryField; });
  if (column == rows.columns.end()) return byCategory;
  const size_t index = static_cast<size_t>(column - rows.columns.begin());
  const auto nameIn = [&](const std::string& name) {
    for (const auto* list : {&classes->eventClasses, &classes->componentClasses})
      for (const NationalClass& c : *list)
        if (c.name == name) return language == "zh" || c.en.empty() ? c.name : c.en;
    return name;
  };
  for (const auto& row : rows.rows) {
    const std::string category = idText(row[index]);
    if (byCategory.count(category)) continue;
    std::optional<std::string> found = classes->eventClassOf(spec.id, category);
    if (!found) found = classes->componentClassOf(spec.id, category);
    if (!found) return {};  // the layer is not mapped at all
    byCategory.emplace(category, nameIn(*found));
  }
  return byCategory;
}

// The style of a `route tour` output: service stretches solid, deadhead dashed, in the language
// the tour was written in (its kind values).
std::filesystem::path tourStyle(const std::filesystem::path& scratch, const AttributeRows& rows) {
  const auto kind =
      std::find_if(rows.columns.begin(), rows.columns.end(), [](const Column& c) { return c.name == "kind"; });
  std::set<std::string> kinds;
  for (const auto& row : rows.rows) kinds.insert(idText(row[static_cast<size_t>(kind - rows.columns.begin())]));
  json categories = json::array();
  for (const std::string& value : kinds) {
    const bool deadhead = value == "空驶" || value == "deadhead";
    json symbol{{"fill", nullptr}, {"stroke", deadhead ? "#2B83BA" : "#D7191C"}, {"stroke_width", deadhead ? 3 : 4}};
    if (deadhead) symbol["dash"] = {6, 4};
    categories.push_back(
        {{"value", value},
         {"label", {{"zh", deadhead ? "空驶" : "整治巡查"}, {"en", deadhead ? "Deadhead" : "Service"}}},
         {"symbol", symbol}});
  }
  const json style{{"renderer", "categorized"},
                   {"field", "kind"},
                   {"symbol", {{"fill", nullptr}, {"stroke", "#D7191C"}, {"stroke_width", 4}}},
                   {"categories", categories}};
  const std::filesystem::path file = scratch / "tour_style.json";
  std::ofstream(file) << style.dump();
  return file;
}

// The turn-by-turn list of a route (its directions, one step per arrow) or of a tour (its
// stretches in order).
json routeSteps(const AttributeRows& rows, const std::string& language) {
  const auto column = [&](const char* name) {
    const auto found =
        std::find_if(rows.columns.begin(), rows.columns.end(), [&](const Column& c) { return c.name == name; });
    return found == rows.columns.end() ? std::optional<size_t>() : std::optional<size_t>(found - rows.columns.begin());
  };
  json steps = json::array();
  if (const auto directions = column("directions")) {
    for (const auto& row : rows.rows) {
      const std::string text = idText(row[*directions]);
      const std::string arrow = " → ";
      size_t begin = 0;
      for (size_t at = text.find(arrow);; at = text.find(arrow, begin)) {
        steps.push_back(text.substr(begin, at == std::string::npos ? std::string::npos : at - begin));
        if (at == std::string::npos) break;
        begin = at + arrow.size();
      }
    }
    return steps;
  }
  const auto seq = column("seq"), kind = column("kind"), road = column("road"), length = column("length_m");
  if (!road || !length) return steps;
  std::vector<size_t> order(rows.rows.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  if (seq)
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return numberIn(rows.rows[a][*seq]).value_or(0) < numberIn(rows.rows[b][*seq]).value_or(0);
    });
  for (const size_t r : order) {
    const double metres = numberIn(rows.rows[r][*length]).value_or(0);
    char distance[32];
    std::snprintf(distance, sizeof distance, metres >= 1000 ? "%.1f km" : "%.0f m",
                  metres >= 1000 ? metres / 1000 : metres);
    std::string roadName = idText(rows.rows[r][*road]);
    if (roadName.empty()) roadName = language == "zh" ? "无名道路" : "unnamed road";
    steps.push_back((kind ? idText(rows.rows[r][*kind]) + " · " : std::string()) + roadName + " " + distance);
  }
  return steps;
}

struct Extent {
  double west = std::numeric_limits<double>::infinity(), south = west;
  double east = -std::numeric_limits<double>::infinity(), north = east;
  void add(const RenderLayer& layer) {
    if (layer.features.empty()) return;
    west = std::min(west, layer.minX), south = std::min(south, layer.minY);
    east = std::max(east, layer.maxX), north = std::max(north, layer.maxY);
  }
  bool empty() const { return !(west <= east && south <= north); }
};

}  // namespace

WebMapData buildWebMap(const Catalog& catalog, const WebMapRequest& request, const std::filesystem::path& scratch,
                       const Progress& progress) {
  const std::string& language = request.language;
  const bool zh = language == "zh";
  WebMapData result;
  result.inputs.push_back(catalog.file);
  std::vector<std::string> ids = request.layers;
  if (ids.empty())
    for (const LayerSpec& spec : catalog.layers) ids.push_back(spec.id);
  std::vector<std::string> hidden = request.hidden;
  if (!request.choroplethColumn.empty()) {
    if (catalog.layer(request.choroplethZones).role != LayerRole::zones)
      throw InputError("--by " + request.choroplethZones + ": not a zones layer");
    // The coloured zones go over the other zones layers, which start switched off when the
    // layers were not chosen (they would hide the colours), all but the first, the catalog's
    // outline of the city.
    std::erase(ids, request.choroplethZones);
    size_t afterZones = 0;
    bool outline = true;
    for (size_t i = 0; i < ids.size(); ++i)
      if (catalog.layer(ids[i]).role == LayerRole::zones) {
        afterZones = i + 1;
        if (request.layers.empty() && !std::exchange(outline, false)) hidden.push_back(ids[i]);
      }
    ids.insert(ids.begin() + static_cast<std::ptrdiff_t>(afterZones), request.choroplethZones);
  }

  std::unique_ptr<ClassMap> classes;
  const std::filesystem::path classFile = classMapFile("national", catalog.file);
  if (std::filesystem::exists(classFile)) {
    classes = std::make_unique<ClassMap>(loadClassMap(classFile));
    result.inputs.push_back(classFile);
  }

  // Read every layer first: the page's months are those its timed layers have.
  json tiles = json::array(), rasters = json::array();
  std::vector<LoadedLayer> vectors;
  std::vector<std::string> order;  // ids in drawing order, of what made it into the page
  for (const std::string& id : ids) {
    const LayerSpec& spec = catalog.layer(id);
    progress.report("reading " + id, -1);
    const bool visible = std::find(hidden.begin(), hidden.end(), id) == hidden.end();
    if (!spec.isVector()) {
      if (isTileUrl(spec.source)) {
        if (auto tile = tileLayerJson(id, spec.title.in(language), spec.source,
                                      spec.crs && spec.crs->offset == ChineseOffset::gcj02, spec.maxZoom, spec.opacity,
                                      request.withKeys, result.messages)) {
          (*tile)["visible"] = visible;
          tiles.push_back(std::move(*tile));
        }
        continue;
      }
      RenderLayer raster = loadRenderLayer(spec, kWebMercator, language, std::nullopt, progress);
      if (!raster.raster) {
        result.messages.push_back(id +
                                  ": imagery other than tile URLs is drawn in the viewer and printed maps, not in "
                                  "the web page (it would make the file as big as the imagery)");
        continue;
      }
      result.inputs.push_back(spec.resolvedSource);
      rasters.push_back(rasterLayerJson(raster, language, spec.opacity, visible));
      continue;
    }
    LoadedLayer loaded;
    loaded.spec = &spec;
    loaded.visible = visible;
    loaded.layer = loadRenderLayer(spec, kLonLat, language, std::nullopt, progress);
    loaded.attributes = std::make_unique<AttributeRows>(readAttributeRows(spec, progress));
    loaded.nationalClasses = nationalClassesOf(classes.get(), spec, *loaded.attributes, language);
    for (const std::string& message : loaded.layer.messages) result.messages.push_back(id + ": " + message);
    result.inputs.push_back(spec.resolvedSource);
    vectors.push_back(std::move(loaded));
  }
  // A window (the report's year) keeps only the timed features whose month it holds.
  if (request.window.active())
    for (LoadedLayer& loaded : vectors)
      if (loaded.layer.timed)
        std::erase_if(loaded.layer.features, [&](const DrawFeature& feature) {
          return feature.month == kNoMonth || !request.window.holds(monthStartSeconds(feature.month));
        });
  std::set<int32_t> monthSet;
  for (const LoadedLayer& loaded : vectors)
    if (loaded.layer.timed)
      for (const DrawFeature& feature : loaded.layer.features)
        if (feature.month != kNoMonth) monthSet.insert(feature.month);
  const std::vector<int32_t> months(monthSet.begin(), monthSet.end());

  json layers = json::array();
  for (json& tile : tiles) layers.push_back(std::move(tile));
  for (json& raster : rasters) layers.push_back(std::move(raster));
  Extent extent;
  for (const LoadedLayer& loaded : vectors) {
    WebLayerContext context;
    context.spec = loaded.spec;
    context.attributes = loaded.attributes.get();
    context.months = &months;
    context.nationalClassByCategory = loaded.nationalClasses;
    context.language = language;
    context.visible = loaded.visible;
    layers.push_back(vectorLayerJson(loaded.layer, context));
    extent.add(loaded.layer);
  }

  json page;
  // The choropleth: the zones' classes for all months, then for each month, as the viewer
  // classifies them (same values, same method, same breaks).
  if (!request.choroplethColumn.empty()) {
    const auto zones = std::find_if(vectors.begin(), vectors.end(),
                                    [&](const LoadedLayer& l) { return l.spec->id == request.choroplethZones; });
    const LayerSpec& spec = *zones->spec;
    if (spec.idField.empty())
      throw InputError(spec.where() + ": a choropleth needs the layer's id_field to join the statistics");
    const AttributeRows& rows = *zones->attributes;
    const auto idColumn = static_cast<size_t>(std::find_if(rows.columns.begin(), rows.columns.end(),
                                                           [&](const Column& c) { return c.name == spec.idField; }) -
                                              rows.columns.begin());
    if (idColumn == rows.columns.size())
      throw InputError(spec.where() + ": its id_field \"" + spec.idField + "\" is not in the layer");
    std::unordered_map<int64_t, std::string> idOfFid;
    for (size_t r = 0; r < rows.rows.size(); ++r) idOfFid.emplace(rows.fids[r], idText(rows.rows[r][idColumn]));
    json periods = json::array();
    std::vector<std::optional<int32_t>> periodMonths{std::nullopt};
    for (const int32_t month : months) periodMonths.push_back(month);
    for (size_t p = 0; p < periodMonths.size(); ++p) {
      progress.report("statistics by " + spec.id, static_cast<double>(p) / static_cast<double>(periodMonths.size()));
      StatsChoropleth stats =
          statsChoropleth(catalog, spec.id, request.choroplethColumn,
                          periodMonths[p] ? monthWindow(periodMonths[p]) : request.window, progress);
      if (p == 0) {
        result.inputs.insert(result.inputs.end(), stats.inputs.begin(), stats.inputs.end());
        for (const std::string& warning : stats.warnings) result.messages.push_back(warning);
      }
      stats.choropleth.classes = request.classes;
      RenderLayer classified = zones->layer;
      std::vector<double> values;
      json shownValues = json::array();
      double total = 0;
      for (const DrawFeature& feature : classified.features) {
        const auto found = stats.choropleth.valueById.find(idOfFid[feature.fid]);
        values.push_back(found == stats.choropleth.valueById.end() ? std::numeric_limits<double>::quiet_NaN()
                                                                   : found->second);
        shownValues.push_back(std::isfinite(values.back()) ? json(values.back()) : json(nullptr));
      }
      for (const auto& [id, value] : stats.choropleth.valueById) total += std::isfinite(value) ? value : 0;
      applyChoropleth(classified, values, stats.choropleth);
      json symbols = json::array();
      for (const Symbol& symbol : classified.symbols) symbols.push_back(symbolJson(symbol));
      periods.push_back({{"month", periodMonths[p] ? json(monthKeyText(*periodMonths[p])) : json(nullptr)},
                         {"symbols", std::move(symbols)},
                         {"legend", legendJson(classified.legend)},
                         {"cls", symbolClassesJson(classified)},
                         {"values", std::move(shownValues)},
                         {"total", total}});
    }
    // A total means something for counts, lengths and areas, not for densities, shares and the
    // case indicators (median hours …).
    const std::string& column = request.choroplethColumn;
    bool additive = column == "area_km2" || column.find(':') != std::string::npos ||
                    column.find("_sum_") != std::string::npos;  // counts by category or class, sums
    for (const ZoneStatistic statistic : {ZoneStatistic::count, ZoneStatistic::perKm2, ZoneStatistic::areaM2,
                                          ZoneStatistic::areaPct, ZoneStatistic::lengthM, ZoneStatistic::roadPct})
      if (isStatisticColumn(column, statistic)) additive = zoneStatisticInfo(statistic).summable;
    page["choropleth"] = {{"layer", spec.id},
                          {"column", request.choroplethColumn},
                          {"additive", additive},
                          {"title", spec.title.in(language) + " · " + request.choroplethColumn},
                          {"periods", std::move(periods)}};
  }

  // Hot-spot overlays over the data.
  for (const auto& [method, pointsLayer] : request.hotspots) {
    HotspotOverlay overlay = computeHotspotOverlay(catalog, pointsLayer, method, request.month, scratch,
                                                   method == HotspotMethod::kde ? kWebMercator : kLonLat, language,
                                                   progress, request.window);
    result.inputs.push_back(catalog.layer(pointsLayer).resolvedSource);
    if (!overlay.message.empty()) result.messages.push_back(overlay.message);
    if (overlay.layer.raster) {
      layers.push_back(rasterLayerJson(overlay.layer, language, 0.8, true));
    } else {
      const AttributeRows rows = readAttributeRows(overlay.spec, progress);
      WebLayerContext context;
      context.attributes = &rows;
      context.language = language;
      layers.push_back(vectorLayerJson(overlay.layer, context));
    }
  }

  // The route or tour on top, with its directions.
  if (request.route) {
    LayerSpec spec;
    spec.id = "route";
    spec.role = LayerRole::lines;
    spec.source = request.route->string();
    spec.resolvedSource = std::filesystem::absolute(*request.route).string();
    const AttributeRows rows = readAttributeRows(spec, progress);
    const bool tour =
        std::any_of(rows.columns.begin(), rows.columns.end(), [](const Column& c) { return c.name == "kind"; });
    spec.title = tour ? LocalizedText{"巡查路线", "Tour"} : LocalizedText{"路线", "Route"};
    spec.resolvedStyle = spec.style =
        tour ? tourStyle(scratch, rows).string() : (stylesDirectory() / "route.json").string();
    RenderLayer route = loadRenderLayer(spec, kLonLat, language, std::nullopt, progress);
    WebLayerContext context;
    context.spec = &spec;
    context.attributes = &rows;
    context.language = language;
    layers.push_back(vectorLayerJson(route, context));
    extent.add(route);
    result.inputs.push_back(spec.resolvedSource);
    page["route"] = {{"layer", "route"}, {"title", spec.title.in(language)}, {"steps", routeSteps(rows, language)}};
  }

  if (!request.basemapUrl.empty())
    if (auto tile = tileLayerJson("basemap", zh ? "底图" : "Basemap", request.basemapUrl, request.basemapGcj02,
                                  std::nullopt, 1.0, request.withKeys, result.messages))
      layers.insert(layers.begin(), std::move(*tile));

  // The data is drawn in the datum of the bottom tiles shown; tiles in the other datum would sit
  // about 500 m off it.
  std::string datum;
  for (const json& layer : layers)
    if (layer["kind"] == "tiles" && layer["visible"].get<bool>()) {
      if (datum.empty())
        datum = layer["datum"];
      else if (layer["datum"] != datum)
        result.messages.push_back("basemap " + layer["id"].get<std::string>() + " is in " +
                                  layer["datum"].get<std::string>() + ", the data is drawn in " + datum +
                                  " for the tiles under it: the two will not line up");
    }
  if (datum.empty()) datum = "wgs84";
  if (request.month && !std::binary_search(months.begin(), months.end(), *request.month))
    result.messages.push_back("--month " + monthKeyText(*request.month) +
                              ": no feature shown has that month; the page opens on all months");

  const std::string place = catalog.name.in(language);
  std::string title = request.title;
  if (title.empty())
    title = request.choroplethColumn.empty() ? place + (zh ? "城市管理地图" : " urban management map")
                                             : place + (zh ? " " : " — ") + request.choroplethColumn;
  page["title"] = title;
  page["lang"] = language;
  page["made"] = QDate::currentDate().toString(Qt::ISODate).toStdString();
  page["source"] = (zh ? "数据来源：" : "Data: ") + place + " (" + catalog.file.filename().string() + ")";
  page["datum"] = datum;
  json monthTexts = json::array();
  for (const int32_t month : months) monthTexts.push_back(monthKeyText(month));
  page["months"] = std::move(monthTexts);
  page["month"] = request.month ? json(monthKeyText(*request.month)) : json(nullptr);
  if (request.view)
    page["extent"] = {(*request.view)[0], (*request.view)[1], (*request.view)[2], (*request.view)[3]};
  else if (!extent.empty())
    page["extent"] = {extent.west, extent.south, extent.east, extent.north};
  page["layers"] = std::move(layers);
  result.data = std::move(page);
  return result;
}

}  // namespace urbangis
