// `urbangis load` is atomic (docs/postgis.md): a load that fails midway or is killed (SIGKILL
// mid-copy) leaves the old tables with their rows, the next load cleans up after a killed one,
// and a reader never sees a table missing or half filled — not even one blocked on the old
// table during the swap.

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <functional>
#include <thread>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "io/postgis/postgis_connection.h"
#include "postgis/postgis_support.h"
#include "test_support.h"

extern char** environ;

using namespace urbangis;
namespace fs = std::filesystem;

namespace {

const std::string kSchema = "atomic load";
const std::string kSpots = "\"atomic load\".spots";

// `rows` points in a CSV and a catalog with it as layer "spots" (and, when given, a GeoPackage
// layer "areas").
fs::path writeCatalog(const fs::path& dir, const std::string& name, int rows, const fs::path& areas = {}) {
  {
    std::ofstream csv(dir / (name + ".csv"), std::ios::binary);
    csv << "no,lon,lat\n";
    for (int i = 0; i < rows; ++i)
      csv << i << ',' << 114.9 + (i % 1000) * 1e-4 << ',' << 30.05 + (i / 1000) * 1e-5 << '\n';
  }
  const fs::path catalog = dir / (name + ".json");
  std::ofstream json(catalog, std::ios::binary);
  json << R"({"crs": "EPSG:4547", "layers": [{"id": "spots", "title": "S", "role": "points", "source": ")" << name
       << R"(.csv", "x": "lon", "y": "lat", "crs": "CGCS2000", "encoding": "UTF-8", "id_field": "no"})";
  if (!areas.empty())
    json << R"(, {"id": "areas", "title": "A", "role": "areas", "source": ")" << areas.string()
         << R"(", "layer": "areas"})";
  json << "]}\n";
  return catalog;
}

