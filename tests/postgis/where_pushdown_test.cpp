// `--where` pushed down to PostgreSQL (io/filter/filtered_features.h): filters that can select exactly
// what our evaluator selects run inside the server as one query of ours with bound parameters,
// and only the matching rows come back, as the features OGR would have built; filters that
// cannot (a number against a text column, a date compared with text) are filtered here. Either
// way the result is the GeoPackage's.

#include <catch2/catch.hpp>

#include <sstream>
#include <vector>

#include "io/catalog/catalog_loader.h"
#include "io/filter/feature_filter.h"
#include "io/filter/filtered_features.h"
#include "io/sources/vector_source.h"
#include "postgis/postgis_support.h"
#include "postgis/statement_log.h"
#include "test_support.h"

using namespace urbangis;
namespace fs = std::filesystem;

namespace {

struct Case {
  std::string layer;
  std::string where;
};

// Text, order, LIKE with a backslash (no escape character in our language), IN, integers
// against fractional literals, dates tested for NULL: all exact in SQL.
const std::vector<Case> kExact = {
    {"complaints", "case_no = 'YY2023-0007'"},
    {"complaints", "type = '油烟' AND case_no < 'YY2023-0050'"},
    {"complaints", "type NOT LIKE '%\\' AND case_no LIKE 'YY2023-01_0'"},
    {"complaints", "type IN ('噪音', 'x') AND NOT case_no > 'YY2023-0100'"},
    {"street_order", "fine > 200 AND fine <= 1000"},
    {"cable", "bundled_m > 999.5 AND kind = '社区'"},
    {"cable", "bundled_m BETWEEN 1000 AND 5000.5 OR road LIKE '%大道'"},
    {"gas_hazards", "fixed IS NULL OR type = '户内设施'"},
};

// Comparisons SQL would answer differently: a number against a text column (to us 'YY2023-0001'
// is no number, so `case_no > 5` is unknown; to PostgreSQL it is text greater than '5'), a date
// column against text.
const std::vector<Case> kNotExact = {
    {"complaints", "case_no > 5 OR type = '噪音'"},
    {"complaints", "NOT case_no <= 5 OR case_no = 'YY2023-0007'"},
    {"street_order", "date >= '2023-06-01' AND fine > 200"},
};

struct Read {
  std::vector<OGRFeatureUniquePtr> features;
  int64_t read = 0;
  bool pushedDown = false;
  std::string note;
};

Read readFiltered(const LayerSpec& spec, OGRLayer& layer, const std::string& where) {
  const std::optional<FilterExpression> filter = FilterExpression::parse(where);
  FilteredFeatures features(spec, layer, filter);
  Read result;
  while (OGRFeatureUniquePtr feature = features.next()) result.features.push_back(std::move(feature));
  result.read = features.read(), result.pushedDown = features.pushedDown(), result.note = features.note();
  return result;
}

// What OGR reads of the whole layer, filtered by our evaluator: the path without push-down.
std::vector<OGRFeatureUniquePtr> readByOgr(const LayerSpec& spec, OGRLayer& layer, const std::string& where) {
  const FilterExpression filter = FilterExpression::parse(where);
  const FeatureFilter test(filter, *layer.GetLayerDefn(), spec);
  std::vector<OGRFeatureUniquePtr> features;
  layer.ResetReading();
  while (OGRFeatureUniquePtr feature{layer.GetNextFeature()})
    if (test.matches(*feature)) features.push_back(std::move(feature));
  return features;
}

std::vector<GIntBig> fidsOf(const std::vector<OGRFeatureUniquePtr>& features) {
  std::vector<GIntBig> fids;
  for (const auto& feature : features) fids.push_back(feature->GetFID());
  return fids;
}

}  // namespace

