// Every figure of ../shared/seed/FIGURES.md, read back from the generated files with OGR.

#include <catch2/catch.hpp>

#include "datagen/dataset_reading.h"

using namespace urbangis;
using test::countBy;
using test::sumOf;

TEST_CASE("Street order: 840 cases of 3 types, fines 148,435 yuan", "[dataset][figures]") {
  test::DayeFiles files;
  OGRLayer& cases = files.layer("street_order");
  CHECK(cases.GetFeatureCount() == 840);
  const auto types = countBy(cases, "type");
  CHECK(types.size() == 3);
  CHECK(types.count("出店经营") == 1);
  CHECK(types.count("占道经营") == 1);
  CHECK(types.count("乱停乱靠") == 1);
  CHECK(sumOf(cases, "fine") == 148435);
}

TEST_CASE("Demolitions: 188 city-run sites of 46,574 m², 21 town-guided of 20,000 m²", "[dataset][figures]") {
  test::DayeFiles files;
  OGRLayer& sites = files.layer("demolitions");
  const auto kinds = countBy(sites, "kind");
  CHECK(kinds.at("城区拆除") == 188);
  CHECK(kinds.at("乡镇指导") == 21);
  CHECK(kinds.size() == 2);
  CHECK(sumOf(sites, "area_m2", "kind", "城区拆除") == 46574);
  CHECK(sumOf(sites, "area_m2", "kind", "乡镇指导") == 20000);
  // 32 public reports (hotline, petitions, reports), 12 instructed cases, 25 stop-work
  // notices, 23 referral letters.
  const auto origins = countBy(sites, "origin");
  CHECK(origins.at("群众举报") + origins.at("阳光信访") + origins.at("市民热线") == 32);
  CHECK(origins.at("批示件") == 12);
  CHECK(sumOf(sites, "stop_notice") == 25);
  CHECK(sumOf(sites, "referral") == 23);
}

TEST_CASE("Each demolition polygon measures within 1 % of its area_m2", "[dataset][figures]") {
  test::DayeFiles files;
  GeosContext geos;
  const auto measure = test::cgcs2000();
  OGRLayer& sites = files.layer("demolitions");
  for (auto& feature : sites) {
    const OGRGeometry* geometry = feature->GetGeometryRef();
    std::vector<unsigned char> wkb(static_cast<size_t>(geometry->WkbSize()));
    geometry->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    const auto polygon = geos.fromWkb(wkb.data(), wkb.size());
    const double attribute = static_cast<double>(feature->GetFieldAsInteger64("area_m2"));
    INFO(feature->GetFieldAsString("site_no"));
    CHECK(measure.area(geos.handle(), polygon.get()) == Approx(attribute).epsilon(0.01));
  }
}

TEST_CASE("Billboards: 774 removed, by type 18/12/6/730/8", "[dataset][figures]") {
  test::DayeFiles files;
  const auto types = countBy(files.layer("billboards"), "type");
  CHECK(types == std::map<std::string, int64_t>{{"墙体", 18}, {"高空", 12}, {"路铭牌", 6}, {"灯箱", 730}, {"雨棚", 8}});
}

TEST_CASE("Muck sources: 72", "[dataset][figures]") {
  test::DayeFiles files;
  CHECK(files.layer("muck_sources").GetFeatureCount() == 72);
}

TEST_CASE("Complaints: 184 fume and noise cases, all handled, answered, satisfied", "[dataset][figures]") {
  test::DayeFiles files;
  OGRLayer& complaints = files.complaintsTable();
  CHECK(complaints.GetFeatureCount() == 184);
  const auto types = countBy(complaints, "type");
  CHECK(types.size() == 2);
  CHECK(types.at("油烟") + types.at("噪音") == 184);
  for (const char* flag : {"handled", "answered", "satisfied"})
    CHECK(countBy(complaints, flag) == std::map<std::string, int64_t>{{"是", 184}});
  complaints.ResetReading();
  for (auto& row : complaints) {
    // GetFieldAsString formats dates into one shared buffer: copy before the second call.
    const std::string opened = row->GetFieldAsString("opened");
    CHECK(std::string(row->GetFieldAsString("closed")) > opened);
  }
}

TEST_CASE("Gas hazards: 1,139 found and fixed", "[dataset][figures]") {
  test::DayeFiles files;
  OGRLayer& hazards = files.layer("gas_hazards");
  CHECK(hazards.GetFeatureCount() == 1139);
  CHECK(countBy(hazards, "status") == std::map<std::string, int64_t>{{"已整改", 1139}});
  hazards.ResetReading();
  for (auto& row : hazards) {
    const std::string found = row->GetFieldAsString("found");
    CHECK(std::string(row->GetFieldAsString("fixed")) > found);
  }
}

