// `stats` on the Daye catalog: the per-district table adds up to the bureau's 2023 figures.

#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "analysis/stats/stats.h"
#include "io/catalog/catalog_loader.h"
#include "test_support.h"

using namespace urbangis;

namespace {

struct Table {
  OutputTable table;
  double sum(const std::string& column) const {
    size_t index = 0;
    while (index < table.columns.size() && table.columns[index].name != column) ++index;
    REQUIRE(index < table.columns.size());
    double total = 0;
    for (const auto& row : table.rows) {
      if (const auto* integer = std::get_if<int64_t>(&row[index])) total += static_cast<double>(*integer);
      if (const auto* real = std::get_if<double>(&row[index])) total += *real;
    }
    return total;
  }
  const CellValue& cell(const std::string& zone, const std::string& column) const {
    size_t index = 0;
    while (index < table.columns.size() && table.columns[index].name != column) ++index;
    for (const auto& row : table.rows)
      if (std::get<std::string>(row[0]) == zone) return row[index];
    FAIL("no zone " << zone);
    return table.rows.front().front();
  }
};

Table statsBy(const std::string& zones) {
  StatsRequest request;
  request.zonesLayer = zones;
  SilentProgress progress;
  return {computeStats(loadCatalog(test::dayeCatalog()), request, progress).table};
}

}  // namespace

TEST_CASE("Daye stats by district add up to the 2023 report", "[analysis][stats][dataset]") {
  const Table t = statsBy("districts");
  CHECK(t.table.rows.size() == 19);  // 18 districts and (none)
  CHECK(t.sum("street_order_count") == 840);
  CHECK(t.sum("street_order_sum_fine") == 148435);
  CHECK(t.sum("billboards_count") == 774);
  CHECK(t.sum("billboards_count:灯箱") == 730);
  CHECK(t.sum("muck_sources_count") == 72);
  CHECK(t.sum("complaints_count") == 184);
  CHECK(t.sum("gas_hazards_count") == 1139);
  CHECK(t.sum("demolitions_sum_area_m2") == 46574 + 20000);
  CHECK(t.sum("cable_sum_bundled_m") == 250000);
  CHECK(t.sum("cable_sum_dead_cable_m") == 20000);
  CHECK(t.sum("cable_sum_signs") == 30);
  // The districts tile the city: nothing falls in no zone.
  CHECK(std::get<int64_t>(t.cell("(none)", "gas_hazards_count")) == 0);
  CHECK(std::get<int64_t>(t.cell("(none)", "demolitions_count")) == 0);
  // The city's area, and demolished area within 1 % of the attributes (polygons are drawn to
  // their area_m2 and do not overlap one another).
  CHECK(t.sum("area_km2") == Approx(1566).epsilon(0.01));
  CHECK(t.sum("demolitions_area_m2") == Approx(66574).epsilon(0.01));
}

TEST_CASE("Daye stats by community count only the urban part", "[analysis][stats][dataset]") {
  const Table t = statsBy("communities");
  CHECK(t.table.rows.size() == 72);
  // Every point is somewhere: in a community or in (none).
  CHECK(t.sum("gas_hazards_count") == 1139);
  CHECK(std::get<int64_t>(t.cell("(none)", "gas_hazards_count")) > 0);
  // Cable corridors run through the programme's communities: their road share is high there.
  const auto& share = t.cell("420281001001", "cable_road_pct");  // 建设社区
  REQUIRE(std::holds_alternative<double>(share));
  CHECK(std::get<double>(share) > 10);
}
