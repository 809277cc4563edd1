#include "analysis/stats/postgis_stats.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <set>

#include "analysis/stats/postgis_overlay.h"
#include "analysis/stats/postgis_sql.h"
#include "analysis/zones/zone_tally.h"
#include "analysis/zones/zones.h"
#include "core/error.h"
#include "io/filter/filter_expression.h"
#include "io/postgis/pg_source.h"
#include "io/postgis/postgis_connection.h"

namespace urbangis {
namespace {

bool isInteger(const std::string& text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

// An areas or lines layer measured in PostGIS (postgis_overlay.h): its columns appended as the
// local engine writes them, with its warnings.
void measureInPostgis(const PgConnection& db, const Catalog& catalog, const LayerSpec& layer, const TimeWindow& window,
                      const std::string& workingSrid, const std::string& geographicSrid,
                      const std::map<std::string, size_t>& slotOf,
                      const std::function<std::vector<CellValue>(const std::vector<double>&, double)>& perArea,
                      const std::string& zonesId, const Box& zonesExtent, std::vector<Column>& columns,
                      std::vector<std::vector<CellValue>>& cells, StatsResult& result) {
  const std::string& L = layer.id;
  PgOverlayRequest request;
  request.layer = &layer;
  request.window = layer.timeField.empty() ? TimeWindow{} : window;
  request.workingSrid = workingSrid;
  request.geographicSrid = geographicSrid;
  if (!layer.covers.empty()) request.network = &catalog.layer(layer.covers);
  const PgOverlayResult measured = overlayInPostgis(db, request, slotOf);
  const OverlayStats& stats = measured.stats;
  if (!measured.repaired.empty()) {
    std::string ids;
    for (const auto& id : measured.repaired) ids += (ids.empty() ? "" : ", ") + id;
    result.warnings.push_back(L + ": repaired " + std::to_string(measured.repaired.size()) +
                              " invalid geometries with ST_MakeValid: " + ids);
  }
  if (measured.dropped > 0)
    result.warnings.push_back(L + ": skipped " + std::to_string(measured.dropped) +
                              " features with no usable geometry");
  const auto add = [&](const std::string& name, ColumnType type, std::vector<CellValue> values) {
    columns.push_back({name, type});
    cells.push_back(std::move(values));
  };
  const auto reals = [](const std::vector<double>& values) {
    return std::vector<CellValue>(values.begin(), values.end());
  };
  if (geometryOf(layer.role) == GeometryFamily::polygon) {
    add(statisticColumn(L, ZoneStatistic::count), ColumnType::integer,
        std::vector<CellValue>(stats.counts.begin(), stats.counts.end()));
    add(statisticColumn(L, ZoneStatistic::areaM2), ColumnType::real, reals(stats.measure));
    add(statisticColumn(L, ZoneStatistic::areaPct), ColumnType::real, perArea(stats.measure, 100.0));
  } else {
    add(statisticColumn(L, ZoneStatistic::lengthM), ColumnType::real, reals(stats.measure));
    if (request.network) {
      std::vector<CellValue> shares(stats.roadShare.size());  // empty without roads and for "(none)"
      for (size_t slot = 0; slot + 1 < shares.size(); ++slot)
        if (!std::isnan(stats.roadShare[slot])) shares[slot] = stats.roadShare[slot];
      add(statisticColumn(L, ZoneStatistic::roadPct), ColumnType::real, std::move(shares));
    }
  }
  for (size_t f = 0; f < layer.sumFields.size(); ++f)
    add(sumColumn(L, layer.sumFields[f]), ColumnType::real, reals(stats.sums[f]));
  ZoneTally placement;
  placement.placed = measured.features;
  placement.inNoZone = stats.counts.back();
  placement.outsideExtent = measured.outsideZonesExtent;
  placement.outsideBox = measured.outsideBox;
  for (std::string& message : zoneTallyMessages(L, zonesId, placement, zonesExtent, "features"))
    result.warnings.push_back(std::move(message));
  result.inputs.push_back(layer.resolvedSource);
}

}  // namespace

bool postgisEngineApplies(const Catalog& catalog, const StatsRequest& request) {
  const LayerSpec* zones = catalog.find(request.zonesLayer);
  if (!zones || !isPgSource(zones->resolvedSource) || zones->layerName.empty()) return false;
  for (const LayerSpec* layer : statsLayers(catalog, request)) {
    if (layer->resolvedSource != zones->resolvedSource || layer->layerName.empty()) return false;
    if (!layer->covers.empty()) {
      const LayerSpec* network = catalog.find(layer->covers);
      if (!network || network->resolvedSource != zones->resolvedSource) return false;
    }
  }
  return true;
}

StatsResult computeStatsInPostgis(const Catalog& catalog, const StatsRequest& request, const Progress& progress) {
  const LayerSpec& zonesSpec = catalog.layer(request.zonesLayer);
  if (zonesSpec.role != LayerRole::zones)
    throw InputError(zonesSpec.where() + ": is a " + std::string(roleName(zonesSpec.role)) +
                     " layer; aggregate by a zones layer");
  const auto layers = statsLayers(catalog, request);
  if (!isPgSource(zonesSpec.resolvedSource))
    throw InputError("--engine postgis: " + zonesSpec.where() + " is not in PostGIS");
  for (const LayerSpec* layer : layers) {
    if (layer->resolvedSource != zonesSpec.resolvedSource)
      throw InputError("--engine postgis: " + layer->where() + " is not in the zones' database (" +
                       redactSecrets(zonesSpec.resolvedSource) + "); every layer must be in one database");
  }

  StatsResult result;
  const CrsSpec working = workingCrsFor(catalog, zonesSpec, result.workingCrsChosen);
  ProjContext proj;
  const MeasureFrame frame(proj, working);
  result.workingCrs = frame.working().describe();
  const auto workingSrid = frame.working().epsg();
  const auto geographicSrid = frame.geographic().epsg();
  if (!workingSrid || !geographicSrid || working.offset != ChineseOffset::none)
    throw InputError("--engine postgis: the working CRS " + result.workingCrs +
                     " has no EPSG code PostGIS can use; set the catalog's \"crs\" to EPSG:n");
  if (result.workingCrsChosen)
    result.warnings.push_back("no working CRS in " + catalog.file.string() + ": using " + result.workingCrs +
                              ", chosen from the zones' extent");
  const std::string W = std::to_string(*workingSrid), G = std::to_string(*geographicSrid);

  const PgConnection db(zonesSpec.resolvedSource);
  pgUseTimeZone(db, catalog.timeZone);
  progress.report("zones in PostGIS", -1);
  // Zones: repaired, in the working CRS, measured on the ellipsoid; pieces of at most 256
  // vertices in a GiST-indexed temp table for the point joins.
  const std::string zoneGeometry = pgGeometryColumn(db, zonesSpec);
  const std::string idExpression =
      zonesSpec.idField.empty() ? "fid::text" : quoteIdentifier(zonesSpec.idField) + "::text";
  const std::string nameExpression =
      zonesSpec.nameField.empty() ? "''::text" : "coalesce(" + quoteIdentifier(zonesSpec.nameField) + "::text, '')";
  db.exec("DROP TABLE IF EXISTS pg_temp.ug_zones, pg_temp.ug_pieces");
  db.exec("CREATE TEMP TABLE ug_zones AS SELECT " + idExpression + " AS zid, " + nameExpression +
              " AS name, ST_CollectionExtract(ST_MakeValid(ST_Transform(" + zoneGeometry + ", " + W +
              ")), 3) AS g, NOT ST_IsValid(ST_Transform(" + zoneGeometry + ", " + W +
              ")) AS repaired, 0 AS rank FROM " + pgTableOf(zonesSpec),
          {}, "reading zones " + zonesSpec.layerName);
  const PgResult zoneRows = db.exec("SELECT zid, name, ST_AsBinary(g), ST_Area(ST_Transform(g, " + G +
                                        ")::geography, true), repaired, "
                                        "ST_IsEmpty(g) FROM ug_zones",
                                    {}, "measuring zones " + zonesSpec.layerName);
  const int n = zoneRows.rows();
  if (n == 0) throw InputError(zonesSpec.where() + ": the zones layer is empty");
  std::vector<std::string> ids(static_cast<size_t>(n));
  std::map<std::string, size_t> slotOf;
  for (int z = 0; z < n; ++z) {
    ids[static_cast<size_t>(z)] = zoneRows.text(z, 0);
    if (zoneRows.text(z, 5) == "t")
      throw InputError(zonesSpec.where() + ", zone " + ids[static_cast<size_t>(z)] +
                       ": the geometry has no area, even after repair");
    if (!slotOf.emplace(ids[static_cast<size_t>(z)], static_cast<size_t>(z)).second)
      throw InputError("--engine postgis: " + zonesSpec.where() + " has two zones with id " +
                       ids[static_cast<size_t>(z)] + "; use the local engine (--engine local)");
    if (zoneRows.text(z, 4) == "t")
      result.warnings.push_back(zonesSpec.id + ": repaired zone " + ids[static_cast<size_t>(z)] + " with ST_MakeValid");
  }
  // The boundary rule's order: ids as numbers when all are integers, else as bytes.
  const bool integerIds = std::all_of(ids.begin(), ids.end(), isInteger);
  std::vector<size_t> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return integerIds ? std::stoll(ids[a]) < std::stoll(ids[b]) : ids[a] < ids[b];
  });
  std::string rankIds = "{", rankValues = "{";
  for (size_t position = 0; position < order.size(); ++position) {
    std::string quoted;
    for (char c : ids[order[position]]) quoted += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    rankIds += (position ? ",\"" : "\"") + quoted + "\"";
    rankValues += (position ? "," : "") + std::to_string(position);
  }
  rankIds += "}";
  rankValues += "}";
  db.exec("UPDATE ug_zones z SET rank = r.rank FROM unnest($1::text[], $2::int[]) AS r(zid, rank) WHERE z.zid = r.zid",
          {rankIds, rankValues}, "ranking zones");
  db.exec("CREATE TEMP TABLE ug_pieces AS SELECT zid, ST_Subdivide(g, 256) AS g FROM ug_zones", {},
          "subdividing zones");
  db.exec("CREATE INDEX ON ug_pieces USING gist (g)", {}, "indexing zones");
  db.exec("CREATE INDEX ON ug_zones (zid)", {}, "indexing zones");
  db.exec("ANALYZE ug_pieces", {}, "analysing zones");
  db.exec("ANALYZE ug_zones", {}, "analysing zones");
  const PgResult extent =
      db.exec("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(g) AS e FROM ug_zones) s",
              {}, "measuring the zones' extent");
  const Box zonesExtent = extent.isNull(0, 0)
                              ? Box{}
                              : Box{extent.number(0, 0), extent.number(0, 1), extent.number(0, 2), extent.number(0, 3)};

