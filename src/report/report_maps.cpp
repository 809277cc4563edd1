#include "report/report_maps.h"

#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "analysis/hotspots/kde.h"
#include "core/error.h"
#include "io/catalog/resources.h"
#include "render/catalog_layers.h"
#include "report/report_content.h"
#include "style/layer_style.h"
#include "webmap/web_map_builder.h"
#include "webmap/web_page.h"

namespace urbangis {
namespace {

const LayerSpec& pointsLayerNamed(const Catalog& catalog, const std::string& id, const std::string& option) {
  const LayerSpec& spec = catalog.layer(id);
  if (spec.role != LayerRole::points)
    throw InputError(option + " " + id + ": is a " + std::string(roleName(spec.role)) +
                     " layer; the map needs a points layer");
  return spec;
}

// The points layer a map shows: the option, else `preferred` when the catalog has it as points,
// else the first (or largest) points layer.
const LayerSpec* choosePoints(const Catalog& catalog, const AnnualFigures& figures, const std::string& option,
                              const std::string& optionName, const std::string& preferred, bool largest) {
  if (!option.empty()) return &pointsLayerNamed(catalog, option, optionName);
  if (const LayerSpec* spec = catalog.find(preferred); spec && spec->role == LayerRole::points) return spec;
  const LayerFigures* best = nullptr;
  for (const LayerFigures& layer : figures.layers)
    if (layer.role == LayerRole::points && (!best || (largest && layer.count > best->count))) best = &layer;
  return best ? &catalog.layer(best->id) : nullptr;
}

// The kernel-density colour ramp (styles/kde.json, else a built-in one) stretched to `largest`.
std::vector<RampStop> densityRamp(double largest) {
  std::vector<RampStop> ramp{{0, {0xFF, 0xFF, 0xB2, 0}},      {1, {0xFF, 0xFF, 0xB2, 0xB0}},
                             {10, {0xFE, 0xCC, 0x5C, 0xC8}},  {40, {0xFD, 0x8D, 0x3C, 0xDC}},
                             {120, {0xF0, 0x3B, 0x20, 0xF0}}, {300, {0xBD, 0x00, 0x26, 0xFF}}};
  const std::filesystem::path style = dataDirectory() / "styles" / "kde.json";
  std::error_code error;
  if (std::filesystem::exists(style, error)) {
    try {
      const LayerStyle loaded = loadStyle(style);
      if (loaded.ramp.size() >= 2) ramp = loaded.ramp;
    } catch (const InputError&) {
      // keep the built-in ramp
    }
  }
  const double top = ramp.back().value;
  if (top > 0 && largest > 0)
    for (RampStop& stop : ramp) stop.value = std::round(stop.value / top * largest * 100) / 100;
  return ramp;
}

// Where most of the year's points are: the box between their 20th and 80th percentiles in x and
// y, grown to 1.8 times its size (at least 2 km across), so a map of a county town shows the
// town rather than the whole county around it.
std::optional<MapExtent> focusExtent(const std::vector<const PointSet*>& sets) {
  std::vector<double> xs, ys;
  for (const PointSet* set : sets) {
    xs.insert(xs.end(), set->x.begin(), set->x.end());
    ys.insert(ys.end(), set->y.begin(), set->y.end());
  }
  if (xs.size() < 10) return std::nullopt;
  auto percentile = [](std::vector<double>& values, double share) {
    const size_t index = static_cast<size_t>(share * static_cast<double>(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(index), values.end());
    return values[index];
  };
  MapExtent extent{percentile(xs, 0.2), percentile(ys, 0.2), percentile(xs, 0.8), percentile(ys, 0.8)};
  const double half = std::max(1000.0, std::max(extent.width(), extent.height()) * 0.9);
  const double cx = (extent.minX + extent.maxX) / 2, cy = (extent.minY + extent.maxY) / 2;
  return MapExtent{cx - half * 1.3, cy - half, cx + half * 1.3, cy + half};
}

}  // namespace

ReportMaps buildReportMaps(const Catalog& catalog, const AnnualFigures& figures, const ReportMapOptions& options,
                           const Progress& progress) {
  const std::string& language = options.language;
  const bool zh = language == "zh";
  const std::string year = std::to_string(figures.year);
  ReportMaps maps;
  const CrsSpec working = mapCrsFor(catalog);
  ProjContext proj;
  const Crs workingCrs(proj, working);
  const std::string place = catalog.name.in(language);

  auto load = [&](const LayerSpec& spec, const std::optional<Choropleth>& choropleth) -> const RenderLayer* {
    progress.report("drawing " + spec.id, -1);
    maps.layers.push_back(loadRenderLayer(spec, working, language, choropleth, progress));
    maps.inputs.push_back(spec.resolvedSource);
    for (const std::string& message : maps.layers.back().messages) maps.messages.push_back(message);
    return &maps.layers.back();
  };
  auto printMap = [&](const std::string& title, const std::string& subtitle) {
    PrintMap map;
    map.title = QString::fromStdString(title);
    map.subtitle = QString::fromStdString(subtitle);
    map.language = language;
    map.dateText = QString::fromStdString(options.madeOn);
    map.sourceNote =
        QString::fromStdString((zh ? "数据来源：" : "Data: ") + place + " (" + catalog.file.filename().string() + ")");
    map.crsText = QString::fromStdString((zh ? "坐标系 " : "CRS ") + workingCrs.describe());
    return map;
  };

  // The finest zones table (most zones) frames the choropleth and the hot spots.
  const ZoneTable* zones = nullptr;
  for (const ZoneTable& table : figures.tables)
    if (!zones || table.stats.table.rows.size() > zones->stats.table.rows.size()) zones = &table;
  const LayerSpec* network = nullptr;
  for (const LayerSpec& spec : catalog.layers)
    if (spec.role == LayerRole::network) {
      network = &spec;
      break;
    }
  const RenderLayer* roads = network ? load(*network, std::nullopt) : nullptr;
  const RenderLayer* zonesPlain = zones ? load(catalog.layer(zones->zonesLayer), std::nullopt) : nullptr;
  const bool projected = !workingCrs.isGeographic();

  // The points the first two maps show, and the part of the city they frame.
  const LayerSpec* choroplethPoints =
      zones ? choosePoints(catalog, figures, options.choroplethLayer, "--choropleth", "complaints", false) : nullptr;
  const LayerSpec* hotspotPoints =
      choosePoints(catalog, figures, options.hotspotLayer, "--hotspot", "street_order", true);
  std::vector<PointSet> pointSets;
  std::vector<const PointSet*> framed;
  for (const LayerSpec* points : {choroplethPoints, hotspotPoints}) {
    pointSets.push_back(points ? pointsOfYear(*points, working, figures.year) : PointSet{});
    if (points) maps.inputs.push_back(points->resolvedSource);
  }
  for (const PointSet& set : pointSets) framed.push_back(&set);
  std::optional<MapExtent> zoneFrame;
  if (zonesPlain) zoneFrame = extentOf({zonesPlain}).grownBy(0.04);
  if (const auto focus = projected ? focusExtent(framed) : std::nullopt) zoneFrame = *focus;
  for (const PointSet& set : pointSets)
    maps.messages.insert(maps.messages.end(), set.warnings.begin(), set.warnings.end());

  // 1. Choropleth: a points layer per km² by zone.
  if (const LayerSpec* points = choroplethPoints) {
    const OutputTable& table = zones->stats.table;
    const auto index = columnIndex(table, statisticColumn(points->id, ZoneStatistic::perKm2));
    const auto nameIndex = columnIndex(table, "zone_name");
    if (index) {
      const std::string unit = zh ? "件/km²" : "per km²";
      Choropleth choropleth;
      choropleth.column = unit;
      std::vector<std::pair<double, std::string>> ranked;
      for (const auto& row : table.rows) {
        const auto* id = std::get_if<std::string>(&row[0]);
        const auto value = numberIn(row[*index]);
        if (!id || *id == "(none)" || !value) continue;
        choropleth.valueById[*id] = *value;
        const auto* name = nameIndex ? std::get_if<std::string>(&row[*nameIndex]) : nullptr;
        ranked.emplace_back(*value, name ? *name : *id);
      }
      std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
      const LayerSpec& zonesSpec = catalog.layer(zones->zonesLayer);
      const RenderLayer* shaded = load(zonesSpec, choropleth);
      ReportMap map;
      map.map = printMap(zh ? "图 1　" + points->title.in(language) + "密度（按" + zones->title.in(language) + "）"
                            : "Figure 1. " + points->title.in(language) + " per km² by " + zones->title.in(language),
                         zh ? year + " 年，件/km²，自然断点分级" : year + ", cases per km², natural breaks");
      map.map.layers = {{shaded, 1.0}};
      if (roads) map.map.layers.push_back({roads, 0.35});
      map.map.extent = zoneFrame ? *zoneFrame : extentOf({shaded}).grownBy(0.04);
      std::string top;
      for (size_t i = 0; i < ranked.size() && i < 3; ++i)
        top += (i ? (zh ? "、" : ", ") : "") + ranked[i].second + " " + groupedNumber(ranked[i].first, 1);
      map.caption = zh ? "密度最高的" + zones->title.in(language) + "：" + top + "（件/km²）。"
                       : "Highest densities: " + top + " per km².";
      if (options.interactive) {
        WebMapRequest web;
        web.language = language;
        web.title = map.map.title.toStdString();
        web.layers = {zonesSpec.id};
        if (network) web.layers.push_back(network->id);
        web.layers.push_back(points->id);
        if (hotspotPoints && hotspotPoints != points) web.layers.push_back(hotspotPoints->id);
        web.window = TimeWindow::parse(year + "-01-01", year + "-12-31");  // the report's year only
        web.choroplethZones = zonesSpec.id;
        web.choroplethColumn = statisticColumn(points->id, ZoneStatistic::perKm2);
        if (hotspotPoints) web.hotspots = {{HotspotMethod::kde, hotspotPoints->id}};
        QTemporaryDir scratch;
        if (!scratch.isValid()) throw InputError("cannot make a temporary folder for the report's web map");
        const WebMapData page = buildWebMap(catalog, web, scratch.path().toStdString(), progress);
        maps.messages.insert(maps.messages.end(), page.messages.begin(), page.messages.end());
        map.webMapHtml = webMapHtml(page.data);
      }
      maps.maps.push_back(std::move(map));
    }
  }

  // 2. Hot spots: kernel density of a points layer's year.
  if (const LayerSpec* points = hotspotPoints) {
    if (!projected) {
      maps.messages.push_back("no hot-spot map: the working CRS " + workingCrs.describe() +
                              " is geographic (hot spots measure in metres)");
    } else {
      const PointSet& set = pointSets[1];
      try {
        if (set.x.size() < 2) throw InputError("fewer than 2 points in " + year);
        progress.report("kernel density of " + points->id, -1);
        // The bandwidth rule over the points in the mapped part of the city: the county's
        // outlying towns would otherwise widen it until the town's clusters blur into one.
        KdeRequest request;
        size_t framedPoints = 0;
        if (zoneFrame) {
          PointSet inside;
          for (size_t i = 0; i < set.x.size(); ++i)
            if (set.x[i] >= zoneFrame->minX && set.x[i] <= zoneFrame->maxX && set.y[i] >= zoneFrame->minY &&
                set.y[i] <= zoneFrame->maxY) {
              inside.x.push_back(set.x[i]);
              inside.y.push_back(set.y[i]);
              inside.weight.push_back(set.weight[i]);
            }
          framedPoints = inside.x.size();
          if (framedPoints >= 10) request.radius = std::round(defaultRadius(inside));
        }
        const KdeRaster density = kernelDensity(set, request, progress);
        RenderLayer layer;
        layer.id = points->id + "_kde";
        layer.title = {"核密度（件/km²）", "Kernel density per km²"};
        layer.role = LayerRole::raster;
        layer.style.renderer = StyleRenderer::raster;
        float largest = 0;
        for (float value : density.density) largest = std::max(largest, value);
        layer.style.ramp = densityRamp(static_cast<double>(largest));
        RasterGrid grid;
        grid.width = density.width, grid.height = density.height;
        grid.originX = density.west, grid.originY = density.north;
        grid.cellWidth = density.cell, grid.cellHeight = density.cell;
        grid.values = density.density;
        layer.minX = density.west, layer.maxX = density.west + density.width * density.cell;
        layer.maxY = density.north, layer.minY = density.north - density.height * density.cell;
        layer.raster = std::move(grid);
        LegendEntry entry;
        entry.label = layer.title.in(language);
        entry.ramp = layer.style.ramp;
        layer.legend.push_back(entry);
        maps.layers.push_back(std::move(layer));
        const RenderLayer* surface = &maps.layers.back();
        ReportMap map;
        map.map = printMap(zh ? "图 2　" + points->title.in(language) + "热点（核密度）"
                              : "Figure 2. " + points->title.in(language) + ": hot spots (kernel density)",
                           zh ? year + " 年 " + groupedNumber(static_cast<double>(set.x.size())) + " 件，" +
                                    std::string(kernelName(KdeRequest{}.kernel)) + " 核，带宽 " +
                                    groupedNumber(density.radius) + " m"
                              : year + ", " + groupedNumber(static_cast<double>(set.x.size())) + " cases, " +
                                    std::string(kernelName(KdeRequest{}.kernel)) + " kernel, radius " +
                                    groupedNumber(density.radius) + " m");
        if (zonesPlain) map.map.layers.push_back({zonesPlain, 1.0});
        map.map.layers.push_back({surface, 0.9});
        if (roads) map.map.layers.push_back({roads, 0.35});
        map.map.extent = zoneFrame ? *zoneFrame : extentOf({surface});
        const std::string peak = groupedNumber(static_cast<double>(largest), 1);
        map.caption =
            request.radius
                ? (zh ? "带宽按 Silverman 经验法则（与 ArcGIS 相同）由图幅内的 " +
                            groupedNumber(static_cast<double>(framedPoints)) + " 件选取，像元 " +
                            groupedNumber(density.cell) + " m；峰值 " + peak + " 件/km²。"
                      : "Radius by Silverman's rule (as ArcGIS) over the " +
                            groupedNumber(static_cast<double>(framedPoints)) + " cases inside the map frame, cell " +
                            groupedNumber(density.cell) + " m; peak " + peak + " per km².")
                : (zh ? "带宽按 Silverman 经验法则（与 ArcGIS 相同）自动选取，像元 " + groupedNumber(density.cell) +
                            " m；峰值 " + peak + " 件/km²。"
                      : "Radius chosen by the rule ArcGIS documents (" + density.radiusRule + "), cell " +
                            groupedNumber(density.cell) + " m; peak " + peak + " per km².");
        maps.maps.push_back(std::move(map));
      } catch (const InputError& error) {
        maps.messages.push_back("no hot-spot map of " + points->id + ": " + error.what());
      }
    }
  }

  // 3. The first lines layer (cable corridors) by status.
  for (const LayerSpec& spec : catalog.layers) {
    if (spec.role != LayerRole::lines) continue;
    const RenderLayer* lines = load(spec, std::nullopt);
    ReportMap map;
    map.map = printMap(
        zh ? "图 3　" + spec.title.in(language) + "（按状态）" : "Figure 3. " + spec.title.in(language) + " by status",
        zh ? year + " 年" : year);
    if (zonesPlain) map.map.layers.push_back({zonesPlain, 1.0});
    if (roads) map.map.layers.push_back({roads, 0.5});
    map.map.layers.push_back({lines, 1.0});
    map.map.extent = extentOf({lines}).grownBy(0.08);
    if (const LayerFigures* figure = figures.find(spec.id)) {
      std::string statuses;
      // Status values as the layer's style labels them (待整治 → Pending).
      std::map<std::string, std::string> labels;
      if (lines->style.renderer == StyleRenderer::categorized && lines->style.field == spec.statusField)
        for (const StyleCategory& category : lines->style.categories)
          labels[category.value] = category.label.in(language);
      for (const auto& [value, count] : figure->statuses)
        statuses += (statuses.empty() ? "" : (zh ? "，" : ", ")) + (labels.count(value) ? labels.at(value) : value) +
                    " " + groupedNumber(static_cast<double>(count));
      map.caption = zh ? "共 " + groupedNumber(static_cast<double>(figure->count)) + " 段" +
                             (statuses.empty() ? "" : "：" + statuses) + "。"
                       : groupedNumber(static_cast<double>(figure->count)) + " segments" +
                             (statuses.empty() ? "" : ": " + statuses) + ".";
    }
    maps.maps.push_back(std::move(map));
    break;
  }
  // Imagery (an orthophoto, a basemap) under every map, as the catalog lists it, at its opacity.
  std::vector<MapLayer> basemaps;
  for (const LayerSpec& spec : catalog.layers) {
    if (spec.role != LayerRole::raster) continue;
    try {
      const RenderLayer* layer = load(spec, std::nullopt);
      if (layer->imagery) basemaps.push_back({layer, spec.opacity});
    } catch (const InputError& error) {
      maps.messages.push_back("no basemap " + spec.id + ": " + error.what());
    }
  }
  for (ReportMap& map : maps.maps) map.map.layers.insert(map.map.layers.begin(), basemaps.begin(), basemaps.end());
  return maps;
}

}  // namespace urbangis