TEST_CASE(
    "where push-down: exact filters run in PostgreSQL as a WHERE with $n parameters, only the matches are read, as the "
    "features OGR builds",
    "[postgis]") {
  const Catalog postgis = loadCatalog(test::dayePgCatalog());
  const Catalog local = loadCatalog(test::dayeCatalog());
  const PgConnection connection(test::pgSource());
  const fs::path log = test::serverLog();
  const auto logStart = fs::file_size(log);
  int selective = 0;
  {
    const test::StatementLog logging(connection);
    for (const Case& c : kExact) {
      INFO(c.layer << " --where " << c.where);
      const LayerSpec& spec = postgis.layer(c.layer);
      VectorSource source = openCatalogLayer(spec);
      const Read pushed = readFiltered(spec, *source.layer, c.where);
      REQUIRE(pushed.pushedDown);
      CHECK(pushed.note == "selected in PostGIS");
      // Only the matches crossed the network: every row the server sent was kept.
      CHECK(pushed.read == static_cast<int64_t>(pushed.features.size()));
      const GIntBig total = source.layer->GetFeatureCount();
      selective += pushed.read < total / 2;

      // The same features, in the same order, as OGR reading the whole table and our evaluator.
      const auto byOgr = readByOgr(spec, *source.layer, c.where);
      REQUIRE(pushed.features.size() == byOgr.size());
      for (size_t i = 0; i < byOgr.size(); ++i) {
        INFO("feature " << byOgr[i]->GetFID());
        CHECK(pushed.features[i]->Equal(byOgr[i].get()));
      }
      // And the GeoPackage's selection.
      VectorSource gpkg = openCatalogLayer(local.layer(c.layer));
      const Read there = readFiltered(local.layer(c.layer), *gpkg.layer, c.where);
      CHECK(!there.pushedDown);
      CHECK(there.note.empty());
      CHECK(fidsOf(pushed.features) == fidsOf(there.features));
    }
  }
  CHECK(selective >= 5);

  // The server ran our query: the filter as a WHERE with $n placeholders cast to the column's
  // kind, its literals only in the log's parameter lines.
  const std::string logged = test::readFrom(log, logStart);
  CHECK(logged.find("DECLARE urbangis_where NO SCROLL CURSOR FOR SELECT \"fid\", ST_AsBinary(\"geom\")") !=
        std::string::npos);
  CHECK(logged.find("FROM \"daye\".\"complaints\" WHERE (\"case_no\" = $1::text) ORDER BY \"fid\"") !=
        std::string::npos);
  CHECK(logged.find("(\"case_no\" COLLATE \"C\" < $2::text)") != std::string::npos);
  CHECK(logged.find("LIKE $1::text ESCAPE ''") != std::string::npos);
  CHECK(logged.find("(\"bundled_m\" > $1::float8)") != std::string::npos);
  CHECK(logged.find("$1 = 'YY2023-0007'") != std::string::npos);  // the value, bound
  std::istringstream lines(logged);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("DETAIL:  parameters:") != std::string::npos) continue;
    INFO(line);
    CHECK(line.find("YY2023-0007") == std::string::npos);
    CHECK(line.find("油烟") == std::string::npos);
    CHECK(line.find("999.5") == std::string::npos);
  }
}

TEST_CASE(
    "where push-down: filters SQL would answer differently (numbers against text columns) are filtered here, as on the "
    "GeoPackage",
    "[postgis]") {
  const Catalog postgis = loadCatalog(test::dayePgCatalog());
  const Catalog local = loadCatalog(test::dayeCatalog());
  int selectedSomething = 0;
  for (const Case& c : kNotExact) {
    INFO(c.layer << " --where " << c.where);
    const LayerSpec& spec = postgis.layer(c.layer);
    VectorSource source = openCatalogLayer(spec);
    const Read here = readFiltered(spec, *source.layer, c.where);
    CHECK(!here.pushedDown);
    CHECK_THAT(here.note, Catch::StartsWith("--where ran here, not in PostGIS: "));
    CHECK(here.read == source.layer->GetFeatureCount());  // the whole table, as before
    VectorSource gpkg = openCatalogLayer(local.layer(c.layer));
    const Read there = readFiltered(local.layer(c.layer), *gpkg.layer, c.where);
    CHECK(fidsOf(here.features) == fidsOf(there.features));
    selectedSomething += !here.features.empty();
  }
  CHECK(selectedSomething == static_cast<int>(kNotExact.size()));
  VectorSource complaints = openCatalogLayer(postgis.layer("complaints"));
  CHECK(readFiltered(postgis.layer("complaints"), *complaints.layer, "case_no > 5 OR type = '噪音'").note ==
        "--where ran here, not in PostGIS: the number 5 against character varying column \"case_no\"");
}

TEST_CASE("where push-down: export and route tour give the GeoPackage's bytes and say on stderr where the filter ran",
          "[postgis]") {
  test::TempDir dir;
  const auto both = [&](std::vector<std::string> args, const std::string& out, const std::string& note) {
    INFO(args[0] << " --where");
    const fs::path localOut = dir.path() / ("local-" + out), pgOut = dir.path() / ("pg-" + out);
    auto local = args, postgis = args;
    local.insert(local.begin() + (args[0] == "route" ? 2 : 1), test::dayeCatalog().string());
    postgis.insert(postgis.begin() + (args[0] == "route" ? 2 : 1), test::dayePgCatalog().string());
    local.insert(local.end(), {"--out", localOut.string()});
    postgis.insert(postgis.end(), {"--out", pgOut.string()});
    const auto there = test::run(URBANGIS_CLI, local), here = test::run(URBANGIS_CLI, postgis);
    INFO(there.err << "\n---\n" << here.err);
    REQUIRE(there.exitCode == 0);
    REQUIRE(here.exitCode == 0);
    CHECK(test::readFile(localOut) == test::readFile(pgOut));
    CHECK_THAT(here.err, Catch::Contains(note));
    CHECK(there.err.find("PostGIS") == std::string::npos);
  };
  both({"export", "--layer", "street_order", "--where", "fine > 200 AND status = '已整改'", "--by", "communities",
        "--classes", "local"},
       "orders.csv", "features of street_order matching fine > 200 AND status = '已整改' (selected in PostGIS)");
  both({"export", "--layer", "complaints", "--where", "case_no > 5 OR type = '噪音'", "--classes", "local"},
       "complaints.geojson",
       "(--where ran here, not in PostGIS: the number 5 against character varying column \"case_no\")");
  both({"route", "tour", "--no-cache", "--corridors", "cable", "--where", "bundled_m > 999.5 AND kind = '社区'"},
       "tour.geojson", "cable --where \"bundled_m > 999.5 AND kind = '社区'\": selected in PostGIS");
}

