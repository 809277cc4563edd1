// `catalog init` on real public data of other cities, unedited (Debian's python3-libpysal and
// python3-geopandas examples), and on a folder of the files a Chinese bureau really has: Chinese
// names, a GBK CSV with 经度/纬度, a broken file among good ones. Roles, fields and CRS as a person
// would set them; the written catalog loads and its layers open.

#include <catch2/catch.hpp>

#include <algorithm>

#include "core/error.h"
#include "io/catalog/catalog_init.h"
#include "io/catalog/catalog_loader.h"
#include "io/catalog/catalog_writer.h"
#include "io/sources/text_encoding.h"
#include "io/sources/vector_source.h"
#include "test_support.h"

using namespace urbangis;
namespace fs = std::filesystem;

namespace {

const fs::path kPysal = "/usr/lib/python3/dist-packages/libpysal/examples";
const fs::path kNybb = "/usr/lib/python3/dist-packages/geopandas/datasets/nybb_16a.zip";
// Both ship with Debian packages scripts/debian-packages.txt installs (python3-libpysal, python3-geopandas).

const InferredLayer& layerNamed(const CatalogDraft& draft, const std::string& id) {
  for (const InferredLayer& layer : draft.layers)
    if (layer.spec.id == id) return layer;
  FAIL("no layer " << id);
  return draft.layers.front();
}

std::string decided(const InferredLayer& layer, const std::string& key) {
  for (const Decision& decision : layer.decisions)
    if (decision.key == key) return decision.value;
  return "(none)";
}

// Writes the draft, loads it back and opens every layer as the commands do.
Catalog writtenAndLoaded(const CatalogDraft& draft, const fs::path& file) {
  writeCatalog(draft.catalog, file);
  Catalog loaded = loadCatalog(file);
  for (const LayerSpec& layer : loaded.layers) CHECK_NOTHROW(openCatalogLayer(layer));
  return loaded;
}

}  // namespace

TEST_CASE("catalog init: the geodanet streets, crimes and schools of PySAL", "[catalog_init]") {
  REQUIRE(fs::exists(kPysal / "geodanet"));
  const test::TempDir dir;
  const CatalogDraft draft = draftCatalog({{kPysal / "geodanet"}, {"Tempe", "Tempe"}, {}});
  REQUIRE(draft.layers.size() == 3);
  CHECK(draft.problems.empty());
  CHECK(layerNamed(draft, "streets").spec.role == LayerRole::network);
  CHECK(layerNamed(draft, "crimes").spec.role == LayerRole::points);
  CHECK(layerNamed(draft, "schools").spec.role == LayerRole::assets);
  for (const InferredLayer& layer : draft.layers) {
    CHECK(layer.warnings.empty());
    CHECK_FALSE(layer.spec.crs);  // the files' own CRS (Arizona State Plane, feet)
  }
  // POLYID and POLYID2 are identifiers, not values to total.
  CHECK(layerNamed(draft, "crimes").spec.sumFields.empty());
  const Catalog loaded = writtenAndLoaded(draft, dir.path() / "tempe.json");
  CHECK(loaded.name.en == "Tempe");
  CHECK(loaded.layers.size() == 3);
}

TEST_CASE("catalog init: zipped shapefiles, read through /vsizip/ (Berlin, New York boroughs)", "[catalog_init]") {
  REQUIRE(fs::exists(kPysal / "berlin"));
  REQUIRE(fs::exists(kNybb));
  const test::TempDir dir;
  const CatalogDraft draft =
      draftCatalog({{kPysal / "berlin" / "prenz_bound.zip", kPysal / "berlin" / "prenzlauer.zip", kNybb}, {}, {}});
  REQUIRE(draft.layers.size() == 3);
  const InferredLayer& bound = layerNamed(draft, "prenz_bound");
  CHECK(bound.spec.role == LayerRole::zones);
  CHECK(bound.spec.nameField == "neighbourh");
  CHECK(bound.spec.source.rfind("/vsizip/", 0) == 0);
  const InferredLayer& listings = layerNamed(draft, "prenzlauer");
  CHECK(listings.spec.role == LayerRole::points);
  const auto& sums = listings.spec.sumFields;
  CHECK(std::find(sums.begin(), sums.end(), "price") != sums.end());
  CHECK(std::find(sums.begin(), sums.end(), "X") == sums.end());  // coordinates are no values
  const InferredLayer& boroughs = layerNamed(draft, "nybb");
  CHECK(boroughs.spec.role == LayerRole::zones);
  CHECK(boroughs.spec.idField == "BoroCode");
  CHECK(boroughs.spec.nameField == "BoroName");
  writtenAndLoaded(draft, dir.path() / "cities.json");
}

TEST_CASE("catalog init: a shapefile without a CRS is kept, and the person is told what it may be", "[catalog_init]") {
  REQUIRE(fs::exists(kPysal / "chicago"));
  const CatalogDraft draft = draftCatalog({{kPysal / "chicago" / "Chicago77.shp"}, {}, {}});
  REQUIRE(draft.layers.size() == 1);
  const InferredLayer& chicago = draft.layers.front();
  CHECK(chicago.spec.id == "chicago77");
  CHECK(chicago.spec.role == LayerRole::zones);
  CHECK(chicago.spec.nameField == "COMMUNITY");
  REQUIRE(chicago.warnings.size() == 1);
  CHECK_THAT(chicago.warnings.front(), Catch::Contains("declares no CRS") && Catch::Contains("--crs chicago77="));
  // Given, it is written.
  CatalogInitRequest request{{kPysal / "chicago" / "Chicago77.shp"}, {}, {}};
  request.overrides["chicago77"].crs = "EPSG:3435";
  const CatalogDraft given = draftCatalog(request);
  REQUIRE(given.layers.front().spec.crs);
  CHECK(given.layers.front().spec.crs->definition == "EPSG:3435");
  CHECK(given.layers.front().warnings.empty());
}

