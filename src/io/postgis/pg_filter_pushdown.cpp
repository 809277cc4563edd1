#include "io/postgis/pg_filter_pushdown.h"

#include <map>

namespace urbangis {

SqlColumn sqlColumnOf(const std::string& column, const std::string& typeName, const std::string& typeText,
                      bool deterministicCollation, bool utf8Database) {
  const std::string name = quoteIdentifier(column);
  SqlColumn sql{SqlColumn::Kind::nullsOnly, name, name, typeText};
  if (typeName == "int2" || typeName == "int4" || typeName == "int8") {
    sql.kind = SqlColumn::Kind::number;  // int8 → float8 rounds as our static_cast<double> does
  } else if (typeName == "float8") {
    sql.kind = SqlColumn::Kind::number;
    sql.value = "NULLIF(" + name + ", 'NaN'::float8)";  // NaN is no number to our evaluator
  } else if (typeName == "numeric") {
    // OGR reads numeric text with strtod, as the cast to float8 does.
    sql.kind = SqlColumn::Kind::number;
    sql.value = "NULLIF(" + name + "::float8, 'NaN'::float8)";
  } else if ((typeName == "text" || typeName == "varchar") && deterministicCollation && utf8Database) {
    sql.kind = SqlColumn::Kind::text;
  } else if (typeName == "date" || typeName == "timestamp" || typeName == "timestamptz") {
    // OGR cannot parse 'infinity', so such a value is a null to our evaluator.
    sql.presence = "CASE WHEN isfinite(" + name + ") THEN 1 END";
  }
  // float4 stays nullsOnly: OGR reads its shortest text (0.1), SQL would compare 0.100000001….
  return sql;
}

PgPushdown planPgPushdown(const PgConnection& db, const std::string& table, const FilterExpression& where) {
  const bool utf8 =
      db.exec("SELECT current_setting('server_encoding')", {}, "reading the database encoding").text(0, 0) == "UTF8";
  // The table's name goes in as a bound value, quoted as to_regclass expects it.
  const PgResult columns = db.exec(
      "SELECT a.attname, t.typname, format_type(a.atttypid, a.atttypmod), coalesce(c.collisdeterministic, true) "
      "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_collation c ON c.oid = a.attcollation "
      "WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped",
      {table}, "reading the columns of " + table);
  std::map<std::string, SqlColumn> byName;
  for (int row = 0; row < columns.rows(); ++row)
    byName.emplace(columns.text(row, 0), sqlColumnOf(columns.text(row, 0), columns.text(row, 1), columns.text(row, 2),
                                                     columns.text(row, 3) == "t", utf8));

  PgPushdown plan;
  std::vector<FilterValue> values;
  plan.where = where.toExactSql(
      [&](const std::string& field) -> std::optional<SqlColumn> {
        const auto found = byName.find(field);
        if (found == byName.end()) return std::nullopt;
        return found->second;
      },
      values, plan.whyNot);
  if (plan.where) plan.parameters = pgParameters(values);
  return plan;
}

}  // namespace urbangis
