#include "analysis/export/export_layer.h"

#include <ogrsf_frmts.h>

#include <map>
#include <set>

#include "analysis/stats/stats_run.h"
#include "analysis/zones/zone_locator.h"
#include "analysis/zones/zones.h"
#include "core/error.h"
#include "core/geometry_access.h"
#include "core/geometry_transform.h"
#include "io/filter/filtered_features.h"
#include "io/sources/feature_cells.h"
#include "io/sources/vector_source.h"

namespace urbangis {

ExportOutcome exportLayer(const Catalog& catalog, const ExportRequest& request, const Progress& progress) {
  ExportOutcome outcome;
  const LayerSpec& spec = catalog.layer(request.layer);
  VectorSource source = openCatalogLayer(spec);
  outcome.inputs.push_back(spec.resolvedSource);
  OGRFeatureDefn& definition = *source.layer->GetLayerDefn();
  FilteredFeatures features(spec, *source.layer, request.where);

  bool chosen = false;
  const CrsSpec working = workingCrsFor(catalog, spec, chosen);
  ProjContext proj;
  GeosContext geos;
  const Crs from(proj, layerCrsSpec(spec, *source.layer)), workingCrs(proj, working);
  const Crs target(proj, request.to.value_or(working));
  const Transform toWorking(proj, from, workingCrs), toTarget(proj, workingCrs, target);

  OutputTable& table = outcome.table;
  table.name = spec.id;
  for (int i = 0; i < definition.GetFieldCount(); ++i)
    table.columns.push_back(
        {definition.GetFieldDefn(i)->GetNameRef(), columnTypeOf(definition.GetFieldDefn(i)->GetType())});
  // Offset systems are stored as plain lon/lat: the offset lives in the numbers.
  table.crsDefinition = request.to ? (request.to->offset != ChineseOffset::none ? "EPSG:4326" : request.to->definition)
                                   : working.definition;
  table.rfc7946 = !request.keepCrs;

  // --by: the zones (for locating features, or for the stats columns of the zones layer).
  const bool zonesItself = !request.byZones.empty() && request.byZones == spec.id;
  std::unique_ptr<ZoneSet> zones;
  std::unique_ptr<ZoneLocator> locator;
  std::map<std::string, std::vector<CellValue>> statsByZone;
  std::vector<Column> statsColumns;
  if (zonesItself) {
    StatsRun stats;
    stats.request.zonesLayer = spec.id;
    StatsRunResult result = runStats(catalog, stats, progress);
    outcome.messages.insert(outcome.messages.end(), result.warnings.begin(), result.warnings.end());
    statsColumns.assign(result.table.columns.begin() + 2, result.table.columns.end());  // after id, name
    for (auto& row : result.table.rows)
      statsByZone[std::get<std::string>(row[0])] = std::vector<CellValue>(row.begin() + 2, row.end());
    for (const auto& column : statsColumns) table.columns.push_back(column);
    for (const auto& input : result.inputs) outcome.inputs.push_back(input);
  } else if (!request.byZones.empty()) {
    const LayerSpec& zonesSpec = catalog.layer(request.byZones);
    const MeasureFrame frame(proj, working);
    zones = std::make_unique<ZoneSet>(loadZones(zonesSpec, geos, proj, frame));
    std::vector<const GEOSGeometry*> raw;
    for (const auto& zone : zones->zones) raw.push_back(zone.geometry.get());
    locator = std::make_unique<ZoneLocator>(raw, zones->rank);
    table.columns.push_back({"zone_id", ColumnType::text});
    table.columns.push_back({"zone_name", ColumnType::text});
    outcome.inputs.push_back(zonesSpec.resolvedSource);
  }
  // --classes: the national event / component class of each feature's local category.
  const LayerClassMapping* mapped = nullptr;
  if (request.classes)
    if (auto found = request.classes->layers.find(spec.id); found != request.classes->layers.end())
      mapped = &found->second;
  const bool withCodes = mapped && request.classes->hasCodes();
  const int categoryIndex = spec.categoryField.empty() ? -1 : definition.GetFieldIndex(spec.categoryField.c_str());
  std::set<std::string> unmapped;
  if (mapped) {
    for (const char* kind : {"event", "component"}) {
      if (!(kind[0] == 'e' ? mapped->event : mapped->component)) continue;
      table.columns.push_back({std::string(kind) + "_class", ColumnType::text});
      if (withCodes) table.columns.push_back({std::string(kind) + "_code", ColumnType::text});
    }
  }
  if (request.coordinates) {
    table.columns.push_back({"lon", ColumnType::real});
    table.columns.push_back({"lat", ColumnType::real});
  }

  const int idIndex = spec.idField.empty() ? -1 : definition.GetFieldIndex(spec.idField.c_str());
  LocatorScratch scratch(zones ? zones->zones.size() : 0);
  std::vector<uint32_t> holders;
  int64_t kept = 0;
  const Crs wgs84(proj, CrsSpec{"EPSG:4326", ChineseOffset::none, "WGS84"});
  const Transform toLonLat(proj, workingCrs, wgs84);
  while (const OGRFeatureUniquePtr feature = features.next()) {
    ++kept;
    std::vector<CellValue> row;
    for (int i = 0; i < definition.GetFieldCount(); ++i)
      row.push_back(cellOf(*feature, i, table.columns[static_cast<size_t>(i)].type));
    GeomPtr geometry;
    if (const OGRGeometry* raw = feature->GetGeometryRef(); raw && !raw->IsEmpty()) {
      const GeomPtr read = toGeos(geos, *raw);
      if (!read)
        throw InputError(spec.where() + ", feature " + std::to_string(feature->GetFID()) +
                         ": GEOS cannot read its geometry");
      geometry = transformGeometry(geos, read.get(), toWorking);
    }
    if (zonesItself) {
      const std::string id = idIndex >= 0 ? feature->GetFieldAsString(idIndex) : std::to_string(feature->GetFID());
      auto stats = statsByZone.find(id);
      for (size_t c = 0; c < statsColumns.size(); ++c)
        row.push_back(stats == statsByZone.end() ? CellValue{} : stats->second[c]);
    } else if (locator) {
      holders.clear();
      if (geometry) {
        GeomPtr point = geos.own(GEOSPointOnSurface_r(geos.handle(), geometry.get()), "point on surface");
        const XY xy = pointCoordinates(geos, point.get());
        locator->locate(xy.x, xy.y, scratch, holders);
      }
      if (holders.empty()) {
        row.emplace_back();
        row.emplace_back();
      } else {
        const Zone& zone = zones->zones[holders.front()];
        row.emplace_back(zone.id);
        row.emplace_back(zone.name);
      }
    }
    if (mapped) {
      const std::string category = categoryIndex >= 0 ? feature->GetFieldAsString(categoryIndex) : "";
      if (request.classes->unmapped(spec.id, category)) unmapped.insert(category);
      for (const auto& nationalClass :
           {request.classes->eventClassOf(spec.id, category), request.classes->componentClassOf(spec.id, category)}) {
        if (!nationalClass) continue;
        row.emplace_back(*nationalClass);
        if (withCodes) row.emplace_back(request.classes->codeOf(*nationalClass));
      }
    }
    GeomPtr output = geometry ? transformGeometry(geos, geometry.get(), toTarget) : nullptr;
    if (request.coordinates) {
      // lon/lat of a point: of the target when it is lon/lat (e.g. GCJ-02), else WGS84.
      if (output && GEOSGeomTypeId_r(geos.handle(), output.get()) == GEOS_POINT) {
        auto [x, y] = pointCoordinates(geos, target.isGeographic() ? output.get() : geometry.get());
        if (!target.isGeographic()) toLonLat.apply(x, y);
        row.emplace_back(x);
        row.emplace_back(y);
      } else {
        row.emplace_back();
        row.emplace_back();
      }
    }
    table.rows.push_back(std::move(row));
    table.wkb.push_back(output ? geos.toWkb(output.get()) : std::vector<unsigned char>{});
    if (kept % 4096 == 0) progress.checkCancelled();
  }
  if (!unmapped.empty()) {
    std::string list;
    for (const auto& category : unmapped) list += (list.empty() ? "" : ", ") + (category.empty() ? "(none)" : category);
    outcome.messages.push_back(spec.id + ": categories without a national class in " + request.classes->file.string() +
                               ", exported as " + request.classes->otherEvent + ": " + list);
  }
  if (mapped) outcome.inputs.push_back(request.classes->file);
  // Pushed down, only the matches were read: "of N" would say nothing.
  outcome.messages.push_back("exported " + std::to_string(kept) +
                             (features.pushedDown() ? "" : " of " + std::to_string(features.read())) + " features of " +
                             spec.id + (request.where ? " matching " + request.where->text() : "") +
                             (features.note().empty() ? "" : " (" + features.note() + ")"));
  return outcome;
}

}  // namespace urbangis
