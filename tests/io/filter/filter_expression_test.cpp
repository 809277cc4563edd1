#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "core/error.h"
#include "io/filter/filter_expression.h"

using namespace urbangis;

namespace {

using Row = std::map<std::string, FilterValue>;

bool matches(const std::string& where, const Row& row) {
  return FilterExpression::parse(where).matches([&](const std::string& field) -> FilterValue {
    auto it = row.find(field);
    return it == row.end() ? FilterValue{} : it->second;
  });
}

std::string errorOf(const std::string& where) {
  try {
    FilterExpression::parse(where);
  } catch (const InputError& error) {
    return error.what();
  }
  return "(no error)";
}

const Row kCase = {{"status", std::string("待整治")},
                   {"road", std::string("新冶大道")},
                   {"fine", 200.0},
                   {"bundled_m", std::string("1500")},
                   {"note", FilterValue{}}};

}  // namespace

TEST_CASE("Filters compare text, numbers and Chinese values", "[io][where]") {
  CHECK(matches("status = '待整治'", kCase));
  CHECK_FALSE(matches("status = '已完成'", kCase));
  CHECK(matches("fine >= 200 AND fine < 201", kCase));
  CHECK(matches("bundled_m > 999", kCase));  // numeric text compares as a number
  CHECK(matches("status IN ('待整治', '整治中')", kCase));
  CHECK(matches("status NOT IN ('已完成')", kCase));
  CHECK(matches("road LIKE '新冶%'", kCase));
  CHECK(matches("road LIKE '新_大道'", kCase));  // _ is one character, not one byte
  CHECK_FALSE(matches("road LIKE '新冶'", kCase));
  CHECK(matches("fine BETWEEN 100 AND 200", kCase));
  CHECK(matches("NOT (fine < 100 OR status = '已完成')", kCase));
  CHECK(matches("\"status\" <> 'x' and FINE > -1e3", {{"status", std::string("y")}, {"FINE", 0.0}}));
}

TEST_CASE("NULL follows SQL's three-valued logic", "[io][where]") {
  CHECK(matches("note IS NULL", kCase));
  CHECK_FALSE(matches("note IS NOT NULL", kCase));
  CHECK_FALSE(matches("note = 'x'", kCase));
  CHECK_FALSE(matches("NOT note = 'x'", kCase));  // unknown stays unknown
  CHECK(matches("note = 'x' OR fine = 200", kCase));
  CHECK_FALSE(matches("note = 'x' AND fine = 200", kCase));
  CHECK_FALSE(matches("missing_field = 1", kCase));
}

TEST_CASE("NaN is no number: every comparison with it is unknown, as PostgreSQL's NULLIF(x, 'NaN') makes it",
          "[io][where]") {
  const Row nan = {{"area", std::nan("")}, {"code", std::string("nan")}};
  for (const char* where : {"area = 1", "area != 1", "area <= 1", "area >= 1", "area BETWEEN -1e300 AND 1e300",
                            "NOT area = 1", "code = 1", "area IN (1, 2)", "area NOT IN (1, 2)"}) {
    INFO(where);
    CHECK_FALSE(matches(where, nan));
  }
  CHECK(matches("area IS NOT NULL", nan));  // a value, though no number
}

TEST_CASE("Filter errors point at the column", "[io][where]") {
  CHECK_THAT(errorOf("status = "), Catch::Contains("column 10: expected a value ('text' or a number) at the end"));
  CHECK_THAT(errorOf("status == 'a'"), Catch::Contains("column 9: expected a value"));
  CHECK_THAT(errorOf("status = 'open"), Catch::Contains("column 10: unterminated text"));
  CHECK_THAT(errorOf("(fine > 1"), Catch::Contains("column 10: expected ) at the end"));
  CHECK_THAT(errorOf("fine > 1 status = 'a'"), Catch::Contains("column 10: unexpected \"status\""));
  CHECK_THAT(errorOf("状态 ~ 'a'"), Catch::Contains("column 4: unexpected character '~'"));
  CHECK_THAT(errorOf("AND = 1"), Catch::Contains("column 1: expected a field name, found the keyword AND"));
  CHECK_THAT(errorOf("road LIKE 5"), Catch::Contains("LIKE takes a 'pattern'"));
  CHECK_THAT(errorOf("   "), Catch::Contains("the filter is empty"));
}

TEST_CASE("Filters become SQL with every literal a bound parameter", "[io][where]") {
  std::vector<FilterValue> parameters;
  const std::string injection = "x'; DROP TABLE cases; --";
  const auto filter =
      FilterExpression::parse("status = '" + std::string("x''; DROP TABLE cases; --") +
                              "' OR (fine BETWEEN 1 AND 2 AND road IN ('a', 'b')) OR \"weird\"\"name\" IS NULL");
  CHECK(filter.toSql(parameters) ==
        "(\"status\" = $1 OR (\"fine\" BETWEEN $2 AND $3 AND \"road\" IN ($4, $5)) OR \"weird\"\"name\" IS NULL)");
  REQUIRE(parameters.size() == 5);
  CHECK(std::get<std::string>(parameters[0]) == injection);  // data, never SQL text
  CHECK(std::get<double>(parameters[1]) == 1);
  CHECK(filter.fields() == std::vector<std::string>{"status", "fine", "road", "weird\"name"});
}