// A GeoPackage polygon layer of `count` squares; with `pointAt` >= 0, that feature is a point
// (GDAL writes it with a warning; PostGIS refuses it in a MultiPolygon column).
fs::path writeAreas(const fs::path& dir, const std::string& name, int count, int pointAt) {
  GDALAllRegister();
  const fs::path file = dir / (name + ".gpkg");
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  GDALDatasetUniquePtr dataset(driver->Create(file.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  REQUIRE(dataset);
  OGRSpatialReference srs;
  srs.importFromEPSG(4490);
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRLayer* layer = dataset->CreateLayer("areas", &srs, wkbPolygon, nullptr);
  REQUIRE(layer);
  CPLPushErrorHandler(CPLQuietErrorHandler);
  for (int i = 0; i < count; ++i) {
    OGRFeature feature(layer->GetLayerDefn());
    const double x = 114.9 + i * 1e-3, y = 30.05;
    char wkt[256];
    if (i == pointAt)
      std::snprintf(wkt, sizeof wkt, "POINT (%.6f %.6f)", x, y);
    else
      std::snprintf(wkt, sizeof wkt, "POLYGON ((%.6f %.6f, %.6f %.6f, %.6f %.6f, %.6f %.6f))", x, y, x + 5e-4, y, x,
                    y + 5e-4, x, y);
    OGRGeometry* geometry = nullptr;
    OGRGeometryFactory::createFromWkt(wkt, &srs, &geometry);
    feature.SetGeometryDirectly(geometry);
    REQUIRE(layer->CreateFeature(&feature) == OGRERR_NONE);
  }
  CPLPopErrorHandler();
  return file;
}

int64_t count(const PgConnection& db, const std::string& table) {
  return db.exec("SELECT count(*) FROM " + table).integer(0, 0);
}

int64_t stagingTables(const PgConnection& db) {
  return db
      .exec("SELECT count(*) FROM pg_tables WHERE schemaname = $1 AND tablename LIKE 'urbangis\\_staging\\_%'",
            {kSchema})
      .integer(0, 0);
}

// `urbangis load` started in the background, its output in files of `dir`.
struct Loader {
  pid_t pid = -1;
  fs::path err;
  Loader(const fs::path& catalog, const fs::path& dir) : err(dir / "load.err") {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, (dir / "load.out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<std::string> args{URBANGIS_CLI, "load", catalog.string(), test::pgSource(), "--schema", kSchema};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    REQUIRE(posix_spawn(&pid, URBANGIS_CLI, &actions, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
  }
  bool running() const {
    int status = 0;
    return waitpid(pid, &status, WNOHANG) == 0;
  }
  // The exit status (128 + signal when killed).
  int wait() {
    int status = 0;
    waitpid(pid, &status, 0);
    pid = -1;
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
  }
  ~Loader() {
    if (pid > 0) {
      kill(pid, SIGKILL);
      wait();
    }
  }
};

// Polls `condition` until it holds; false when the loader ended first or after two minutes.
bool waitFor(const Loader& loader, const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    if (!loader.running()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // pacing the polls
  }
  return false;
}

struct Schema {
  PgConnection db{test::pgSource()};
  Schema() { db.exec("DROP SCHEMA IF EXISTS \"atomic load\" CASCADE"); }
  ~Schema() {
    try {
      db.exec("DROP SCHEMA IF EXISTS \"atomic load\" CASCADE");
    } catch (...) {
    }
  }
};

}  // namespace

TEST_CASE("a load that fails on a bad feature midway leaves every old table and its rows", "[postgis][atomic]") {
  test::TempDir dir;
  Schema schema;
  const fs::path oldCatalog = writeCatalog(dir.path(), "old", 100, writeAreas(dir.path(), "old_areas", 3, -1));
  const auto first = test::run(URBANGIS_CLI, {"load", oldCatalog.string(), test::pgSource(), "--schema", kSchema});
  INFO(first.err);
  REQUIRE(first.exitCode == 0);
  // The new spots load completely into their staging table; the areas fail at feature 1,000.
  const fs::path newCatalog = writeCatalog(dir.path(), "new", 250, writeAreas(dir.path(), "new_areas", 2000, 1000));
  const auto failed = test::run(URBANGIS_CLI, {"load", newCatalog.string(), test::pgSource(), "--schema", kSchema});
  INFO(failed.err);
  CHECK(failed.exitCode == 2);
  CHECK(failed.err.find("layer \"areas\"") != std::string::npos);
  CHECK(failed.err.find("Point") != std::string::npos);  // the cause, not "transaction is aborted"
  CHECK(count(schema.db, kSpots) == 100);
  CHECK(count(schema.db, "\"atomic load\".areas") == 3);
  CHECK(stagingTables(schema.db) == 0);  // a failed load drops its staging tables
  // The old tables are whole: indexes and keys under their own names.
  CHECK(schema.db
            .exec("SELECT count(*) FROM pg_indexes WHERE schemaname = $1 AND indexname IN "
                  "('spots_pkey', 'spots_geom_geom_idx', 'areas_pkey', 'areas_geom_geom_idx')",
                  {kSchema})
            .integer(0, 0) == 4);
}

TEST_CASE("a load killed mid-copy leaves the old rows, and the next load succeeds", "[postgis][atomic]") {
  test::TempDir dir;
  Schema schema;
  const auto first = test::run(
      URBANGIS_CLI, {"load", writeCatalog(dir.path(), "old", 100).string(), test::pgSource(), "--schema", kSchema});
  REQUIRE(first.exitCode == 0);
  const fs::path big = writeCatalog(dir.path(), "big", 400000);
  {
    Loader loader(big, dir.path());
    // The kill lands while GDAL's COPY into the staging table runs.
    const bool copying = waitFor(loader, [&] {
      return schema.db.exec("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY %urbangis_staging_spots%'")
                 .integer(0, 0) > 0;
    });
    INFO(test::readFile(loader.err));
    REQUIRE(copying);
    kill(loader.pid, SIGKILL);
    CHECK(loader.wait() == 128 + SIGKILL);
  }
  CHECK(count(schema.db, kSpots) == 100);
  const auto next = test::run(
      URBANGIS_CLI, {"load", writeCatalog(dir.path(), "next", 250).string(), test::pgSource(), "--schema", kSchema});
  INFO(next.err);
  REQUIRE(next.exitCode == 0);
  CHECK(count(schema.db, kSpots) == 250);
  CHECK(stagingTables(schema.db) == 0);
  CHECK(schema.db.exec("SELECT count(*) FROM pg_class WHERE relname LIKE 'urbangis\\_staging\\_%'").integer(0, 0) == 0);
}

TEST_CASE("a reader polling during a load sees the old table or the new one, whole", "[postgis][atomic]") {
  test::TempDir dir;
  Schema schema;
  const auto first = test::run(
      URBANGIS_CLI, {"load", writeCatalog(dir.path(), "old", 100).string(), test::pgSource(), "--schema", kSchema});
  REQUIRE(first.exitCode == 0);
  const PgConnection reader(test::pgSource());
  std::vector<int64_t> seen;
  std::string failure;
  {
    Loader loader(writeCatalog(dir.path(), "big", 200000), dir.path());
    while (loader.running()) {
      try {
        seen.push_back(count(reader, kSpots));
      } catch (const std::exception& error) {
        failure = error.what();
        break;
      }
    }
    CHECK(loader.wait() == 0);
  }
  seen.push_back(count(reader, kSpots));
  CHECK(failure.empty());
  for (const int64_t rows : seen) CHECK((rows == 100 || rows == 200000));
  CHECK(seen.front() == 100);
  CHECK(seen.back() == 200000);
}

TEST_CASE("a reader blocked on the old table during the swap reads the new one", "[postgis][atomic]") {
  test::TempDir dir;
  Schema schema;
  const auto first = test::run(
      URBANGIS_CLI, {"load", writeCatalog(dir.path(), "old", 100).string(), test::pgSource(), "--schema", kSchema});
  REQUIRE(first.exitCode == 0);
  // A transaction holding the old table keeps the swap waiting; a reader arriving then queues
  // behind the swap. When the transaction ends, the swap commits and the reader must find the
  // new table, not "relation does not exist" or the dropped one.
  const PgConnection holder(test::pgSource());
  holder.exec("BEGIN");
  CHECK(count(holder, kSpots) == 100);
  const auto waiting = [&] {
    return schema.db.exec("SELECT count(*) FROM pg_locks WHERE relation = $1::regclass AND NOT granted", {kSpots})
        .integer(0, 0);
  };
  Loader loader(writeCatalog(dir.path(), "new", 250), dir.path());
  REQUIRE(waitFor(loader, [&] { return waiting() == 1; }));  // the swap
  std::atomic<int64_t> readerRows{-1};
  std::string readerError;
  std::thread reader([&] {
    try {
      const PgConnection connection(test::pgSource());
      readerRows = count(connection, kSpots);
    } catch (const std::exception& error) {
      readerError = error.what();
    }
  });
  const bool queued = waitFor(loader, [&] { return waiting() == 2; });
  holder.exec("COMMIT");
  reader.join();
  REQUIRE(queued);
  CHECK(readerError.empty());
  CHECK(readerRows == 250);
  CHECK(loader.wait() == 0);
}
