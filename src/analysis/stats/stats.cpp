#include "analysis/stats/stats.h"

#include <algorithm>
#include <cmath>
#include <future>
#include <numeric>
#include <sstream>
#include <thread>

#include "analysis/message_text.h"
#include "analysis/stats/feature_set.h"
#include "analysis/stats/overlay_stats.h"
#include "analysis/stats/point_counts.h"
#include "analysis/zones/zone_locator.h"
#include "analysis/zones/zone_tally.h"
#include "analysis/zones/zones.h"
#include "core/error.h"

namespace urbangis {
namespace {

// How an areas or lines layer's features fell among the zones: `inNoZone` of them met none (a
// feature across two zones is measured in each, in its parts: not an overlap).
ZoneTally placementOf(const FeatureSet& features, int64_t inNoZone, const Box& zonesExtent) {
  ZoneTally tally;
  tally.placed = static_cast<int64_t>(features.geometries.size());
  tally.inNoZone = inNoZone;
  for (const auto& [minX, minY, maxX, maxY] : features.envelopes) {
    const Box box{minX, minY, maxX, maxY};
    if (!box.intersects(zonesExtent)) {
      ++tally.outsideExtent;
      tally.outsideBox.add(box);
    }
  }
  return tally;
}

// Builds the table column by column: `zoneValues(z)` gives one cell per zone, then (none).
class TableBuilder {
 public:
  explicit TableBuilder(size_t rows) : rows_(rows) {}
  void add(std::string name, ColumnType type, std::vector<CellValue> cells) {
    columns_.push_back({std::move(name), type});
    cells_.push_back(std::move(cells));
  }
  OutputTable build(const std::vector<size_t>& rowOrder) && {
    OutputTable table;
    table.name = "stats";
    table.columns = std::move(columns_);
    for (size_t row : rowOrder) {
      std::vector<CellValue> cells;
      for (const auto& column : cells_) cells.push_back(column[row]);
      table.rows.push_back(std::move(cells));
    }
    return table;
  }
  size_t rows() const { return rows_; }