  // Columns, as the local engine builds them.
  const size_t slots = static_cast<size_t>(n) + 1;
  std::vector<Column> columns{
      {"zone_id", ColumnType::text}, {"zone_name", ColumnType::text}, {"area_km2", ColumnType::real}};
  std::vector<std::vector<CellValue>> cells(3, std::vector<CellValue>(slots));
  std::vector<double> zoneArea(static_cast<size_t>(n));
  for (int z = 0; z < n; ++z) {
    zoneArea[static_cast<size_t>(z)] = zoneRows.number(z, 3);
    cells[0][static_cast<size_t>(z)] = ids[static_cast<size_t>(z)];
    cells[1][static_cast<size_t>(z)] = zoneRows.text(z, 1);
    cells[2][static_cast<size_t>(z)] = zoneArea[static_cast<size_t>(z)] / 1e6;
  }
  cells[0][static_cast<size_t>(n)] = std::string("(none)");
  cells[1][static_cast<size_t>(n)] = std::string();
  const auto perArea = [&](const std::vector<double>& values, double scale) {
    std::vector<CellValue> column(slots);
    for (size_t z = 0; z < static_cast<size_t>(n); ++z)
      if (zoneArea[z] > 0) column[z] = values[z] * scale / zoneArea[z];
    return column;
  };

