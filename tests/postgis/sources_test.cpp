// Catalog layers whose source is PostGIS (the Daye data loaded into schema "daye" by the
// fixture): every command gives what it gives on the GeoPackage, and no message shows a password.

#include <catch2/catch.hpp>

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "postgis/postgis_support.h"
#include "test_support.h"

using namespace urbangis;
namespace fs = std::filesystem;

namespace {

const std::string kLayers = "street_order,demolitions,billboards,muck_sources,complaints,gas_hazards,yellow_line,cable";

// Both runs must succeed and write byte-identical files: the same features, the same order,
// the same numbers.
void sameOutput(const std::vector<std::string>& local, const std::vector<std::string>& postgis,
                const fs::path& localOut, const fs::path& postgisOut) {
  const auto a = test::run(URBANGIS_CLI, local);
  INFO(a.err);
  REQUIRE(a.exitCode == 0);
  const auto b = test::run(URBANGIS_CLI, postgis);
  INFO(b.err);
  REQUIRE(b.exitCode == 0);
  CHECK(test::readFile(localOut).size() > 100);
  CHECK(test::readFile(localOut) == test::readFile(postgisOut));
}

}  // namespace

TEST_CASE("info lists PostGIS layers as it lists the GeoPackage's", "[postgis]") {
  const auto local = test::run(URBANGIS_CLI, {"info", test::dayeCatalog().string(), "--json"});
  const auto postgis = test::run(URBANGIS_CLI, {"info", test::dayePgCatalog().string(), "--json"});
  INFO(postgis.err);
  REQUIRE(postgis.exitCode == 0);
  const auto a = nlohmann::json::parse(local.out), b = nlohmann::json::parse(postgis.out);
  size_t compared = 0;
  for (const auto& layer : b["layers"]) {
    if (layer["source"].get<std::string>().rfind("PG:", 0) != 0) continue;
    for (const auto& original : a["layers"])
      if (original["id"] == layer["id"]) {
        INFO(layer["id"]);
        CHECK(layer["features"] == original["features"]);
        CHECK(layer["invalid"] == original["invalid"]);
        for (size_t i = 0; i < 4; ++i)  // PostGIS extents come from float4 boxes
          CHECK(layer["lonlat_extent"][i].get<double>() ==
                Approx(original["lonlat_extent"][i].get<double>()).margin(1e-5));
        CHECK(layer["driver"] == "PostgreSQL");
        CHECK(layer["source"].get<std::string>().find("password") == std::string::npos);
        ++compared;
      }
  }
  CHECK(compared == 12);
}

TEST_CASE("stats --engine local on PostGIS layers equals stats on the GeoPackage, cell by cell", "[postgis]") {
  test::TempDir dir;
  for (const std::string by : {"districts", "communities"}) {
    sameOutput({"stats", test::dayeCatalog().string(), "--by", by, "--layers", kLayers, "--out",
                (dir.path() / "local.csv").string()},
               {"stats", test::dayePgCatalog().string(), "--by", by, "--layers", kLayers, "--engine", "local", "--out",
                (dir.path() / "pg.csv").string()},
               dir.path() / "local.csv", dir.path() / "pg.csv");
  }
  // The time window reads PostgreSQL dates and timestamps as it reads the GeoPackage's.
  sameOutput({"stats", test::dayeCatalog().string(), "--by", "districts", "--layers", kLayers, "--since", "2023-06-01",
              "--until", "2023-08-31", "--out", (dir.path() / "local.csv").string()},
             {"stats", test::dayePgCatalog().string(), "--by", "districts", "--layers", kLayers, "--since",
              "2023-06-01", "--until", "2023-08-31", "--engine", "local", "--out", (dir.path() / "pg.csv").string()},
             dir.path() / "local.csv", dir.path() / "pg.csv");
}

