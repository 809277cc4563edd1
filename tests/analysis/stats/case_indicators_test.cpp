// Case indicators: closure, on-time and flag rates, median hours and the monthly series, on a
// drawn fixture whose every figure is worked out by hand below; and on Daye, the 2023 report's
// 184 fume and noise complaints, 100 % handled, answered and satisfied (FIGURES.md line 27).

#include <catch2/catch.hpp>

#include "analysis/stats/case_indicators.h"
#include "core/error.h"
#include "core/progress.h"
#include "io/catalog/catalog_loader.h"
#include "test_support.h"

using namespace urbangis;
using namespace urbangis::test;

namespace {

// Two 1 km squares side by side in UTM 50N (west "A", east "B").
const char* kZones =
    R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32650"}},
"features":[
{"type":"Feature","properties":{"code":"A","name":"西"},"geometry":{"type":"Polygon","coordinates":[[[500000,3300000],[501000,3300000],[501000,3301000],[500000,3301000],[500000,3300000]]]}},
{"type":"Feature","properties":{"code":"B","name":"东"},"geometry":{"type":"Polygon","coordinates":[[[501000,3300000],[502000,3300000],[502000,3301000],[501000,3301000],[501000,3300000]]]}}]})";

// In A: c1 closed in 10 h (deadline 24 h for 油烟: on time), c2 closed in 30 h (late), c3 open
// (late by definition), c4 closed before it opened (counted closed; no hours, not judged).
// In B: c5 (噪音, deadline from the "*" default 48 h) closed in 50 h (late), c6 in February
// closed in 2 h (on time). c7 outside both zones. c8 has no open time, c9 one that is no date
// (both left out, c9 named).
// Flags: handled 是/否/blank/yes … as below.
const char* kCases =
    "case_no,type,x,y,opened,closed,handled\n"
    "c1,油烟,500500,3300500,2023-01-05 08:00,2023-01-05 18:00,是\n"
    "c2,油烟,500600,3300500,2023-01-10 08:00,2023-01-11 14:00,否\n"
    "c3,油烟,500700,3300500,2023-01-20 08:00,,\n"
    "c4,噪音,500800,3300500,2023-01-21 08:00,2023-01-20 08:00,yes\n"
    "c5,噪音,501500,3300500,2023-01-03 00:00,2023-01-05 02:00,是\n"
    "c6,噪音,501600,3300500,2023-02-01 00:00,2023-02-01 02:00,是\n"
    "c7,油烟,509000,3300500,2023-01-02 00:00,2023-01-02 01:00,否\n"
    "c8,油烟,500500,3300600,,2023-01-02 01:00,是\n"
    "c9,油烟,500500,3300600,2023-13-01 08:00,,是\n";

Catalog fixture(const TempDir& dir) {
  writeFile(dir.path() / "zones.geojson", kZones);
  writeFile(dir.path() / "cases.csv", kCases);
  writeFile(dir.path() / "catalog.json", R"({"name":{"zh":"测试","en":"Test"},"crs":"EPSG:32650","layers":[
    {"id":"zones","title":{"zh":"区","en":"Zones"},"role":"zones","source":"zones.geojson","id_field":"code","name_field":"name"},
    {"id":"cases","title":{"zh":"案件","en":"Cases"},"role":"points","source":"cases.csv","x":"x","y":"y","crs":"EPSG:32650",
     "id_field":"case_no","category_field":"type","time_field":"opened","close_time_field":"closed",
     "flag_fields":["handled"],"deadline_hours":{"油烟":24,"*":48}}]})");
  return loadCatalog(dir.path() / "catalog.json");
}

const CellValue& cell(const OutputTable& table, size_t row, const std::string& column) {
  for (size_t c = 0; c < table.columns.size(); ++c)
    if (table.columns[c].name == column) return table.rows[row][c];
  FAIL("no column " << column);
  throw;
}

double real(const CellValue& value) { return std::get<double>(value); }
int64_t integer(const CellValue& value) { return std::get<int64_t>(value); }

}  // namespace