TEST_CASE("catalog init: a bureau's folder — Chinese names, a GBK CSV with 经度/纬度, a broken file",
          "[catalog_init]") {
  const test::TempDir dir;
  const fs::path data = dir.path() / "数据";
  fs::create_directories(data);
  test::writeFile(data / "社区.geojson",
                  R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"名称": "东岳社区", "编码": "420281001001"},
   "geometry": {"type": "Polygon", "coordinates": [[[114.90, 30.05], [114.95, 30.05], [114.95, 30.10], [114.90, 30.10], [114.90, 30.05]]]}},
  {"type": "Feature", "properties": {"名称": "罗家桥社区", "编码": "420281001002"},
   "geometry": {"type": "Polygon", "coordinates": [[[114.95, 30.05], [115.00, 30.05], [115.00, 30.10], [114.95, 30.10], [114.95, 30.05]]]}}]})");
  std::string csv = "案件编号,类型,日期,经度,纬度,罚款\n";
  for (int i = 0; i < 6; ++i)
    csv += "AJ" + std::to_string(100 + i) + "," + (i % 2 ? "油烟" : "噪音") + ",2023-05-0" + std::to_string(i + 1) +
           "," + std::to_string(114.91 + 0.01 * i) + ",30.07," + std::to_string(100 * i) + "\n";
  test::writeFile(data / "投诉.csv", recode(csv, "UTF-8", "GBK"));
  test::writeFile(data / "broken.shp", "not a shapefile at all");
  const std::string before = test::folderFingerprint(data);

  const CatalogDraft draft = draftCatalog({{data}, {"大冶", "Daye"}, {}});
  REQUIRE(draft.layers.size() == 2);
  REQUIRE(draft.problems.size() == 1);
  CHECK_THAT(draft.problems.front(), Catch::Contains("broken.shp"));
  const bool zonesFirst = draft.layers[0].spec.role == LayerRole::zones;
  const InferredLayer& communities = draft.layers[zonesFirst ? 0 : 1];
  const InferredLayer& cases = draft.layers[zonesFirst ? 1 : 0];
  CHECK(communities.spec.role == LayerRole::zones);
  CHECK(communities.spec.idField == "编码");
  CHECK(communities.spec.nameField == "名称");
  CHECK(cases.spec.role == LayerRole::points);  // 投诉 is a case
  CHECK(cases.spec.x == "经度");
  CHECK(cases.spec.y == "纬度");
  REQUIRE(cases.spec.crs);
  CHECK(cases.spec.crs->definition == "EPSG:4326");
  CHECK(cases.spec.idField == "案件编号");
  CHECK(cases.spec.categoryField == "类型");
  CHECK(cases.spec.timeField == "日期");
  CHECK(cases.spec.sumFields == std::vector<std::string>{"罚款"});
  CHECK(decided(cases, "encoding") != "(none)");  // the GBK bytes were noticed and said
  const Catalog loaded = writtenAndLoaded(draft, dir.path() / "daye.json");
  CHECK(loaded.name.zh == "大冶");
  // The sources are written relative to the catalog, and nothing of the data was touched.
  CHECK_THAT(test::readFile(dir.path() / "daye.json"), Catch::Contains("\"source\": \"数据/社区.geojson\""));
  CHECK(test::folderFingerprint(data) == before);
}

TEST_CASE("catalog init: what a person says must hold, and is said back clearly", "[catalog_init]") {
  REQUIRE(fs::exists(kPysal / "geodanet"));
  CatalogInitRequest request{{kPysal / "geodanet"}, {}, {}};
  SECTION("a role of another geometry") {
    request.overrides["streets"].role = LayerRole::zones;
    CHECK_THROWS_WITH(draftCatalog(request), Catch::Contains("the layer holds lines"));
  }
  SECTION("a field the layer lacks") {
    request.overrides["crimes"].fields["category_field"] = "TYPE";
    CHECK_THROWS_WITH(draftCatalog(request), Catch::Contains("no such field") && Catch::Contains("POLYID"));
  }
  SECTION("a layer that is not there") {
    request.overrides["parks"].role = LayerRole::zones;
    CHECK_THROWS_WITH(draftCatalog(request), Catch::Contains("the layers are: crimes, schools, streets"));
  }
  SECTION("a role given is taken") {
    request.overrides["schools"].role = LayerRole::points;
    const CatalogDraft draft = draftCatalog(request);
    CHECK(layerNamed(draft, "schools").spec.role == LayerRole::points);
    CHECK(decided(layerNamed(draft, "schools"), "role") == "points");
  }
}

TEST_CASE("catalog ids are ASCII, unique and start with a letter", "[catalog_init]") {
  CHECK(catalogIdFor("Chicago77", "layer", {}) == "chicago77");
  CHECK(catalogIdFor("cable_corridors", "layer", {}) == "cable_corridors");
  CHECK(catalogIdFor("2023 Cases (all)", "layer", {}) == "cases_all");
  CHECK(catalogIdFor("社区", "layer", {}) == "layer");
  CHECK(catalogIdFor("社区", "layer", {"layer"}) == "layer_2");
  CHECK(catalogIdFor("roads", "layer", {"roads", "roads_2"}) == "roads_3");
}
