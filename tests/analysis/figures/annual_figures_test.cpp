// The annual report's headline figures, computed from the Daye catalog for 2023, equal the
// bureau's own (../shared/seed/FIGURES.md). Each expected value quotes the line it comes from.

#include <catch2/catch.hpp>

#include "analysis/figures/annual_figures.h"
#include "core/error.h"
#include "io/catalog/catalog_loader.h"
#include "test_support.h"

using namespace urbangis;

namespace {

const AnnualFigures& daye2023() {
  static const AnnualFigures figures = [] {
    AnnualRequest request;
    request.year = 2023;
    SilentProgress progress;
    return computeAnnualFigures(loadCatalog(test::dayeCatalog()), request, progress);
  }();
  return figures;
}

int64_t categoryCount(const LayerFigures& layer, const std::string& value) {
  const CategoryFigure* figure = layer.category(value);
  REQUIRE(figure);
  return figure->count;
}

double categorySum(const LayerFigures& layer, const std::string& value, const std::string& field) {
  const CategoryFigure* figure = layer.category(value);
  REQUIRE(figure);
  REQUIRE(figure->sums.count(field));
  return figure->sums.at(field);
}

double total(const LayerFigures& layer, const std::string& field) {
  const auto value = layer.total(field);
  REQUIRE(value);
  return *value;
}

int64_t breakdownCount(const LayerFigures& layer, const std::string& field, const std::string& value) {
  const Breakdown* breakdown = layer.breakdown(field);
  REQUIRE(breakdown);
  for (const auto& [name, count] : breakdown->counts)
    if (name == value) return count;
  return 0;
}

}  // namespace

TEST_CASE("report figures: street order", "[report][figures]") {
  const LayerFigures& cases = daye2023().layer("street_order");
  // "840 cases found and corrected (shop-front spill-over 出店经营, road-occupying trade 占道经营,
  //  disorderly parking 乱停乱靠), fines totalling 148,435 yuan."
  CHECK(cases.count == 840);
  CHECK(cases.categories.size() == 3);
  CHECK(categoryCount(cases, "出店经营") + categoryCount(cases, "占道经营") + categoryCount(cases, "乱停乱靠") == 840);
  CHECK(total(cases, "fine") == 148435);
  // "found and corrected": every case is closed.
  CHECK(cases.status("已整改") == 840);
}

TEST_CASE("report figures: illegal construction", "[report][figures]") {
  const LayerFigures& sites = daye2023().layer("demolitions");
  // "188 demolition actions, 46,574 m² demolished in total (city-run)."
  CHECK(categoryCount(sites, "城区拆除") == 188);
  CHECK(categorySum(sites, "城区拆除", "area_m2") == 46574);
  // "20+ further demolitions guided in towns and farms, about 20,000 m²." (the data: 21, 20,000)
  CHECK(categoryCount(sites, "乡镇指导") == 21);
  CHECK(categorySum(sites, "乡镇指导", "area_m2") == 20000);
  // "32+ reports from the public (hotline, petitions), 12 instructed cases, 25 stop-work notices,
  //  23 referral letters to the districts." (the data: 32 public reports)
  CHECK(breakdownCount(sites, "origin", "群众举报") + breakdownCount(sites, "origin", "阳光信访") +
            breakdownCount(sites, "origin", "市民热线") ==
        32);
  CHECK(breakdownCount(sites, "origin", "批示件") == 12);
  CHECK(total(sites, "stop_notice") == 25);
  CHECK(total(sites, "referral") == 23);
}

TEST_CASE("report figures: billboards", "[report][figures]") {
  const LayerFigures& billboards = daye2023().layer("billboards");
  // "774 removed: 18 wall signs, 12 high-altitude signs, 6 road-name signs, 730 light boxes,
  //  8 awning groups."
  CHECK(billboards.count == 774);
  CHECK(categoryCount(billboards, "墙体") == 18);
  CHECK(categoryCount(billboards, "高空") == 12);
  CHECK(categoryCount(billboards, "路铭牌") == 6);
  CHECK(categoryCount(billboards, "灯箱") == 730);
  CHECK(categoryCount(billboards, "雨棚") == 8);
  CHECK(billboards.categories.size() == 5);
}

TEST_CASE("report figures: muck sources and complaints", "[report][figures]") {
  // "70+ muck (渣土) pollution sources found" (the data: 72)
  CHECK(daye2023().layer("muck_sources").count == 72);
  const LayerFigures& complaints = daye2023().layer("complaints");
  // "184 cooking-fume (油烟) and noise (噪音) complaints handled: 100% handled, answered, satisfied."
  CHECK(complaints.count == 184);
  CHECK(categoryCount(complaints, "油烟") + categoryCount(complaints, "噪音") == 184);
  for (const char* flag : {"handled", "answered", "satisfied"}) {
    INFO(flag);
    const YesNoFigure* figure = complaints.yesNoOf(flag);
    REQUIRE(figure);
    CHECK(figure->answered == 184);
    CHECK(figure->yes == 184);
  }
}