TEST_CASE("case indicators per zone, worked by hand", "[cases]") {
  const TempDir dir;
  const Catalog catalog = fixture(dir);
  const CaseIndicatorResult result = computeCaseIndicators(catalog, {"zones", {}, {}, false}, SilentProgress());
  const OutputTable& t = result.table;
  REQUIRE(t.rows.size() == 3);  // A, B, (none)
  CHECK(std::get<std::string>(cell(t, 0, "zone_id")) == "A");
  // A: c1–c4 opened; c1, c2, c4 closed; judged c1 (on time), c2, c3 (late); hours 10, 30.
  CHECK(integer(cell(t, 0, "cases_opened")) == 4);
  CHECK(integer(cell(t, 0, "cases_closed")) == 3);
  CHECK(real(cell(t, 0, "cases_closure_pct")) == Approx(75));
  CHECK(real(cell(t, 0, "cases_on_time_pct")) == Approx(100.0 / 3));
  CHECK(real(cell(t, 0, "cases_median_hours")) == Approx(20));
  // handled: 是, 否, blank, yes → 2 of 3 answered.
  CHECK(real(cell(t, 0, "cases_handled_pct")) == Approx(200.0 / 3));
  // B: c5 late (50 h > 48 h), c6 on time (2 h); median of 50 and 2.
  CHECK(integer(cell(t, 1, "cases_opened")) == 2);
  CHECK(real(cell(t, 1, "cases_on_time_pct")) == Approx(50));
  CHECK(real(cell(t, 1, "cases_median_hours")) == Approx(26));
  CHECK(real(cell(t, 1, "cases_handled_pct")) == Approx(100));
  // (none): c7.
  CHECK(std::get<std::string>(cell(t, 2, "zone_id")) == "(none)");
  CHECK(integer(cell(t, 2, "cases_opened")) == 1);
  CHECK(real(cell(t, 2, "cases_handled_pct")) == Approx(0));
  // Bad rows are reported, not silently dropped.
  std::string warnings;
  for (const auto& w : result.warnings) warnings += w + "\n";
  CHECK_THAT(warnings, Catch::Contains("cases: 1 features with an empty opened were left out"));
  CHECK_THAT(warnings,
             Catch::Contains("layer \"cases\" (cases.csv): 1 value of opened left out: 1 not a date in a known "
                             "form (feature 9 \"2023-13-01 08:00\")"));
  CHECK_THAT(warnings, Catch::Contains("1 cases close before they open"));
}

TEST_CASE("case indicators month by month and within a window", "[cases]") {
  const TempDir dir;
  const Catalog catalog = fixture(dir);
  const CaseIndicatorResult monthly = computeCaseIndicators(catalog, {"zones", {}, {}, true}, SilentProgress());
  const OutputTable& t = monthly.table;
  REQUIRE(t.rows.size() == 6);  // 3 zones × January, February
  CHECK(std::get<std::string>(cell(t, 2, "zone_id")) == "B");
  CHECK(std::get<std::string>(cell(t, 2, "month")) == "2023-01");
  CHECK(integer(cell(t, 2, "cases_opened")) == 1);
  CHECK(real(cell(t, 2, "cases_on_time_pct")) == Approx(0));
  CHECK(std::get<std::string>(cell(t, 3, "month")) == "2023-02");
  CHECK(integer(cell(t, 3, "cases_opened")) == 1);
  CHECK(real(cell(t, 3, "cases_on_time_pct")) == Approx(100));
  CHECK(integer(cell(t, 1, "cases_opened")) == 0);  // A in February: a row of zeros
  CHECK(std::holds_alternative<std::monostate>(cell(t, 1, "cases_closure_pct")));

  const CaseIndicatorResult february = computeCaseIndicators(
      catalog, {"zones", {}, TimeWindow::parse("2023-02-01", "2023-02-28"), false}, SilentProgress());
  CHECK(integer(cell(february.table, 0, "cases_opened")) == 0);
  CHECK(integer(cell(february.table, 1, "cases_opened")) == 1);
}

TEST_CASE("case indicators refuse layers that cannot tell closure", "[cases]") {
  const TempDir dir;
  const Catalog catalog = fixture(dir);
  CHECK_THROWS_WITH(computeCaseIndicators(catalog, {"zones", {"zones"}, {}, false}, SilentProgress()),
                    Catch::Contains("need a time_field and a close_time_field"));
  CHECK_THROWS_WITH(computeCaseIndicators(catalog, {"cases", {}, {}, false}, SilentProgress()),
                    Catch::Contains("is not a zones layer"));
}

TEST_CASE("Daye's fume and noise complaints: 184, all handled, answered and satisfied", "[cases][daye]") {
  const Catalog catalog = loadCatalog(dayeCatalog());
  const CaseIndicatorResult result =
      computeCaseIndicators(catalog, {"districts", {"complaints"}, {}, false}, SilentProgress());
  int64_t opened = 0, closed = 0;
  for (size_t r = 0; r < result.table.rows.size(); ++r) {
    opened += integer(cell(result.table, r, "complaints_opened"));
    closed += integer(cell(result.table, r, "complaints_closed"));
    if (integer(cell(result.table, r, "complaints_opened")) == 0) continue;
    for (const char* flag : {"complaints_handled_pct", "complaints_answered_pct", "complaints_satisfied_pct"})
      CHECK(real(cell(result.table, r, flag)) == Approx(100));
  }
  CHECK(opened == 184);  // FIGURES.md: 184 cooking-fume and noise complaints
  CHECK(closed == 184);
}