 private:
  size_t rows_;
  std::vector<Column> columns_;
  std::vector<std::vector<CellValue>> cells_;
};

template <typename T>
std::vector<CellValue> cellsOf(const std::vector<T>& values) {
  return std::vector<CellValue>(values.begin(), values.end());
}

std::vector<CellValue> withoutNone(std::vector<CellValue> cells) {
  cells.back() = std::monostate{};
  return cells;
}

// NaN becomes an empty cell (no roads in the zone: no share to give).
std::vector<CellValue> realsOrEmpty(const std::vector<double>& values) {
  std::vector<CellValue> cells(values.size());
  for (size_t i = 0; i < values.size(); ++i)
    if (!std::isnan(values[i])) cells[i] = values[i];
  return cells;
}

}  // namespace

std::vector<const LayerSpec*> statsLayers(const Catalog& catalog, const StatsRequest& request) {
  std::vector<const LayerSpec*> layers;
  if (request.layers.empty()) {
    for (const auto& layer : catalog.layers)
      if (layerKind(layer.role).tallied) layers.push_back(&layer);
    return layers;
  }
  for (const auto& id : request.layers) {
    const LayerSpec& layer = catalog.layer(id);
    if (!layerKind(layer.role).tallied)
      throw InputError(layer.where() + ": is a " + std::string(roleName(layer.role)) + " layer; stats summarises " +
                       talliedKindNames() + " layers");
    layers.push_back(&layer);
  }
  return layers;
}

StatsResult computeStats(const Catalog& catalog, const StatsRequest& request, const Progress& progress) {
  const LayerSpec& zonesSpec = catalog.layer(request.zonesLayer);
  const auto layers = statsLayers(catalog, request);
  const unsigned threads = request.threads ? request.threads : std::max(1u, std::thread::hardware_concurrency());

  StatsResult result;
  const CrsSpec working = workingCrsFor(catalog, zonesSpec, result.workingCrsChosen);
  GeosContext geos;
  ProjContext proj;
  const MeasureFrame frame(proj, working);
  result.workingCrs = frame.working().describe();
  if (result.workingCrsChosen)
    result.warnings.push_back("no working CRS in " + catalog.file.string() + ": using " + result.workingCrs +
                              ", chosen from the zones' extent");

  const auto windowFor = [&](const LayerSpec& layer) {
    return layer.timeField.empty() ? TimeWindow{} : request.window;
  };
  // The first points layer starts streaming at once, while the zones load and are indexed on
  // the other core; its workers wait for the locator.
  // Declared before the prefetch so they outlive it: an early error unwinds through the
  // prefetch's future, which waits for its task, and that task reads the locator.
  ZoneSet zones;
  std::unique_ptr<ZoneLocator> zoneLocator;
  std::promise<const ZoneLocator*> locatorPromise;
  const std::shared_future<const ZoneLocator*> locator = locatorPromise.get_future().share();
  const LayerSpec* prefetched = nullptr;
  for (const LayerSpec* layer : layers)
    if (!prefetched && geometryOf(layer->role) == GeometryFamily::point) prefetched = layer;
  std::future<PointCounts> prefetch;
  if (prefetched)
    prefetch = std::async(std::launch::async, [&, prefetched] {
      return countPoints(*prefetched, locator, working, windowFor(*prefetched), progress, threads);
    });

  try {
    progress.report("reading zones", -1);
    zones = loadZones(zonesSpec, geos, proj, frame);
    std::vector<const GEOSGeometry*> zoneGeometries;
    for (const auto& zone : zones.zones) zoneGeometries.push_back(zone.geometry.get());
    zoneLocator = std::make_unique<ZoneLocator>(zoneGeometries, zones.rank);
    locatorPromise.set_value(zoneLocator.get());
  } catch (...) {
    locatorPromise.set_exception(std::current_exception());
    if (prefetch.valid()) prefetch.wait();  // it fails too, on the same error
    throw;
  }
  result.inputs.push_back(zonesSpec.resolvedSource);
  if (!zones.repaired.empty())
    result.warnings.push_back(zonesSpec.id + ": repaired " + std::to_string(zones.repaired.size()) +
                              " invalid zone geometries with MakeValid: " + listOf(zones.repaired));

  const size_t n = zones.zones.size(), slots = n + 1;
  TableBuilder table(slots);
  {
    std::vector<CellValue> ids, names, areas;
    for (const auto& zone : zones.zones) {
      ids.push_back(zone.id);
      names.push_back(zone.name);
      areas.push_back(zone.areaM2 / 1e6);
    }
    ids.push_back(std::string("(none)"));
    names.push_back(std::string());
    areas.push_back(CellValue{});
    table.add("zone_id", ColumnType::text, std::move(ids));
    table.add("zone_name", ColumnType::text, std::move(names));
    table.add("area_km2", ColumnType::real, std::move(areas));
  }
  // Per unit of zone area; empty for the "(none)" row and zones without area.
  const auto perZoneArea = [&](const std::vector<double>& values, double scale) {
    std::vector<CellValue> cells(n + 1);
    for (size_t z = 0; z < n; ++z)
      if (zones.zones[z].areaM2 > 0) cells[z] = values[z] * scale / zones.zones[z].areaM2;
    return cells;
  };

  for (const LayerSpec* layer : layers) {
    result.inputs.push_back(layer->resolvedSource);
    const std::string& L = layer->id;
    // A case layer without dates is worth a word; an inventory (assets) is a stock, counted whole.
    if (request.window.active() && layer->timeField.empty() && layerKind(layer->role).cases)
      result.warnings.push_back(L + ": has no time_field in the catalog, so --since/--until do not filter it");
    const TimeWindow window = windowFor(*layer);

    if (geometryOf(layer->role) == GeometryFamily::point) {
      const PointCounts counts =
          layer == prefetched ? prefetch.get() : countPoints(*layer, locator, working, window, progress, threads);
      std::vector<double> asReal(counts.counts.begin(), counts.counts.end());
      table.add(statisticColumn(L, ZoneStatistic::count), ColumnType::integer, cellsOf(counts.counts));
      table.add(statisticColumn(L, ZoneStatistic::perKm2), ColumnType::real, perZoneArea(asReal, 1e6));
      for (size_t c = 0; c < counts.categories.size(); ++c)
        table.add(categoryCountColumn(L, counts.categories[c]), ColumnType::integer, cellsOf(counts.byCategory[c]));
      for (size_t c = 0; c < counts.conditions.size(); ++c)
        table.add(conditionCountColumn(L, counts.conditions[c]), ColumnType::integer, cellsOf(counts.byCondition[c]));
      for (size_t f = 0; f < layer->sumFields.size(); ++f)
        table.add(sumColumn(L, layer->sumFields[f]), ColumnType::real, cellsOf(counts.sums[f]));
      if (counts.withoutPoint > 0)
        result.warnings.push_back(L + ": skipped " + std::to_string(counts.withoutPoint) +
                                  " features without a usable point");
      if (counts.timeIssues.count() > 0) result.warnings.push_back(counts.timeIssues.warning(*layer, layer->timeField));
      for (std::string& message : zoneTallyMessages(L, zonesSpec.id, counts.placement, zoneLocator->extent(), "points"))
        result.warnings.push_back(std::move(message));
      continue;
    }

    const int dimension = geometryOf(layer->role) == GeometryFamily::polygon ? 2 : 1;
    const FeatureSet features = loadFeatures(*layer, geos, frame, window, dimension);
    if (!features.repaired.empty())
      result.warnings.push_back(L + ": repaired " + std::to_string(features.repaired.size()) +
                                " invalid geometries with MakeValid: " + listOf(features.repaired));
    if (features.dropped > 0)
      result.warnings.push_back(L + ": skipped " + std::to_string(features.dropped) +
                                " features with no usable geometry");
    if (features.timeIssues.count() > 0)
      result.warnings.push_back(features.timeIssues.warning(*layer, layer->timeField));
    std::optional<FeatureSet> roads;
    if (!layer->covers.empty() && frame.working().isGeographic())
      throw InputError(catalog.file.string() + ": working CRS " + result.workingCrs + " is geographic, so " +
                       layer->id +
                       "'s buffer_m cannot be drawn in "
                       "metres; use a projected \"crs\" (e.g. EPSG:4547), or leave it out to use UTM");
    if (!layer->covers.empty()) {
      const LayerSpec& network = catalog.layer(layer->covers);
      roads = loadFeatures(network, geos, frame, TimeWindow{}, 1);
      result.inputs.push_back(network.resolvedSource);
    }
    const OverlayStats stats = overlayByZone(zones, *zoneLocator, features, dimension, roads ? &*roads : nullptr,
                                             layer->bufferM, working, progress, threads, "measuring " + L);
    if (dimension == 2) {
      table.add(statisticColumn(L, ZoneStatistic::count), ColumnType::integer, cellsOf(stats.counts));
      table.add(statisticColumn(L, ZoneStatistic::areaM2), ColumnType::real, cellsOf(stats.measure));
      table.add(statisticColumn(L, ZoneStatistic::areaPct), ColumnType::real, perZoneArea(stats.measure, 100.0));
    } else {
      table.add(statisticColumn(L, ZoneStatistic::lengthM), ColumnType::real, cellsOf(stats.measure));
      if (roads)
        table.add(statisticColumn(L, ZoneStatistic::roadPct), ColumnType::real,
                  withoutNone(realsOrEmpty(stats.roadShare)));
    }
    for (size_t f = 0; f < layer->sumFields.size(); ++f)
      table.add(sumColumn(L, layer->sumFields[f]), ColumnType::real, cellsOf(stats.sums[f]));
    for (std::string& message :
         zoneTallyMessages(L, zonesSpec.id, placementOf(features, stats.counts[n], zoneLocator->extent()),
                           zoneLocator->extent(), "features"))
      result.warnings.push_back(std::move(message));
  }
  if (zoneLocator->overlapSeen())
    result.warnings.push_back("WARNING: zones of " + zonesSpec.id +
                              " overlap: a point inside two zones is counted in each of them");

  // Rows in zone-id order, "(none)" last; every row carries its zone's polygon.
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return zones.rank[a] < zones.rank[b]; });
  order.push_back(n);
  result.table = std::move(table).build(order);
  for (size_t row : order)
    result.table.wkb.push_back(row < n ? geos.toWkb(zones.zones[row].geometry.get()) : std::vector<unsigned char>{});
  result.table.crsDefinition = working.definition;
  return result;
}

}  // namespace urbangis
