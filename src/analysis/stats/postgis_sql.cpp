#include "analysis/stats/postgis_sql.h"

#include <ctime>

#include "core/error.h"

namespace urbangis {
namespace {

std::string schemaOf(const LayerSpec& spec) {
  const auto dot = spec.layerName.find('.');
  return dot == std::string::npos ? "public" : spec.layerName.substr(0, dot);
}

std::string bareTable(const LayerSpec& spec) {
  const auto dot = spec.layerName.find('.');
  return dot == std::string::npos ? spec.layerName : spec.layerName.substr(dot + 1);
}

std::string timestampText(int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm parts{};
  gmtime_r(&t, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &parts);
  return buffer;
}

}  // namespace

std::string pgColumnType(const PgConnection& db, const LayerSpec& spec, const std::string& column) {
  const PgResult type = db.exec(
      "SELECT data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 "
      "AND column_name = $3",
      {schemaOf(spec), bareTable(spec), column}, "reading the columns of " + spec.layerName);
  if (type.rows() == 0)
    throw InputError(spec.where() + ": table " + spec.layerName + " has no column \"" + column + "\"");
  return type.text(0, 0);
}

std::string pgGeometryColumn(const PgConnection& db, const LayerSpec& spec) {
  const PgResult column = db.exec(
      "SELECT f_geometry_column FROM geometry_columns WHERE f_table_schema = $1 AND f_table_name = $2 "
      "ORDER BY 1 LIMIT 1",
      {schemaOf(spec), bareTable(spec)}, "finding the geometry column of " + spec.layerName);
  if (column.rows() == 0) throw InputError(spec.where() + ": table " + spec.layerName + " has no geometry column");
  return quoteIdentifier(column.text(0, 0));
}

void pgUseTimeZone(const PgConnection& db, const std::string& zone) {
  db.exec("SELECT set_config('TimeZone', $1, false)", {zone}, "setting the session's time zone to " + zone);
}

std::string pgWindowCondition(const PgConnection& db, const LayerSpec& spec, const TimeWindow& window,
                              std::vector<PgParam>& parameters) {
  if (!window.active() || spec.timeField.empty()) return {};
  const std::string type = pgColumnType(db, spec, spec.timeField);
  if (type != "date" && type.rfind("timestamp", 0) != 0)
    throw InputError("--engine postgis: " + spec.where() + ": time_field \"" + spec.timeField + "\" is " + type +
                     ", not a date or timestamp; use --engine local");
  const std::string field = quoteIdentifier(spec.timeField);
  std::string condition;
  if (window.since) {
    parameters.push_back(timestampText(*window.since));
    condition += " AND " + field + " >= $" + std::to_string(parameters.size()) + "::timestamp";
  }
  if (window.until) {
    parameters.push_back(timestampText(*window.until));
    condition += " AND " + field + " < $" + std::to_string(parameters.size()) + "::timestamp";
  }
  return condition;
}

std::string pgZonesHolding(const std::string& point) {
  // Pieces answer "inside" for most points; a point on a piece's cut edge is checked against
  // the whole zone.
  return "  WITH hit AS (SELECT pc.zid, bool_or(ST_Contains(pc.g, " + point +
         ")) AS in_piece FROM ug_pieces pc"
         "               WHERE ST_Intersects(pc.g, " +
         point +
         ") GROUP BY pc.zid),"
         "  decided AS (SELECT hit.zid, z.rank, CASE WHEN hit.in_piece THEN true ELSE ST_Contains(z.g, " +
         point +
         ") END AS inside FROM hit JOIN ug_zones z ON z.zid = hit.zid)"
         "  SELECT zid FROM decided WHERE inside"
         "  UNION ALL (SELECT zid FROM decided WHERE NOT EXISTS (SELECT 1 FROM decided WHERE inside)"
         "             ORDER BY rank LIMIT 1)";
}

std::string pgEllipsoidalMeasure(const std::string& geometry, int dimension, const std::string& geographicSrid) {
  return std::string(dimension == 2 ? "ST_Area" : "ST_Length") + "(ST_Transform(" + geometry + ", " + geographicSrid +
         ")::geography, true)";
}

}  // namespace urbangis
