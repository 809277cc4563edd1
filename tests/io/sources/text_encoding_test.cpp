#include <catch2/catch.hpp>

#include <set>

#include "core/error.h"
#include "io/catalog/catalog_loader.h"
#include "io/sources/text_encoding.h"
#include "io/sources/vector_source.h"
#include "test_support.h"

using namespace urbangis;

namespace {

const std::set<std::string> kNames = {"东岳路街道城管中队", "新冶大道夜市", "金湖街道"};

// Opens a fixture as a catalog points layer and returns its names and the notes.
std::pair<std::set<std::string>, std::vector<std::string>> readNames(const std::string& file,
                                                                     const std::string& extraKeys = "") {
  test::TempDir temp;
  const std::string source = (test::sourceDir() / "tests" / "data" / "encodings" / file).string();
  const bool csv = file.size() > 4 && file.substr(file.size() - 4) == ".csv";
  test::writeFile(temp.path() / "c.json", R"({"layers": [{"id": "p", "title": "P", "role": "points", "source": ")" +
                                              source + R"(", "crs": "CGCS2000", "name_field": "name")" +
                                              (csv ? R"(, "x": "lon", "y": "lat")" : "") + extraKeys + "}]}");
  VectorSource layer = openCatalogLayer(loadCatalog(temp.path() / "c.json").layers.front());
  std::set<std::string> names;
  for (auto& feature : *layer.layer) names.insert(feature->GetFieldAsString("name"));
  return {names, layer.notes};
}

}  // namespace

TEST_CASE("UTF-8 and GBK are told apart by their bytes", "[io][encoding]") {
  const std::string utf8 = "大冶市";
  const std::string gbk = recode(utf8, "UTF-8", "GBK");
  CHECK(isValidUtf8(utf8));
  CHECK_FALSE(isValidUtf8(gbk));
  CHECK(decodesAsGbk(gbk));
  CHECK(recode(gbk, "GB18030", "UTF-8") == utf8);
  CHECK_FALSE(isValidUtf8("\xC0\x80"));  // overlong
  CHECK_FALSE(isValidUtf8("\xE5\xA4"));  // cut short
  CHECK(isValidUtf8("plain ASCII"));
  CHECK_THROWS_AS(recode("\xFF\xFF", "GB18030", "UTF-8"), InputError);
}

TEST_CASE("A shapefile with a language driver id and no .cpg reads as GBK", "[io][encoding]") {
  auto [names, notes] = readNames("gbk_ldid.shp");
  CHECK(names == kNames);
  CHECK(notes.empty());
}

TEST_CASE("A GBK shapefile without .cpg or language driver id is detected", "[io][encoding]") {
  auto [names, notes] = readNames("gbk_no_cpg.shp");
  CHECK(names == kNames);
  REQUIRE(notes.size() == 1);
  CHECK_THAT(notes[0], Catch::Contains("decodes as GBK"));
}

TEST_CASE("A .cpg that says UTF-8 over GBK text is overruled and reported", "[io][encoding]") {
  auto [names, notes] = readNames("gbk_wrong_cpg.shp");
  CHECK(names == kNames);
  REQUIRE(notes.size() == 1);
  CHECK_THAT(notes[0], Catch::Contains("its .cpg says UTF-8 but the text is GBK"));
}

TEST_CASE("A GBK CSV is read through a UTF-8 copy", "[io][encoding]") {
  auto [names, notes] = readNames("gbk.csv");
  CHECK(names == kNames);
  REQUIRE(notes.size() == 1);
  auto [utf8Names, utf8Notes] = readNames("utf8.csv");
  CHECK(utf8Names == kNames);
  CHECK(utf8Notes.empty());
}

TEST_CASE("The catalog's encoding key overrides detection", "[io][encoding]") {
  auto [names, notes] = readNames("gbk_no_cpg.shp", R"(, "encoding": "CP936")");
  CHECK(names == kNames);
  CHECK(notes.empty());
  auto [csvNames, csvNotes] = readNames("gbk.csv", R"(, "encoding": "GBK")");
  CHECK(csvNames == kNames);
  CHECK(csvNotes.empty());
}
