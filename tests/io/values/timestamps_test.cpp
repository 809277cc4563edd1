#include <catch2/catch.hpp>

#include <ogrsf_frmts.h>

#include "core/error.h"
#include "io/catalog/catalog_loader.h"
#include "io/sources/layer_times.h"
#include "io/values/timestamps.h"
#include "test_support.h"

using namespace urbangis;

namespace {

const TimeRules& shanghai() {
  static const TimeRules rules{{}, TimeZone("Asia/Shanghai")};
  return rules;
}

TimeRules withOrder(DayOrder order) { return TimeRules{{order, false}, TimeZone("Asia/Shanghai")}; }

// Wall-clock seconds of a civil date and time.
int64_t at(int year, unsigned month, unsigned day, int hour = 0, int minute = 0, int second = 0) {
  return daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

std::optional<int64_t> read(std::string_view text, const TimeRules& rules = shanghai()) {
  return readTimestamp(text, rules).seconds;
}

TimeProblem problemOf(std::string_view text, const TimeRules& rules = shanghai()) {
  return readTimestamp(text, rules).problem;
}

}  // namespace

TEST_CASE("Year-first forms read as the wall clock they write", "[io][timestamps]") {
  CHECK(read("2023-07-01") == at(2023, 7, 1));
  CHECK(read("2023-07-01T08:09:10") == at(2023, 7, 1, 8, 9, 10));
  CHECK(read("2023-07-01 08:09") == at(2023, 7, 1, 8, 9));
  CHECK(read("2023-07-01 08:09:10.250") == at(2023, 7, 1, 8, 9, 10));
  CHECK(read("2023/7/1 8:09:10") == at(2023, 7, 1, 8, 9, 10));
  CHECK(read("2023.07.01") == at(2023, 7, 1));
  CHECK(read("  2023-07-01  ") == at(2023, 7, 1));
  CHECK(read("2023年7月1日") == at(2023, 7, 1));
  CHECK(read("2023年7月1日 8时") == at(2023, 7, 1, 8));
  CHECK(read("2023年7月1日 8时30分") == at(2023, 7, 1, 8, 30));
  CHECK(read("2023年07月01日 08时30分15秒") == at(2023, 7, 1, 8, 30, 15));
  CHECK(read("2023年7月1日8点") == at(2023, 7, 1, 8));
}

TEST_CASE("Times with a UTC offset come to the catalog's zone; naive ones are its own", "[io][timestamps]") {
  CHECK(read("2023-07-01T08:00:00Z") == at(2023, 7, 1, 16));
  CHECK(read("2023-07-01T08:00:00+08:00") == at(2023, 7, 1, 8));
  CHECK(read("2023-07-01 08:00:00+08") == at(2023, 7, 1, 8));
  CHECK(read("2023-07-01T08:00:00-05:00") == at(2023, 7, 1, 21));
  CHECK(read("2023-07-01T08:00:00+0530") == at(2023, 7, 1, 10, 30));
  // Around a month boundary the month is the zone's.
  CHECK(read("2023-06-30T20:00:00Z") == at(2023, 7, 1, 4));
  CHECK(monthKeyOf(*read("2023-06-30T20:00:00Z")) == 2023 * 12 + 6);
  CHECK(monthKeyOf(*read("2023-06-30T20:00:00")) == 2023 * 12 + 5);
  CHECK(monthKeyOf(*read("2023-07-01T07:59:59+08:00")) == 2023 * 12 + 6);
  CHECK(monthKeyOf(*read("2023-06-30T15:59:59-05:00")) == 2023 * 12 + 6);  // 04:59:59 on 1 July in Shanghai

  const TimeRules newYork{{}, TimeZone("America/New_York")};
  CHECK(read("2023-07-01T02:00:00Z", newYork) == at(2023, 6, 30, 22));   // EDT, UTC−4
  CHECK(read("2023-01-01T02:00:00Z", newYork) == at(2022, 12, 31, 21));  // EST, UTC−5
  CHECK(read("2023-07-01 08:00", newYork) == at(2023, 7, 1, 8));
}

TEST_CASE("US and day-first dates follow the order their values or the catalog decide", "[io][timestamps]") {
  CHECK(read("01/24/2015 02:36:52 PM") == at(2015, 1, 24, 14, 36, 52));
  CHECK(read("01/24/2015 12:05:00 AM") == at(2015, 1, 24, 0, 5));
  CHECK(read("01/24/2015 12:05:00 PM") == at(2015, 1, 24, 12, 5));
  CHECK(read("24/01/2015 14:36") == at(2015, 1, 24, 14, 36));
  CHECK(read("24.01.2015") == at(2015, 1, 24));
  // Both numbers at most 12: only the layer's order says.
  CHECK(problemOf("01/05/2015") == TimeProblem::ambiguous);
  CHECK(read("01/05/2015", withOrder(DayOrder::monthFirst)) == at(2015, 1, 5));
  CHECK(read("01/05/2015", withOrder(DayOrder::dayFirst)) == at(2015, 5, 1));
  // A value against the declared order is not turned into another date.
  CHECK(problemOf("24/01/2015", withOrder(DayOrder::monthFirst)) == TimeProblem::unreadable);
  CHECK(problemOf("01/24/2015", withOrder(DayOrder::dayFirst)) == TimeProblem::unreadable);

  bool slash = false;
  CHECK(dayOrderShownBy("24/01/2015", slash) == DayOrder::dayFirst);
  CHECK(slash);
  CHECK(dayOrderShownBy("01/24/2015 02:36:52 PM", slash) == DayOrder::monthFirst);
  CHECK(dayOrderShownBy("01/05/2015", slash) == DayOrder::unknown);
  CHECK(slash);
  CHECK(dayOrderShownBy("2015-01-24", slash) == DayOrder::unknown);
  CHECK_FALSE(slash);
}

TEST_CASE("Broken values and years out of range are problems, never other dates", "[io][timestamps]") {
  for (const char* broken : {"01/05/15", "2023-13-01", "2023-02-29", "2023-07-01T25:00", "2023-07-01T08:60",
                             "2023-07-01 08:00 XM", "13/13/2015", "2023-07-01T08:00+08:00x", "2023-07", "July 1",
                             "2023/07-01", "45108", "2023-07-01T", "2023年13月1日", "01/24/2015 13:00 PM"})
    CHECK(problemOf(broken) == TimeProblem::unreadable);
  CHECK(problemOf("") == TimeProblem::empty);
  CHECK(problemOf("   ") == TimeProblem::empty);
  CHECK(problemOf("0001-01-01") == TimeProblem::outOfRange);
  CHECK(problemOf("9999-12-31 23:59:59") == TimeProblem::outOfRange);
  CHECK(problemOf("01/01/0001 12:00:00 AM") == TimeProblem::outOfRange);
  CHECK(problemOf("2100-12-31") == TimeProblem::none);
  CHECK(problemOf("1900-01-01") == TimeProblem::none);
}

TEST_CASE("Excel serial days are read only where the catalog declares them", "[io][timestamps]") {
  const TimeRules excel{{DayOrder::unknown, true}, TimeZone("Asia/Shanghai")};
  CHECK(read("45108", excel) == at(2023, 7, 1));
  CHECK(read("45108.5", excel) == at(2023, 7, 1, 12));
  CHECK(read("1", excel) == at(1900, 1, 1));
  CHECK(read("61", excel) == at(1900, 3, 1));
  CHECK(problemOf("60", excel) == TimeProblem::unreadable);  // Excel's 29 February 1900
  CHECK(problemOf("45108") == TimeProblem::unreadable);
  CHECK(read("2023-07-01", excel) == at(2023, 7, 1));
}

TEST_CASE("time_format and time_zone in the catalog", "[io][timestamps][catalog]") {
  const auto parse = [](const std::string& json) { return parseCatalog(json, "/x/city.json"); };
  const auto errorOf = [&](const std::string& json) -> std::string {
    try {
      parse(json);
    } catch (const InputError& error) {
      return error.what();
    }
    return "(no error)";
  };
  const std::string layer = R"({"id": "a", "title": "A", "role": "points", "source": "a.csv")";
  const Catalog plain = parse(R"({"layers": [)" + layer + "}]}");
  CHECK(plain.timeZone == "Asia/Shanghai");
  CHECK(plain.layers[0].timeZone == "Asia/Shanghai");
  const Catalog declared =
      parse(R"({"time_zone": "America/New_York", "layers": [)" + layer + R"(, "time_format": "DD/MM/YYYY"}]})");
  CHECK(declared.layers[0].timeZone == "America/New_York");
  CHECK(declaredTimeRules(declared.layers[0]).format.order == DayOrder::dayFirst);
  CHECK_THAT(errorOf(R"({"time_zone": "Asia/Shangai", "layers": [)" + layer + "}]}"),
             Catch::Contains("time_zone") && Catch::Contains("not an IANA time-zone name"));
  CHECK_THAT(errorOf(R"({"layers": [)" + layer + R"(, "time_format": "%d/%m/%Y"}]})"),
             Catch::Contains("time_format") && Catch::Contains("\"MM/DD/YYYY\", \"DD/MM/YYYY\" or \"excel_days\""));
  CHECK_THAT(
      errorOf(
          R"({"layers": [{"id": "z", "title": "Z", "role": "zones", "source": "z.gpkg", "time_format": "MM/DD/YYYY"}]})"),
      Catch::Contains("applies to points, areas and lines layers only"));
}

TEST_CASE("A layer's day order is decided by its values, or refused when nothing decides", "[io][timestamps]") {
  test::TempDir dir;
  const auto layerWith = [&](const std::string& name, const std::vector<std::string>& dates) {
    std::string csv = "id,opened\n";
    for (size_t i = 0; i < dates.size(); ++i) csv += std::to_string(i + 1) + "," + dates[i] + "\n";
    test::writeFile(dir.path() / name, csv);
    LayerSpec spec;
    spec.id = "cases";
    spec.source = name;
    spec.timeField = "opened";
    return spec;
  };
  const auto rulesOf = [&](const LayerSpec& spec, const std::string& name) {
    GDALAllRegister();
    GDALDatasetUniquePtr dataset(GDALDataset::Open((dir.path() / name).c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(dataset);
    OGRLayer& layer = *dataset->GetLayer(0);
    const TimeRules rules = timeRulesFor(spec, layer);
    // The layer is rewound with every field back.
    OGRFeatureUniquePtr first(layer.GetNextFeature());
    REQUIRE(first);
    CHECK(std::string(first->GetFieldAsString("id")) == "1");
    return rules;
  };
  CHECK(rulesOf(layerWith("us.csv", {"01/05/2015", "", "02/03/2015", "01/24/2015 02:36:52 PM", "01/06/2015"}), "us.csv")
            .format.order == DayOrder::monthFirst);
  CHECK(rulesOf(layerWith("eu.csv", {"01/05/2015", "24/01/2015"}), "eu.csv").format.order == DayOrder::dayFirst);
  CHECK(rulesOf(layerWith("iso.csv", {"2015-01-05", "2015-01-24"}), "iso.csv").format.order == DayOrder::unknown);
  const LayerSpec unsure = layerWith("unsure.csv", {"01/05/2015", "02/03/2015"});
  CHECK_THROWS_WITH(rulesOf(unsure, "unsure.csv"),
                    Catch::Contains("opened") && Catch::Contains("\"01/05/2015\"") && Catch::Contains("time_format"));
  LayerSpec declared = unsure;
  declared.timeFormat = "DD/MM/YYYY";
  CHECK(rulesOf(declared, "unsure.csv").format.order == DayOrder::dayFirst);
}

TEST_CASE("Unusable values are counted and the first ones named", "[io][timestamps]") {
  LayerSpec spec;
  spec.id = "cases";
  spec.source = "cases.csv";
  TimeIssues issues, other;
  issues.note(TimeProblem::unreadable, "feature 4", "13/13/2015");
  issues.note(TimeProblem::empty, "feature 5", "");
  other.note(TimeProblem::outOfRange, "feature 9", "0001-01-01");
  for (int i = 0; i < 4; ++i) other.note(TimeProblem::unreadable, "feature " + std::to_string(10 + i), "x");
  issues.merge(other);
  CHECK(issues.count() == 6);
  const std::string warning = issues.warning(spec, "OPEN_DT");
  CHECK_THAT(warning, Catch::StartsWith("layer \"cases\" (cases.csv): 6 values of OPEN_DT left out: 5 not a date"));
  CHECK_THAT(warning, Catch::Contains("feature 4 \"13/13/2015\", feature 10 \"x\", feature 11 \"x\", …"));
  CHECK_THAT(warning, Catch::Contains("1 with a year outside 1900–2100 (feature 9 \"0001-01-01\")"));
}
