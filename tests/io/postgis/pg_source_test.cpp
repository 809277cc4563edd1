// PG: sources: passwords refused and redacted, libpq connection strings without GDAL's keys.

#include <catch2/catch.hpp>

#include "core/error.h"
#include "io/catalog/catalog_loader.h"
#include "io/postgis/pg_source.h"
#include "test_support.h"

using namespace urbangis;

TEST_CASE("redactSecrets hides every password form", "[pg]") {
  CHECK(redactSecrets("PG:host=h dbname=d password=abc user=u") == "PG:host=h dbname=d password=*** user=u");
  CHECK(redactSecrets("PG:dbname=d password = 'a b\\'c' user=u") == "PG:dbname=d password = *** user=u");
  CHECK(redactSecrets("PG:dbname=d PASSWORD=x") == "PG:dbname=d PASSWORD=***");
  CHECK(redactSecrets("failed: postgresql://ann:pa55@db:5432/city") == "failed: postgresql://ann:***@db:5432/city");
  CHECK(redactSecrets("data/daye.gpkg, layer roads") == "data/daye.gpkg, layer roads");
}

TEST_CASE("libpq connection strings drop GDAL's own keys", "[pg]") {
  CHECK(isPgSource("PG:dbname=x"));
  CHECK(isPgSource("pg:dbname=x"));
  CHECK(isPgSource("postgresql://u@h/db"));
  CHECK_FALSE(isPgSource("data/daye.gpkg"));
  CHECK(libpqConnInfo("PG:host=h schemas=daye dbname='my db' tables=a,b") == "host=h dbname='my db'");
  CHECK(pgSourceSchema("PG:host=h active_schema=city dbname=d") == "city");
  CHECK(pgSourceSchema("PG:host=h dbname=d").empty());
}

TEST_CASE("a catalog whose PG: source holds a password is refused without showing it", "[pg]") {
  test::TempDir dir;
  test::writeFile(dir.path() / "c.json", R"({"name": "x", "layers": [
    {"id": "p", "title": "p", "role": "points", "source": "PG:host=127.0.0.1 dbname=city password=hunter2", "layer": "p"}]})");
  try {
    loadCatalog(dir.path() / "c.json");
    FAIL("accepted");
  } catch (const InputError& error) {
    const std::string message = error.what();
    CHECK(message.find("hunter2") == std::string::npos);
    CHECK(message.find("layers[0] (\"p\").source") != std::string::npos);
    CHECK(message.find("password=***") != std::string::npos);
  }
  CHECK_THROWS_WITH(refusePassword("postgresql://ann:pa55@db/city", "--target"),
                    !Catch::Contains("pa55") && Catch::Contains("--target"));
}