TEST_CASE("Yellow lines: 374 shops, 285 stalls, 190 Hengda night-market stalls", "[dataset][figures]") {
  test::DayeFiles files;
  OGRLayer& zones = files.layer("yellow_line");
  CHECK(countBy(zones, "kind") ==
        std::map<std::string, int64_t>{{"店外经营", 374}, {"临时摊点", 285}, {"夜市摊位", 190}});
  zones.ResetReading();
  for (auto& zone : zones)
    if (std::string(zone->GetFieldAsString("kind")) == "夜市摊位")
      CHECK(std::string(zone->GetFieldAsString("name")).rfind("恒达夜市", 0) == 0);
}

TEST_CASE("Cable: 25 roads and 40 communities; 250,000 / 21,000 / 11,000 / 20,000 m; 30 signs", "[dataset][figures]") {
  test::DayeFiles files;
  OGRLayer& corridors = files.layer("cable_corridors");
  std::set<std::string> roads, communities;
  for (auto& corridor : corridors) {
    if (std::string(corridor->GetFieldAsString("kind")) == "道路")
      roads.insert(corridor->GetFieldAsString("road"));
    else
      communities.insert(corridor->GetFieldAsString("community"));
  }
  CHECK(roads.size() == 25);
  CHECK(communities.size() == 40);
  CHECK(sumOf(corridors, "bundled_m") == 250000);
  CHECK(sumOf(corridors, "replaced_fibre_m") == 21000);
  CHECK(sumOf(corridors, "strand_removed_m") == 11000);
  CHECK(sumOf(corridors, "dead_cable_m") == 20000);
  CHECK(sumOf(corridors, "signs") == 30);
  CHECK(countBy(corridors, "status").size() == 1);
  CHECK(sumOf(files.layer("communities"), "cable_2023") == 40);
}

TEST_CASE("Townships and communities carry Daye's official names and codes", "[dataset][figures]") {
  test::DayeFiles files;
  auto townships =
      openDataset((test::dataDir() / "places" / "daye_420281_townships_nbs2023.csv").string(), GDAL_OF_VECTOR);
  std::map<std::string, std::string> official;
  for (auto& row : *townships->GetLayer(0)) official[row->GetFieldAsString("code")] = row->GetFieldAsString("name");
  std::map<std::string, std::string> generated;
  for (auto& row : files.layer("districts")) generated[row->GetFieldAsString("code")] = row->GetFieldAsString("name");
  CHECK(generated == official);
  CHECK(generated.size() == 18);
  const auto types = countBy(files.layer("districts"), "type");
  CHECK(types.at("街道") == 5);

  auto communities = openDataset((test::dataDir() / "places" / "daye_420281_villages_communities_nbs2023.csv").string(),
                                 GDAL_OF_VECTOR);
  std::set<std::string> officialCommunities;
  for (auto& row : *communities->GetLayer(0))
    if (std::string(row->GetFieldAsString("name")).find("社区") != std::string::npos)
      officialCommunities.insert(row->GetFieldAsString("code"));
  std::set<std::string> generatedCommunities;
  for (auto& row : files.layer("communities")) generatedCommunities.insert(row->GetFieldAsString("code"));
  CHECK(generatedCommunities == officialCommunities);
  CHECK(generatedCommunities.size() == 71);
}

TEST_CASE("Every incident, site and corridor is dated in 2023", "[dataset][figures]") {
  test::DayeFiles files;
  const std::pair<const char*, const char*> dated[] = {
      {"street_order", "date"}, {"demolitions", "date"}, {"billboards", "date"},     {"muck_sources", "date"},
      {"gas_hazards", "found"}, {"yellow_line", "date"}, {"cable_corridors", "date"}};
  for (const auto& [layerName, field] : dated) {
    INFO(layerName);
    for (auto& feature : files.layer(layerName))
      CHECK(std::string(feature->GetFieldAsString(field)).rfind("2023", 0) == 0);
  }
  for (auto& row : files.complaintsTable()) CHECK(std::string(row->GetFieldAsString("opened")).rfind("2023", 0) == 0);
}

TEST_CASE("City components: 5,540 of 5 classes, each complete, damaged or missing", "[dataset][figures]") {
  // Not a figure of the report: the inventory that shows the assets layer kind (docs/dataset.md).
  test::DayeFiles files;
  OGRLayer& assets = files.layer("assets");
  CHECK(assets.GetFeatureCount() == 5540);
  const auto classes = countBy(assets, "class");
  CHECK(classes == std::map<std::string, int64_t>{
                       {"井盖", 2400}, {"路灯", 1800}, {"果皮箱", 900}, {"消防栓", 320}, {"公交站亭", 120}});
  const auto conditions = countBy(assets, "condition");
  CHECK(conditions.size() == 3);
  CHECK(conditions.at("完好") > conditions.at("破损"));
  CHECK(conditions.at("破损") > conditions.at("丢失"));
  CHECK(countBy(assets, "asset_no").size() == 5540);  // numbers are unique
}
