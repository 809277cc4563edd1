// Data files where a command takes a catalog or a layer id (io/catalog/catalog_with_files.h):
// what is a path and what an id, a catalog of files alone, files added to a catalog under ids
// it does not use, the role an option needs, and the messages for a missing file.

#include <catch2/catch.hpp>

#include <fstream>

#include "core/error.h"
#include "io/catalog/catalog_loader.h"
#include "io/catalog/catalog_with_files.h"
#include "io/sources/vector_source.h"
#include "test_support.h"

using namespace urbangis;
namespace fs = std::filesystem;

namespace {

const fs::path kPysal = "/usr/lib/python3/dist-packages/libpysal/examples";
const fs::path kNybb = "/usr/lib/python3/dist-packages/geopandas/datasets/nybb_16a.zip";

size_t countOf(const Catalog& catalog, const std::string& id) {
  size_t count = 0;
  for (const LayerSpec& layer : catalog.layers) count += layer.id == id;
  return count;
}

}  // namespace

TEST_CASE("a layer reference is a file when it has a slash or a dot, which no layer id has", "[catalog_files]") {
  CHECK(namesDataFile("wards.geojson"));
  CHECK(namesDataFile("data/wards"));
  CHECK(namesDataFile("./wards"));
  CHECK(namesDataFile("C:\\data\\wards"));
  CHECK_FALSE(namesDataFile("communities"));
  CHECK_FALSE(namesDataFile("roads_2"));
}

TEST_CASE("a catalog of files alone: named by the first file, polygons as zones where the option needs zones",
          "[catalog_files]") {
  REQUIRE(fs::exists(kNybb));
  // nybb's boroughs carry no zone-like name: inferred as areas, but --by needs zones.
  const CatalogWithFiles plain = withDataFiles(std::nullopt, {{kNybb.string(), std::nullopt}});
  REQUIRE(plain.catalog.layers.size() == 1);
  CHECK(plain.catalog.file == kNybb);
  const CatalogWithFiles forZones = withDataFiles(std::nullopt, {{kNybb.string(), LayerRole::zones}});
  REQUIRE(forZones.catalog.layers.size() == 1);
  const LayerSpec& boroughs = forZones.catalog.layers.front();
  CHECK(boroughs.role == LayerRole::zones);
  CHECK(forZones.ids == std::vector<std::vector<std::string>>{{boroughs.id}});
  CHECK_FALSE(boroughs.idField.empty());
  CHECK(boroughs.resolvedSource.rfind("/vsizip/", 0) == 0);
  CHECK_NOTHROW(openCatalogLayer(boroughs));
  REQUIRE_FALSE(forZones.notes.empty());
  CHECK(forZones.notes.front().find("zones") != std::string::npos);
}

TEST_CASE("files added to a catalog: new ids, the catalog's own layers and time zone kept, a file named twice once",
          "[catalog_files]") {
  const Catalog daye = loadCatalog(test::dayeCatalog());
  const test::TempDir dir;
  // A file whose layer name is an id the catalog already uses.
  fs::copy_file(test::dataDir() / "complaints.csv", dir.path() / "complaints.csv");
  const std::string csv = (dir.path() / "complaints.csv").string();
  const std::string streets = (kPysal / "geodanet" / "streets.shp").string();
  const CatalogWithFiles opened =
      withDataFiles(daye, {{csv, std::nullopt}, {streets, std::nullopt}, {csv, std::nullopt}});
  CHECK(opened.catalog.layers.size() == daye.layers.size() + 2);
  CHECK(opened.catalog.file == daye.file);
  CHECK(countOf(opened.catalog, "complaints") == 1);
  REQUIRE(opened.ids.size() == 3);
  CHECK(opened.ids[0] == std::vector<std::string>{"complaints_2"});
  CHECK(opened.ids[1] == std::vector<std::string>{"streets"});
  CHECK(opened.ids[2] == opened.ids[0]);
  const LayerSpec& added = opened.catalog.layer("complaints_2");
  CHECK(added.role == LayerRole::points);
  CHECK(added.timeZone == daye.timeZone);
  CHECK(added.resolvedSource == csv);
  CHECK(opened.catalog.layer("complaints").resolvedSource == daye.layer("complaints").resolvedSource);
}

TEST_CASE("a missing file is named, with the catalog's ids in case an id was meant", "[catalog_files]") {
  const Catalog daye = loadCatalog(test::dayeCatalog());
  try {
    withDataFiles(daye, {{"comunities.geojson", std::nullopt}});
    FAIL("no error");
  } catch (const InputError& error) {
    const std::string message = error.what();
    CHECK(message.find("comunities.geojson: no such file") != std::string::npos);
    CHECK(message.find("communities") != std::string::npos);
  }
  CHECK_THROWS_WITH(openCatalogOrData("no/such/place"), Catch::Contains("no/such/place: no such catalog"));
}

TEST_CASE("a folder or a data file in place of a catalog; a catalog file as the loader reads it", "[catalog_files]") {
  const Catalog tempe = openCatalogOrData(kPysal / "geodanet");
  CHECK(tempe.layers.size() == 3);
  CHECK(tempe.find("streets") != nullptr);
  const Catalog berlin = openCatalogOrData(kPysal / "berlin" / "prenzlauer.zip");
  REQUIRE(berlin.layers.size() == 1);
  CHECK(berlin.layers.front().role == LayerRole::points);
  const Catalog daye = openCatalogOrData(test::dayeCatalog());
  CHECK(daye.layers.size() == loadCatalog(test::dayeCatalog()).layers.size());
  CHECK(daye.file == test::dayeCatalog());
}
