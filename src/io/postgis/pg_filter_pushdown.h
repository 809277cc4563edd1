#pragma once
// Whether a `--where` can run inside PostgreSQL on a PostGIS layer's table and select exactly
// what our own evaluator selects: each field's column typed from the server's catalog, then
// FilterExpression::toExactSql. When any comparison cannot be exact (a number against a text
// column, a date compared with text …) the plan says why and the caller filters client side.

#include <optional>
#include <string>
#include <vector>

#include "io/filter/filter_expression.h"
#include "io/postgis/postgis_connection.h"

namespace urbangis {

struct PgPushdown {
  std::optional<std::string> where;  // the WHERE clause with $n placeholders, when exact
  std::vector<PgParam> parameters;   // its values, in order, as text parameters
  std::string whyNot;                // otherwise, in words
};

// `table`: the layer's table as pgTableOf names it.
PgPushdown planPgPushdown(const PgConnection& db, const std::string& table, const FilterExpression& where);

// How SQL must read a column of type `typeName` (pg_type.typname; `typeText` as format_type
// writes it, for messages) to see what our evaluator sees in the feature OGR builds from it.
// Text needs a deterministic collation and a UTF-8 database for bytewise comparisons.
SqlColumn sqlColumnOf(const std::string& column, const std::string& typeName, const std::string& typeText,
                      bool deterministicCollation, bool utf8Database);

}  // namespace urbangis