TEST_CASE("report figures: gas hazards and yellow lines", "[report][figures]") {
  // "1,139 hazards found and fixed"
  const LayerFigures& gas = daye2023().layer("gas_hazards");
  CHECK(gas.count == 1139);
  CHECK(gas.status("已整改") == 1139);
  // "Lines painted for 374 shops (in-line shop-front trade) and 285 temporary stalls."
  // "Hengda night market (恒达夜市): 190 stalls allocated."
  const LayerFigures& zones = daye2023().layer("yellow_line");
  CHECK(categoryCount(zones, "店外经营") == 374);
  CHECK(categoryCount(zones, "临时摊点") == 285);
  CHECK(categoryCount(zones, "夜市摊位") == 190);
}

TEST_CASE("report figures: overhead cable", "[report][figures]") {
  const LayerFigures& cable = daye2023().layer("cable");
  // "25 main and secondary urban roads and 40 communities remediated (100% of the year's plan)."
  const CategoryFigure* roads = cable.category("道路");
  const CategoryFigure* communities = cable.category("社区");
  REQUIRE(roads);
  REQUIRE(communities);
  CHECK(roads->distinctNames == 25);
  CHECK(communities->distinctNames == 40);
  CHECK(cable.status("已完成") == cable.count);
  // "250,000 m of cable bundled, 21,000 m of optical cable replaced, 11,000 m of steel strand
  //  removed, 20,000+ m of dead cable removed, 30 height-limit signs installed."
  CHECK(total(cable, "bundled_m") == 250000);
  CHECK(total(cable, "replaced_fibre_m") == 21000);
  CHECK(total(cable, "strand_removed_m") == 11000);
  CHECK(total(cable, "dead_cable_m") == 20000);
  CHECK(total(cable, "signs") == 30);
}

TEST_CASE("report figures: monthly series and zone tables add up", "[report][figures]") {
  const AnnualFigures& figures = daye2023();
  for (const LayerFigures& layer : figures.layers) {
    INFO(layer.id);
    if (layer.role == LayerRole::assets) {
      // An inventory is a stock, not the year's cases: undated, counted whole, no months.
      CHECK_FALSE(layer.dated);
      CHECK(layer.count == 5540);
      continue;
    }
    CHECK(layer.dated);
    int64_t months = 0;
    for (int64_t count : layer.monthly) months += count;
    CHECK(months == layer.count);
    CHECK(layer.otherYears == 0);
    CHECK(layer.undated == 0);
  }
  REQUIRE(figures.tables.size() == 4);  // the zones layers of at most 1,000 zones, not the grids
  CHECK(figures.tables[0].zonesLayer == "districts");
  CHECK(figures.tables[1].zonesLayer == "communities");
  CHECK(figures.tables[2].zonesLayer == "villages");
  CHECK(figures.tables[3].zonesLayer == "neighbourhoods");
  // The per-district table of the year counts every point once: its columns add up to the
  // headline figures.
  const OutputTable& table = figures.tables[0].stats.table;
  for (const char* layer : {"street_order", "billboards", "muck_sources", "complaints", "gas_hazards"}) {
    INFO(layer);
    size_t column = 0;
    while (column < table.columns.size() && table.columns[column].name != std::string(layer) + "_count") ++column;
    REQUIRE(column < table.columns.size());
    int64_t sum = 0;
    for (const auto& row : table.rows) sum += std::get<int64_t>(row[column]);
    CHECK(sum == figures.layer(layer).count);
  }
}

TEST_CASE("report figures: a year without data is refused, naming the years there are", "[report][figures]") {
  AnnualRequest request;
  request.year = 2019;
  request.tables = false;
  SilentProgress progress;
  try {
    computeAnnualFigures(loadCatalog(test::dayeCatalog()), request, progress);
    FAIL("no error");
  } catch (const InputError& error) {
    const std::string message = error.what();
    CHECK(message.find("2019") != std::string::npos);
    CHECK(message.find("2023") != std::string::npos);
  }
}

TEST_CASE("report figures: yearMonthOf", "[report]") {
  CHECK(yearMonthOf(0) == std::pair<int, int>{1970, 1});
  CHECK(yearMonthOf(1677628800) == std::pair<int, int>{2023, 3});  // 2023-03-01 00:00
  CHECK(yearMonthOf(1677628799) == std::pair<int, int>{2023, 2});
  CHECK(yearMonthOf(1704067199) == std::pair<int, int>{2023, 12});  // 2023-12-31 23:59:59
  CHECK(yearMonthOf(-1) == std::pair<int, int>{1969, 12});
}
