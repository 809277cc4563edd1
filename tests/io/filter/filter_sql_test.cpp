// FilterExpression::toExactSql: SQL only where PostgreSQL selects what our evaluator selects.

#include <catch2/catch.hpp>

#include "io/filter/filter_expression.h"
#include "io/postgis/pg_filter_pushdown.h"

using namespace urbangis;

namespace {

std::optional<SqlColumn> columnOf(const std::string& field) {
  if (field == "status") return sqlColumnOf("status", "varchar", "character varying", true, true);
  if (field == "fine") return sqlColumnOf("fine", "int8", "bigint", true, true);
  if (field == "area") return sqlColumnOf("area", "float8", "double precision", true, true);
  if (field == "date") return sqlColumnOf("date", "date", "date", true, true);
  return std::nullopt;
}

struct Exact {
  std::optional<std::string> sql;
  std::vector<FilterValue> parameters;
  std::string whyNot;
};

Exact exact(const std::string& where) {
  Exact result;
  result.sql = FilterExpression::parse(where).toExactSql(columnOf, result.parameters, result.whyNot);
  return result;
}

}  // namespace

TEST_CASE("Exact SQL compares text with text and numbers as float8, every literal a parameter", "[io][where]") {
  const Exact e = exact("status = 'x''; DROP TABLE t; --' AND fine > 200.5 OR area BETWEEN 1 AND 2");
  REQUIRE(e.sql);
  CHECK(*e.sql ==
        "(((\"status\" = $1::text) AND (\"fine\" > $2::float8)) OR "
        "(NULLIF(\"area\", 'NaN'::float8) BETWEEN $3::float8 AND $4::float8))");
  REQUIRE(e.parameters.size() == 4);
  CHECK(std::get<std::string>(e.parameters[0]) == "x'; DROP TABLE t; --");
  CHECK(std::get<double>(e.parameters[1]) == 200.5);
  CHECK(e.whyNot.empty());
}

TEST_CASE("Exact SQL orders text bytewise and gives LIKE no escape character, as our evaluator", "[io][where]") {
  CHECK(*exact("status < 'b' OR status NOT LIKE '%\\'").sql ==
        "((\"status\" COLLATE \"C\" < $1::text) OR (\"status\" NOT LIKE $2::text ESCAPE ''))");
  CHECK(*exact("status NOT BETWEEN 'a' AND 'b'").sql == "(\"status\" COLLATE \"C\" NOT BETWEEN $1::text AND $2::text)");
  CHECK(*exact("fine NOT IN (1, 2)").sql == "(\"fine\" NOT IN ($1::float8, $2::float8))");
  CHECK(*exact("NOT status != 'a'").sql == "(NOT (\"status\" <> $1::text))");
}

TEST_CASE("Exact SQL tests a date for NULL as OGR sees it (infinity is a null) and a float as a number (NaN is none)",
          "[io][where]") {
  CHECK(*exact("date IS NULL").sql == "(CASE WHEN isfinite(\"date\") THEN 1 END IS NULL)");
  CHECK(*exact("area IS NOT NULL").sql == "(\"area\" IS NOT NULL)");
}

TEST_CASE("Exact SQL declines what SQL would answer differently, and says why", "[io][where]") {
  const Exact number = exact("status = 'a' AND status = 5");
  CHECK(!number.sql);
  CHECK(number.parameters.empty());  // nothing half-collected
  CHECK(number.whyNot == "the number 5 against character varying column \"status\"");
  CHECK(exact("fine = '5'").whyNot == "the text '5' against bigint column \"fine\"");
  CHECK(exact("fine LIKE '5%'").whyNot == "the text '5%' against bigint column \"fine\"");
  CHECK(exact("fine IN (1, 'x')").whyNot == "the text 'x' against bigint column \"fine\"");
  CHECK(exact("date >= '2023-06-01'").whyNot == "column \"date\" is date, which only IS [NOT] NULL reads alike in SQL");
  CHECK(exact("nothere = 1").whyNot == "the table has no column \"nothere\"");
}