TEST_CASE("export, hotspot and route read PostGIS layers as they read the GeoPackage", "[postgis]") {
  test::TempDir dir;
  const auto both = [&](std::vector<std::string> args, const std::string& out) {
    std::vector<std::string> local = args, postgis = args;
    local.insert(local.begin() + 1, test::dayeCatalog().string());
    postgis.insert(postgis.begin() + 1, test::dayePgCatalog().string());
    local.insert(local.end(), {"--out", (dir.path() / ("local_" + out)).string()});
    postgis.insert(postgis.end(), {"--out", (dir.path() / ("pg_" + out)).string()});
    if (args[0] == "hotspot") {  // hotspot KIND CATALOG …
      std::swap(local[1], local[2]);
      std::swap(postgis[1], postgis[2]);
    }
    sameOutput(local, postgis, dir.path() / ("local_" + out), dir.path() / ("pg_" + out));
  };
  // The PostGIS catalog has no national_classes.json beside it: name the Daye one for both.
  const std::string classes = (test::sourceDir() / "layers" / "national_classes.json").string();
  both({"export", "--layer", "cable", "--where", "kind = '社区' AND bundled_m > 100", "--by", "communities",
        "--classes", classes},
       "cable.csv");
  both({"export", "--layer", "complaints", "--by", "districts", "--classes", classes}, "complaints.geojson");
  both({"hotspot", "hexbin", "--layer", "gas_hazards", "--hex", "500"}, "hex.csv");
  both({"hotspot", "gistar", "--layer", "street_order", "--by", "communities", "--knn", "6"}, "gi.csv");
  both({"route", "--from", "114.970,30.100", "--to", "115.000,30.080", "--no-cache"}, "route.csv");
}

TEST_CASE("PostGIS errors name the layer and table, exit 2 and never show a password", "[postgis]") {
  test::TempDir dir;
  std::string catalog = test::readFile(test::dayePgCatalog());
  const std::string table = "\"daye.complaints\"";
  catalog.replace(catalog.find(table), table.size(), "\"daye.no_such_table\"");
  test::writeFile(dir.path() / "broken.json", catalog);
  const auto missing = test::run(URBANGIS_CLI, {"stats", (dir.path() / "broken.json").string(), "--by", "districts",
                                                "--layers", "complaints", "--engine", "local"});
  CHECK(missing.exitCode == 2);
  CHECK(missing.err.find("no layer \"daye.no_such_table\"") != std::string::npos);
  CHECK(missing.err.find("layer \"complaints\" (PG:host=127.0.0.1") != std::string::npos);

  // A wrong password (PGPASSWORD wins over PGPASSFILE): refused by the server, not shown.
  setenv("PGPASSWORD", "wr0ng-Passw0rd", 1);
  const auto refused = test::run(URBANGIS_CLI, {"info", test::dayePgCatalog().string()});
  const auto refusedStats = test::run(URBANGIS_CLI, {"stats", test::dayePgCatalog().string(), "--by", "districts"});
  unsetenv("PGPASSWORD");
  CHECK(refusedStats.exitCode == 2);
  CHECK(refusedStats.err.find("password authentication failed") != std::string::npos);
  for (const auto* result : {&refused, &refusedStats})
    CHECK((result->out + result->err).find("wr0ng") == std::string::npos);

  // A password written into the catalog is refused before anything connects.
  std::string withPassword = test::readFile(test::dayePgCatalog());
  const std::string user = "user=urbangis";
  withPassword.replace(withPassword.find(user), user.size(), "user=urbangis password=Hunter2pw");
  test::writeFile(dir.path() / "password.json", withPassword);
  for (const auto& command : {std::vector<std::string>{"info"}, {"stats", "--by", "districts"}}) {
    std::vector<std::string> args = command;
    args.insert(args.begin() + 1, (dir.path() / "password.json").string());
    const auto result = test::run(URBANGIS_CLI, args);
    CHECK(result.exitCode == 2);
    CHECK((result.out + result.err).find("Hunter2pw") == std::string::npos);
    CHECK(result.err.find("password=***") != std::string::npos);
  }
  const auto direct = test::run(URBANGIS_CLI, {"info", test::pgSource() + " password=Hunter2pw"});
  CHECK(direct.exitCode == 2);
  CHECK((direct.out + direct.err).find("Hunter2pw") == std::string::npos);
}
