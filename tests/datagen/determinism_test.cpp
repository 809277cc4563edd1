#include <catch2/catch.hpp>

#include "test_support.h"

using namespace urbangis;

TEST_CASE("The generator writes byte-identical files, equal to the committed data", "[dataset][determinism]") {
  test::TempDir first, second;
  for (const auto* folder : {&first, &second}) {
    const auto result = test::run(URBANGIS_DATAGEN, {"--out", folder->path().string(), "--quiet"});
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
  }
  for (const char* file : {"daye.gpkg", "complaints.csv", "complaints.csvt"}) {
    INFO(file);
    const std::string bytes = test::readFile(first.path() / file);
    CHECK(bytes.size() > 0);
    CHECK(bytes == test::readFile(second.path() / file));
    // data/ in the repository is what the generator makes (regenerate with
    // `urbangis-datagen --out data` after changing it).
    CHECK(bytes == test::readFile(test::dataDir() / file));
  }
  // No temporary files are left behind.
  size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(first.path())) ++entries;
  CHECK(entries == 3);
}

TEST_CASE("Scale multiplies the counts", "[dataset][determinism]") {
  test::TempDir folder;
  const auto result = test::run(URBANGIS_DATAGEN, {"--out", folder.path().string(), "--scale", "3", "--quiet"});
  REQUIRE(result.exitCode == 0);
  const auto info = test::run(URBANGIS_CLI, {"info", (folder.path() / "daye.gpkg").string(), "--json"});
  REQUIRE(info.exitCode == 0);
  CHECK_THAT(info.out, Catch::Contains("\"features\": 2520"));  // 3 × 840 street-order cases
  CHECK_THAT(info.out, Catch::Contains("\"features\": 3417"));  // 3 × 1,139 gas hazards
}

TEST_CASE("The generator refuses bad arguments", "[dataset][determinism]") {
  CHECK(test::run(URBANGIS_DATAGEN, {"--scale", "0"}).exitCode == 2);
  CHECK(test::run(URBANGIS_DATAGEN, {"--scale", "x"}).exitCode == 2);
  CHECK(test::run(URBANGIS_DATAGEN, {"--bogus"}).exitCode == 2);
}
