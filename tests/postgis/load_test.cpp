// `urbangis load`: tables with geometry column, GiST index and primary key; CSV points become
// point tables; the sources are left untouched; bad input exits 2.

#include <catch2/catch.hpp>

#include "io/postgis/postgis_connection.h"
#include "postgis/postgis_support.h"
#include "test_support.h"

using namespace urbangis;

TEST_CASE("load writes indexed tables with every feature", "[postgis]") {
  const PgConnection db(test::pgSource());
  const PgResult tables = db.exec(
      "SELECT g.f_table_name, g.type, g.srid, "
      "  (SELECT count(*) FROM pg_indexes i WHERE i.schemaname = 'daye' AND i.tablename = g.f_table_name "
      "     AND i.indexdef LIKE '%USING gist (geom)%'), "
      "  (SELECT string_agg(a.attname, ',') FROM pg_constraint c JOIN pg_attribute a "
      "     ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) "
      "     WHERE c.conrelid = ('daye.' || quote_ident(g.f_table_name))::regclass AND c.contype = 'p') "
      "FROM geometry_columns g WHERE g.f_table_schema = 'daye' ORDER BY 1");
  REQUIRE(tables.rows() == 12);  // the fixture loads 12 layers (tests/scripts/postgis_fixture.sh)
  for (int row = 0; row < tables.rows(); ++row) {
    INFO(tables.text(row, 0));
    CHECK(tables.text(row, 2) == "4490");
    CHECK(tables.integer(row, 3) == 1);
    CHECK(tables.text(row, 4) == "fid");
  }
  const PgResult complaints =
      db.exec("SELECT count(*), count(DISTINCT type), min(opened)::text, GeometryType(min(geom)) FROM daye.complaints");
  CHECK(complaints.integer(0, 0) == 184);  // the CSV's rows, as points
  CHECK(complaints.integer(0, 1) == 2);
  CHECK(complaints.text(0, 2).rfind("2023-", 0) == 0);
  CHECK(complaints.text(0, 3) == "POINT");
  CHECK(db.exec("SELECT sum(fine) FROM daye.street_order").number(0, 0) == 148435.0);  // the 2023 report
  CHECK(db.exec("SELECT count(*) FROM daye.gas_hazards").integer(0, 0) == 1139);
  CHECK(db.exec("SELECT count(*), count(DISTINCT condition) FROM daye.assets").integer(0, 0) == 5540);
}

TEST_CASE("load into another schema leaves the sources untouched and writes a usable catalog", "[postgis]") {
  test::TempDir dir;
  const std::string before = test::folderFingerprint(test::dataDir());
  const std::string catalogBefore = test::fileFingerprint(test::dayeCatalog());
  const auto first =
      test::run(URBANGIS_CLI, {"load", test::dayeCatalog().string(), test::pgSource(), "--schema", "load test",
                               "--layers", "complaints,districts", "--catalog-out", (dir.path() / "c.json").string()});
  INFO(first.err);
  REQUIRE(first.exitCode == 0);
  CHECK(first.out.find("loaded complaints: 184 rows into load test.complaints (POINT") != std::string::npos);
  CHECK(first.out.find("loaded districts: 18 rows") != std::string::npos);
  // Again: the tables are replaced, not appended to.
  const auto again = test::run(URBANGIS_CLI, {"load", test::dayeCatalog().string(), test::pgSource(), "--schema",
                                              "load test", "--layers", "complaints"});
  REQUIRE(again.exitCode == 0);
  CHECK(again.out.find("184 rows") != std::string::npos);
  CHECK(test::folderFingerprint(test::dataDir()) == before);
  CHECK(test::fileFingerprint(test::dayeCatalog()) == catalogBefore);

  const auto stats =
      test::run(URBANGIS_CLI, {"stats", (dir.path() / "c.json").string(), "--by", "districts", "--layers",
                               "complaints,gas_hazards", "--out", (dir.path() / "mixed.csv").string()});
  INFO(stats.err);
  REQUIRE(stats.exitCode == 0);
  const auto rows = test::readCsv(dir.path() / "mixed.csv");
  REQUIRE(rows.size() == 20);  // header, 18 districts, (none)
  const PgConnection db(test::pgSource());
  db.exec("DROP SCHEMA \"load test\" CASCADE");
}

TEST_CASE("load refuses bad targets and layers with exit code 2", "[postgis]") {
  const std::string catalog = test::dayeCatalog().string();
  const auto notPg = test::run(URBANGIS_CLI, {"load", catalog, "/tmp/x.gpkg"});
  CHECK(notPg.exitCode == 2);
  CHECK(notPg.err.find("not a PG: connection") != std::string::npos);
  const auto password = test::run(URBANGIS_CLI, {"load", catalog, test::pgSource() + " password=Secr3tpw"});
  CHECK(password.exitCode == 2);
  CHECK((password.out + password.err).find("Secr3tpw") == std::string::npos);
  const auto unknown = test::run(URBANGIS_CLI, {"load", catalog, test::pgSource(), "--layers", "nope"});
  CHECK(unknown.exitCode == 2);
  CHECK(unknown.err.find("no layer with id \"nope\"") != std::string::npos);
  const auto noServer = test::run(URBANGIS_CLI, {"load", catalog, "PG:host=127.0.0.1 port=1 dbname=x user=y"});
  CHECK(noServer.exitCode == 2);
  CHECK(noServer.err.find("PG:host=127.0.0.1 port=1 dbname=x user=y: cannot connect") != std::string::npos);
}
