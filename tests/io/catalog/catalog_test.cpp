#include <catch2/catch.hpp>

#include "core/error.h"
#include "io/catalog/catalog_loader.h"
#include "test_support.h"

using namespace urbangis;

namespace {

// Parses `json` as if it were the file /cities/x/layers/city.json.
Catalog parse(const std::string& json) { return parseCatalog(json, "/cities/x/layers/city.json"); }

// The error message parsing `json` gives.
std::string errorOf(const std::string& json) {
  try {
    parse(json);
  } catch (const InputError& error) {
    return error.what();
  }
  return "(no error)";
}

std::string withLayer(const std::string& layerKeys) {
  return R"({"layers": [{"id": "a", "title": "A", "role": "points", "source": "a.csv")" + layerKeys + "}]}";
}

}  // namespace

TEST_CASE("The Daye catalog loads with every layer", "[io][catalog]") {
  const Catalog catalog = loadCatalog(test::dayeCatalog());
  CHECK(catalog.name.zh == "大冶市");
  CHECK(catalog.adminCode == "420281");
  REQUIRE(catalog.crs);
  CHECK(catalog.crs->definition == "EPSG:4547");
  CHECK(catalog.layers.size() == 15);
  CHECK(catalog.layer("assets").role == LayerRole::assets);
  CHECK(catalog.layer("assets").statusField == "condition");
  CHECK(catalog.layer("grids").role == LayerRole::zones);
  CHECK(catalog.layer("grids").idField == "grid_code");
  CHECK(catalog.layer("grids").resolvedStyle == (test::sourceDir() / "styles" / "grids.json").string());
  const LayerSpec& complaints = catalog.layer("complaints");
  CHECK(complaints.role == LayerRole::points);
  CHECK(complaints.x == "lon");
  CHECK(complaints.crs->definition == "EPSG:4490");
  CHECK(complaints.resolvedSource == (test::dataDir() / "complaints.csv").string());
  CHECK(catalog.layer("cable").covers == "roads");
  CHECK(catalog.layer("cable").bufferM == 15.0);
  CHECK(catalog.layer("roads").snapM == 1.0);
  CHECK(catalog.layer("districts").resolvedStyle == (test::sourceDir() / "styles" / "districts.json").string());
}

TEST_CASE("Relative sources resolve against the catalog; PG: strings are kept", "[io][catalog]") {
  const Catalog catalog = parse(R"({"layers": [
    {"id": "a", "title": "A", "role": "zones", "source": "../data/z.gpkg"},
    {"id": "b", "title": "B", "role": "points", "source": "PG:dbname=city", "layer": "cases"},
    {"id": "c", "title": "C", "role": "points", "source": "/abs/p.gpkg"},
    {"id": "d", "title": "D", "role": "points", "source": "GPKG:../data/z.gpkg:cases"}]})");
  CHECK(catalog.layer("a").resolvedSource == "/cities/x/data/z.gpkg");
  CHECK(catalog.layer("b").resolvedSource == "PG:dbname=city");
  CHECK(catalog.layer("c").resolvedSource == "/abs/p.gpkg");
  CHECK(catalog.layer("d").resolvedSource == "GPKG:../data/z.gpkg:cases");  // GDAL syntax, as written
  CHECK_FALSE(catalog.crs);
}

TEST_CASE("Catalog errors name the file and the key", "[io][catalog]") {
  CHECK_THAT(errorOf(withLayer(R"(, "category_fiel": "type")")),
             Catch::Contains("/cities/x/layers/city.json: layers[0] (\"a\").category_fiel: "
                             "unknown key (did you mean \"category_field\"?)"));
  CHECK_THAT(errorOf(R"({"layers": [{"id": "a", "title": "A", "role": "zone", "source": "x"}]})"),
             Catch::Contains("layers[0] (\"a\").role: unknown role \"zone\""));
  CHECK_THAT(errorOf(R"({"layers": [{"id": "a", "title": "A", "role": "zones"}]})"),
             Catch::Contains("layers[0] (\"a\").source: missing required key"));
  CHECK_THAT(errorOf(R"({"layer": []})"), Catch::Contains("layer: unknown key (did you mean \"layers\"?)"));
  CHECK_THAT(errorOf(R"({"layers": []})"), Catch::Contains("layers: expected a non-empty array"));
  CHECK_THAT(errorOf(R"([1, 2])"), Catch::Contains("a catalog is a JSON object"));
}

