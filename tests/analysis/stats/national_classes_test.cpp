// National classes: local category counts summed into the national event / component classes,
// nothing lost (each layer's classes add up to its count), unmapped categories reported, and a
// bad mapping file refused with its key named.

#include <catch2/catch.hpp>

#include "analysis/export/export_layer.h"
#include "analysis/stats/national_classes.h"
#include "analysis/stats/stats.h"
#include "core/error.h"
#include "core/progress.h"
#include "io/catalog/catalog_loader.h"
#include "test_support.h"

using namespace urbangis;
using namespace urbangis::test;

namespace {

const char* kMap = R"({"standard":"test",
  "event_classes":[{"name":"街面秩序","en":"Street order"},{"name":"市容环境","en":"City appearance"},{"name":"其他","en":"Other"}],
  "component_classes":[{"name":"交通设施","en":"Traffic"},{"name":"其他设施","en":"Other facilities"}],
  "layers":{"cases":{"event":{"占道经营":"街面秩序","油烟":"市容环境"},"component":{"路牌":"交通设施"}},
            "sites":{"event":{"*":"市容环境"}}}})";

int64_t at(const OutputTable& table, size_t row, const std::string& column) {
  for (size_t c = 0; c < table.columns.size(); ++c)
    if (table.columns[c].name == column) return std::get<int64_t>(table.rows[row][c]);
  FAIL("no column " << column);
  return -1;
}

bool has(const OutputTable& table, const std::string& column) {
  for (const Column& c : table.columns)
    if (c.name == column) return true;
  return false;
}

}  // namespace

TEST_CASE("category counts are summed into national classes", "[classes]") {
  const TempDir dir;
  writeFile(dir.path() / "map.json", kMap);
  const ClassMap map = loadClassMap(dir.path() / "map.json");
  OutputTable stats;
  stats.columns = {{"zone_id", ColumnType::text},
                   {"cases_count", ColumnType::integer},
                   {"cases_count:占道经营", ColumnType::integer},
                   {"cases_count:油烟", ColumnType::integer},
                   {"cases_count:路牌", ColumnType::integer},
                   {"cases_count:(none)", ColumnType::integer},
                   {"sites_count", ColumnType::integer},
                   {"other_count", ColumnType::integer},
                   {"other_count:x", ColumnType::integer}};
  stats.rows = {{std::string("A"), int64_t{10}, int64_t{4}, int64_t{3}, int64_t{2}, int64_t{1}, int64_t{5}, int64_t{1},
                 int64_t{1}},
                {std::string("B"), int64_t{1}, int64_t{0}, int64_t{1}, int64_t{0}, int64_t{0}, int64_t{0}, int64_t{7},
                 int64_t{7}}};
  std::vector<std::string> warnings;
  const OutputTable t = byNationalClass(stats, {"cases", "sites", "other"}, map, warnings);
  CHECK(at(t, 0, "cases_event:街面秩序") == 4);
  CHECK(at(t, 0, "cases_event:市容环境") == 3);
  CHECK(at(t, 0, "cases_event:其他") == 3);  // 路牌 (2) and no category (1): no event mapping
  CHECK(at(t, 0, "cases_component:交通设施") == 2);
  CHECK(at(t, 0, "cases_component:其他设施") == 8);
  CHECK(at(t, 0, "sites_event:市容环境") == 5);  // no categories: the whole count, by "*"
  CHECK(at(t, 0, "event:市容环境") == 8);
  CHECK(at(t, 1, "event:市容环境") == 1);
  CHECK(!has(t, "cases_count:油烟"));
  CHECK(has(t, "other_count:x"));  // a layer the file does not name keeps its categories
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings[0],
             Catch::Contains("cases: categories with no national class") && Catch::EndsWith(": (none), 路牌"));
}

TEST_CASE("a bad class mapping file is refused naming the key", "[classes]") {
  const TempDir dir;
  writeFile(dir.path() / "bad.json", R"({"standard":"x","event_classes":[{"name":"其他","en":"Other"}],
    "component_classes":[{"name":"其他设施","en":"Other"}],"layers":{"cases":{"event":{"油烟":"市容"}}}})");
  CHECK_THROWS_WITH(loadClassMap(dir.path() / "bad.json"), Catch::Contains("layers.cases.event.油烟") &&
                                                               Catch::Contains("\"市容\" is not one of the classes"));
  writeFile(dir.path() / "missing.json", R"({"standard":"x","event_classes":[]})");
  CHECK_THROWS_WITH(loadClassMap(dir.path() / "missing.json"), Catch::Contains("event_classes"));
  CHECK_THROWS_WITH(loadClassMap(dir.path() / "none.json"), Catch::Contains("cannot be read"));
}

