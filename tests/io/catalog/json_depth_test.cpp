// Depth limits of the JSON we read ourselves (docs/robustness.md, "Depth limits"): a catalog or
// style nested deeper than kMaxJsonNesting is refused with the file, line and column of the
// bracket that goes too deep, before the parser builds the rest.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "core/error.h"
#include "core/json_nesting.h"
#include "io/catalog/catalog_loader.h"
#include "style/layer_style.h"
#include "test_support.h"

using namespace urbangis;

namespace {

std::string catalogError(const std::string& text) {
  try {
    parseCatalog(text, "/data/catalog.json");
  } catch (const InputError& error) {
    return error.what();
  }
  return "(no error)";
}

std::string styleError(const std::string& text) {
  try {
    parseStyle(text, "styles/deep.json");
  } catch (const InputError& error) {
    return error.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("A catalog nested deeper than 256 levels is refused at the bracket too deep", "[io][catalog][depth]") {
  // `{"layers": ` is 11 characters: the root object is level 1, the first "[" (column 12) level 2.
  const std::string tooDeep = "{\"layers\": " + test::repeated("[", 300) + test::repeated("]", 300) + "}";
  CHECK(catalogError(tooDeep) ==
        "/data/catalog.json:1:267: JSON nested more than 256 levels deep (arrays and objects); a catalog needs four");
  // 256 levels parse: what fails is the catalog's content, not its depth.
  const std::string deepest = "{\"layers\": " + test::repeated("[", 255) + test::repeated("]", 255) + "}";
  CHECK(catalogError(deepest).find("nested more than") == std::string::npos);
  CHECK(catalogError(deepest).find("layers") != std::string::npos);
  // Lines and characters before the bracket count; brackets inside strings do not.
  const std::string placed = "{\"name\": \"[[[{{{中\\\"[[\",\n  \"layers\": [\n" + test::repeated("{\"x\": ", 300) +
                             "1" + test::repeated("}", 300) + "]}";
  CHECK(catalogError(placed).rfind("/data/catalog.json:3:1525: JSON nested more than 256 levels deep", 0) == 0);
}

TEST_CASE("A million nested brackets stop the catalog parser at the first one too deep", "[io][catalog][depth]") {
  // Unguarded, nlohmann::json would build a million nested arrays first (hundreds of MB).
  CHECK(catalogError(test::repeated("[", 1000000)).rfind("/data/catalog.json:1:257: JSON nested more than 256", 0) ==
        0);
}

TEST_CASE("A style nested deeper than 256 levels is refused at the bracket too deep", "[style][depth]") {
  const std::string tooDeep = "{\"renderer\": \"single\", \"symbol\": " + test::repeated("{\"fill\": ", 300) +
                              "\"#ffffff\"" + test::repeated("}", 300) + "}";
  // The root is level 1; the 256th {"fill": … (9 characters each, from column 34) is level 257.
  CHECK(styleError(tooDeep) == "styles/deep.json:1:" + std::to_string(34 + 255 * 9) +
                                   ": JSON nested more than 256 levels deep (arrays and objects); a style needs four");
  CHECK(styleError(test::repeated("[", 1000000)).rfind("styles/deep.json:1:257: JSON nested more than 256", 0) == 0);
  // A style of ordinary depth still reads.
  CHECK_NOTHROW(
      parseStyle(R"({"renderer": "single", "symbol": {"fill": "#ffffff", "stroke": "#000000", "stroke_width": 1}})",
                 "styles/ok.json"));
}

TEST_CASE("A file nested too deep is no catalog to the guess that opens files", "[io][catalog][depth]") {
  test::TempDir temp;
  const auto deep = temp.path() / "deep.json";
  test::writeFile(deep, "{\"layers\": " + test::repeated("[", 100000) + test::repeated("]", 100000) + "}");
  const auto deepGeoJson = temp.path() / "deep_geojson.json";
  test::writeFile(deepGeoJson, "{\"type\": \"FeatureCollection\", \"features\": " + test::repeated("[", 1000) +
                                   test::repeated("]", 1000) + "}");
  // Like broken JSON: a catalog (so that loading it says why not) unless it says it is GeoJSON.
  CHECK(looksLikeCatalog(deep));
  CHECK_FALSE(looksLikeCatalog(deepGeoJson));
  try {
    loadCatalog(deep);
    FAIL("a catalog nested 100,000 levels deep loaded");
  } catch (const InputError& error) {
    CHECK(std::string(error.what()).find("deep.json:1:267: JSON nested more than 256 levels deep") !=
          std::string::npos);
  }
}

TEST_CASE("jsonTooDeepAt finds the bracket that opens the level past the limit", "[io][depth]") {
  CHECK_FALSE(jsonTooDeepAt("[[[]]]", 3));
  const auto at = jsonTooDeepAt("[[[[]]]]", 3);
  REQUIRE(at);
  CHECK(at->line == 1);
  CHECK(at->column == 4);
  // Escaped quotes and backslashes inside strings do not end them.
  CHECK_FALSE(jsonTooDeepAt(R"(["\\", "\"[[[[", "[{[{"])", 1));
  const auto afterStrings = jsonTooDeepAt("[\"\\\\\",\n \"中\", [", 1);
  REQUIRE(afterStrings);
  CHECK(afterStrings->line == 2);
  CHECK(afterStrings->column == 7);
}
