#include "analysis/grids/grid_table.h"

#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

#include "analysis/grids/grid_code.h"
#include "analysis/message_text.h"
#include "analysis/parallel_for.h"
#include "analysis/zones/zones.h"
#include "core/error.h"
#include "core/geometry_access.h"
#include "core/geometry_transform.h"
#include "io/sources/vector_source.h"

namespace urbangis {
namespace {

std::string countsOf(const std::map<std::string, int64_t>& counts) {
  std::vector<std::string> items;
  for (const auto& [name, count] : counts)
    items.push_back((name.empty() ? "(empty)" : name) + " " + std::to_string(count));
  return listOf(items, 20);
}

// The lines of a network layer the grids must not straddle, in the working CRS.
std::vector<GeomPtr> readMajorRoads(const LayerSpec& spec, const std::vector<std::string>& requested,
                                    const GeosContext& geos, const MeasureFrame& frame,
                                    std::vector<std::string>& messages) {
  if (spec.role != LayerRole::network)
    throw InputError(spec.where() + ": is a " + std::string(roleName(spec.role)) +
                     " layer; --split-by follows the roads of a network layer");
  const bool chosen = !requested.empty();
  if (chosen && spec.categoryField.empty())
    throw InputError(spec.where() +
                     ": has no category_field, so --major-classes cannot pick roads by class; give the layer a "
                     "category_field in the catalog, or leave --major-classes out to split along every line");
  const std::vector<std::string>& wanted = chosen ? requested : defaultMajorRoadClasses();
  const std::set<std::string> classes(wanted.begin(), wanted.end());

  VectorSource source = openCatalogLayer(spec);
  ProjContext proj;
  const Crs sourceCrs(proj, layerCrsSpec(spec, *source.layer));
  const Crs working(proj, frame.working().spec());
  std::optional<Transform> toWorking;
  if (!sameCrs(sourceCrs, working)) toWorking.emplace(proj, sourceCrs, working);
  const int classIndex =
      spec.categoryField.empty() ? -1 : source.layer->GetLayerDefn()->GetFieldIndex(spec.categoryField.c_str());

  std::map<std::string, int64_t> found, used;
  std::vector<GeomPtr> roads;
  source.layer->ResetReading();
  for (auto& feature : *source.layer) {
    std::string roadClass;
    if (classIndex >= 0) {
      if (feature->IsFieldSetAndNotNull(classIndex)) roadClass = feature->GetFieldAsString(classIndex);
      ++found[roadClass];
      if (!classes.count(roadClass)) continue;
    }
    const OGRGeometry* geometry = feature->GetGeometryRef();
    GeomPtr converted = geometry && !geometry->IsEmpty() ? toGeos(geos, *geometry) : nullptr;
    if (!converted) continue;
    if (toWorking) converted = transformGeometry(geos, converted.get(), *toWorking);
    GeomPtr valid = repaired(geos, std::move(converted), 1);
    if (!valid) continue;
    ++used[roadClass];
    roads.push_back(std::move(valid));
  }
  if (classIndex < 0) {
    messages.push_back("grids split along every line of " + spec.id +
                       " (it has no category_field): " + std::to_string(roads.size()));
    return roads;
  }
  if (roads.empty())
    throw InputError(spec.where() + ": no road of class " + listOf(wanted, 20) + " in its category_field \"" +
                     spec.categoryField + "\", which holds: " + countsOf(found) +
                     "; name the major classes with --major-classes A,B");
  messages.push_back("grids split along the major roads of " + spec.id + ": " + countsOf(used));
  if (chosen)
    for (const auto& name : requested)
      if (!found.count(name))
        messages.push_back("--major-classes: no road of " + spec.id + " has class \"" + name + "\"");
  return roads;
}

// What one worker makes of one zone.
struct ZoneOutput {
  std::vector<std::vector<unsigned char>> wkb;
  std::vector<double> area, lon, lat;
  std::vector<size_t> isolated;  // indexes of slivers kept alone
  bool wholeZone = false;
  size_t mergedSlivers = 0, pieces = 1, extendedRoadEnds = 0, joinedScraps = 0;
  double areaTotal = 0;
};

// Per-thread GEOS and PROJ state.
struct Worker {
  GeosContext geos;
  ProjContext proj;
  MeasureFrame frame;
  Transform toLonLat;
  explicit Worker(const CrsSpec& working) : frame(proj, working), toLonLat(proj, frame.working(), frame.geographic()) {}
};

}  // namespace

const std::vector<std::string>& defaultMajorRoadClasses() {
  static const std::vector<std::string> classes{"快速路",   "主干道", "主干路",  "次干道",   "次干路",
                                                "motorway", "trunk",  "primary", "secondary"};
  return classes;
}

double defaultMinArea(double cell) { return cell * cell / 4.0; }

OutputTable unitGridTable(const std::string& adminCode, const CrsSpec& working, const std::vector<GridZone>& zones,
                          const std::vector<const GEOSGeometry*>& barriers, const UnitGridOptions& options,
                          unsigned threads, const Progress& progress, std::vector<std::string>& messages) {
  if (!(options.cell > 0) || !std::isfinite(options.cell))
    throw InputError("--cell needs a number of metres greater than 0");
  if (!(options.minAreaM2 >= 0) || !std::isfinite(options.minAreaM2))
    throw InputError("--min-area needs a number of square metres, 0 or more");
  // Every code is checked before any work: a bad one is found at once, naming its zone.
  std::vector<std::string> prefixes;
  std::map<std::string, size_t> seen;
  for (size_t z = 0; z < zones.size(); ++z) {
    prefixes.push_back(gridCodePrefix(zones[z].code, adminCode, zones[z].where));
    const auto [at, fresh] = seen.emplace(zones[z].code, z);
    if (!fresh)
      throw InputError(zones[z].where + ": community code " + zones[z].code + " is also the code of " +
                       zones[at->second].where + "; grid codes would repeat");
  }
  {
    GeosContext primer;  // shared geometries are read by several threads
    for (const auto& zone : zones) primeForSharing(primer, zone.geometry);
    for (const GEOSGeometry* barrier : barriers) primeForSharing(primer, barrier);
  }

  unsigned workers = threads ? threads : std::max(1U, std::thread::hardware_concurrency());
  workers = static_cast<unsigned>(std::max<size_t>(1, std::min<size_t>(workers, zones.size())));
  std::vector<std::unique_ptr<Worker>> states;
  for (unsigned w = 0; w < workers; ++w) states.push_back(std::make_unique<Worker>(working));
  std::vector<ZoneOutput> outputs(zones.size());
  parallelFor(zones.size(), workers, progress, "gridding", [&](size_t z, unsigned w) {
    Worker& worker = *states[w];
    ZoneGrids grids =
        buildUnitGrids(worker.geos, worker.frame, zones[z].geometry, zones[z].areaM2, barriers, options, &progress);
    ZoneOutput& out = outputs[z];
    out.wholeZone = grids.wholeZone;
    out.mergedSlivers = grids.mergedSlivers;
    out.pieces = grids.pieces;
    out.extendedRoadEnds = grids.extendedRoadEnds;
    out.joinedScraps = grids.joinedScraps;
    GEOSContextHandle_t h = worker.geos.handle();
    for (size_t i = 0; i < grids.grids.size(); ++i) {
      const UnitGrid& grid = grids.grids[i];
      GeomPtr centroid = worker.geos.own(GEOSGetCentroid_r(h, grid.geometry.get()), "centroid");
      auto [x, y] = pointCoordinates(worker.geos, centroid.get());
      worker.toLonLat.apply(x, y);
      out.wkb.push_back(worker.geos.toWkb(grid.geometry.get()));
      out.area.push_back(grid.areaM2);
      out.lon.push_back(x);
      out.lat.push_back(y);
      out.areaTotal += grid.areaM2;
      if (grid.isolatedSliver) out.isolated.push_back(i);
    }
  });

  OutputTable table;
  table.name = "grids";
  table.columns = {{"grid_code", ColumnType::text}, {"parent_id", ColumnType::text}, {"parent_name", ColumnType::text},
                   {"area_m2", ColumnType::real},   {"lon", ColumnType::real},       {"lat", ColumnType::real}};
  table.crsDefinition = working.definition;
  std::vector<std::string> whole, isolated, offArea;
  size_t merged = 0, pieces = 0, extended = 0, scraps = 0;
  for (size_t z = 0; z < zones.size(); ++z) {
    ZoneOutput& out = outputs[z];
    const std::string community = zones[z].where + ", community " + zones[z].code;
    if (out.wkb.size() > kMaxGridsPerCommunity)
      throw InputError(community + ": " + std::to_string(out.wkb.size()) + " unit grids of " + number(options.cell) +
                       " m, more than the " + std::to_string(kMaxGridsPerCommunity) +
                       " the grid code's 3-digit sequence can number in one community; use a larger --cell");
    for (size_t i = 0; i < out.wkb.size(); ++i) {
      const std::string code = gridCode(prefixes[z], i + 1, community);
      table.rows.push_back({code, zones[z].code, zones[z].name, out.area[i], out.lon[i], out.lat[i]});
      table.wkb.push_back(std::move(out.wkb[i]));
    }
    for (size_t i : out.isolated)
      isolated.push_back(std::get<std::string>(table.rows[table.rows.size() - out.wkb.size() + i][0]));
    if (out.wholeZone)
      whole.push_back(zones[z].code + " " + zones[z].name + " (" + std::to_string(std::lround(zones[z].areaM2)) +
                      " m²)");
    merged += out.mergedSlivers;
    pieces += out.pieces;
    extended += out.extendedRoadEnds;
    scraps += out.joinedScraps;
    const double off = std::fabs(out.areaTotal - zones[z].areaM2) / zones[z].areaM2;
    if (off > 1e-4) offArea.push_back(zones[z].code + " (" + number(off * 100, 3) + " %)");
  }
  messages.push_back(std::to_string(table.rows.size()) + " unit grids in " + std::to_string(zones.size()) +
                     " zone(s): cells of " + number(options.cell) + " m, slivers under " + number(options.minAreaM2) +
                     " m² merged into a neighbour: " + std::to_string(merged));
  if (!barriers.empty()) {
    messages.push_back("the major roads cut the zone(s) into " + std::to_string(pieces) + " pieces" +
                       (extended ? "; road ends inside a zone, the cut continued straight on to the next road or the "
                                   "zone's edge: " +
                                       std::to_string(extended)
                                 : ""));
    if (scraps)
      messages.push_back("scraps under " + number(options.minAreaM2) +
                         " m² that a road cut off (along a zone's edge, or between roads meeting at a sharp angle), "
                         "joined to the land across the road: " +
                         std::to_string(scraps));
  }
  if (!whole.empty())
    messages.push_back("zones smaller than one cell (" + number(options.cell * options.cell) +
                       " m²), kept as one grid each: " + listOf(whole));
  if (!isolated.empty())
    messages.push_back("grids under " + number(options.minAreaM2) +
                       " m² with no neighbour to merge into (islands of a zone), kept: " + listOf(isolated));
  if (!offArea.empty())
    messages.push_back("warning: the grids' area differs from their zone's by more than 0.01 % in " + listOf(offArea));
  return table;
}

GridOutcome runUnitGrids(const Catalog& catalog, const GridRequest& request, const Progress& progress) {
  const LayerSpec& zonesSpec = catalog.layer(request.zonesLayer);
  if (zonesSpec.role != LayerRole::zones)
    throw InputError(zonesSpec.where() + ": is a " + std::string(roleName(zonesSpec.role)) +
                     " layer; unit grids are built inside the zones of a zones layer");
  if (zonesSpec.idField.empty())
    throw InputError(catalog.file.string() + ": " + zonesSpec.where() +
                     " has no id_field; unit grid codes are built from each zone's 12-digit community code: name "
                     "the field that holds it");
  if (catalog.adminCode.empty())
    throw InputError(catalog.file.string() +
                     ": has no admin_code; unit grid codes start with the county's 6-digit code: add \"admin_code\"");
  UnitGridOptions options;
  options.cell = request.cell;
  options.minAreaM2 = request.minAreaM2.value_or(defaultMinArea(request.cell));
  const LayerSpec* network = request.splitBy.empty() ? nullptr : &catalog.layer(request.splitBy);

  GridOutcome outcome;
  const CrsSpec working =
      projectedWorkingCrsFor(catalog, zonesSpec, "unit grids are cells in metres", outcome.messages);
  ProjContext proj;
  const Crs workingCrs(proj, working);
  outcome.workingCrs = workingCrs.describe();

  GeosContext geos;
  const MeasureFrame frame(proj, working);
  progress.report("reading " + zonesSpec.id, -1);
  const ZoneSet set = loadZones(zonesSpec, geos, proj, frame);
  outcome.inputs.push_back(zonesSpec.resolvedSource);
  if (!set.repaired.empty())
    outcome.messages.push_back(zonesSpec.id +
                               ": invalid geometries repaired (MakeValid) before gridding: " + listOf(set.repaired));
  std::vector<GridZone> zones;
  for (const Zone& zone : set.zones)
    zones.push_back({zone.id, zone.name,
                     catalog.file.string() + ": " + zonesSpec.where() + ", feature " + std::to_string(zone.fid) +
                         (zone.name.empty() ? "" : " (" + zone.name + ")"),
                     zone.geometry.get(), zone.areaM2});

  std::vector<GeomPtr> roads;
  if (network) {
    progress.report("reading " + network->id, -1);
    roads = readMajorRoads(*network, request.majorClasses, geos, frame, outcome.messages);
    outcome.inputs.push_back(network->resolvedSource);
  } else if (!request.majorClasses.empty()) {
    throw InputError("--major-classes picks the roads of --split-by NETWORK_LAYER; give --split-by too");
  }
  std::vector<const GEOSGeometry*> barriers;
  for (const auto& road : roads) barriers.push_back(road.get());

  std::vector<std::string> messages;
  outcome.table =
      unitGridTable(catalog.adminCode, working, zones, barriers, options, request.threads, progress, messages);
  outcome.messages.insert(outcome.messages.end(), messages.begin(), messages.end());
  return outcome;
}

}  // namespace urbangis
