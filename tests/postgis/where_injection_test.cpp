// `--where` on PostGIS layers: injection strings through export and route tour on the Daye data
// in schema "daye". The server logs every statement while they run (log_statement = all), and
// the test shows that none of the user's text reached SQL except as bound parameter values, that
// the results equal the same filter on the GeoPackage, and that every table is still there with
// its rows. Then the same filters as SQL of our own (FilterExpression::toSql, PQexecParams) count
// what the local evaluator selects.

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "io/filter/filter_expression.h"
#include "io/postgis/postgis_connection.h"
#include "postgis/postgis_support.h"
#include "postgis/statement_log.h"
#include "test_support.h"

using namespace urbangis;
namespace fs = std::filesystem;

namespace {

// Strings that may only ever travel as values: none may show up in a statement the server ran.
const std::vector<std::string> kMarkers = {"DROP TABLE", "DELETE FROM", "ugis_inj_7f3a", "OR TRUE", "1=1", "'1'='1"};

struct Case {
  std::string layer;
  std::string where;
  int exitCode;  // 0: runs and selects what the GeoPackage run selects; 2: refused on both
};

const std::vector<Case> kCases = {
    {"complaints", "type = 'x''; DROP TABLE daye.complaints; --'", 0},
    {"complaints", "type = '油烟' OR 1=1", 2},
    {"complaints", "type = '油烟'' OR ''1''=''1'", 0},
    {"complaints", "type = '油烟' OR type = 'x''); DELETE FROM daye.complaints; --'", 0},
    {"complaints", "type IN ('噪音', '$1', 'ugis_inj_7f3a'' OR TRUE --')", 0},
    {"complaints", "type LIKE '$1%' OR type LIKE '%烟'", 0},
    {"complaints", "type = '\\' OR type = '噪音'", 0},
    {"complaints", "\"type\" = '噪音' AND case_no NOT LIKE '%''; DROP TABLE daye.street_order; --%'", 0},
    {"complaints", "\"ty\"\"pe; DROP TABLE daye.complaints; --\" = 'x'", 2},
    {"complaints", "type = E'\\x27; DROP TABLE daye.complaints; --'", 2},
    {"complaints", "type = '油烟'; DROP TABLE daye.complaints; --", 2},
    {"street_order", "status != 'ugis_inj_7f3a'' OR TRUE; --' AND fine >= 200", 0},
    {"cable", "kind = '社区'' OR ''1''=''1' OR bundled_m > 100", 0},
};

std::map<std::string, int64_t> tableRows(const PgConnection& connection) {
  std::map<std::string, int64_t> rows;
  const PgResult tables = connection.exec(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1", {std::string("daye")});
  for (int i = 0; i < tables.rows(); ++i)
    rows[tables.text(i, 0)] =
        connection.exec("SELECT count(*) FROM " + qualifiedName("daye", tables.text(i, 0))).integer(0, 0);
  return rows;
}

}  // namespace

TEST_CASE(
    "where filters on PostGIS layers (--where): injection strings select what they select on the GeoPackage, reach SQL "
    "only as values and break nothing",
    "[postgis]") {
  const PgConnection connection(test::pgSource());
  const auto before = tableRows(connection);
  REQUIRE(before.size() >= 11);
  REQUIRE(before.at("complaints") == 184);

  const fs::path log = test::serverLog();
  REQUIRE(fs::exists(log));
  const auto logStart = fs::file_size(log);
  test::TempDir dir;
  {
    const test::StatementLog logging(connection);
    int selectedSomething = 0;
    for (const Case& c : kCases) {
      INFO(c.layer << " --where " << c.where);
      const bool tour = c.layer == "cable";
      const auto command = [&](const fs::path& catalog, const fs::path& out) {
        if (tour)
          return std::vector<std::string>{"route", "tour",    catalog.string(), "--no-cache", "--corridors",
                                          "cable", "--where", c.where,          "--out",      out.string()};
        return std::vector<std::string>{"export", catalog.string(), "--layer", c.layer, "--where",
                                        c.where,  "--classes",      "local",   "--out", out.string()};
      };
      const fs::path localOut = dir.path() / (tour ? "local.geojson" : "local.csv");
      const fs::path pgOut = dir.path() / (tour ? "pg.geojson" : "pg.csv");
      fs::remove(localOut);
      fs::remove(pgOut);
      const auto local = test::run(URBANGIS_CLI, command(test::dayeCatalog(), localOut));
      const auto postgis = test::run(URBANGIS_CLI, command(test::dayePgCatalog(), pgOut));
      INFO(local.err << "\n---\n" << postgis.err);
      REQUIRE(local.exitCode == c.exitCode);
      REQUIRE(postgis.exitCode == c.exitCode);
      if (c.exitCode == 0) {
        CHECK(test::readFile(localOut) == test::readFile(pgOut));
        if (!tour && test::readCsv(pgOut).size() > 1) ++selectedSomething;
      } else {
        // Refused before anything is read, with the same message (the filter's own error) but
        // for the layer's source, which each message names.
        const auto withoutSource = [&](std::string text) {
          const std::string layer = "layer \"" + c.layer + "\" (";
          if (const auto at = text.find(layer); at != std::string::npos)
            text.erase(at + layer.size(), text.find(") ", at) - at - layer.size());
          return text;
        };
        CHECK(postgis.err.find("--where") != std::string::npos);
        CHECK(withoutSource(local.err) == withoutSource(postgis.err));
        CHECK(!fs::exists(pgOut));
      }
    }
    CHECK(selectedSomething >= 5);  // most filters select rows, so equal outputs say something
    connection.exec("SELECT $1::text AS probe", {std::string("ugis_log_probe")});
  }

  // Every table is still there with its rows.
  CHECK(tableRows(connection) == before);

  // The server's log of the runs: the statements the commands sent name the tables (so they
  // were logged), none holds any of the user's text, and none failed to parse.
  const std::string logged = test::readFrom(log, logStart);
  REQUIRE(logged.find("ugis_log_probe") != std::string::npos);  // log_statement was on
  CHECK(logged.find("\"complaints\"") != std::string::npos);    // the reads of the layers
  CHECK(logged.find("\"cable\"") != std::string::npos);
  // The filters ran inside PostgreSQL (where_pushdown_test.cpp), their text only as parameters.
  CHECK(logged.find("DECLARE urbangis_where") != std::string::npos);
  std::istringstream lines(logged);
  std::string line;
  int statements = 0;
  while (std::getline(lines, line)) {
    if (line.find("DETAIL:  parameters:") != std::string::npos) continue;  // bound values, not SQL
    statements += line.find("LOG:  statement:") != std::string::npos || line.find("LOG:  execute") != std::string::npos;
    CHECK(line.find("syntax error") == std::string::npos);
    for (const std::string& marker : kMarkers) {
      INFO(line);
      CHECK(line.find(marker) == std::string::npos);
    }
  }
  CHECK(statements > 20);
}

TEST_CASE("where filters as SQL of our own (--where): bound parameters select what the local evaluator selects",
          "[postgis]") {
  // The push-down path (FilterExpression::toSql + PQexecParams) on the text and date-free fields
  // of Daye's complaints: every filter counts in SQL what our evaluator counts in the GeoPackage
  // export, and the tables keep their rows.
  const PgConnection connection(test::pgSource());
  const auto before = tableRows(connection);
  test::TempDir dir;
  int compared = 0;
  for (const Case& c : kCases) {
    if (c.exitCode != 0 || c.layer != "complaints") continue;
    INFO(c.where);
    const auto local = test::run(URBANGIS_CLI, {"export", test::dayeCatalog().string(), "--layer", c.layer, "--where",
                                                c.where, "--out", (dir.path() / "local.csv").string()});
    REQUIRE(local.exitCode == 0);
    const auto expected = static_cast<int64_t>(test::readCsv(dir.path() / "local.csv").size()) - 1;
    std::vector<FilterValue> values;
    const std::string where = FilterExpression::parse(c.where).toSql(values);
    for (const std::string& marker : kMarkers) CHECK(where.find(marker) == std::string::npos);
    const PgResult count = connection.exec("SELECT count(*) FROM " + qualifiedName("daye", c.layer) + " WHERE " + where,
                                           pgParameters(values), "--where " + c.where);
    CHECK(count.integer(0, 0) == expected);
    ++compared;
  }
  CHECK(compared >= 7);
  CHECK(tableRows(connection) == before);
}