TEST_CASE("JSON syntax errors give line and column", "[io][catalog]") {
  CHECK_THAT(errorOf("{\n  \"layers\": [\n    {\"id\": \"a\",, }\n  ]\n}"),
             Catch::Contains("/cities/x/layers/city.json:3:16: JSON syntax error"));
  CHECK_THAT(errorOf("{\"layers\": [ "), Catch::Contains("JSON syntax error"));
}

TEST_CASE("Values of the wrong type or range are refused", "[io][catalog]") {
  CHECK_THAT(errorOf(withLayer(R"(, "crs": "Beijing54")")), Catch::Contains(".crs: unknown CRS \"Beijing54\""));
  CHECK_THAT(errorOf(withLayer(R"(, "sum_fields": "fine")")),
             Catch::Contains(".sum_fields: expected an array of strings"));
  CHECK_THAT(errorOf(withLayer(R"(, "id_field": 3)")), Catch::Contains(".id_field: expected a string, found a number"));
  CHECK_THAT(errorOf(R"({"layers": [{"id": "Bad-Id", "title": "A", "role": "points", "source": "x"}]})"),
             Catch::Contains(".id: \"Bad-Id\" must be"));
  CHECK_THAT(
      errorOf(R"({"admin_code": "4202", "layers": [{"id": "a", "title": "A", "role": "points", "source": "x"}]})"),
      Catch::Contains("admin_code: \"4202\" must be a 6-digit county code"));
  CHECK_THAT(errorOf(R"({"crs": "GCJ-02", "layers": [{"id": "a", "title": "A", "role": "points", "source": "x"}]})"),
             Catch::Contains("crs: GCJ-02 is an offset lon/lat system"));
  CHECK_THAT(errorOf(R"({"layers": [{"id": "a", "title": {"zh": "甲", "fr": "A"}, "role": "points", "source": "x"}]})"),
             Catch::Contains("title.fr: unknown key"));
}

TEST_CASE("Keys that do not apply to a role are refused", "[io][catalog]") {
  CHECK_THAT(errorOf(withLayer(R"(, "buffer_m": 20)")),
             Catch::Contains(".buffer_m: applies to lines layers only, not to role points"));
  CHECK_THAT(errorOf(withLayer(R"(, "snap_m": 2)")), Catch::Contains(".snap_m: applies to network layers only"));
  CHECK_THAT(errorOf(withLayer(R"(, "x": "lon")")), Catch::Contains("\"x\" and \"y\" go together"));
  CHECK_THAT(errorOf(R"({"layers": [{"id": "a", "title": "A", "role": "lines", "source": "x", "buffer_m": 0}]})"),
             Catch::Contains(".buffer_m: must be greater than 0"));
}

TEST_CASE("Layer ids are unique and references resolve", "[io][catalog]") {
  CHECK_THAT(errorOf(R"({"layers": [
      {"id": "a", "title": "A", "role": "points", "source": "x"},
      {"id": "a", "title": "B", "role": "points", "source": "y"}]})"),
             Catch::Contains("layers[1].id: \"a\" is used by an earlier layer"));
  CHECK_THAT(errorOf(R"({"layers": [
      {"id": "a", "title": "A", "role": "points", "source": "x"},
      {"id": "c", "title": "C", "role": "lines", "source": "y", "covers": "a"}]})"),
             Catch::Contains(".covers: \"a\" is not the id of a network layer"));
}

TEST_CASE("A key given twice in one object is refused", "[io][catalog]") {
  CHECK_THAT(errorOf(R"({"layers": [{"id": "a", "id": "b", "title": "A", "role": "points", "source": "x"}]})"),
             Catch::Contains("key \"id\" appears twice"));
}

TEST_CASE("Catalog lookups name the known ids", "[io][catalog]") {
  const Catalog catalog = loadCatalog(test::dayeCatalog());
  CHECK_THROWS_WITH(catalog.layer("complaint"), Catch::Contains("no layer with id \"complaint\""));
  CHECK_THROWS_WITH(loadCatalog("/no/such/catalog.json"), Catch::Contains("catalog file not found"));
}

TEST_CASE("Catalogs are told apart from GeoJSON data", "[io][catalog]") {
  test::TempDir temp;
  test::writeFile(temp.path() / "cat.json", R"({"layers": []})");
  test::writeFile(temp.path() / "broken.json", R"({"layers": [)");
  test::writeFile(temp.path() / "data.json", R"({"type": "FeatureCollection", "features": [], "layers": 1})");
  CHECK(looksLikeCatalog(temp.path() / "cat.json"));
  CHECK(looksLikeCatalog(temp.path() / "broken.json"));
  CHECK_FALSE(looksLikeCatalog(temp.path() / "data.json"));
  CHECK(looksLikeCatalog(test::dayeCatalog()));
}
