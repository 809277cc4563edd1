// `stats --engine postgis` against the local engine on Daye, cell by cell: counts exact, areas,
// lengths, densities and sums within 0.01 %.

#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "postgis/postgis_support.h"
#include "test_support.h"

using namespace urbangis;

namespace {

const std::string kLayers =
    "street_order,demolitions,billboards,muck_sources,complaints,gas_hazards,yellow_line,cable,assets";

void sameTable(const std::filesystem::path& localFile, const std::filesystem::path& postgisFile, size_t atLeast = 500) {
  const auto local = test::readCsv(localFile), postgis = test::readCsv(postgisFile);
  REQUIRE(local.size() > 2);
  REQUIRE(local.size() == postgis.size());
  REQUIRE(local[0] == postgis[0]);  // the same columns, categories included, in the same order
  size_t compared = 0;
  for (size_t row = 1; row < local.size(); ++row)
    for (size_t column = 0; column < local[0].size(); ++column) {
      const std::string& a = local[row][column];
      const std::string& b = postgis[row][column];
      INFO("row " << local[row][0] << ", column " << local[0][column] << ": local " << a << ", postgis " << b);
      const bool count = local[0][column].find("_count") != std::string::npos;
      if (count || a.empty() || b.empty() || column < 2) {
        CHECK(a == b);
      } else {
        const double x = std::stod(a), y = std::stod(b);
        CHECK(std::abs(x - y) <= 1e-4 * std::max(std::abs(x), std::abs(y)));
      }
      ++compared;
    }
  CHECK(compared >= atLeast);
}

// The lines both engines write about features in no zone, in several zones or far from the zones
// (analysis/zones/zone_tally.h), in order.
std::vector<std::string> placementLines(const std::string& stderrText) {
  std::vector<std::string> lines;
  std::istringstream text(stderrText);
  for (std::string line; std::getline(text, line);)
    if (line.find("in no zone of") != std::string::npos || line.find("overlapping zones of") != std::string::npos ||
        line.find("far outside the extent") != std::string::npos)
      lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("stats --engine postgis returns the local engine's table, cell by cell", "[postgis]") {
  test::TempDir dir;
  for (const std::string by : {"districts", "communities"})
    for (const bool window : {false, true}) {
      std::vector<std::string> args = {"stats", "", "--by", by, "--layers", kLayers};
      if (window) args.insert(args.end(), {"--since", "2023-06-01", "--until", "2023-08-31"});
      auto local = args, postgis = args;
      local[1] = test::dayeCatalog().string();
      local.insert(local.end(), {"--out", (dir.path() / "local.csv").string()});
      postgis[1] = test::dayePgCatalog().string();
      postgis.insert(postgis.end(), {"--engine", "postgis", "--out", (dir.path() / "pg.csv").string()});
      const auto a = test::run(URBANGIS_CLI, local);
      REQUIRE(a.exitCode == 0);
      const auto b = test::run(URBANGIS_CLI, postgis);
      INFO(b.err);
      REQUIRE(b.exitCode == 0);
      CHECK(b.err.find("engine postgis: the whole table was computed in PostGIS") != std::string::npos);
      sameTable(dir.path() / "local.csv", dir.path() / "pg.csv");
      // The same words about features outside the zones (communities cover the town centres only).
      const std::vector<std::string> said = placementLines(a.err);
      CHECK(said == placementLines(b.err));
      CHECK(said.empty() == (by == std::string("districts")));
    }
}

TEST_CASE("stats picks the PostGIS engine when every layer is in one database", "[postgis]") {
  test::TempDir dir;
  const auto automatic =
      test::run(URBANGIS_CLI, {"stats", test::dayePgCatalog().string(), "--by", "districts", "--layers",
                               "complaints,gas_hazards", "--out", (dir.path() / "auto.csv").string()});
  INFO(automatic.err);
  REQUIRE(automatic.exitCode == 0);
  CHECK(automatic.err.find("engine postgis: the whole table was computed in PostGIS") != std::string::npos);
  const auto local = test::run(
      URBANGIS_CLI, {"stats", test::dayePgCatalog().string(), "--by", "districts", "--layers", "complaints,gas_hazards",
                     "--engine", "local", "--out", (dir.path() / "local.csv").string()});
  REQUIRE(local.exitCode == 0);
  CHECK(local.err.find("engine postgis") == std::string::npos);
  sameTable(dir.path() / "local.csv", dir.path() / "auto.csv", 19 * 13);
  // A catalog of files cannot run in PostGIS: exit 2, naming the layer.
  const auto files =
      test::run(URBANGIS_CLI, {"stats", test::dayeCatalog().string(), "--by", "districts", "--engine", "postgis"});
  CHECK(files.exitCode == 2);
  CHECK(files.err.find("is not in PostGIS") != std::string::npos);
}