  result.inputs.push_back(zonesSpec.resolvedSource);
  for (const LayerSpec* layer : layers) {
    progress.checkCancelled();
    const std::string& L = layer->id;
    // As the local engine: only a case layer without dates is worth a word.
    if (request.window.active() && layer->timeField.empty() && layerKind(layer->role).cases)
      result.warnings.push_back(L + ": has no time_field in the catalog, so --since/--until do not filter it");
    if (geometryOf(layer->role) != GeometryFamily::point) {
      measureInPostgis(db, catalog, *layer, request.window, W, G, slotOf, perArea, zonesSpec.id, zonesExtent, columns,
                       cells, result);
      continue;
    }
    progress.report("counting " + L + " in PostGIS", -1);
    const std::string geometry = pgGeometryColumn(db, *layer);
    std::vector<PgParam> parameters;
    const std::string where = geometry + " IS NOT NULL AND NOT ST_IsEmpty(" + geometry + ")" +
                              pgWindowCondition(db, *layer, request.window, parameters);
    const std::string category =
        layer->categoryField.empty() ? "''::text" : "coalesce(" + quoteIdentifier(layer->categoryField) + "::text, '')";
    // An inventory (assets) is also counted by condition, its status_field.
    const bool byCondition = layerKind(layer->role).countsByCondition && !layer->statusField.empty();
    const std::string condition =
        byCondition ? "coalesce(" + quoteIdentifier(layer->statusField) + "::text, '')" : "''::text";
    std::string sums;
    for (size_t f = 0; f < layer->sumFields.size(); ++f)
      sums += ", " + quoteIdentifier(layer->sumFields[f]) + "::float8 AS s" + std::to_string(f);
    std::string sumOut;
    for (size_t f = 0; f < layer->sumFields.size(); ++f)
      sumOut += ", coalesce(sum(CASE WHEN pt.s" + std::to_string(f) + " = 'NaN' THEN NULL ELSE pt.s" +
                std::to_string(f) + " END), 0)";
    // Each point: the zones holding it inside (all of them), else the lowest-ranked zone whose
    // boundary it touches, else none.
    const std::string away = "h.zid IS NULL AND NOT pt.g && zx.box";
    const std::string awayBox = "ST_Extent(pt.g) FILTER (WHERE " + away + ")";
    const std::string sql =
        "WITH pt AS (SELECT " + category + " AS cat, " + condition + " AS cond" + sums +
        ", ST_Transform(CASE WHEN GeometryType(" + geometry + ") = 'POINT' THEN " + geometry + " ELSE ST_Centroid(" +
        geometry + ") END, " + W + ") AS g FROM " + pgTableOf(*layer) + " WHERE " + where +
        "), zx AS (SELECT ST_SetSRID(ST_Extent(g)::geometry, " + W +
        ") AS box FROM ug_zones)"
        " SELECT h.zid, pt.cat, count(*)" +
        sumOut +
        // For the messages (analysis/zones/zone_tally.h): points placed (a point in k zones is k rows
        // of 1/k), those in several zones, those outside the zones' extent and their extent.
        ", sum(1.0 / coalesce(h.nz, 1)), sum(1.0 / h.nz) FILTER (WHERE h.nz > 1), count(*) FILTER (WHERE " + away +
        ")"
        ", ST_XMin(" +
        awayBox + "), ST_YMin(" + awayBox + "), ST_XMax(" + awayBox + "), ST_YMax(" + awayBox +
        ")"
        ", pt.cond FROM pt CROSS JOIN zx LEFT JOIN LATERAL (SELECT q.zid, count(*) OVER () AS nz FROM (" +
        pgZonesHolding("pt.g") +
        ") q) h ON true"
        " GROUP BY h.zid, pt.cat, pt.cond";
    const PgResult counted = db.exec(sql, parameters, "counting " + L + " (" + layer->layerName + ")");
    std::vector<double> counts(slots, 0.0);
    std::map<std::string, std::vector<int64_t>> byCategory, byConditionCounts;
    std::vector<std::vector<double>> sumValues(layer->sumFields.size(), std::vector<double>(slots, 0.0));
    const int tallyColumn = 3 + static_cast<int>(layer->sumFields.size());
    double placed = 0, inSeveral = 0;
    ZoneTally placement;
    for (int row = 0; row < counted.rows(); ++row) {
      const size_t slot = counted.isNull(row, 0) ? static_cast<size_t>(n) : slotOf.at(counted.text(row, 0));
      const int64_t count = counted.integer(row, 2);
      counts[slot] += static_cast<double>(count);
      placed += counted.number(row, tallyColumn);
      if (!counted.isNull(row, tallyColumn + 1)) inSeveral += counted.number(row, tallyColumn + 1);
      placement.outsideExtent += counted.integer(row, tallyColumn + 2);
      if (!counted.isNull(row, tallyColumn + 3))
        placement.outsideBox.add(Box{counted.number(row, tallyColumn + 3), counted.number(row, tallyColumn + 4),
                                     counted.number(row, tallyColumn + 5), counted.number(row, tallyColumn + 6)});
      auto& perCategory = byCategory[counted.text(row, 1)];
      if (perCategory.empty()) perCategory.assign(slots, 0);
      perCategory[slot] += count;
      auto& perCondition = byConditionCounts[counted.text(row, tallyColumn + 7)];
      if (perCondition.empty()) perCondition.assign(slots, 0);
      perCondition[slot] += count;
      for (size_t f = 0; f < layer->sumFields.size(); ++f)
        sumValues[f][slot] += counted.number(row, 3 + static_cast<int>(f));
    }
    std::vector<CellValue> countCells(slots);
    for (size_t s = 0; s < slots; ++s) countCells[s] = static_cast<int64_t>(counts[s]);
    columns.push_back({statisticColumn(L, ZoneStatistic::count), ColumnType::integer});
    cells.push_back(countCells);
    columns.push_back({statisticColumn(L, ZoneStatistic::perKm2), ColumnType::real});
    cells.push_back(perArea(counts, 1e6));
    if (!layer->categoryField.empty())
      for (auto& [name, perSlot] : byCategory) {
        columns.push_back({categoryCountColumn(L, name), ColumnType::integer});
        cells.emplace_back(perSlot.begin(), perSlot.end());
      }
    if (byCondition)
      for (auto& [name, perSlot] : byConditionCounts) {
        columns.push_back({conditionCountColumn(L, name), ColumnType::integer});
        cells.emplace_back(perSlot.begin(), perSlot.end());
      }
    for (size_t f = 0; f < layer->sumFields.size(); ++f) {
      columns.push_back({sumColumn(L, layer->sumFields[f]), ColumnType::real});
      cells.emplace_back(sumValues[f].begin(), sumValues[f].end());
    }
    placement.placed = std::llround(placed);
    placement.inSeveral = std::llround(inSeveral);
    placement.inNoZone = static_cast<int64_t>(counts[static_cast<size_t>(n)]);
    for (std::string& message : zoneTallyMessages(L, zonesSpec.id, placement, zonesExtent, "points"))
      result.warnings.push_back(std::move(message));
    result.inputs.push_back(layer->resolvedSource);
  }

  result.warnings.push_back("engine postgis: the whole table was computed in PostGIS");

  // Rows in zone-id order, "(none)" last, each with its zone polygon (working CRS).
  order.push_back(static_cast<size_t>(n));
  result.table.name = "stats";
  result.table.columns = columns;
  for (size_t row : order) {
    std::vector<CellValue> values;
    for (const auto& column : cells) values.push_back(column[row]);
    result.table.rows.push_back(std::move(values));
    if (row < static_cast<size_t>(n)) {
      const std::string wkb = zoneRows.text(static_cast<int>(row), 2);
      // bytea in hex text form: \x…
      std::vector<unsigned char> bytes;
      for (size_t i = 2; i + 1 < wkb.size(); i += 2)
        bytes.push_back(static_cast<unsigned char>(std::stoi(wkb.substr(i, 2), nullptr, 16)));
      result.table.wkb.push_back(std::move(bytes));
    } else {
      result.table.wkb.emplace_back();
    }
  }
  result.table.crsDefinition = working.definition;
  db.exec("DROP TABLE IF EXISTS pg_temp.ug_zones, pg_temp.ug_pieces");
  return result;
}

}  // namespace urbangis
