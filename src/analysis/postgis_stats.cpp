#include "analysis/postgis_stats.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#include <map>
#include <numeric>
#include <set>

#include "analysis/zones.h"
#include "core/error.h"
#include "io/filter_expression.h"
#include "io/pg_source.h"
#include "io/postgis_connection.h"

namespace urbangis {
namespace {

constexpr double kNoZoneWarningShare = 0.05;

std::vector<const LayerSpec*> requested(const Catalog& catalog, const StatsRequest& request) {
  std::vector<const LayerSpec*> layers;
  if (request.layers.empty()) {
    for (const auto& layer : catalog.layers)
      if (layer.role == LayerRole::points || layer.role == LayerRole::areas || layer.role == LayerRole::lines)
        layers.push_back(&layer);
  } else {
    for (const auto& id : request.layers) layers.push_back(&catalog.layer(id));
  }
  return layers;
}

// "schema.table" → "schema"."table"; "table" → "table".
std::string tableOf(const LayerSpec& spec) {
  if (spec.layerName.empty())
    throw InputError(spec.where() + ": a PostGIS layer needs \"layer\": the table or view to read");
  const auto dot = spec.layerName.find('.');
  if (dot == std::string::npos) return quoteIdentifier(spec.layerName);
  return qualifiedName(spec.layerName.substr(0, dot), spec.layerName.substr(dot + 1));
}

std::string schemaOf(const LayerSpec& spec) {
  const auto dot = spec.layerName.find('.');
  return dot == std::string::npos ? "public" : spec.layerName.substr(0, dot);
}
std::string bareTable(const LayerSpec& spec) {
  const auto dot = spec.layerName.find('.');
  return dot == std::string::npos ? spec.layerName : spec.layerName.substr(dot + 1);
}

bool isInteger(const std::string& text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

std::string timestampText(int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm parts{};
  gmtime_r(&t, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &parts);
  return buffer;
}

// The SQL type of a column ("date", "timestamp without time zone", "text" …).
std::string columnType(const PgConnection& db, const LayerSpec& spec, const std::string& column) {
  const PgResult type = db.exec(
      "SELECT data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 "
      "AND column_name = $3",
      {schemaOf(spec), bareTable(spec), column}, "reading the columns of " + spec.layerName);
  if (type.rows() == 0)
    throw InputError(spec.where() + ": table " + spec.layerName + " has no column \"" + column + "\"");
  return type.text(0, 0);
}

// The geometry column GDAL reads (the first one).
std::string geometryColumn(const PgConnection& db, const LayerSpec& spec) {
  const PgResult column = db.exec(
      "SELECT f_geometry_column FROM geometry_columns WHERE f_table_schema = $1 AND f_table_name = $2 "
      "ORDER BY 1 LIMIT 1",
      {schemaOf(spec), bareTable(spec)}, "finding the geometry column of " + spec.layerName);
  if (column.rows() == 0)
    throw InputError(spec.where() + ": table " + spec.layerName + " has no geometry column");
  return quoteIdentifier(column.text(0, 0));
}

}  // namespace

bool postgisEngineApplies(const Catalog& catalog, const StatsRequest& request) {
  const LayerSpec* zones = catalog.find(request.zonesLayer);
  if (!zones || !isPgSource(zones->resolvedSource) || zones->layerName.empty()) return false;
  for (const LayerSpec* layer : requested(catalog, request)) {
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
  const auto layers = requested(catalog, request);
  if (!isPgSource(zonesSpec.resolvedSource))
    throw InputError("--engine postgis: " + zonesSpec.where() + " is not in PostGIS");
  for (const LayerSpec* layer : layers) {
    if (layer->role != LayerRole::points && layer->role != LayerRole::areas && layer->role != LayerRole::lines)
      throw InputError(layer->where() + ": is a " + std::string(roleName(layer->role)) +
                       " layer; stats summarises points, areas and lines layers");
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
  progress.report("zones in PostGIS", -1);
  // Zones: repaired, in the working CRS, measured on the ellipsoid; pieces of at most 256
  // vertices in a GiST-indexed temp table for the point joins.
  const std::string zoneGeometry = geometryColumn(db, zonesSpec);
  const std::string idExpression = zonesSpec.idField.empty() ? "fid::text" : quoteIdentifier(zonesSpec.idField) + "::text";
  const std::string nameExpression =
      zonesSpec.nameField.empty() ? "''::text" : "coalesce(" + quoteIdentifier(zonesSpec.nameField) + "::text, '')";
  db.exec("DROP TABLE IF EXISTS pg_temp.ug_zones, pg_temp.ug_pieces");
  db.exec("CREATE TEMP TABLE ug_zones AS SELECT " + idExpression + " AS zid, " + nameExpression +
              " AS name, ST_CollectionExtract(ST_MakeValid(ST_Transform(" + zoneGeometry + ", " + W +
              ")), 3) AS g, NOT ST_IsValid(ST_Transform(" + zoneGeometry + ", " + W + ")) AS repaired, 0 AS rank FROM " +
              tableOf(zonesSpec),
          {}, "reading zones " + zonesSpec.layerName);
  const PgResult zoneRows = db.exec(
      "SELECT zid, name, ST_AsBinary(g), ST_Area(ST_Transform(g, " + G + ")::geography, true), repaired, "
      "ST_IsEmpty(g) FROM ug_zones",
      {}, "measuring zones " + zonesSpec.layerName);
  const int n = zoneRows.rows();
  if (n == 0) throw InputError(zonesSpec.where() + ": the zones layer is empty");
  std::vector<std::string> ids(static_cast<size_t>(n));
  std::map<std::string, size_t> slotOf;
  for (int z = 0; z < n; ++z) {
    ids[static_cast<size_t>(z)] = zoneRows.text(z, 0);
    if (zoneRows.text(z, 5) == "t")
      throw InputError(zonesSpec.where() + ", zone " + ids[static_cast<size_t>(z)] + ": the geometry has no area, even after repair");
    if (!slotOf.emplace(ids[static_cast<size_t>(z)], static_cast<size_t>(z)).second)
      throw InputError("--engine postgis: " + zonesSpec.where() + " has two zones with id " +
                       ids[static_cast<size_t>(z)] + "; use the local engine (--engine local)");
    if (zoneRows.text(z, 4) == "t") result.warnings.push_back(zonesSpec.id + ": repaired zone " + ids[static_cast<size_t>(z)] + " with ST_MakeValid");
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
  db.exec("CREATE TEMP TABLE ug_pieces AS SELECT zid, ST_Subdivide(g, 256) AS g FROM ug_zones", {}, "subdividing zones");
  db.exec("CREATE INDEX ON ug_pieces USING gist (g)", {}, "indexing zones");
  db.exec("CREATE INDEX ON ug_zones (zid)", {}, "indexing zones");
  db.exec("ANALYZE ug_pieces", {}, "analysing zones");
  db.exec("ANALYZE ug_zones", {}, "analysing zones");

  // Columns, as the local engine builds them.
  const size_t slots = static_cast<size_t>(n) + 1;
  std::vector<Column> columns{{"zone_id", ColumnType::text}, {"zone_name", ColumnType::text}, {"area_km2", ColumnType::real}};
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

  std::vector<std::string> localLayers;
  result.inputs.push_back(zonesSpec.resolvedSource);
  for (const LayerSpec* layer : layers) {
    progress.checkCancelled();
    const std::string& L = layer->id;
    if (request.window.active() && layer->timeField.empty())
      result.warnings.push_back(L + ": has no time_field in the catalog, so --since/--until do not filter it");
    if (layer->role != LayerRole::points) {
      localLayers.push_back(L);
      // Placeholder columns, filled from the local engine below, keep the catalog's order.
      columns.push_back({"\x01" + L, ColumnType::text});
      cells.emplace_back(slots);
      continue;
    }
    progress.report("counting " + L + " in PostGIS", -1);
    const std::string geometry = geometryColumn(db, *layer);
    std::vector<PgParam> parameters;
    std::string where = geometry + " IS NOT NULL AND NOT ST_IsEmpty(" + geometry + ")";
    if (request.window.active() && !layer->timeField.empty()) {
      const std::string type = columnType(db, *layer, layer->timeField);
      if (type != "date" && type.rfind("timestamp", 0) != 0)
        throw InputError("--engine postgis: " + layer->where() + ": time_field \"" + layer->timeField + "\" is " +
                         type + ", not a date or timestamp; use --engine local");
      const std::string field = quoteIdentifier(layer->timeField);
      if (request.window.since) {
        parameters.push_back(timestampText(*request.window.since));
        where += " AND " + field + " >= $" + std::to_string(parameters.size()) + "::timestamp";
      }
      if (request.window.until) {
        parameters.push_back(timestampText(*request.window.until));
        where += " AND " + field + " < $" + std::to_string(parameters.size()) + "::timestamp";
      }
    }
    const std::string category =
        layer->categoryField.empty() ? "''::text" : "coalesce(" + quoteIdentifier(layer->categoryField) + "::text, '')";
    std::string sums;
    for (size_t f = 0; f < layer->sumFields.size(); ++f)
      sums += ", " + quoteIdentifier(layer->sumFields[f]) + "::float8 AS s" + std::to_string(f);
    std::string sumOut;
    for (size_t f = 0; f < layer->sumFields.size(); ++f)
      sumOut += ", coalesce(sum(CASE WHEN pt.s" + std::to_string(f) + " = 'NaN' THEN NULL ELSE pt.s" +
                std::to_string(f) + " END), 0)";
    // Each point: the zones holding it inside (all of them), else the lowest-ranked zone whose
    // boundary it touches, else none. Pieces answer "inside" for most points; a point on a
    // piece's cut edge is checked against the whole zone.
    const std::string sql =
        "WITH pt AS (SELECT " + category + " AS cat" + sums + ", ST_Transform(CASE WHEN GeometryType(" + geometry +
        ") = 'POINT' THEN " + geometry + " ELSE ST_Centroid(" + geometry + ") END, " + W + ") AS g FROM " +
        tableOf(*layer) + " WHERE " + where +
        ") SELECT h.zid, pt.cat, count(*)" + sumOut +
        " FROM pt LEFT JOIN LATERAL ("
        "  WITH hit AS (SELECT pc.zid, bool_or(ST_Contains(pc.g, pt.g)) AS in_piece FROM ug_pieces pc"
        "               WHERE ST_Intersects(pc.g, pt.g) GROUP BY pc.zid),"
        "  decided AS (SELECT hit.zid, z.rank, CASE WHEN hit.in_piece THEN true ELSE ST_Contains(z.g, pt.g) END AS inside"
        "              FROM hit JOIN ug_zones z ON z.zid = hit.zid)"
        "  SELECT zid FROM decided WHERE inside"
        "  UNION ALL (SELECT zid FROM decided WHERE NOT EXISTS (SELECT 1 FROM decided WHERE inside)"
        "             ORDER BY rank LIMIT 1)"
        ") h ON true GROUP BY h.zid, pt.cat";
    const PgResult counted = db.exec(sql, parameters, "counting " + L + " (" + layer->layerName + ")");
    std::vector<double> counts(slots, 0.0);
    std::map<std::string, std::vector<int64_t>> byCategory;
    std::vector<std::vector<double>> sumValues(layer->sumFields.size(), std::vector<double>(slots, 0.0));
    int64_t located = 0;
    for (int row = 0; row < counted.rows(); ++row) {
      const size_t slot = counted.isNull(row, 0) ? static_cast<size_t>(n) : slotOf.at(counted.text(row, 0));
      const int64_t count = counted.integer(row, 2);
      counts[slot] += static_cast<double>(count);
      located += count;
      auto& perCategory = byCategory[counted.text(row, 1)];
      if (perCategory.empty()) perCategory.assign(slots, 0);
      perCategory[slot] += count;
      for (size_t f = 0; f < layer->sumFields.size(); ++f) sumValues[f][slot] += counted.number(row, 3 + static_cast<int>(f));
    }
    std::vector<CellValue> countCells(slots);
    for (size_t s = 0; s < slots; ++s) countCells[s] = static_cast<int64_t>(counts[s]);
    columns.push_back({L + "_count", ColumnType::integer});
    cells.push_back(countCells);
    columns.push_back({L + "_per_km2", ColumnType::real});
    cells.push_back(perArea(counts, 1e6));
    if (!layer->categoryField.empty())
      for (auto& [name, perSlot] : byCategory) {
        columns.push_back({L + "_count:" + (name.empty() ? "(none)" : name), ColumnType::integer});
        cells.emplace_back(perSlot.begin(), perSlot.end());
      }
    for (size_t f = 0; f < layer->sumFields.size(); ++f) {
      columns.push_back({L + "_sum_" + layer->sumFields[f], ColumnType::real});
      cells.emplace_back(sumValues[f].begin(), sumValues[f].end());
    }
    const double inNoZone = counts[static_cast<size_t>(n)];
    if (located > 0 && inNoZone > kNoZoneWarningShare * static_cast<double>(located))
      result.warnings.push_back("WARNING: " + L + ": " + std::to_string(static_cast<int64_t>(inNoZone)) + " of " +
                                std::to_string(located) + " points fall in no zone of " + zonesSpec.id +
                                "; if the zones should cover them, check the layer's CRS");
    result.inputs.push_back(layer->resolvedSource);
  }

  // Areas and lines: not yet pushed down; the local engine reads the same tables.
  if (!localLayers.empty()) {
    StatsRequest local = request;
    local.layers = localLayers;
    StatsResult measured = computeStats(catalog, local, progress);
    std::map<std::string, std::vector<std::pair<Column, std::vector<CellValue>>>> byLayer;
    std::map<std::string, size_t> rowOf;
    for (size_t row = 0; row < measured.table.rows.size(); ++row)
      rowOf[std::get<std::string>(measured.table.rows[row][0])] = row;
    for (size_t c = 3; c < measured.table.columns.size(); ++c) {
      const Column& column = measured.table.columns[c];
      std::string owner;
      for (const auto& id : localLayers)
        if (column.name.rfind(id + "_", 0) == 0 && id.size() > owner.size()) owner = id;
      std::vector<CellValue> values(slots);
      for (size_t s = 0; s < slots; ++s) values[s] = measured.table.rows[rowOf.at(std::get<std::string>(cells[0][s]))][c];
      byLayer[owner].emplace_back(column, std::move(values));
    }
    std::vector<Column> merged;
    std::vector<std::vector<CellValue>> mergedCells;
    for (size_t c = 0; c < columns.size(); ++c) {
      if (!columns[c].name.empty() && columns[c].name[0] == '\x01') {
        for (auto& [column, values] : byLayer[columns[c].name.substr(1)]) {
          merged.push_back(column);
          mergedCells.push_back(values);
        }
        continue;
      }
      merged.push_back(columns[c]);
      mergedCells.push_back(cells[c]);
    }
    columns = std::move(merged);
    cells = std::move(mergedCells);
    for (const auto& warning : measured.warnings) result.warnings.push_back(warning);
    std::string list;
    for (const auto& id : localLayers) list += (list.empty() ? "" : ", ") + id;
    result.warnings.push_back("engine postgis: points counted in PostGIS; " + list +
                              " (areas/lines) measured by the local engine from the same tables (not yet pushed down)");
  } else {
    result.warnings.push_back("engine postgis: the whole table was computed in PostGIS");
  }

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