TEST_CASE(
    "where push-down: edge values (numeric text, NaN, infinities, 2^53 + 1, backslashes) select what our evaluator "
    "selects",
    "[postgis]") {
  // A table of values where SQL and our evaluator part ways unless the push-down reads each
  // column as toExactSql says.
  const PgConnection connection(test::pgSource());
  connection.exec("DROP SCHEMA IF EXISTS pushdown_edges CASCADE");
  connection.exec("CREATE SCHEMA pushdown_edges");
  connection.exec(
      "CREATE TABLE pushdown_edges.edges (fid serial PRIMARY KEY, label varchar, amount float8, price numeric(10,2), "
      "n int4, big int8, seen timestamp, geom geometry(Point, 4326))");
  connection.exec(
      "INSERT INTO pushdown_edges.edges (label, amount, price, n, big, seen, geom) VALUES "
      "('30.10', 'NaN', 1.50, 3, 9007199254740993, 'infinity', ST_Point(114.90, 30.10, 4326)), "
      "('7', 1.5, 'NaN', 7, 1, NULL, ST_Point(114.91, 30.11, 4326)), "
      "('10', '-Infinity', 2.25, NULL, 10, '2023-06-01 08:00:00', ST_Point(114.92, 30.12, 4326)), "
      "('a\\b', NULL, NULL, 10, NULL, '2023-06-01 00:00:00', ST_Point(114.93, 30.13, 4326)), "
      "('30.1', 0.1, 0.10, 0, -5, '2022-01-01 00:00:00', ST_Point(114.94, 30.14, 4326)), "
      "(NULL, 2, 3, 4, 5, '2024-01-01 00:00:00', NULL)");
  test::TempDir dir;
  test::writeFile(dir.path() / "edges.json",
                  R"({"name": {"en": "Edges"}, "layers": [{"id": "edges", "title": {"en": "Edges"}, "role": "points",
                      "source": ")" +
                      test::pgSource() + R"(", "layer": "pushdown_edges.edges"}]})");
  const Catalog catalog = loadCatalog(dir.path() / "edges.json");
  const LayerSpec& spec = catalog.layer("edges");
  VectorSource source = openCatalogLayer(spec);

  const std::vector<std::string> exact = {
      "amount != 1",                    // NaN is unknown to us, true to PostgreSQL
      "amount < 1.5 OR price >= 2.25",  // -Infinity, numeric NaN
      "NOT amount > 0",
      "price = 0.1",                             // numeric 0.10 as the double 0.1
      "n BETWEEN 2.5 AND 7.5",                   // a fractional literal against integers
      "big = 9007199254740992",                  // 2^53 + 1 is 2^53 as a double, to both
      "seen IS NULL",                            // 'infinity' is a null once OGR has read it
      "seen IS NOT NULL AND label LIKE 'a\\_'",  // a backslash is no escape character
      "label >= '30.1' AND label < '7'",         // bytewise order
      "label IN ('7', '10') OR label IS NULL",
  };
  for (const std::string& where : exact) {
    INFO("--where " << where);
    const Read pushed = readFiltered(spec, *source.layer, where);
    CHECK(pushed.pushedDown);
    CHECK(pushed.read == static_cast<int64_t>(pushed.features.size()));  // no row the guard had to drop
    CHECK(fidsOf(pushed.features) == fidsOf(readByOgr(spec, *source.layer, where)));
  }
  CHECK(fidsOf(readFiltered(spec, *source.layer, "big = 9007199254740992").features) == std::vector<GIntBig>{1});
  CHECK(fidsOf(readFiltered(spec, *source.layer, "seen IS NULL").features) == std::vector<GIntBig>{1, 2});

  // Numbers against text: to us '30.10' equals 30.1 and '10' is greater than 9, to PostgreSQL's
  // text comparison neither; so these are filtered here.
  for (const std::string& where :
       {std::string("label = 30.1"), std::string("label > 9"), std::string("seen >= '2023'")}) {
    INFO("--where " << where);
    const Read here = readFiltered(spec, *source.layer, where);
    CHECK(!here.pushedDown);
    CHECK(fidsOf(here.features) == fidsOf(readByOgr(spec, *source.layer, where)));
  }
  CHECK(fidsOf(readFiltered(spec, *source.layer, "label = 30.1").features) == std::vector<GIntBig>{1, 5});
  CHECK(fidsOf(readFiltered(spec, *source.layer, "label > 9").features) == std::vector<GIntBig>{1, 3, 5});
  CHECK(
      connection.exec("SELECT count(*) FROM pushdown_edges.edges WHERE label = $1", {std::string("30.100000000000001")})
          .integer(0, 0) == 0);  // what pasting the parameter as text would have selected
  connection.exec("DROP SCHEMA pushdown_edges CASCADE");
}