TEST_CASE("Daye by national class: every mapped points layer's classes add up to its count", "[classes][daye]") {
  const Catalog catalog = loadCatalog(dayeCatalog());
  const ClassMap map = loadClassMap(sourceDir() / "layers" / "national_classes.json");
  StatsRequest request;
  request.zonesLayer = "districts";
  const StatsResult stats = computeStats(catalog, request, SilentProgress());
  std::vector<std::string> ids, warnings;
  for (const LayerSpec& layer : catalog.layers) ids.push_back(layer.id);
  const OutputTable t = byNationalClass(stats.table, ids, map, warnings);
  CHECK(warnings.empty());  // every Daye category is mapped
  for (const char* layer : {"street_order", "billboards", "muck_sources", "complaints", "gas_hazards"}) {
    int64_t count = 0, events = 0;
    for (size_t r = 0; r < t.rows.size(); ++r) {
      count += at(t, r, std::string(layer) + "_count");
      for (const NationalClass& c : map.eventClasses) events += at(t, r, std::string(layer) + "_event:" + c.name);
    }
    INFO(layer);
    CHECK(events == count);
    CHECK(count > 0);
  }
}

TEST_CASE("an export carries each feature's national classes and codes beside its own category", "[classes][export]") {
  const TempDir dir;
  writeFile(dir.path() / "map.json", R"({"standard":"test",
    "event_classes":[{"name":"街面秩序","en":"Street order","code":"05"},{"name":"市容环境","en":"City appearance","code":"01"},
                     {"name":"其他","en":"Other"}],
    "component_classes":[{"name":"交通设施","en":"Traffic","code":"02"},{"name":"其他设施","en":"Other facilities"}],
    "layers":{"cases":{"event":{"占道经营":"街面秩序","油烟":"市容环境"},"component":{"路牌":"交通设施"}}}})");
  writeFile(dir.path() / "cases.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"no":"a","type":"占道经营"},"geometry":{"type":"Point","coordinates":[114.95,30.09]}},
    {"type":"Feature","properties":{"no":"b","type":"油烟"},"geometry":{"type":"Point","coordinates":[114.96,30.09]}},
    {"type":"Feature","properties":{"no":"c","type":"路牌"},"geometry":{"type":"Point","coordinates":[114.97,30.09]}},
    {"type":"Feature","properties":{"no":"d","type":"夜市"},"geometry":{"type":"Point","coordinates":[114.98,30.09]}}]})");
  writeFile(dir.path() / "catalog.json", R"({"crs":"EPSG:4547","layers":[{"id":"cases","title":"Cases","role":"points",
    "source":"cases.geojson","id_field":"no","category_field":"type"}]})");
  const Catalog catalog = loadCatalog(dir.path() / "catalog.json");
  ExportRequest request;
  request.layer = "cases";
  request.classes = loadClassMap(dir.path() / "map.json");
  const ExportOutcome outcome = exportLayer(catalog, request, SilentProgress());
  const OutputTable& t = outcome.table;
  const auto text = [&](size_t row, const std::string& column) {
    for (size_t c = 0; c < t.columns.size(); ++c)
      if (t.columns[c].name == column) return std::get<std::string>(t.rows[row][c]);
    FAIL("no column " << column);
    return std::string();
  };
  REQUIRE(t.rows.size() == 4);
  CHECK(text(0, "type") == "占道经营");  // the local category stays
  CHECK(text(0, "event_class") == "街面秩序");
  CHECK(text(0, "event_code") == "05");
  CHECK(text(0, "component_class") == "其他设施");
  CHECK(text(0, "component_code").empty());  // the file gives that class no code
  CHECK(text(1, "event_class") == "市容环境");
  CHECK(text(1, "event_code") == "01");
  CHECK(text(2, "event_class") == "其他");  // 路牌 has a component class only
  CHECK(text(2, "component_class") == "交通设施");
  CHECK(text(2, "component_code") == "02");
  CHECK(text(3, "event_class") == "其他");
  bool listed = false;
  for (const auto& message : outcome.messages)
    listed = listed || (message.find("categories without a national class") != std::string::npos &&
                        message.find(": 夜市, 路牌") != std::string::npos);
  CHECK(listed);  // each unmapped category named once

  request.classes.reset();
  const OutputTable local = exportLayer(catalog, request, SilentProgress()).table;
  CHECK(!has(local, "event_class"));
  CHECK(has(local, "type"));
}
