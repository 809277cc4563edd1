#include "analysis/hotspots/hotspots.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "analysis/hotspots/hex_grid.h"
#include "analysis/hotspots/point_set.h"
#include "analysis/message_text.h"
#include "analysis/zones/zone_locator.h"
#include "analysis/zones/zone_tally.h"
#include "analysis/zones/zones.h"
#include "core/error.h"
#include "core/geometry_access.h"

namespace urbangis {
namespace {

// The projected working CRS every hot-spot measure (radius, cell, band) is in.
CrsSpec projectedWorkingCrs(const Catalog& catalog, const LayerSpec& layer, std::vector<std::string>& messages) {
  return projectedWorkingCrsFor(catalog, layer, "hot spots measure in metres", messages);
}

const LayerSpec& pointsLayer(const Catalog& catalog, const HotspotSource& source) {
  const LayerSpec& layer = catalog.layer(source.layer);
  if (layer.role != LayerRole::points)
    throw InputError(layer.where() + ": is a " + std::string(roleName(layer.role)) +
                     " layer; hot spots are computed from a points layer");
  return layer;
}

// The points layer in the projected working CRS, as every hot-spot method starts.
struct Source {
  const LayerSpec& layer;
  CrsSpec working;
  PointSet points;
};
template <typename Outcome>
Source readSource(const Catalog& catalog, const HotspotSource& source, const Progress& progress, Outcome& outcome) {
  const LayerSpec& layer = pointsLayer(catalog, source);
  CrsSpec working = projectedWorkingCrs(catalog, layer, outcome.messages);
  progress.report("reading " + layer.id, -1);
  PointSet points = loadPoints(layer, working, source.weight, source.window);
  outcome.messages.insert(outcome.messages.end(), points.warnings.begin(), points.warnings.end());
  outcome.inputs.push_back(layer.resolvedSource);
  if (source.window.active())
    outcome.messages.push_back(layer.id + ": " + std::to_string(points.x.size()) + " points in the time window (" +
                               std::to_string(points.outsideWindow) + " outside it or without a readable " +
                               layer.timeField + ")");
  if (points.x.empty() && source.window.active())
    throw InputError(layer.where() + ": no points in the time window (" + std::to_string(points.outsideWindow) +
                     " outside it or without a readable " + layer.timeField + ")");
  if (points.x.empty()) throw InputError(layer.where() + ": the layer has no points");
  return {layer, std::move(working), std::move(points)};
}

}  // namespace

KdeOutcome runKde(const Catalog& catalog, const HotspotSource& source, const KdeRequest& request,
                  const Progress& progress) {
  KdeOutcome outcome;
  const auto [layer, working, points] = readSource(catalog, source, progress, outcome);
  const KdeRaster density = kernelDensity(points, request, progress);
  outcome.raster = FloatRaster{density.width,
                               density.height,
                               density.west,
                               density.north,
                               density.cell,
                               density.density,
                               -9999.0F,
                               working.definition,
                               source.weight.empty() ? "points per km²" : source.weight + " per km²",
                               std::string(kernelName(request.kernel)) + " kernel density of " + layer.id};
  double integral = 0;
  for (float value : density.density) integral += value;
  integral *= density.cell * density.cell / 1e6;
  outcome.messages.push_back(std::string(kernelName(request.kernel)) + " kernel, radius " + number(density.radius) +
                             " m (" + density.radiusRule + "), cell " + number(density.cell) + " m, " +
                             std::to_string(density.width) + " × " + std::to_string(density.height) + " cells");
  outcome.messages.push_back("the surface integrates to " + number(integral, 8) + " (" +
                             number(density.weightTotal, 8) +
                             (source.weight.empty() ? " points)" : " total " + source.weight + ")"));
  return outcome;
}

TableOutcome runHexbin(const Catalog& catalog, const HotspotSource& source, const HexbinRequest& request,
                       const Progress& progress) {
  TableOutcome outcome;
  const HexGrid grid(request.size);
  const auto [layer, working, points] = readSource(catalog, source, progress, outcome);

  GeosContext geos;
  ProjContext proj;
  const MeasureFrame frame(proj, working);
  // Optional clipping: only points inside the zones count, and cells are cut to the zones.
  ZoneSet zones;
  std::unique_ptr<ZoneLocator> locator;
  GeomPtr clip;
  if (!request.clipZones.empty()) {
    const LayerSpec& zonesSpec = catalog.layer(request.clipZones);
    zones = loadZones(zonesSpec, geos, proj, frame);
    std::vector<const GEOSGeometry*> raw;
    std::vector<GeomPtr> copies;
    for (const auto& zone : zones.zones) {
      raw.push_back(zone.geometry.get());
      copies.push_back(geos.own(GEOSGeom_clone_r(geos.handle(), zone.geometry.get()), "clone"));
    }
    locator = std::make_unique<ZoneLocator>(raw, zones.rank);
    GeomPtr collection = makeCollection(geos, GEOS_GEOMETRYCOLLECTION, std::move(copies));
    clip = geos.own(GEOSUnaryUnion_r(geos.handle(), collection.get()), "union");
    outcome.inputs.push_back(zonesSpec.resolvedSource);
  }

  struct Tally {
    int64_t count = 0;
    double weight = 0;
  };
  std::map<HexCell, Tally> cells;
  LocatorScratch scratch(zones.zones.size());
  std::vector<uint32_t> holders;
  int64_t outside = 0;
  for (size_t i = 0; i < points.x.size(); ++i) {
    if (locator) {
      holders.clear();
      locator->locate(points.x[i], points.y[i], scratch, holders);
      if (holders.empty()) {
        ++outside;
        continue;
      }
    }
    Tally& tally = cells[grid.cellOf(points.x[i], points.y[i])];
    ++tally.count;
    tally.weight += points.weight[i];
  }
  if (outside)
    outcome.messages.push_back(std::to_string(outside) + " points outside " + request.clipZones + " left out");

  OutputTable& table = outcome.table;
  table.name = "hexbin";
  table.columns = {{"cell_id", ColumnType::text}, {"count", ColumnType::integer}};
  if (!source.weight.empty()) table.columns.push_back({"weight_sum", ColumnType::real});
  table.columns.push_back({"area_km2", ColumnType::real});
  table.columns.push_back({"density", ColumnType::real});
  table.crsDefinition = working.definition;
  for (const auto& [cell, tally] : cells) {
    GeomPtr polygon = grid.polygon(geos, cell);
    if (clip) {
      GeomPtr cut = geos.own(GEOSIntersection_r(geos.handle(), polygon.get(), clip.get()), "clip");
      polygon = keepDimension(geos, cut.get(), 2);
      if (!polygon) continue;
    }
    const double areaKm2 = frame.area(geos, polygon.get()) / 1e6;
    std::vector<CellValue> row{HexGrid::id(cell), tally.count};
    if (!source.weight.empty()) row.emplace_back(tally.weight);
    row.emplace_back(areaKm2);
    row.emplace_back((source.weight.empty() ? static_cast<double>(tally.count) : tally.weight) / areaKm2);
    table.rows.push_back(std::move(row));
    table.wkb.push_back(geos.toWkb(polygon.get()));
    progress.checkCancelled();
  }
  outcome.messages.push_back(std::to_string(table.rows.size()) + " non-empty hexagons of side " + number(request.size) +
                             " m");
  return outcome;
}

TableOutcome runGiStar(const Catalog& catalog, const HotspotSource& source, const GiStarRun& run,
                       const Progress& progress) {
  TableOutcome outcome;
  const auto [layer, working, points] = readSource(catalog, source, progress, outcome);

  GeosContext geos;
  std::vector<std::string> ids;
  std::vector<double> x, y, values;
  std::vector<int64_t> counts;
  std::vector<std::vector<unsigned char>> shapes;
  if (run.hexSize) {
    // Every cell of the grid covering the data counts, empty ones as 0.
    const HexGrid grid(*run.hexSize);
    const auto [minX, maxX] = std::minmax_element(points.x.begin(), points.x.end());
    const auto [minY, maxY] = std::minmax_element(points.y.begin(), points.y.end());
    const std::vector<HexCell> cells = grid.covering(*minX, *minY, *maxX, *maxY);
    std::map<HexCell, size_t> index;
    for (const HexCell& cell : cells) {
      index[cell] = ids.size();
      ids.push_back(HexGrid::id(cell));
      double cx = 0, cy = 0;
      grid.centre(cell, cx, cy);
      x.push_back(cx);
      y.push_back(cy);
      shapes.push_back(geos.toWkb(grid.polygon(geos, cell).get()));
    }
    values.assign(cells.size(), 0.0);
    counts.assign(cells.size(), 0);
    for (size_t i = 0; i < points.x.size(); ++i) {
      const size_t at = index.at(grid.cellOf(points.x[i], points.y[i]));
      values[at] += points.weight[i];
      ++counts[at];
    }
  } else {
    ProjContext proj;
    const MeasureFrame frame(proj, working);
    const LayerSpec& zonesSpec = catalog.layer(run.zones);
    const ZoneSet zones = loadZones(zonesSpec, geos, proj, frame);
    outcome.inputs.push_back(zonesSpec.resolvedSource);
    std::vector<const GEOSGeometry*> raw;
    for (const auto& zone : zones.zones) raw.push_back(zone.geometry.get());
    const ZoneLocator locator(raw, zones.rank);
    values.assign(zones.zones.size(), 0.0);
    counts.assign(zones.zones.size(), 0);
    LocatorScratch scratch(raw.size());
    std::vector<uint32_t> holders;
    ZoneTally placement;  // told as `stats` tells it: points in no zone, points in several
    for (size_t i = 0; i < points.x.size(); ++i) {
      holders.clear();
      locator.locate(points.x[i], points.y[i], scratch, holders);
      placement.add(holders.size(), Box::of(points.x[i], points.y[i]), locator.extent());
      for (uint32_t z : holders) {
        values[z] += points.weight[i];
        ++counts[z];
      }
    }
    for (std::string& message :
         zoneTallyMessages(source.layer, run.zones, placement, locator.extent(), "points", "Gi* leaves them out"))
      outcome.messages.push_back(std::move(message));
    if (locator.overlapSeen())
      outcome.messages.push_back("WARNING: zones of " + run.zones +
                                 " overlap: a point inside two zones is counted in each of them");
    for (const auto& zone : zones.zones) {
      ids.push_back(zone.id);
      GeomPtr centroid = geos.own(GEOSGetCentroid_r(geos.handle(), zone.geometry.get()), "centroid");
      const XY center = pointCoordinates(geos, centroid.get());
      x.push_back(center.x);
      y.push_back(center.y);
      shapes.push_back(geos.toWkb(zone.geometry.get()));
    }
  }
  progress.report("Gi*", -1);
  const GiStarResult result = getisOrdGiStar(x, y, values, run.statistic);

  OutputTable& table = outcome.table;
  table.name = "gistar";
  table.columns = {{"zone_id", ColumnType::text}, {"count", ColumnType::integer}};
  if (!source.weight.empty()) table.columns.push_back({"weight_sum", ColumnType::real});
  table.columns.insert(table.columns.end(),
                       {{"gi_z", ColumnType::real}, {"gi_p", ColumnType::real}, {"gi_bin", ColumnType::integer}});
  table.crsDefinition = working.definition;
  int bins[7] = {};
  for (size_t i = 0; i < ids.size(); ++i) {
    std::vector<CellValue> row{ids[i], counts[i]};
    if (!source.weight.empty()) row.emplace_back(values[i]);
    row.insert(row.end(), {CellValue{result.z[i]}, CellValue{result.p[i]}, CellValue{int64_t{result.bin[i]}}});
    table.rows.push_back(std::move(row));
    ++bins[result.bin[i] + 3];
  }
  table.wkb = std::move(shapes);
  outcome.messages.push_back("Gi* over " + std::to_string(ids.size()) + (run.hexSize ? " hexagons" : " zones") +
                             ", neighbours " + result.neighbourhood + " (" + number(result.meanNeighbours, 4) +
                             " on average, the feature included)" + (run.statistic.fdr ? ", FDR-corrected" : ""));
  outcome.messages.push_back("hot spots 99/95/90 %: " + std::to_string(bins[6]) + "/" + std::to_string(bins[5]) + "/" +
                             std::to_string(bins[4]) + ", cold spots: " + std::to_string(bins[0]) + "/" +
                             std::to_string(bins[1]) + "/" + std::to_string(bins[2]));
  return outcome;
}

}  // namespace urbangis
