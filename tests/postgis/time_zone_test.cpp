// Times with UTC offsets on the PostGIS engine: the session's TimeZone is the catalog's
// time_zone, so a timestamptz column and a naive timestamp column fall in the same days and
// months as the local engine reads them (io/values/timestamps.h), around a month boundary.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "io/postgis/postgis_connection.h"
#include "postgis/postgis_support.h"
#include "test_support.h"

using namespace urbangis;

namespace {

// Five events inside zone A: `opened` (timestamptz) written with Z, +08:00, -05:00 and +09:00
// around 1 July 2023, and `opened_naive` (timestamp) as a bureau writes local time.
void createEvents(const PgConnection& db) {
  db.exec("DROP SCHEMA IF EXISTS tz_test CASCADE");
  db.exec("CREATE SCHEMA tz_test");
  db.exec("CREATE TABLE tz_test.zones (fid serial PRIMARY KEY, zid text, geom geometry(Polygon, 4547))");
  db.exec(
      "INSERT INTO tz_test.zones (zid, geom) VALUES ('A', ST_GeomFromText("
      "'POLYGON((593000 3331000, 593100 3331000, 593100 3331100, 593000 3331100, 593000 3331000))', 4547))");
  db.exec(
      "CREATE TABLE tz_test.events (fid serial PRIMARY KEY, opened timestamptz, opened_naive timestamp, "
      "geom geometry(Point, 4547))");
  db.exec(
      "INSERT INTO tz_test.events (opened, opened_naive, geom) VALUES "
      "('2023-06-30T20:00:00Z',      '2023-06-30 23:59:59', ST_SetSRID(ST_MakePoint(593050, 3331050), 4547)),"
      "('2023-06-30T23:30:00+08:00', '2023-07-01 00:00:00', ST_SetSRID(ST_MakePoint(593050, 3331050), 4547)),"
      "('2023-06-30T12:00:00-05:00', '2023-07-31 23:59:59', ST_SetSRID(ST_MakePoint(593050, 3331050), 4547)),"
      "('2023-07-01T00:00:00+09:00', '2023-08-01 00:00:00', ST_SetSRID(ST_MakePoint(593050, 3331050), 4547)),"
      "('2023-07-01T04:00:00Z',      '2023-07-15 12:00:00', ST_SetSRID(ST_MakePoint(593050, 3331050), 4547))");
}

std::filesystem::path writeCatalog(const std::filesystem::path& dir, const std::string& zone) {
  const std::string source = test::pgSource();
  const nlohmann::json catalog = {{"crs", "EPSG:4547"},
                                  {"time_zone", zone},
                                  {"layers",
                                   {{{"id", "zones"},
                                     {"title", "Z"},
                                     {"role", "zones"},
                                     {"source", source},
                                     {"layer", "tz_test.zones"},
                                     {"id_field", "zid"}},
                                    {{"id", "offsets"},
                                     {"title", "O"},
                                     {"role", "points"},
                                     {"source", source},
                                     {"layer", "tz_test.events"},
                                     {"time_field", "opened"}},
                                    {{"id", "naive"},
                                     {"title", "N"},
                                     {"role", "points"},
                                     {"source", source},
                                     {"layer", "tz_test.events"},
                                     {"time_field", "opened_naive"}}}}};
  const auto file = dir / ("catalog-" + std::to_string(zone.size()) + ".json");
  test::writeFile(file, catalog.dump());
  return file;
}

// zone A's counts of both layers in July, by `engine`.
std::pair<std::string, std::string> julyCounts(const std::filesystem::path& catalog, const std::string& engine,
                                               const std::filesystem::path& out) {
  const auto run = test::run(URBANGIS_CLI, {"stats", catalog.string(), "--by", "zones", "--since", "2023-07-01",
                                            "--until", "2023-07-31", "--engine", engine, "--out", out.string()});
  INFO(run.err);
  REQUIRE(run.exitCode == 0);
  const auto rows = test::readCsv(out);
  REQUIRE(rows.size() == 3);
  const auto column = [&](const std::string& name) {
    for (size_t c = 0; c < rows[0].size(); ++c)
      if (rows[0][c] == name) return c;
    FAIL("no column " << name);
    return size_t{0};
  };
  REQUIRE(rows[1][0] == "A");
  return {rows[1][column("offsets_count")], rows[1][column("naive_count")]};
}

}  // namespace

TEST_CASE("timestamptz and naive timestamps fall in the catalog zone's days, on both engines",
          "[postgis][timestamps]") {
  const PgConnection db(test::pgSource());
  createEvents(db);
  test::TempDir dir;
  // Asia/Shanghai (UTC+8): 20:00Z, 12:00-05:00 and 04:00Z are July there; 23:30+08:00 and
  // 00:00+09:00 on 1 July are still June. Naive times are the zone's own.
  const auto shanghai = writeCatalog(dir.path(), "Asia/Shanghai");
  CHECK(julyCounts(shanghai, "postgis", dir.path() / "pg.csv") == std::pair<std::string, std::string>{"3", "3"});
  CHECK(julyCounts(shanghai, "local", dir.path() / "local.csv") == std::pair<std::string, std::string>{"3", "3"});
  // America/New_York (EDT, UTC-4): only 04:00Z on 1 July is July; the naive times do not move.
  const auto newYork = writeCatalog(dir.path(), "America/New_York");
  CHECK(julyCounts(newYork, "postgis", dir.path() / "pg.csv") == std::pair<std::string, std::string>{"1", "3"});
  CHECK(julyCounts(newYork, "local", dir.path() / "local.csv") == std::pair<std::string, std::string>{"1", "3"});
  db.exec("DROP SCHEMA tz_test CASCADE");
}
